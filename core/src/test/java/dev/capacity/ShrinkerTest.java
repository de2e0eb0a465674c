package dev.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.testkit.ScenarioGenerator;
import dev.capacity.testkit.Shrinker;
import org.junit.jupiter.api.Test;

/** The generator is deterministic and the shrinker cuts a failing scenario to a local minimum. */
class ShrinkerTest {
  @Test
  void sameSeedSameScenario() {
    Scenario a = ScenarioGenerator.generate(42, 30, 40);
    Scenario b = ScenarioGenerator.generate(42, 30, 40);
    assertThat(a).isEqualTo(b);
    assertThat(ScenarioGenerator.generate(43, 30, 40)).isNotEqualTo(a);
  }

  @Test
  void shrinksToTheFewestBookingsAndTablesThatStillFail() {
    // a planted "bug": any scenario with a party of 5 or more and a 4-top fails
    java.util.function.Predicate<Scenario> fails =
        s ->
            s.bookings().stream().anyMatch(b -> b.partySize() >= 5)
                && s.floor().tables().stream().anyMatch(t -> t.capacity() == 4);
    Scenario start = null;
    for (long seed = 1; start == null; seed++) {
      Scenario s = ScenarioGenerator.generate(seed, 30, 40);
      if (fails.test(s) && s.bookings().size() > 5 && s.floor().tables().size() > 5) {
        start = s;
      }
    }
    Scenario small = Shrinker.shrink(start, fails);
    assertThat(small.bookings()).hasSize(1);
    assertThat(small.floor().tables()).hasSize(1);
    assertThat(small.floor().adjacency()).isEmpty();
    assertThat(fails.test(small)).isTrue();
  }

  @Test
  void refusesAPassingScenario() {
    assertThatThrownBy(() -> Shrinker.shrink(ScenarioGenerator.generate(1, 5, 5), s -> false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
