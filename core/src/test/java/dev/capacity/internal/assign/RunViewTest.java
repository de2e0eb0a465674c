package dev.capacity.internal.assign;

import static dev.capacity.testing.Fixtures.R;
import static dev.capacity.testing.Fixtures.at;
import static dev.capacity.testing.Fixtures.booking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.BookingState;
import dev.capacity.BookingWindow;
import dev.capacity.Hold;
import dev.capacity.Occupancy;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
import dev.capacity.Outcome;
import dev.capacity.Reason;
import dev.capacity.SeatingPolicy;
import dev.capacity.memory.InMemoryCapacityStore;
import dev.capacity.testing.FaultyStore;
import dev.capacity.testing.FaultyStore.Call;
import dev.capacity.testing.Fixtures;
import dev.capacity.testing.MutableTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a run's quotes see through its view: the store plus the run's claims. */
class RunViewTest {
  private static final Duration TTL = Duration.ofMinutes(10);
  private static final Instant FROM = at("17:00");
  private static final Instant TO = at("23:00");

  private final SeatingPolicy policy = Fixtures.policy();
  private final List<Booking> bookings =
      List.of(booking("a", 4, "19:00"), booking("b", 2, "19:00"));
  private InMemoryCapacityStore memory;
  private FaultyStore store;
  private Dispatcher dispatcher;
  private RunView view;

  @BeforeEach
  void setUp() {
    memory = new InMemoryCapacityStore(new MutableTimeSource(Fixtures.CLOCK_START));
    memory.saveRestaurant(Fixtures.restaurant(), Fixtures.floor(), policy);
    for (Booking b : bookings) {
      memory.saveBooking(R, b);
    }
    memory.saveBooking(R, booking("outsider", 2, "20:00"));
    store = new FaultyStore(memory);
    dispatcher = new Dispatcher(bookings, policy, Fixtures.ZONE, true, true);
    view = new RunView(store, R, policy, Fixtures.ZONE, bookings, dispatcher, null);
  }

  @Test
  void aPlanIsClaimedBeforeTheStoreIsAskedToHoldItAndShownOnceAfterwards() {
    AtomicReference<@Nullable OccupancyEntry> seenDuringHold = new AtomicReference<>();
    List<String> unplacedDuringHold = new ArrayList<>();
    store.onCall(
        (call, booking) -> {
          if (call == Call.HOLD && "a".equals(booking)) {
            Occupancy occ = view.occupancy(R, FROM, TO).occupancy();
            seenDuringHold.set(occ.entry(OccupancyKind.ASSIGNMENT, "a"));
            view.unplacedBookings(R, FROM, TO).forEach(b -> unplacedDuringHold.add(b.id()));
          }
        });
    assertThat(dispatcher.take()).isZero();
    assertThat(dispatcher.take()).isEqualTo(1);

    Outcome<Hold> held = view.hold(R, "a", List.of("T4"), TTL);

    assertThat(held.valueOrNull()).isNotNull();
    OccupancyEntry claim = Objects.requireNonNull(seenDuringHold.get(), "no claim seen");
    assertThat(claim.tables()).containsExactly("T4");
    assertThat(claim.start()).isEqualTo(at("19:00"));
    assertThat(unplacedDuringHold).containsExactly("b", "outsider");
    // a is decided: b's quote goes ahead at once
    dispatcher.awaitTurn(1);
    Occupancy after = view.occupancy(R, FROM, TO).occupancy();
    assertThat(after.entry(OccupancyKind.HOLD, "a")).isNotNull();
    assertThat(after.entry(OccupancyKind.ASSIGNMENT, "a")).isNull();
    assertThat(after.isFree("T4", policy.window(bookings.get(0), Fixtures.ZONE))).isFalse();
  }

  @Test
  void aClaimTakesItsBookingOutOfTheKeptOpenBookingsAlsoWhenTheRunReadItWithAnotherStart() {
    // the run's copy of b starts at 19:30, the store's (which the open bookings come from) at 19:00
    List<Booking> run = List.of(booking("a", 4, "19:00"), booking("b", 2, "19:30"));
    Dispatcher d = new Dispatcher(run, policy, Fixtures.ZONE, true, true);
    RunView v = new RunView(store, R, policy, Fixtures.ZONE, run, d, null);
    assertThat(d.take()).isZero();
    assertThat(d.take()).isEqualTo(1);
    v.enter(0);
    v.occupancy(R, FROM, TO); // the view is kept from here on
    assertThat(v.unplacedBookings(R, FROM, TO))
        .extracting(Booking::id)
        .containsExactlyInAnyOrder("a", "b", "outsider");

    assertThat(v.hold(R, "a", List.of("T4"), TTL).valueOrNull()).isNotNull();
    assertThat(v.unplacedBookings(R, FROM, TO))
        .extracting(Booking::id)
        .containsExactly("b", "outsider");
    assertThat(v.hold(R, "b", List.of("T1"), TTL).valueOrNull()).isNotNull();
    assertThat(v.unplacedBookings(R, FROM, TO)).extracting(Booking::id).containsExactly("outsider");
    assertThat(v.occupancy(R, FROM, TO).occupancy().entry(OccupancyKind.ASSIGNMENT, "b"))
        .isNotNull();
  }

  @Test
  void workersStartingTogetherReadTheStoreOnceForTheView() throws InterruptedException {
    AtomicInteger contexts = new AtomicInteger();
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    store.onCall(
        (call, booking) -> {
          if (call == Call.CONTEXT && contexts.incrementAndGet() == 1) {
            reading.countDown();
            awaitQuietly(release);
          }
        });
    assertThat(dispatcher.take()).isZero();
    assertThat(dispatcher.take()).isEqualTo(1);
    List<@Nullable Object> seen = Collections.synchronizedList(new ArrayList<>());
    Thread first = worker(0, seen);
    Thread second = worker(1, seen);
    first.start();
    assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
    second.start();
    // the second worker finds no view while the first reads it, and waits for that read
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (second.getState() != Thread.State.BLOCKED
        && second.getState() != Thread.State.TERMINATED
        && System.nanoTime() < giveUp) {
      Thread.onSpinWait();
    }
    release.countDown();
    first.join(10_000);
    second.join(10_000);

    assertThat(contexts).hasValue(1);
    assertThat(store.calls(Call.OCCUPANCY)).isEqualTo(1);
    assertThat(seen).hasSize(2).doesNotContainNull();
    assertThat(seen.get(0)).isSameAs(seen.get(1));
  }

  private Thread worker(int k, List<@Nullable Object> seen) {
    return new Thread(
        () -> {
          view.enter(k);
          try {
            seen.add(view.context(R));
          } finally {
            view.leave();
          }
        });
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aRefusedHoldDropsItsClaim() {
    store.refuse(Call.HOLD, "b", 1, Reason.CONFLICT);

    Outcome<Hold> held = view.hold(R, "b", List.of("T1"), TTL);

    assertThat(held.reason()).isEqualTo(Reason.CONFLICT);
    assertThat(view.claimed()).isZero();
    Occupancy occ = view.occupancy(R, FROM, TO).occupancy();
    assertThat(occ.entry(OccupancyKind.ASSIGNMENT, "b")).isNull();
    assertThat(view.unplacedBookings(R, FROM, TO)).extracting(Booking::id).contains("b");
  }

  @Test
  void aReleasedHoldDropsItsClaimAndItsBookingIsUnplacedAgain() {
    Hold hold =
        Objects.requireNonNull(view.hold(R, "a", List.of("T4"), TTL).valueOrNull(), "not held");
    assertThat(view.claimed()).isEqualTo(1);

    assertThat(view.releaseHold(R, "a", hold.id()).valueOrNull()).isNotNull();

    assertThat(view.claimed()).isZero();
    Occupancy occ = view.occupancy(R, FROM, TO).occupancy();
    assertThat(occ.entry(OccupancyKind.HOLD, "a")).isNull();
    assertThat(occ.entry(OccupancyKind.ASSIGNMENT, "a")).isNull();
    assertThat(view.unplacedBookings(R, FROM, TO)).extracting(Booking::id).contains("a");
  }

  @Test
  void aBookingOutsideTheRunIsNotClaimedAndOnceSeatedIsLeftOutOfTheLookahead() {
    assertThat(view.unplacedBookings(R, FROM, TO))
        .extracting(Booking::id)
        .containsExactly("a", "b", "outsider");

    Hold hold = view.hold(R, "outsider", List.of("T1"), TTL).valueOrNull();

    assertThat(hold).isNotNull();
    assertThat(view.claimed()).isZero();
    // read once for the run, the unplaced bookings still list it until a read shows it held
    view.occupancy(R, FROM, TO);
    assertThat(view.unplacedBookings(R, FROM, TO))
        .extracting(Booking::id)
        .containsExactly("a", "b");
  }

  @Test
  void aRunsQuotesAreServedFromOneReadOfTheStoreWithTheRunsClaimsApplied() {
    assertThat(dispatcher.take()).isZero();
    assertThat(dispatcher.take()).isEqualTo(1);
    view.enter(0);
    assertThat(view.context(R)).isNotNull();
    assertThat(view.occupancy(R, FROM, TO).occupancy().isFree("T4", window(0))).isTrue();
    Hold hold =
        Objects.requireNonNull(view.hold(R, "a", List.of("T4"), TTL).valueOrNull(), "not held");
    assertThat(view.confirm(R, "a", hold.id(), "key-a", "test").valueOrNull()).isNotNull();

    view.enter(1);
    assertThat(view.context(R)).isNotNull();
    Occupancy seen = view.occupancy(R, FROM, TO).occupancy();

    assertThat(seen.isFree("T4", window(0))).isFalse();
    assertThat(Objects.requireNonNull(seen.entry(OccupancyKind.ASSIGNMENT, "a")).tables())
        .containsExactly("T4");
    assertThat(seen.entry(OccupancyKind.HOLD, "a")).isNull();
    assertThat(store.calls(Call.OCCUPANCY)).isEqualTo(1);
    assertThat(store.calls(Call.CONTEXT)).isEqualTo(1);
  }

  @Test
  void aHoldRefusedBecauseAnotherWriterTookItsTablesMakesTheNextQuoteReadTheStoreAgain() {
    memory.saveBooking(R, booking("rival", 2, "19:00"));
    assertThat(dispatcher.take()).isZero();
    assertThat(dispatcher.take()).isEqualTo(1);
    dispatcher.held(0); // a is decided elsewhere: b's quotes go ahead
    view.enter(1);
    assertThat(view.occupancy(R, FROM, TO).occupancy().isFree("T1", window(1))).isTrue();
    // another writer, not through the view: the kept occupancy does not show it
    assertThat(memory.hold(R, "rival", List.of("T1"), TTL).valueOrNull()).isNotNull();
    assertThat(view.occupancy(R, FROM, TO).occupancy().isFree("T1", window(1))).isTrue();

    assertThat(view.hold(R, "b", List.of("T1"), TTL).reason()).isEqualTo(Reason.CONFLICT);

    Occupancy seen = view.occupancy(R, FROM, TO).occupancy();
    assertThat(seen.isFree("T1", window(1))).isFalse();
    assertThat(seen.entry(OccupancyKind.HOLD, "rival")).isNotNull();
    assertThat(store.calls(Call.OCCUPANCY)).isEqualTo(2);
  }

  @Test
  void aWriteOfAnotherKindThroughTheViewMakesTheNextQuoteReadTheStoreAgain() {
    assertThat(dispatcher.take()).isZero();
    view.enter(0);
    view.occupancy(R, FROM, TO);
    assertThat(store.calls(Call.OCCUPANCY)).isEqualTo(1);

    assertThat(view.addBlock(R, new Block("x", "T4", at("18:00"), at("22:00"))).valueOrNull())
        .isNotNull();

    Occupancy seen = view.occupancy(R, FROM, TO).occupancy();
    assertThat(seen.isFree("T4", window(0))).isFalse();
    assertThat(store.calls(Call.OCCUPANCY)).isEqualTo(2);
  }

  private BookingWindow window(int k) {
    return policy.window(bookings.get(k), Fixtures.ZONE);
  }

  @Test
  void aBookingsFirstReadOfItselfIsTheRunsOwnReadAndLaterReadsGoToTheStore() {
    List<BookingState> read =
        bookings.stream().map(b -> Objects.requireNonNull(memory.booking(R, b.id()))).toList();
    RunView served = new RunView(store, R, policy, Fixtures.ZONE, bookings, dispatcher, read);
    served.enter(1);

    assertThat(served.booking(R, "b")).isSameAs(read.get(1));
    assertThat(store.calls(Call.BOOKING)).isZero();
    assertThat(served.booking(R, "a")).isEqualTo(read.get(0));
    assertThat(store.calls(Call.BOOKING)).isEqualTo(1);
    assertThat(served.booking(R, "b")).isEqualTo(read.get(1));
    assertThat(store.calls(Call.BOOKING)).isEqualTo(2);
    served.enter(1); // the next booking's work on this thread starts afresh
    assertThat(served.booking(R, "b")).isSameAs(read.get(1));
    assertThat(store.calls(Call.BOOKING)).isEqualTo(2);
  }
}
