package dev.capacity.internal.assign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.AutoAssignResult;
import dev.capacity.AutoAssigner;
import dev.capacity.Planner;
import dev.capacity.memory.InMemoryCapacityStore;
import dev.capacity.testing.Fixtures;
import dev.capacity.testing.MutableTimeSource;
import dev.capacity.testing.RecordingStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The inline path ({@link AutoAssigner#assignNow}) reads the restaurant's context and the booking
 * once: its first attempt quotes the state it read to decide whether to seat the booking, and the
 * store checks that state again under the booking's lock.
 */
class InlineReadsTest {

  @Test
  void assignNowReadsTheContextAndTheBookingOnceBeforeItsOneCommand() {
    MutableTimeSource clock = new MutableTimeSource(Fixtures.CLOCK_START);
    InMemoryCapacityStore store = new InMemoryCapacityStore(clock);
    store.saveRestaurant(Fixtures.restaurant(), Fixtures.floor(), Fixtures.policy()).orElseThrow();
    store.saveBooking(Fixtures.R, Fixtures.booking("b1", 2, "19:00")).orElseThrow();
    List<String> calls = new CopyOnWriteArrayList<>();
    AutoAssigner assigner =
        AutoAssigner.builder(RecordingStore.of(store, calls))
            .planner(Planner.create(clock))
            .timeSource(clock)
            .build();

    AutoAssignResult r = assigner.assignNow(Fixtures.R, "b1", Duration.ofSeconds(5));

    assertThat(r.status()).isEqualTo(AutoAssignResult.Status.ASSIGNED);
    assertThat(calls)
        .as("store calls")
        .containsExactly("context", "booking", "contextVersion", "occupancy", "holdAndConfirm");
  }
}
