package dev.capacity.memory;

import static dev.capacity.testing.Fixtures.R;
import static dev.capacity.testing.Fixtures.booking;
import static dev.capacity.testing.Fixtures.floor;
import static dev.capacity.testing.Fixtures.restaurant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.AssignRequest;
import dev.capacity.ContextVersion;
import dev.capacity.Hold;
import dev.capacity.OccupancyKind;
import dev.capacity.Outcome;
import dev.capacity.Restaurant;
import dev.capacity.spi.AbstractCapacityStoreContractTest;
import dev.capacity.spi.OccupancySnapshot;
import dev.capacity.testing.Fixtures;
import dev.capacity.testing.MutableTimeSource;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** What the in-memory store promises beyond the contract. */
class InMemoryCapacityStoreTest {
  private static final Duration TTL = Duration.ofMinutes(5);
  private MutableTimeSource clock;
  private InMemoryCapacityStore store;

  @BeforeEach
  void setUp() {
    clock = new MutableTimeSource(Fixtures.CLOCK_START);
    store = new InMemoryCapacityStore(clock);
    store.saveRestaurant(restaurant(), floor(), Fixtures.policy()).orElseThrow();
  }

  private void add(String restaurantId, String id) {
    store.saveBooking(restaurantId, booking(id, 2, "19:00")).orElseThrow();
  }

  @Test
  void P2_8_aWriteOnOtherTablesDoesNotInvalidateTheContext() {
    add(R, "b1");
    add(R, "b2");
    ContextVersion decided = Objects.requireNonNull(store.contextVersion(R, "b1"));
    store.hold(R, "b2", List.of("T2"), TTL).orElseThrow();
    Outcome<?> out =
        store.assign(R, new AssignRequest("b1", List.of("T1"), decided, "k", "host", ""));
    assertThat(out.isSuccess()).isTrue();
  }

  @Test
  void restaurantsAreIsolated() {
    store
        .saveRestaurant(
            new Restaurant("other", ZoneId.of("Europe/London")), floor(), Fixtures.policy())
        .orElseThrow();
    add(R, "b1");
    add("other", "b1");
    Hold here = store.hold(R, "b1", List.of("T1"), TTL).orElseThrow();
    Hold there = store.hold("other", "b1", List.of("T1"), TTL).orElseThrow();
    store.confirm(R, "b1", here.id(), "k-1", "host").orElseThrow();
    assertThat(store.confirm("other", "b1", there.id(), "k-1", "host").orElseThrow().repeated())
        .isFalse();
    assertThat(
            store.occupancy("other", Fixtures.at("00:00"), Fixtures.at("23:59")).occupancy().size())
        .isEqualTo(1);
  }

  @Test
  void expiredHoldsAreLeftOutOfReadsWithoutAWrite() {
    add(R, "b1");
    store.hold(R, "b1", List.of("T1"), TTL).orElseThrow();
    OccupancySnapshot before = store.occupancy(R, Fixtures.at("17:00"), Fixtures.at("23:00"));
    clock.advance(TTL);
    OccupancySnapshot after = store.occupancy(R, Fixtures.at("17:00"), Fixtures.at("23:00"));
    assertThat(before.occupancy().entry(OccupancyKind.HOLD, "b1")).isNotNull();
    assertThat(after.occupancy().entry(OccupancyKind.HOLD, "b1")).isNull();
    assertThat(after.version()).isEqualTo(before.version());
  }

  /**
   * Readers running beside racing writers never see a double booking: every snapshot is one
   * consistent state.
   */
  @RepeatedTest(3)
  void readersBesideRacingWritersSeeConsistentSnapshots() throws Exception {
    int writers = 16;
    for (int i = 0; i < writers; i++) {
      add(R, "w" + i);
    }
    List<List<String>> plans =
        List.of(List.of("T1"), List.of("T2"), List.of("T1", "T2"), List.of("T3"), List.of("T7"));
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger snapshots = new AtomicInteger();
    CountDownLatch gate = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    try {
      List<Future<?>> done = new ArrayList<>();
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(
            pool.submit(
                () -> {
                  gate.await();
                  do {
                    AbstractCapacityStoreContractTest.assertNothingDoubleBooked(
                        store.occupancy(R, Fixtures.at("00:00"), Fixtures.at("23:59")));
                    snapshots.incrementAndGet();
                  } while (writing.get());
                  return null;
                }));
      }
      for (int i = 0; i < writers; i++) {
        String b = "w" + i;
        List<String> plan = plans.get(i % plans.size());
        done.add(
            pool.submit(
                () -> {
                  gate.await();
                  for (int round = 0; round < 20; round++) {
                    Hold h = store.hold(R, b, plan, TTL).valueOrNull();
                    if (h != null) {
                      store.releaseHold(R, b, h.id());
                    }
                  }
                  return null;
                }));
      }
      gate.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      for (Future<?> f : readers) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(snapshots.get()).isPositive();
    assertThat(store.occupancy(R, Fixtures.at("00:00"), Fixtures.at("23:59")).occupancy().size())
        .isZero();
  }
}
