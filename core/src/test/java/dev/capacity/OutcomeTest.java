package dev.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.spi.CapacityStorageException;
import dev.capacity.spi.TransientStorageException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed outcome of a command, and the storage exceptions. */
class OutcomeTest {
  @Test
  void successCarriesItsValue() {
    Outcome<String> ok = Outcome.success("T1");
    assertThat(ok.isSuccess()).isTrue();
    assertThat(ok.valueOrNull()).isEqualTo("T1");
    assertThat(ok.refusalOrNull()).isNull();
    assertThat(ok.reason()).isNull();
    assertThat(ok.map(String::length).orElseThrow()).isEqualTo(2);
  }

  @Test
  void refusalCarriesItsReasonAndThrowsOnlyWhenAskedForAValue() {
    Outcome<String> no = Outcome.refused(Reason.CONFLICT, "table 'T1' is held for 'b7'");
    assertThat(no.isSuccess()).isFalse();
    assertThat(no.valueOrNull()).isNull();
    assertThat(no.reason()).isEqualTo(Reason.CONFLICT);
    assertThat(java.util.Objects.requireNonNull(no.refusalOrNull()).retryable()).isTrue();
    assertThat(no.map(String::length).reason()).isEqualTo(Reason.CONFLICT);
    assertThatThrownBy(no::orElseThrow)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CONFLICT")
        .hasMessageContaining("T1");
  }

  @Test
  void verdictStatusAgreesWithItsViolations() {
    Violation v = new Violation(Rule.CAPACITY, "too small", List.of("b1"), List.of("T1"));
    assertThat(RuleVerdict.of(Rule.CAPACITY, List.of(v)).status())
        .isEqualTo(RuleVerdict.Status.FAILED);
    assertThat(RuleVerdict.of(Rule.CAPACITY, List.of()).passed()).isTrue();
    assertThatThrownBy(() -> new RuleVerdict(Rule.CAPACITY, RuleVerdict.Status.PASSED, List.of(v)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyTransientStorageFailuresAreRetryable() {
    assertThat(new CapacityStorageException("disk full", null).retryable()).isFalse();
    assertThat(new TransientStorageException("serialization failure", null).retryable()).isTrue();
  }

  @Test
  void availabilityRequestNeedsADateOrARange() {
    assertThatThrownBy(
            () -> new AvailabilityRequest("r", 2, null, java.time.Instant.EPOCH, null, null, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new AvailabilityRequest(
                    "r",
                    2,
                    java.time.LocalDate.EPOCH,
                    java.time.Instant.EPOCH,
                    java.time.Instant.EPOCH.plusSeconds(60),
                    null,
                    false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
