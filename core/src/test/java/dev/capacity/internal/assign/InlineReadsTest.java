package dev.capacity.internal.assign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.AutoAssignResult;
import dev.capacity.AutoAssigner;
import dev.capacity.BookingState;
import dev.capacity.BookingStatus;
import dev.capacity.Planner;
import dev.capacity.Reason;
import dev.capacity.memory.InMemoryCapacityStore;
import dev.capacity.spi.CapacityStore;
import dev.capacity.testing.Fixtures;
import dev.capacity.testing.MutableTimeSource;
import dev.capacity.testing.RecordingStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inline path ({@link AutoAssigner#assignNow}) reads the restaurant's context and the booking
 * once: its first attempt quotes the state it read to decide whether to seat the booking, and the
 * store checks that state again under the booking's lock. A change saved between that read and the
 * command is refused by the store, and a "no plan" answer found on the state read is not remembered
 * under the versions of a later one.
 */
class InlineReadsTest {
  private final MutableTimeSource clock = new MutableTimeSource(Fixtures.CLOCK_START);
  private final InMemoryCapacityStore store = new InMemoryCapacityStore(clock);

  private AutoAssigner assigner(CapacityStore over) {
    return AutoAssigner.builder(over).planner(Planner.create(clock)).timeSource(clock).build();
  }

  /** The store, with {@code meanwhile} run once when the runner reads the booking's versions. */
  private CapacityStore changingAtTheVersionRead(Runnable meanwhile) {
    AtomicBoolean ran = new AtomicBoolean();
    return (CapacityStore)
        Proxy.newProxyInstance(
            CapacityStore.class.getClassLoader(),
            new Class<?>[] {CapacityStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("contextVersion") && ran.compareAndSet(false, true)) {
                meanwhile.run();
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @BeforeEach
  void restaurant() {
    store.saveRestaurant(Fixtures.restaurant(), Fixtures.floor(), Fixtures.policy()).orElseThrow();
  }

  @Test
  void assignNowReadsTheContextAndTheBookingOnceBeforeItsOneCommand() {
    store.saveBooking(Fixtures.R, Fixtures.booking("b1", 2, "19:00")).orElseThrow();
    List<String> calls = new CopyOnWriteArrayList<>();

    AutoAssignResult r =
        assigner(RecordingStore.of(store, calls))
            .assignNow(Fixtures.R, "b1", Duration.ofSeconds(5));

    assertThat(r.status()).isEqualTo(AutoAssignResult.Status.ASSIGNED);
    assertThat(calls)
        .as("store calls")
        .containsExactly("context", "booking", "contextVersion", "occupancy", "holdAndConfirm");
  }

  @Test
  void aBookingCancelledAfterTheReadIsRefusedByTheStore() {
    store.saveBooking(Fixtures.R, Fixtures.booking("b1", 2, "19:00")).orElseThrow();
    CapacityStore racing =
        changingAtTheVersionRead(
            () ->
                store
                    .transition(Fixtures.R, "b1", BookingStatus.CANCELLED, "guest", "changed mind")
                    .orElseThrow());

    AutoAssignResult r = assigner(racing).assignNow(Fixtures.R, "b1", Duration.ofSeconds(5));

    assertThat(r.status()).isEqualTo(AutoAssignResult.Status.NOT_ASSIGNED);
    assertThat(r.reason()).isEqualTo(Reason.BOOKING_NOT_ASSIGNABLE);
    BookingState now = Objects.requireNonNull(store.booking(Fixtures.R, "b1"));
    assertThat(now.assignment()).isNull();
    assertThat(now.hold()).isNull();
  }

  @Test
  void aNoPlanAnswerOnTheStateReadIsNotRememberedForAChangeSavedMeanwhile() {
    // a party of 40 fits nowhere; the guest corrects it to 2 while the runner is about to quote
    store.saveBooking(Fixtures.R, Fixtures.booking("b1", 40, "19:00")).orElseThrow();
    CapacityStore racing =
        changingAtTheVersionRead(
            () -> store.saveBooking(Fixtures.R, Fixtures.booking("b1", 2, "19:00")).orElseThrow());
    AutoAssigner runner = assigner(racing);

    AutoAssignResult first = runner.assignNow(Fixtures.R, "b1", Duration.ofSeconds(5));
    AutoAssignResult second = runner.assignNow(Fixtures.R, "b1", Duration.ofSeconds(5));

    assertThat(first.status()).isEqualTo(AutoAssignResult.Status.NOT_ASSIGNED);
    assertThat(first.reason()).isEqualTo(Reason.PARTY_TOO_LARGE);
    // not skipped as known to have no plan: that answer belonged to the party of 40
    assertThat(second.status()).isEqualTo(AutoAssignResult.Status.ASSIGNED);
  }
}
