package dev.capacity.internal.assign;

import static dev.capacity.testing.Fixtures.R;
import static dev.capacity.testing.Fixtures.at;
import static dev.capacity.testing.Fixtures.booking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Booking;
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
import java.util.List;
import java.util.Objects;
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
  private FaultyStore store;
  private Dispatcher dispatcher;
  private RunView view;

  @BeforeEach
  void setUp() {
    InMemoryCapacityStore memory =
        new InMemoryCapacityStore(new MutableTimeSource(Fixtures.CLOCK_START));
    memory.saveRestaurant(Fixtures.restaurant(), Fixtures.floor(), policy);
    for (Booking b : bookings) {
      memory.saveBooking(R, b);
    }
    memory.saveBooking(R, booking("outsider", 2, "20:00"));
    store = new FaultyStore(memory);
    dispatcher = new Dispatcher(bookings, policy, Fixtures.ZONE, true, true);
    view = new RunView(store, R, policy, Fixtures.ZONE, bookings, dispatcher);
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
}
