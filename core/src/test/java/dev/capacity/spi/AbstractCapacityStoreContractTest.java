package dev.capacity.spi;

import static dev.capacity.testing.Fixtures.R;
import static dev.capacity.testing.Fixtures.at;
import static dev.capacity.testing.Fixtures.booking;
import static dev.capacity.testing.Fixtures.floor;
import static dev.capacity.testing.Fixtures.policy;
import static dev.capacity.testing.Fixtures.policyBuilder;
import static dev.capacity.testing.Fixtures.restaurant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.AdjacencyMode;
import dev.capacity.AssignRequest;
import dev.capacity.Availability;
import dev.capacity.AvailabilityRequest;
import dev.capacity.AvailableStart;
import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.BookingState;
import dev.capacity.BookingStatus;
import dev.capacity.CapacityService;
import dev.capacity.Confirmation;
import dev.capacity.ContextChange;
import dev.capacity.ContextVersion;
import dev.capacity.FloorPlan;
import dev.capacity.HeldPlan;
import dev.capacity.Hold;
import dev.capacity.ManualAssignment;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
import dev.capacity.Outcome;
import dev.capacity.Pacing;
import dev.capacity.Planner;
import dev.capacity.Quote;
import dev.capacity.Reason;
import dev.capacity.Refusal;
import dev.capacity.RestaurantContext;
import dev.capacity.ResultMode;
import dev.capacity.Rule;
import dev.capacity.RuleVerdict;
import dev.capacity.Scenario;
import dev.capacity.ScenarioLoader;
import dev.capacity.SeatingPolicy;
import dev.capacity.SeatingResult;
import dev.capacity.StatusChange;
import dev.capacity.Table;
import dev.capacity.TurnTime;
import dev.capacity.Violation;
import dev.capacity.check.CheckReport;
import dev.capacity.check.RuleChecker;
import dev.capacity.format.ScenarioFiles;
import dev.capacity.testing.Fixtures;
import dev.capacity.testing.MutableTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link CapacityStore} must meet, run against each adapter (the in-memory one
 * here, the PostgreSQL one in {@code jdbc-adapter}, which extends this class through core's
 * test-jar). It covers every command, every refusal reason, idempotency, expiry with an injected
 * clock (never sleeping), races released by a start gate, and the service over the store. Test
 * names carry the pitfall ids of {@code pitfalls.md}.
 *
 * <p>A subclass provides {@link #createStore(TimeSource)}; it may override {@link #planner()} and
 * {@link #tearDownStore(CapacityStore)}.
 */
public abstract class AbstractCapacityStoreContractTest {
  /** The TTL the suite's holds use. */
  protected static final Duration TTL = Duration.ofMinutes(5);

  /** The clock the store judges expiry by; tests move it. */
  protected MutableTimeSource clock;

  /** The store under test, with the fixture restaurant saved. */
  protected CapacityStore store;

  private final AtomicInteger keys = new AtomicInteger();

  /**
   * Creates an empty store that judges time by the given clock.
   *
   * @param time the clock
   * @return the store
   */
  protected abstract CapacityStore createStore(TimeSource time);

  /**
   * Releases what {@link #createStore} acquired. Default: nothing.
   *
   * @param store the store
   */
  protected void tearDownStore(CapacityStore store) {}

  /**
   * The planner the service-level tests use. Default: the library's planner on the test clock
   * (whose ticker stands still, so no search runs out of budget).
   *
   * @return the planner
   */
  protected Planner planner() {
    return Planner.create(clock);
  }

  @BeforeEach
  void createStoreWithFixtureRestaurant() {
    clock = new MutableTimeSource(Fixtures.CLOCK_START);
    store = createStore(clock);
    savePolicy(policy());
  }

  @AfterEach
  void dropStore() {
    tearDownStore(store);
  }

  // -------------------------------------------------------------------------------------- helpers

  /** Saves the fixture restaurant and floor with a policy. */
  protected void savePolicy(SeatingPolicy policy) {
    ok(store.saveRestaurant(restaurant(), floor(), policy));
  }

  /** Saves the fixture restaurant with a floor plan and the fixture policy. */
  protected void saveFloor(FloorPlan floor) {
    ok(
        store.saveRestaurant(
            restaurant(), floor, Objects.requireNonNull(store.context(R)).policy()));
  }

  /** Saves a pending booking on the service date. */
  protected BookingState add(String id, int party, String hhmm) {
    return ok(store.saveBooking(R, booking(id, party, hhmm)));
  }

  protected static <T> T ok(Outcome<T> outcome) {
    assertThat(outcome.refusalOrNull()).as("refusal").isNull();
    return outcome.orElseThrow();
  }

  protected static Refusal refused(Outcome<?> outcome, Reason reason) {
    assertThat(outcome.reason()).as("reason of %s", outcome).isEqualTo(reason);
    return Objects.requireNonNull(outcome.refusalOrNull());
  }

  protected Outcome<Hold> tryHold(String bookingId, String... tables) {
    return store.hold(R, bookingId, Arrays.asList(tables), TTL);
  }

  protected Hold hold(String bookingId, String... tables) {
    return ok(tryHold(bookingId, tables));
  }

  protected String key() {
    return "key-" + keys.incrementAndGet();
  }

  protected Confirmation confirm(Hold hold) {
    return ok(store.confirm(R, hold.booking(), hold.id(), key(), "host"));
  }

  protected ContextVersion context(String bookingId) {
    return Objects.requireNonNull(store.contextVersion(R, bookingId));
  }

  protected Outcome<Confirmation> tryAssign(String bookingId, String... tables) {
    return store.assign(
        R,
        new AssignRequest(bookingId, Arrays.asList(tables), context(bookingId), key(), "host", ""));
  }

  protected Confirmation assign(String bookingId, String... tables) {
    return ok(tryAssign(bookingId, tables));
  }

  protected OccupancySnapshot occupancy() {
    return store.occupancy(R, at("00:00"), at("00:00").plus(Duration.ofDays(2)));
  }

  protected long version() {
    return occupancy().version();
  }

  protected List<OccupancyEntry> entries(OccupancyKind kind) {
    return occupancy().occupancy().entries().stream().filter(e -> e.kind() == kind).toList();
  }

  protected BookingState state(String bookingId) {
    return Objects.requireNonNull(store.booking(R, bookingId));
  }

  protected CapacityService service() {
    return CapacityService.builder(store).planner(planner()).timeSource(clock).build();
  }

  /** No table carries two entries whose ranges overlap: the store's one invariant. */
  public static void assertNothingDoubleBooked(OccupancySnapshot snapshot) {
    List<OccupancyEntry> all = snapshot.occupancy().entries();
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        OccupancyEntry a = all.get(i);
        OccupancyEntry b = all.get(j);
        boolean overlap = a.start().isBefore(b.until()) && b.start().isBefore(a.until());
        Set<String> shared = new HashSet<>(a.tables());
        shared.retainAll(b.tables());
        assertThat(overlap && !shared.isEmpty())
            .as("%s and %s overlap on %s", a, b, shared)
            .isFalse();
      }
    }
  }

  // ------------------------------------------------------------------------------- reading, saving

  @Test
  public void savedRestaurantIsReadBackWithItsVersions() {
    RestaurantContext ctx = Objects.requireNonNull(store.context(R));
    assertThat(ctx.restaurant()).isEqualTo(restaurant());
    assertThat(ctx.floor().version()).isEqualTo(floor().version());
    assertThat(ctx.policy().version()).isEqualTo(policy().version());
    assertThat(store.context("nowhere")).isNull();
    assertThatThrownBy(() -> store.occupancy("nowhere", at("17:00"), at("23:00")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  public void savedBookingsAreReadBackByIdAndRange() {
    add("b1", 2, "19:00");
    add("b2", 4, "18:00");
    add("b3", 2, "21:00");
    assertThat(state("b1").booking()).isEqualTo(booking("b1", 2, "19:00"));
    assertThat(state("b1").version()).isPositive();
    assertThat(store.bookings(R, at("18:00"), at("21:00")))
        .extracting(BookingState::id)
        .containsExactly("b2", "b1");
    assertThat(store.booking(R, "nobody")).isNull();
    assertThat(store.booking("nowhere", "b1")).isNull();
  }

  @Test
  public void unplacedBookingsArePendingOnesWithoutTablesOrLiveHold() {
    add("waiting", 2, "18:00");
    add("held", 2, "19:00");
    add("seated", 2, "19:00");
    add("cancelled", 2, "20:00");
    add("lapsed", 2, "21:00");
    add("late", 2, "23:30");
    hold("held", "T1");
    confirm(hold("seated", "T2"));
    ok(store.transition(R, "cancelled", BookingStatus.CANCELLED, "host", "guest called"));
    hold("lapsed", "T3");
    assertThat(store.unplacedBookings(R, at("17:00"), at("23:00")))
        .extracting(Booking::id)
        .containsExactly("waiting");
    clock.advance(TTL.plusSeconds(1)); // the hold of "held" and "lapsed" expire
    assertThat(store.unplacedBookings(R, at("17:00"), at("23:00")))
        .containsExactly(
            state("waiting").booking(), state("held").booking(), state("lapsed").booking());
    assertThat(store.unplacedBookings("nowhere", at("17:00"), at("23:00"))).isEmpty();
  }

  @Test
  public void bookingsByIdAreReadAsOneByOneAndUnknownIdsAreAbsent() {
    add("waiting", 2, "18:00");
    add("held", 2, "19:00");
    add("seated", 2, "19:00");
    hold("held", "T1");
    confirm(hold("seated", "T2"));
    Map<String, BookingState> read =
        store.bookings(R, List.of("seated", "ghost", "held", "waiting", "held"));
    assertThat(read).containsOnlyKeys("waiting", "held", "seated");
    for (String id : List.of("waiting", "held", "seated")) {
      assertThat(read.get(id)).as(id).isEqualTo(state(id));
    }
    assertThat(store.bookings(R, List.of())).isEmpty();
    assertThat(store.bookings("nowhere", List.of("waiting"))).isEmpty();
  }

  @Test
  public void newBookingCannotBeSavedConfirmedWithoutTables() {
    Booking b = booking("b1", 2, "19:00").withStatus(BookingStatus.CONFIRMED);
    refused(store.saveBooking(R, b), Reason.INVALID_REQUEST);
    assertThat(store.booking(R, "b1")).isNull();
  }

  @Test
  public void savingBookingCannotChangeItsStatus() {
    add("b1", 2, "19:00");
    refused(
        store.saveBooking(R, booking("b1", 2, "19:00").withStatus(BookingStatus.CANCELLED)),
        Reason.INVALID_REQUEST);
    assertThat(state("b1").status()).isEqualTo(BookingStatus.PENDING);
  }

  @Test
  public void heldBookingsPartyCannotChange() {
    add("b1", 2, "19:00");
    hold("b1", "T1");
    refused(store.saveBooking(R, booking("b1", 3, "19:00")), Reason.INVALID_REQUEST);
    assertThat(state("b1").booking().partySize()).isEqualTo(2);
  }

  @Test
  public void unknownRestaurantRefusesBookingsAndCommands() {
    refused(store.saveBooking("nowhere", booking("b1", 2, "19:00")), Reason.INVALID_REQUEST);
    refused(store.hold("nowhere", "b1", List.of("T1"), TTL), Reason.BOOKING_NOT_FOUND);
    assertThat(store.sweepExpiredHolds("nowhere")).isZero();
  }

  @Test
  public void floorPlanThatDropsAnOccupiedTableIsRefused() {
    add("b1", 2, "19:00");
    assign("b1", "T1");
    FloorPlan without =
        FloorPlan.of(
            floor().zones(),
            floor().tables().stream().filter(t -> !t.id().equals("T1")).toList(),
            floor().adjacency().stream()
                .filter(e -> !e.a().equals("T1") && !e.b().equals("T1"))
                .toList());
    refused(store.saveRestaurant(restaurant(), without, policy()), Reason.UNKNOWN_TABLE);
    assertThat(Objects.requireNonNull(store.context(R)).floor().table("T1")).isNotNull();
  }

  // ------------------------------------------------------------------------------------------ hold

  @Test
  public void holdReservesTablesUntilNowPlusTtl() {
    add("b1", 2, "19:00");
    Hold h = hold("b1", "T1");
    assertThat(h.booking()).isEqualTo("b1");
    assertThat(h.tables()).containsExactly("T1");
    assertThat(h.start()).isEqualTo(at("19:00"));
    assertThat(h.until()).isEqualTo(at("20:45")); // 90 minutes and a 15-minute buffer
    assertThat(h.expiresAt()).isEqualTo(clock.now().plus(TTL));
    assertThat(state("b1").hold()).isEqualTo(h);
    assertThat(state("b1").status()).isEqualTo(BookingStatus.PENDING);
    assertThat(entries(OccupancyKind.HOLD))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.owner()).isEqualTo("b1");
              assertThat(e.tables()).containsExactly("T1");
              assertThat(e.expiresAt()).isEqualTo(h.expiresAt());
            });
  }

  @Test
  public void holdOverAnotherBookingsHoldIsRefusedWithTheConflict() {
    add("b1", 2, "19:00");
    add("b2", 2, "20:00");
    hold("b1", "T1");
    Refusal r = refused(tryHold("b2", "T1"), Reason.CONFLICT);
    assertThat(r.retryable()).isTrue();
    assertThat(r.violations()).extracting(Violation::rule).contains(Rule.OVERLAP);
    assertThat(r.conflicts())
        .extracting(OccupancyEntry::kind, OccupancyEntry::owner)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(OccupancyKind.HOLD, "b1"));
  }

  @Test
  public void holdRightAfterAnotherBookingsWindowAndBufferSucceeds() {
    add("b1", 2, "19:00"); // blocks T1 until 20:45
    add("b2", 2, "20:45");
    add("b3", 2, "20:30");
    confirm(hold("b1", "T1"));
    hold("b2", "T1");
    refused(tryHold("b3", "T1"), Reason.CONFLICT);
  }

  @Test
  public void holdOfUnknownBookingIsRefused() {
    refused(tryHold("nobody", "T1"), Reason.BOOKING_NOT_FOUND);
  }

  @Test
  public void holdWithNonPositiveTtlIsRefused() {
    add("b1", 2, "19:00");
    refused(store.hold(R, "b1", List.of("T1"), Duration.ZERO), Reason.INVALID_REQUEST);
    assertThat(entries(OccupancyKind.HOLD)).isEmpty();
  }

  @Test
  public void P3_4_newHoldReplacesTheOldOneInTheSameStep() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    Hold first = hold("b1", "T1");
    Hold second = hold("b1", "T2");
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(entries(OccupancyKind.HOLD))
        .singleElement()
        .satisfies(e -> assertThat(e.tables()).containsExactly("T2"));
    assertThat(state("b1").hold()).isEqualTo(second);
    hold("b2", "T1"); // the replaced hold blocks nobody
    refused(store.confirm(R, "b1", first.id(), key(), "host"), Reason.HOLD_NOT_FOUND);
  }

  @Test
  public void H1_bookingsOwnHoldNeverBlocksItsNextHoldOnTheSameTables() {
    add("b1", 4, "19:00");
    hold("b1", "T1", "T2");
    Hold again = hold("b1", "T1", "T2");
    assertThat(entries(OccupancyKind.HOLD)).hasSize(1);
    Confirmation c = confirm(again);
    assertThat(c.assignment().tables()).containsExactly("T1", "T2");
  }

  @Test
  public void H1_confirmedBookingsOwnAssignmentNeverBlocksItsMove() {
    add("b1", 2, "19:00");
    assign("b1", "T1");
    Hold h = hold("b1", "T1", "T2"); // overlaps its own assignment
    refused(store.hold(R, "b1", List.of("T1", "T2", "T3"), TTL), Reason.RULE_BROKEN);
    Confirmation c = confirm(h);
    assertThat(c.assignment().tables()).containsExactly("T1", "T2");
    assertThat(entries(OccupancyKind.ASSIGNMENT)).hasSize(1);
    assertThat(entries(OccupancyKind.HOLD)).isEmpty();
  }

  // ------------------------------------------------------------------------ every rule, every path

  @Test
  public void P1_7_holdRefusesCapacityBelowTheParty() {
    add("b1", 6, "19:00");
    Refusal r = refused(tryHold("b1", "T1"), Reason.RULE_BROKEN);
    assertThat(r.violations()).extracting(Violation::rule).contains(Rule.CAPACITY);
    assertThat(r.retryable()).isFalse();
  }

  @Test
  public void P1_7_assignRefusesCapacityBelowTheParty() {
    add("b1", 6, "19:00");
    refused(tryAssign("b1", "T1", "T2"), Reason.RULE_BROKEN);
    assertThat(entries(OccupancyKind.ASSIGNMENT)).isEmpty();
  }

  @Test
  public void P1_7_holdRefusesTablesOfSeveralZones() {
    add("b1", 6, "19:00");
    Refusal r = refused(tryHold("b1", "T3", "T6"), Reason.RULE_BROKEN);
    assertThat(r.violations()).extracting(Violation::rule).containsExactly(Rule.COMBINATION);
  }

  @Test
  public void P1_7_holdRefusesTableThatIsNotCombinable() {
    add("b1", 6, "19:00");
    Refusal r = refused(tryHold("b1", "T4", "T7"), Reason.RULE_BROKEN);
    assertThat(r.violations()).extracting(Violation::rule).contains(Rule.COMBINATION);
  }

  @Test
  public void P1_7_holdRefusesTablesThatDoNotTouch() {
    add("b1", 4, "19:00");
    Refusal r = refused(tryHold("b1", "T1", "T4"), Reason.RULE_BROKEN);
    assertThat(r.violations()).extracting(Violation::rule).containsExactly(Rule.COMBINATION);
  }

  @Test
  public void P1_7_holdRefusesMoreTablesThanKMax() {
    add("b1", 10, "19:00");
    Refusal r = refused(tryHold("b1", "T1", "T2", "T3", "T4"), Reason.RULE_BROKEN);
    assertThat(r.violations()).extracting(Violation::rule).containsExactly(Rule.TABLES);
  }

  @Test
  public void P1_7_holdRefusesTablesOutsideTheBookingsZone() {
    ok(store.saveBooking(R, booking("b1", 2, "19:00").withZone("patio")));
    Refusal r = refused(tryHold("b1", "T1"), Reason.RULE_BROKEN);
    assertThat(r.violations()).extracting(Violation::rule).containsExactly(Rule.BOOKING_ZONE);
    hold("b1", "T6");
  }

  @Test
  public void P1_7_holdRefusesUnknownTable() {
    add("b1", 2, "19:00");
    refused(tryHold("b1", "T99"), Reason.UNKNOWN_TABLE);
    refused(tryAssign("b1", "T1", "T99"), Reason.UNKNOWN_TABLE);
  }

  @Test
  public void P4_7_holdRefusesMoreEmptySeatsThanMaxOverage() {
    add("b1", 1, "19:00");
    Refusal r = refused(tryHold("b1", "T5"), Reason.RULE_BROKEN);
    assertThat(r.violations()).extracting(Violation::rule).containsExactly(Rule.CAPACITY);
    assertThat(r.message()).contains("maxOverage");
  }

  @Test
  public void P4_7_assignAndConfirmRefuseMoreEmptySeatsThanMaxOverage() {
    add("b1", 3, "19:00");
    refused(tryAssign("b1", "T5"), Reason.RULE_BROKEN);
    Hold h = hold("b1", "T3"); // 4 seats for 3: fine
    savePolicy(policyBuilder().maxOverage(0).build());
    refused(store.confirm(R, "b1", h.id(), key(), "host"), Reason.RULE_BROKEN);
  }

  @Test
  public void P2_1_partyLimitsApplyToATableUsedAlone() {
    add("b1", 4, "19:00");
    Refusal r = refused(tryHold("b1", "T3"), Reason.RULE_BROKEN); // T3 seats 1..3 alone
    assertThat(r.violations()).extracting(Violation::rule).containsExactly(Rule.PARTY_LIMITS);
    add("b2", 6, "19:00");
    hold("b2", "T2", "T3"); // in a combination only capacity counts
  }

  @Test
  public void P2_3_storeChecksThePoliciesAdjacencyMode() {
    add("b1", 8, "19:00");
    savePolicy(policyBuilder().adjacencyMode(AdjacencyMode.PAIRWISE).build());
    Refusal r = refused(tryHold("b1", "T1", "T2", "T3"), Reason.RULE_BROKEN); // a path
    assertThat(r.violations()).extracting(Violation::rule).containsExactly(Rule.COMBINATION);
    savePolicy(policyBuilder().adjacencyMode(AdjacencyMode.NEIGHBORS).build());
    hold("b1", "T1", "T2", "T3"); // T2 touches both others
    savePolicy(policyBuilder().adjacencyMode(AdjacencyMode.CONNECTED).build());
    add("b2", 10, "19:00");
    refused(tryHold("b2", "T2", "T3", "T6"), Reason.RULE_BROKEN); // connected, but two zones
  }

  @Test
  public void P2_3_smallPartyNeedsNoAdjacencyBelowTheMinimum() {
    add("b1", 4, "19:00");
    refused(tryHold("b1", "T1", "T7"), Reason.RULE_BROKEN); // T7 is not combinable
    add("b2", 4, "19:00");
    refused(tryHold("b2", "T1", "T4"), Reason.RULE_BROKEN);
    savePolicy(policyBuilder().adjacencyMinPartySize(5).build());
    hold("b2", "T1", "T4");
  }

  @Test
  public void P2_4_startOutsideEveryServicePeriodIsRefused() {
    add("b1", 2, "16:45");
    Refusal r = refused(tryHold("b1", "T1"), Reason.OUTSIDE_SERVICE);
    assertThat(r.violations()).extracting(Violation::rule).containsExactly(Rule.TIMES);
    refused(tryAssign("b1", "T1"), Reason.OUTSIDE_SERVICE);
    add("b2", 2, "23:00"); // periods are half-open
    refused(tryHold("b2", "T1"), Reason.OUTSIDE_SERVICE);
  }

  @Test
  public void bookingWithoutTurnTimeIsRefused() {
    savePolicy(policyBuilder().turnTimes(List.of(new TurnTime(4, 100))).build());
    add("b1", 6, "19:00");
    refused(tryHold("b1", "T5"), Reason.NO_TURN_TIME);
    ok(store.saveBooking(R, booking("b1", 6, "19:00").withEnd(at("21:00"))));
    hold("b1", "T5");
  }

  @Test
  public void pacingFullIsRefusedAndOwnHoldIsNotCountedTwice() {
    savePolicy(policyBuilder().pacing(new Pacing(15, 6)).build());
    add("b1", 4, "19:00");
    add("b2", 2, "19:05");
    add("b3", 2, "19:10");
    add("b4", 2, "19:15");
    hold("b1", "T4");
    hold("b1", "T4"); // own hold is not counted against itself
    hold("b2", "T1");
    Refusal r = refused(tryHold("b3", "T2"), Reason.PACING_FULL);
    assertThat(r.violations()).extracting(Violation::rule).containsExactly(Rule.PACING);
    hold("b4", "T2"); // the next pacing window
  }

  @Test
  public void P4_6_confirmRefusesATableDeactivatedAfterTheHold() {
    add("b1", 2, "19:00");
    Hold h = hold("b1", "T1");
    FloorPlan f = floor();
    saveFloor(f.withTable(Objects.requireNonNull(f.table("T1")).withActive(false)));
    Refusal r = refused(store.confirm(R, "b1", h.id(), key(), "host"), Reason.TABLE_INACTIVE);
    assertThat(r.message()).contains("T1").contains("inactive");
    assertThat(entries(OccupancyKind.ASSIGNMENT)).isEmpty();
    add("b2", 2, "21:00");
    refused(tryHold("b2", "T1"), Reason.TABLE_INACTIVE);
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  public void P4_1_nullTableListIsRefusedAndNothingWritten() {
    add("b1", 2, "19:00");
    long v = version();
    refused(store.hold(R, "b1", null, TTL), Reason.INVALID_REQUEST);
    refused(
        store.assign(R, new AssignRequest("b1", null, context("b1"), key(), "host", "")),
        Reason.INVALID_REQUEST);
    assertThat(version()).isEqualTo(v);
    assertThat(occupancy().occupancy().size()).isZero();
  }

  @Test
  public void P4_1_emptyTableListIsRefusedAndNothingWritten() {
    add("b1", 2, "19:00");
    long v = version();
    Refusal r = refused(tryHold("b1"), Reason.INVALID_REQUEST);
    assertThat(r.message()).contains("no table");
    refused(tryAssign("b1"), Reason.INVALID_REQUEST);
    assertThat(version()).isEqualTo(v);
    assertThat(state("b1").hold()).isNull();
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  public void P4_1_nullTableIdIsRefusedAndNothingWritten() {
    add("b1", 4, "19:00");
    long v = version();
    Refusal r = refused(tryHold("b1", "T1", null), Reason.INVALID_REQUEST);
    assertThat(r.message()).contains("null");
    refused(tryAssign("b1", null, "T2"), Reason.INVALID_REQUEST);
    refused(tryHold("b1", " "), Reason.INVALID_REQUEST);
    assertThat(version()).isEqualTo(v);
    assertThat(occupancy().occupancy().size()).isZero();
  }

  @Test
  public void P4_1_duplicateTableIdIsRefusedAndNothingWritten() {
    add("b1", 4, "19:00");
    long v = version();
    Refusal r = refused(tryHold("b1", "T1", "T1"), Reason.INVALID_REQUEST);
    assertThat(r.message()).contains("T1").contains("twice");
    refused(tryAssign("b1", "T2", "T1", "T2"), Reason.INVALID_REQUEST);
    assertThat(version()).isEqualTo(v);
    assertThat(state("b1").status()).isEqualTo(BookingStatus.PENDING);
  }

  // ---------------------------------------------------------------------------------------- blocks

  @Test
  public void blockRefusesHoldsOverItAndRemovingItFreesTheTable() {
    add("b1", 2, "19:00");
    ok(store.addBlock(R, new Block("k1", "T1", at("18:00"), at("19:30"))));
    Refusal r = refused(tryHold("b1", "T1"), Reason.CONFLICT);
    assertThat(r.conflicts())
        .extracting(OccupancyEntry::kind, OccupancyEntry::owner)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(OccupancyKind.BLOCK, "k1"));
    refused(tryAssign("b1", "T1"), Reason.CONFLICT);
    ok(store.removeBlock(R, "k1"));
    hold("b1", "T1");
  }

  @Test
  public void blockCannotOverlapAnAssignmentHoldOrBlock() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    assign("b1", "T1");
    hold("b2", "T2");
    refused(store.addBlock(R, new Block("k1", "T1", at("20:00"), at("21:00"))), Reason.CONFLICT);
    refused(store.addBlock(R, new Block("k2", "T2", at("17:00"), at("19:15"))), Reason.CONFLICT);
    ok(store.addBlock(R, new Block("k3", "T3", at("17:00"), at("18:00"))));
    refused(store.addBlock(R, new Block("k4", "T3", at("17:30"), at("18:30"))), Reason.CONFLICT);
    ok(store.addBlock(R, new Block("k3", "T3", at("17:00"), at("18:30")))); // replaces itself
    ok(store.addBlock(R, new Block("k5", "T1", at("20:45"), at("22:00")))); // after the buffer
    assertNothingDoubleBooked(occupancy());
  }

  @Test
  public void blockOnUnknownTableOrRemovingUnknownBlockIsRefused() {
    refused(
        store.addBlock(R, new Block("k1", "T99", at("18:00"), at("19:00"))), Reason.UNKNOWN_TABLE);
    refused(store.removeBlock(R, "k1"), Reason.INVALID_REQUEST);
  }

  // --------------------------------------------------------------------------------------- confirm

  @Test
  public void confirmTurnsTheHoldIntoTheAssignmentAndConfirmsTheBooking() {
    add("b1", 4, "19:00");
    Hold h = hold("b1", "T1", "T2");
    clock.advance(Duration.ofMinutes(1));
    Confirmation c = ok(store.confirm(R, "b1", h.id(), "k-1", "web"));
    assertThat(c.repeated()).isFalse();
    assertThat(c.holdId()).isEqualTo(h.id());
    assertThat(c.assignment().booking()).isEqualTo("b1");
    assertThat(c.assignment().tables()).containsExactly("T1", "T2");
    assertThat(c.assignment().start()).isEqualTo(at("19:00"));
    assertThat(c.assignment().end()).isEqualTo(at("20:45")); // 105 minutes for 4
    BookingState s = state("b1");
    assertThat(s.status()).isEqualTo(BookingStatus.CONFIRMED);
    assertThat(s.assignment()).isEqualTo(c.assignment());
    assertThat(s.hold()).isNull();
    assertThat(entries(OccupancyKind.HOLD)).isEmpty();
    assertThat(entries(OccupancyKind.ASSIGNMENT))
        .singleElement()
        .satisfies(e -> assertThat(e.until()).isEqualTo(at("21:00")));
    assertThat(store.history(R, "b1"))
        .singleElement()
        .satisfies(
            ch -> {
              assertThat(ch.from()).isEqualTo(BookingStatus.PENDING);
              assertThat(ch.to()).isEqualTo(BookingStatus.CONFIRMED);
              assertThat(ch.actor()).isEqualTo("web");
              assertThat(ch.at()).isEqualTo(clock.now());
            });
    assertThat(c.occupancyVersion()).isEqualTo(version());
  }

  @Test
  public void H1_bookingsOwnHoldNeverBlocksItsOwnConfirm() {
    add("b1", 2, "19:00");
    Hold h = hold("b1", "T1");
    assertThat(confirm(h).assignment().tables()).containsExactly("T1");
  }

  @Test
  public void confirmOfAMissingHoldIsRefused() {
    add("b1", 2, "19:00");
    refused(store.confirm(R, "b1", "hold-none", key(), "host"), Reason.HOLD_NOT_FOUND);
    Hold h = hold("b1", "T1");
    ok(store.releaseHold(R, "b1", h.id()));
    refused(store.confirm(R, "b1", h.id(), key(), "host"), Reason.HOLD_NOT_FOUND);
    refused(store.confirm(R, "nobody", h.id(), key(), "host"), Reason.BOOKING_NOT_FOUND);
    refused(store.confirm(R, "b1", h.id(), " ", "host"), Reason.INVALID_REQUEST);
  }

  @Test
  public void confirmOfAnotherBookingsHoldIsRefused() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    Hold h = hold("b1", "T1");
    refused(store.confirm(R, "b2", h.id(), key(), "host"), Reason.HOLD_NOT_FOUND);
    assertThat(state("b1").hold()).isEqualTo(h);
  }

  @Test
  public void P1_3_repeatedConfirmReturnsTheStoredOutcome() {
    add("b1", 2, "19:00");
    Hold h = hold("b1", "T1");
    Confirmation first = ok(store.confirm(R, "b1", h.id(), "k-1", "web"));
    long v = version();
    clock.advance(Duration.ofMinutes(10)); // long past the hold's expiry
    Confirmation again = ok(store.confirm(R, "b1", h.id(), "k-1", "web"));
    assertThat(again.repeated()).isTrue();
    assertThat(again.assignment()).isEqualTo(first.assignment());
    assertThat(again.occupancyVersion()).isEqualTo(first.occupancyVersion());
    assertThat(version()).isEqualTo(v);
    assertThat(store.history(R, "b1")).hasSize(1);
  }

  @Test
  public void P1_3_sameKeyWithAnotherPlanIsRefused() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    Hold h1 = hold("b1", "T1");
    ok(store.confirm(R, "b1", h1.id(), "k-1", "web"));
    Hold h2 = hold("b2", "T2");
    Refusal r =
        refused(store.confirm(R, "b2", h2.id(), "k-1", "web"), Reason.IDEMPOTENCY_KEY_REUSED);
    assertThat(r.retryable()).isFalse();
    assertThat(state("b2").hold()).isEqualTo(h2);
    Hold h3 = hold("b1", "T7");
    refused(store.confirm(R, "b1", h3.id(), "k-1", "web"), Reason.IDEMPOTENCY_KEY_REUSED);
    refused(
        store.assign(R, new AssignRequest("b1", List.of("T7"), context("b1"), "k-1", "host", "")),
        Reason.IDEMPOTENCY_KEY_REUSED);
    assertThat(Objects.requireNonNull(state("b1").assignment()).tables()).containsExactly("T1");
  }

  @Test
  public void P1_6_aRepeatAndAnOverlapHaveDifferentReasons() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    Hold h1 = hold("b1", "T1");
    ok(store.confirm(R, "b1", h1.id(), "k-1", "web"));
    assertThat(ok(store.confirm(R, "b1", h1.id(), "k-1", "web")).repeated()).isTrue();
    Refusal overlap = refused(tryHold("b2", "T1"), Reason.CONFLICT);
    Hold h2 = hold("b2", "T2");
    Refusal reuse =
        refused(store.confirm(R, "b2", h2.id(), "k-1", "web"), Reason.IDEMPOTENCY_KEY_REUSED);
    assertThat(overlap.reason()).isNotEqualTo(reuse.reason());
    assertThat(overlap.retryable()).isNotEqualTo(reuse.retryable());
  }

  @Test
  public void P3_2_holdIsExpiredFromTheInstantItExpires() {
    add("b1", 2, "19:00");
    Hold h = hold("b1", "T1");
    clock.set(h.expiresAt());
    Refusal r = refused(store.confirm(R, "b1", h.id(), key(), "host"), Reason.HOLD_EXPIRED);
    assertThat(r.retryable()).isTrue();
    assertThat(state("b1").status()).isEqualTo(BookingStatus.PENDING);
    assertThat(entries(OccupancyKind.ASSIGNMENT)).isEmpty();
  }

  @Test
  public void P3_2_holdIsLiveUntilTheInstantItExpires() {
    add("b1", 2, "19:00");
    Hold h = hold("b1", "T1");
    clock.set(h.expiresAt().minusNanos(1));
    assertThat(confirm(h).assignment().tables()).containsExactly("T1");
  }

  @Test
  public void P3_2_expiryIsJudgedByTheClockAtEachCheck() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    Hold h = hold("b1", "T1");
    refused(tryHold("b2", "T1"), Reason.CONFLICT);
    clock.advance(TTL);
    Hold h2 = hold("b2", "T1");
    refused(store.confirm(R, "b1", h.id(), key(), "host"), Reason.HOLD_EXPIRED);
    refused(store.releaseHold(R, "b1", h.id()), Reason.HOLD_EXPIRED);
    assertThat(confirm(h2).assignment().booking()).isEqualTo("b2");
  }

  @Test
  public void H2_expiredHoldBlocksNobodyEvenBeforeASweep() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    Hold h = hold("b1", "T1");
    long v = version();
    clock.advance(TTL.plusSeconds(1));
    assertThat(entries(OccupancyKind.HOLD)).isEmpty(); // read before any write or sweep
    assertThat(state("b1").hold()).isNull();
    assertThat(version()).isEqualTo(v);
    ok(tryAssign("b2", "T1"));
    assertThat(h.isLiveAt(clock.now())).isFalse();
  }

  @Test
  public void H2_sweepDeletesExpiredHoldsOnly() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    add("b3", 2, "19:00");
    hold("b1", "T1");
    hold("b2", "T2");
    clock.advance(Duration.ofMinutes(3));
    Hold live = hold("b3", "T7");
    clock.advance(Duration.ofMinutes(2));
    assertThat(store.sweepExpiredHolds(R)).isEqualTo(2);
    assertThat(store.sweepExpiredHolds(R)).isZero();
    assertThat(entries(OccupancyKind.HOLD)).extracting(OccupancyEntry::owner).containsExactly("b3");
    assertThat(state("b3").hold()).isEqualTo(live);
  }

  @Test
  public void confirmMovesAConfirmedBookingToItsNewTables() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    assign("b1", "T1");
    Confirmation moved = confirm(hold("b1", "T2"));
    assertThat(moved.assignment().tables()).containsExactly("T2");
    assertThat(state("b1").status()).isEqualTo(BookingStatus.CONFIRMED);
    hold("b2", "T1");
    assertThat(entries(OccupancyKind.ASSIGNMENT))
        .singleElement()
        .satisfies(e -> assertThat(e.tables()).containsExactly("T2"));
  }

  @Test
  public void P4_4_confirmRefusesCancelledBooking() {
    add("b1", 2, "19:00");
    Hold h = hold("b1", "T1");
    ok(store.transition(R, "b1", BookingStatus.CANCELLED, "guest", "changed plans"));
    Refusal r =
        refused(store.confirm(R, "b1", h.id(), key(), "host"), Reason.BOOKING_NOT_ASSIGNABLE);
    assertThat(r.retryable()).isFalse();
    assertThat(occupancy().occupancy().size()).isZero();
  }

  @Test
  public void P4_4_confirmRefusesNoShowBooking() {
    add("b1", 2, "19:00");
    Hold h = hold("b1", "T1");
    ok(store.transition(R, "b1", BookingStatus.NO_SHOW, "host", ""));
    refused(store.confirm(R, "b1", h.id(), key(), "host"), Reason.BOOKING_NOT_ASSIGNABLE);
    assertThat(entries(OccupancyKind.ASSIGNMENT)).isEmpty();
  }

  @Test
  public void P4_4_confirmRefusesCompletedBooking() {
    add("b1", 2, "19:00");
    Confirmation c = confirm(hold("b1", "T1"));
    ok(store.transition(R, "b1", BookingStatus.SEATED, "host", ""));
    ok(store.transition(R, "b1", BookingStatus.COMPLETED, "host", ""));
    refused(
        store.confirm(R, "b1", Objects.requireNonNull(c.holdId()), key(), "host"),
        Reason.BOOKING_NOT_ASSIGNABLE);
    refused(tryHold("b1", "T1"), Reason.BOOKING_NOT_ASSIGNABLE);
  }

  @ParameterizedTest
  @EnumSource(
      value = BookingStatus.class,
      names = {"CANCELLED", "NO_SHOW"})
  public void P4_4_assignRefusesBookingThatCannotHaveTables(BookingStatus end) {
    add("b1", 2, "19:00");
    ok(store.transition(R, "b1", end, "host", ""));
    refused(tryAssign("b1", "T1"), Reason.BOOKING_NOT_ASSIGNABLE);
    refused(tryHold("b1", "T1"), Reason.BOOKING_NOT_ASSIGNABLE);
    assertThat(occupancy().occupancy().size()).isZero();
  }

  // ------------------------------------------------------------------------------ hold and confirm

  @Test
  public void holdAndConfirmSeatsTheBookingInOneStepAndReplacesItsHold() {
    add("b1", 4, "19:00");
    hold("b1", "T4");
    clock.advance(Duration.ofMinutes(1));
    Confirmation c = ok(store.holdAndConfirm(R, "b1", List.of("T2", "T1"), "k-1", "auto"));
    assertThat(c.repeated()).isFalse();
    assertThat(c.holdId()).isNull();
    assertThat(c.assignment().tables()).containsExactly("T1", "T2");
    assertThat(c.assignment().end()).isEqualTo(at("20:45"));
    BookingState s = state("b1");
    assertThat(s.status()).isEqualTo(BookingStatus.CONFIRMED);
    assertThat(s.assignment()).isEqualTo(c.assignment());
    assertThat(s.hold()).isNull();
    assertThat(entries(OccupancyKind.HOLD)).isEmpty();
    assertThat(entries(OccupancyKind.ASSIGNMENT))
        .singleElement()
        .satisfies(e -> assertThat(e.tables()).containsExactly("T1", "T2"));
    assertThat(store.history(R, "b1"))
        .singleElement()
        .satisfies(
            ch -> {
              assertThat(ch.to()).isEqualTo(BookingStatus.CONFIRMED);
              assertThat(ch.actor()).isEqualTo("auto");
              assertThat(ch.at()).isEqualTo(clock.now());
            });
    assertThat(c.occupancyVersion()).isEqualTo(version());
  }

  @Test
  public void P1_3_holdAndConfirmRepeatedWithItsKeyReturnsTheStoredOutcome() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    Confirmation first = ok(store.holdAndConfirm(R, "b1", List.of("T1"), "k-1", "auto"));
    long v = version();
    Confirmation again = ok(store.holdAndConfirm(R, "b1", List.of("T1"), "k-1", "auto"));
    assertThat(again.repeated()).isTrue();
    assertThat(again.assignment()).isEqualTo(first.assignment());
    assertThat(version()).isEqualTo(v);
    assertThat(store.history(R, "b1")).hasSize(1);
    refused(
        store.holdAndConfirm(R, "b1", List.of("T7"), "k-1", "auto"), Reason.IDEMPOTENCY_KEY_REUSED);
    refused(
        store.holdAndConfirm(R, "b2", List.of("T2"), "k-1", "auto"), Reason.IDEMPOTENCY_KEY_REUSED);
    assertThat(state("b2").assignment()).isNull();
  }

  @Test
  public void P1_7_holdAndConfirmChecksEveryRuleAndTheOthersOccupancy() {
    add("b1", 6, "19:00");
    add("b2", 2, "19:00");
    add("b3", 2, "19:00");
    Refusal rule =
        refused(store.holdAndConfirm(R, "b1", List.of("T1"), key(), "auto"), Reason.RULE_BROKEN);
    assertThat(rule.violations()).extracting(Violation::rule).contains(Rule.CAPACITY);
    hold("b2", "T1");
    Refusal overlap =
        refused(store.holdAndConfirm(R, "b3", List.of("T1"), key(), "auto"), Reason.CONFLICT);
    assertThat(overlap.retryable()).isTrue();
    refused(store.holdAndConfirm(R, "b3", List.of("T99"), key(), "auto"), Reason.UNKNOWN_TABLE);
    refused(store.holdAndConfirm(R, "b3", List.of("T2"), " ", "auto"), Reason.INVALID_REQUEST);
    refused(
        store.holdAndConfirm(R, "b3", Arrays.asList("T2", "T2"), key(), "auto"),
        Reason.INVALID_REQUEST);
    refused(
        store.holdAndConfirm(R, "nobody", List.of("T2"), key(), "auto"), Reason.BOOKING_NOT_FOUND);
    ok(store.transition(R, "b3", BookingStatus.CANCELLED, "host", ""));
    refused(
        store.holdAndConfirm(R, "b3", List.of("T2"), key(), "auto"), Reason.BOOKING_NOT_ASSIGNABLE);
    assertThat(entries(OccupancyKind.ASSIGNMENT)).isEmpty();
    assertThat(state("b1").status()).isEqualTo(BookingStatus.PENDING);
  }

  @Test
  public void P3_2_holdAndConfirmTakesTheTablesOfAnotherHoldFromTheInstantItExpires() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    Hold h = hold("b1", "T1");
    clock.set(h.expiresAt().minusNanos(1000));
    refused(store.holdAndConfirm(R, "b2", List.of("T1"), key(), "auto"), Reason.CONFLICT);
    assertThat(entries(OccupancyKind.HOLD)).hasSize(1);
    clock.set(h.expiresAt());
    Confirmation c = ok(store.holdAndConfirm(R, "b2", List.of("T1"), key(), "auto"));
    assertThat(c.assignment().tables()).containsExactly("T1");
    assertThat(entries(OccupancyKind.HOLD)).isEmpty();
    assertThat(state("b1").hold()).isNull();
    assertThat(state("b2").status()).isEqualTo(BookingStatus.CONFIRMED);
  }

  // ---------------------------------------------------------------------------------------- assign

  @Test
  public void assignSeatsTheBookingAndRecordsWhoAndWhy() {
    add("b1", 2, "19:00");
    Confirmation c =
        ok(
            store.assign(
                R,
                new AssignRequest(
                    "b1", List.of("T7"), context("b1"), "k-1", "maria", "window seat asked")));
    assertThat(c.holdId()).isNull();
    assertThat(c.assignment().tables()).containsExactly("T7");
    assertThat(state("b1").status()).isEqualTo(BookingStatus.CONFIRMED);
    StatusChange ch = store.history(R, "b1").get(0);
    assertThat(ch.actor()).isEqualTo("maria");
    assertThat(ch.why()).isEqualTo("window seat asked");
  }

  @Test
  public void assignRepeatedWithItsKeyReturnsTheStoredOutcome() {
    add("b1", 2, "19:00");
    ContextVersion ctx = context("b1");
    AssignRequest req = new AssignRequest("b1", List.of("T1"), ctx, "k-1", "host", "");
    Confirmation first = ok(store.assign(R, req));
    Confirmation again = ok(store.assign(R, req)); // the context is stale by now
    assertThat(again.repeated()).isTrue();
    assertThat(again.assignment()).isEqualTo(first.assignment());
    refused(
        store.assign(R, new AssignRequest("b1", List.of("T2"), ctx, "k-1", "host", "")),
        Reason.IDEMPOTENCY_KEY_REUSED);
  }

  @Test
  public void H1_assignOverTheBookingsOwnHoldReplacesIt() {
    add("b1", 2, "19:00");
    hold("b1", "T1");
    assign("b1", "T1");
    assertThat(entries(OccupancyKind.HOLD)).isEmpty();
    assertThat(state("b1").hold()).isNull();
  }

  @Test
  public void P2_8_assignIsRefusedWhenTheChosenTablesChangedSinceTheDecision() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    ContextVersion decided = context("b1");
    Hold other = hold("b2", "T1"); // someone else takes T1 meanwhile ...
    ok(store.releaseHold(R, "b2", other.id())); // ... and lets go again: T1 is free but changed
    Refusal r =
        refused(
            store.assign(R, new AssignRequest("b1", List.of("T1"), decided, key(), "host", "")),
            Reason.CONTEXT_CHANGED);
    assertThat(r.retryable()).isTrue();
    assertThat(r.changes())
        .singleElement()
        .satisfies(
            ch -> {
              assertThat(ch.part()).isEqualTo(ContextChange.Part.OCCUPANCY);
              assertThat(ch.tables()).containsExactly("T1");
            });
    assertThat(r.message()).contains("OCCUPANCY");
    assertThat(entries(OccupancyKind.ASSIGNMENT)).isEmpty();
    assign("b1", "T1"); // decided again on the fresh context
  }

  @Test
  public void P3_1_assignIsRefusedWhenTheFloorPlanChangedSinceTheDecision() {
    add("b1", 2, "19:00");
    ContextVersion decided = context("b1");
    FloorPlan f = floor();
    saveFloor(f.withTable(Objects.requireNonNull(f.table("T4")).withZone("patio")));
    Refusal r =
        refused(
            store.assign(R, new AssignRequest("b1", List.of("T1"), decided, key(), "host", "")),
            Reason.CONTEXT_CHANGED);
    assertThat(r.changes())
        .filteredOn(ch -> ch.part() == ContextChange.Part.FLOOR_PLAN)
        .singleElement()
        .satisfies(
            ch -> {
              assertThat(ch.was()).isEqualTo(decided.floorVersion());
              assertThat(ch.now())
                  .isEqualTo(Objects.requireNonNull(store.context(R)).floor().version());
            });
  }

  @Test
  public void P3_1_assignIsRefusedWhenThePolicyOrBookingChangedSinceTheDecision() {
    add("b1", 2, "19:00");
    ContextVersion decided = context("b1");
    savePolicy(policyBuilder().maxOverage(1).build());
    ok(store.saveBooking(R, booking("b1", 3, "19:00")));
    Refusal r =
        refused(
            store.assign(R, new AssignRequest("b1", List.of("T3"), decided, key(), "host", "")),
            Reason.CONTEXT_CHANGED);
    assertThat(r.changes())
        .extracting(ContextChange::part)
        .contains(ContextChange.Part.POLICY, ContextChange.Part.BOOKING)
        .doesNotContain(ContextChange.Part.FLOOR_PLAN);
  }

  @Test
  public void P4_4_assignChecksTheStateBeforeTheContext() {
    add("b1", 2, "19:00");
    ContextVersion decided = context("b1");
    ok(store.transition(R, "b1", BookingStatus.CANCELLED, "guest", ""));
    refused(
        store.assign(R, new AssignRequest("b1", List.of("T1"), decided, key(), "host", "")),
        Reason.BOOKING_NOT_ASSIGNABLE);
  }

  // ------------------------------------------------------------------ unassign, release,
  // transitions

  @Test
  public void U1_unassignLeavesNothingThatBlocksAReassignment() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    Hold h = hold("b1", "T1");
    ok(store.confirm(R, "b1", h.id(), "k-1", "web"));
    BookingState after = ok(store.unassign(R, "b1", "host", "guest moved"));
    assertThat(after.status()).isEqualTo(BookingStatus.PENDING);
    assertThat(after.assignment()).isNull();
    assertThat(occupancy().occupancy().size()).isZero();
    assign("b2", "T1"); // the old tables are free
    // the old plan's key is gone: reusing it for a new plan is not a reuse
    Hold again = hold("b1", "T2");
    Confirmation c = ok(store.confirm(R, "b1", again.id(), "k-1", "web"));
    assertThat(c.repeated()).isFalse();
    assertThat(c.assignment().tables()).containsExactly("T2");
    assertThat(store.history(R, "b1"))
        .extracting(StatusChange::to)
        .containsExactly(BookingStatus.CONFIRMED, BookingStatus.PENDING, BookingStatus.CONFIRMED);
  }

  @Test
  public void U1_cancelLeavesNothingThatBlocksAReassignment() {
    add("b1", 4, "19:00");
    add("b2", 4, "19:00");
    assign("b1", "T1", "T2");
    hold("b1", "T4"); // a pending move
    BookingState after = ok(store.transition(R, "b1", BookingStatus.CANCELLED, "guest", "ill"));
    assertThat(after.assignment()).isNull();
    assertThat(after.hold()).isNull();
    assertThat(occupancy().occupancy().entries())
        .extracting(OccupancyEntry::owner)
        .doesNotContain("b1");
    assign("b2", "T1", "T2");
    add("b3", 4, "19:00");
    assign("b3", "T4");
  }

  @Test
  public void unassignOfABookingWithoutTablesChangesNothing() {
    add("b1", 2, "19:00");
    BookingState after = ok(store.unassign(R, "b1", "host", ""));
    assertThat(after.status()).isEqualTo(BookingStatus.PENDING);
    assertThat(store.history(R, "b1")).isEmpty();
    refused(store.unassign(R, "nobody", "host", ""), Reason.BOOKING_NOT_FOUND);
  }

  @Test
  public void unassignOfASeatedBookingIsRefused() {
    add("b1", 2, "19:00");
    assign("b1", "T1");
    ok(store.transition(R, "b1", BookingStatus.SEATED, "host", ""));
    refused(store.unassign(R, "b1", "host", ""), Reason.TRANSITION_NOT_ALLOWED);
    assertThat(entries(OccupancyKind.ASSIGNMENT)).hasSize(1);
  }

  @Test
  public void releaseFreesTheHoldOnce() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    Hold h = hold("b1", "T1");
    assertThat(ok(store.releaseHold(R, "b1", h.id()))).isEqualTo(h);
    refused(store.releaseHold(R, "b1", h.id()), Reason.HOLD_NOT_FOUND);
    refused(store.releaseHold(R, "nobody", h.id()), Reason.BOOKING_NOT_FOUND);
    hold("b2", "T1");
  }

  @Test
  public void bookingMovesThroughItsStatesWithHistory() {
    add("b1", 2, "19:00");
    Refusal r =
        refused(
            store.transition(R, "b1", BookingStatus.CONFIRMED, "host", ""),
            Reason.TRANSITION_NOT_ALLOWED);
    assertThat(r.message()).contains("no tables");
    refused(
        store.transition(R, "b1", BookingStatus.SEATED, "host", ""), Reason.TRANSITION_NOT_ALLOWED);
    assign("b1", "T1");
    clock.advance(Duration.ofHours(9));
    ok(store.transition(R, "b1", BookingStatus.SEATED, "host", "arrived"));
    refused(
        store.transition(R, "b1", BookingStatus.CANCELLED, "host", ""),
        Reason.TRANSITION_NOT_ALLOWED);
    assertThat(entries(OccupancyKind.ASSIGNMENT)).hasSize(1); // a seated party keeps its tables
    clock.advance(Duration.ofMinutes(80));
    BookingState done = ok(store.transition(R, "b1", BookingStatus.COMPLETED, "host", "left"));
    assertThat(done.assignment()).isNull();
    assertThat(entries(OccupancyKind.ASSIGNMENT)).isEmpty();
    assertThat(ok(store.transition(R, "b1", BookingStatus.COMPLETED, "host", "")).status())
        .isEqualTo(BookingStatus.COMPLETED); // the same state again changes nothing
    refused(
        store.transition(R, "b1", BookingStatus.PENDING, "host", ""),
        Reason.TRANSITION_NOT_ALLOWED);
    List<StatusChange> history = store.history(R, "b1");
    assertThat(history)
        .extracting(StatusChange::from, StatusChange::to, StatusChange::actor, StatusChange::why)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                BookingStatus.PENDING, BookingStatus.CONFIRMED, "host", "assigned [T1]"),
            org.assertj.core.groups.Tuple.tuple(
                BookingStatus.CONFIRMED, BookingStatus.SEATED, "host", "arrived"),
            org.assertj.core.groups.Tuple.tuple(
                BookingStatus.SEATED, BookingStatus.COMPLETED, "host", "left"));
    assertThat(history.get(2).at()).isEqualTo(clock.now());
    refused(
        store.transition(R, "nobody", BookingStatus.CANCELLED, "host", ""),
        Reason.BOOKING_NOT_FOUND);
  }

  @Test
  public void confirmedBookingMovedBackToPendingLosesItsTables() {
    add("b1", 2, "19:00");
    assign("b1", "T1");
    BookingState s = ok(store.transition(R, "b1", BookingStatus.PENDING, "host", "re-plan"));
    assertThat(s.assignment()).isNull();
    assertThat(occupancy().occupancy().size()).isZero();
  }

  // -------------------------------------------------------------------------------------- versions

  @Test
  public void occupancyVersionChangesOnEveryWriteAndNotOnARefusal() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    List<Long> versions = new ArrayList<>();
    versions.add(version());
    Hold h = hold("b1", "T1");
    versions.add(version());
    confirm(h);
    versions.add(version());
    refused(tryHold("b2", "T1"), Reason.CONFLICT);
    assertThat(version()).isEqualTo(versions.get(versions.size() - 1));
    Hold h2 = hold("b2", "T2");
    versions.add(version());
    ok(store.releaseHold(R, "b2", h2.id()));
    versions.add(version());
    ok(store.addBlock(R, new Block("k1", "T3", at("17:00"), at("18:00"))));
    versions.add(version());
    ok(store.removeBlock(R, "k1"));
    versions.add(version());
    ok(store.unassign(R, "b1", "host", ""));
    versions.add(version());
    assertThat(versions).doesNotHaveDuplicates().isSorted();
  }

  @Test
  public void snapshotIsBuiltForTheCurrentFloorAndPolicy() {
    OccupancySnapshot s = occupancy();
    assertThat(s.occupancy().floor().version()).isEqualTo(floor().version());
    assertThat(s.occupancy().policy().version()).isEqualTo(policy().version());
    assertThat(s.readAt()).isEqualTo(clock.now());
  }

  // ----------------------------------------------------------------------------------------- races

  /**
   * 32 bookings race, released together by a start gate, to hold and confirm five overlapping plans
   * on four tables; a failed confirm releases its hold. Afterwards nothing is double booked, every
   * hold is accounted for, and what each thread saw agrees with what the store holds.
   */
  @RepeatedTest(5)
  public void racingHoldsAndConfirmsNeverDoubleBook() throws Exception {
    int threads = 32;
    List<List<String>> plans =
        List.of(List.of("T1"), List.of("T2"), List.of("T1", "T2"), List.of("T3"), List.of("T4"));
    for (int i = 0; i < threads; i++) {
      add("r" + i, 2, "19:00");
    }
    Map<String, Confirmation> confirmed = new ConcurrentHashMap<>();
    Map<String, Hold> released = new ConcurrentHashMap<>();
    Map<String, Reason> refusedHolds = new ConcurrentHashMap<>();
    CountDownLatch gate = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String b = "r" + i;
        List<String> plan = plans.get(i % plans.size());
        done.add(
            pool.submit(
                () -> {
                  gate.await();
                  Outcome<Hold> held = store.hold(R, b, plan, TTL);
                  Hold h = held.valueOrNull();
                  if (h == null) {
                    refusedHolds.put(b, Objects.requireNonNull(held.reason()));
                    return null;
                  }
                  Outcome<Confirmation> c = store.confirm(R, b, h.id(), "key-" + b, "racer");
                  if (c.isSuccess()) {
                    confirmed.put(b, c.orElseThrow());
                  } else {
                    ok(store.releaseHold(R, b, h.id()));
                    released.put(b, h);
                  }
                  return null;
                }));
      }
      gate.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    OccupancySnapshot after = occupancy();
    assertNothingDoubleBooked(after);
    assertThat(confirmed.size() + released.size() + refusedHolds.size()).isEqualTo(threads);
    assertThat(refusedHolds.values()).containsOnly(Reason.CONFLICT);
    assertThat(confirmed).isNotEmpty().hasSizeLessThanOrEqualTo(4);
    assertThat(entries(OccupancyKind.HOLD)).isEmpty();
    assertThat(entries(OccupancyKind.ASSIGNMENT))
        .extracting(OccupancyEntry::owner)
        .containsExactlyInAnyOrderElementsOf(confirmed.keySet());
    for (int i = 0; i < threads; i++) {
      BookingState s = state("r" + i);
      Confirmation c = confirmed.get(s.id());
      assertThat(s.hold()).isNull();
      if (c != null) {
        assertThat(s.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(s.assignment()).isEqualTo(c.assignment());
      } else {
        assertThat(s.status()).isEqualTo(BookingStatus.PENDING);
        assertThat(s.assignment()).isNull();
      }
    }
  }

  /** Many threads hold for the same booking at once: afterwards it has exactly one live hold. */
  @RepeatedTest(3)
  public void P3_4_racingHoldsOfOneBookingLeaveOneLiveHold() throws Exception {
    add("b1", 2, "19:00");
    List<String> tables = List.of("T1", "T2", "T7");
    int threads = 24;
    Set<String> ids = ConcurrentHashMap.newKeySet();
    runTogether(
        threads,
        i -> {
          Hold h = ok(store.hold(R, "b1", List.of(tables.get(i % tables.size())), TTL));
          ids.add(h.id());
        });
    assertThat(ids).hasSize(threads);
    Hold live = Objects.requireNonNull(state("b1").hold());
    assertThat(ids).contains(live.id());
    assertThat(entries(OccupancyKind.HOLD))
        .singleElement()
        .satisfies(e -> assertThat(e.tables()).isEqualTo(live.tables()));
    for (String id : ids) {
      if (!id.equals(live.id())) {
        refused(store.confirm(R, "b1", id, key(), "host"), Reason.HOLD_NOT_FOUND);
      }
    }
    confirm(live);
  }

  /** The same confirm sent by many threads at once is applied once; the rest see it repeated. */
  @RepeatedTest(3)
  public void P1_3_racingRepeatsOfOneConfirmApplyItOnce() throws Exception {
    add("b1", 2, "19:00");
    Hold h = hold("b1", "T1");
    List<Confirmation> results = new ArrayList<>();
    runTogether(
        16,
        i -> {
          Confirmation c = ok(store.confirm(R, "b1", h.id(), "k-same", "web"));
          synchronized (results) {
            results.add(c);
          }
        });
    assertThat(results).filteredOn(c -> !c.repeated()).hasSize(1);
    assertThat(results)
        .extracting(Confirmation::assignment)
        .containsOnly(results.get(0).assignment());
    assertThat(store.history(R, "b1")).hasSize(1);
  }

  /**
   * 32 bookings race to hold and confirm in one step five overlapping plans on four tables:
   * afterwards nothing is double booked, no hold is left, every refusal is a conflict, and what
   * each thread saw agrees with what the store holds.
   */
  @RepeatedTest(5)
  public void racingOneStepConfirmsNeverDoubleBook() throws Exception {
    int threads = 32;
    List<List<String>> plans =
        List.of(List.of("T1"), List.of("T2"), List.of("T1", "T2"), List.of("T3"), List.of("T4"));
    for (int i = 0; i < threads; i++) {
      add("r" + i, 2, "19:00");
    }
    Map<String, Confirmation> confirmed = new ConcurrentHashMap<>();
    Map<String, Reason> refused = new ConcurrentHashMap<>();
    runTogether(
        threads,
        i -> {
          String b = "r" + i;
          Outcome<Confirmation> c =
              store.holdAndConfirm(R, b, plans.get(i % plans.size()), "key-" + b, "racer");
          Confirmation won = c.valueOrNull();
          if (won != null) {
            confirmed.put(b, won);
          } else {
            refused.put(b, Objects.requireNonNull(c.reason()));
          }
        });
    assertNothingDoubleBooked(occupancy());
    assertThat(confirmed.size() + refused.size()).isEqualTo(threads);
    assertThat(refused.values()).containsOnly(Reason.CONFLICT);
    assertThat(confirmed).isNotEmpty().hasSizeLessThanOrEqualTo(4);
    assertThat(entries(OccupancyKind.HOLD)).isEmpty();
    assertThat(entries(OccupancyKind.ASSIGNMENT))
        .extracting(OccupancyEntry::owner)
        .containsExactlyInAnyOrderElementsOf(confirmed.keySet());
    for (int i = 0; i < threads; i++) {
      BookingState st = state("r" + i);
      Confirmation c = confirmed.get(st.id());
      assertThat(st.status())
          .isEqualTo(c == null ? BookingStatus.PENDING : BookingStatus.CONFIRMED);
      assertThat(st.assignment()).isEqualTo(c == null ? null : c.assignment());
    }
  }

  /** Many repeats of one one-step confirm with its key at once: it is applied once. */
  @RepeatedTest(3)
  public void P1_3_racingRepeatsOfOneOneStepConfirmApplyItOnce() throws Exception {
    add("b1", 2, "19:00");
    List<Confirmation> results = new ArrayList<>();
    runTogether(
        16,
        i -> {
          Confirmation c = ok(store.holdAndConfirm(R, "b1", List.of("T1"), "k-same", "auto"));
          synchronized (results) {
            results.add(c);
          }
        });
    assertThat(results).filteredOn(c -> !c.repeated()).hasSize(1);
    assertThat(results)
        .extracting(Confirmation::assignment)
        .containsOnly(results.get(0).assignment());
    assertThat(store.history(R, "b1")).hasSize(1);
  }

  /** A cancel racing a confirm: either way the booking ends cancelled with nothing left behind. */
  @RepeatedTest(5)
  public void P4_4_cancelRacingConfirmLeavesNoTables() throws Exception {
    add("b1", 2, "19:00");
    Hold h = hold("b1", "T1");
    runTogether(
        2,
        i -> {
          if (i == 0) {
            Outcome<Confirmation> c = store.confirm(R, "b1", h.id(), "k-1", "web");
            assertThat(c.isSuccess() || c.reason() == Reason.BOOKING_NOT_ASSIGNABLE).isTrue();
          } else {
            ok(store.transition(R, "b1", BookingStatus.CANCELLED, "guest", ""));
          }
        });
    assertThat(state("b1").status()).isEqualTo(BookingStatus.CANCELLED);
    assertThat(occupancy().occupancy().size()).isZero();
  }

  /** Runs a task on many threads released together by a start gate. */
  protected static void runTogether(int threads, java.util.function.IntConsumer task)
      throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        done.add(
            pool.submit(
                () -> {
                  gate.await();
                  task.accept(n);
                  return null;
                }));
      }
      gate.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------------ the bundled scenarios

  /**
   * Loads a scenario into the store: restaurant, floor plan, policy, bookings, blocks, and the
   * existing assignments through {@code assign} (so they are checked like every other plan).
   */
  protected void load(Scenario scenario) {
    ScenarioLoader.load(store, scenario);
  }

  /** The occupancy of every day a scenario's bookings touch. */
  protected OccupancySnapshot everything(Scenario scenario) {
    Instant first =
        scenario.bookings().stream()
            .map(Booking::start)
            .min(Comparator.naturalOrder())
            .orElseThrow();
    Instant last =
        scenario.bookings().stream()
            .map(Booking::start)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    return store.occupancy(
        scenario.restaurant().id(), first.minus(Duration.ofDays(1)), last.plus(Duration.ofDays(2)));
  }

  /** The store's assignments of a scenario's bookings, as a result the rule checker can judge. */
  protected SeatingResult result(Scenario scenario) {
    return ScenarioLoader.readBack(store, scenario, ResultMode.FIXED, id -> "NO_CAPACITY");
  }

  /**
   * Every bundled scenario, loaded into the store and seated booking by booking in arrival order
   * through the service (quote, hold, confirm), ends with a result the independent rule checker
   * accepts, no live hold, and every booking either confirmed or refused for a reason.
   */
  @ParameterizedTest
  @ValueSource(strings = {"bistro", "brasserie", "hall", "hall-late", "mega"})
  public void bundledScenarioSeatedThroughTheServicePassesTheRuleChecker(String name) {
    Scenario scenario = ScenarioFiles.scenario(name);
    load(scenario);
    String r = scenario.restaurant().id();
    CapacityService service = service();
    List<Booking> arrivals = new ArrayList<>(scenario.bookings());
    arrivals.sort(Comparator.comparing(Booking::createdAt).thenComparing(Booking::id));
    int seated = 0;
    Set<Reason> reasons = EnumSet.noneOf(Reason.class);
    for (Booking b : arrivals) {
      Outcome<HeldPlan> held = service.quoteAndHold(r, b.id());
      HeldPlan h = held.valueOrNull();
      if (h == null) {
        reasons.add(Objects.requireNonNull(held.reason()));
        continue;
      }
      ok(service.confirm(r, b.id(), h.hold().id(), "seat-" + b.id(), "replay"));
      seated++;
    }
    CheckReport report = RuleChecker.check(scenario, result(scenario));
    assertThat(report.violations()).as(report.summary()).isEmpty();
    assertThat(seated).isPositive();
    assertThat(reasons).doesNotContain(Reason.CONFLICT, Reason.HOLD_EXPIRED);
    assertThat(everything(scenario).occupancy().entries())
        .noneMatch(e -> e.kind() == OccupancyKind.HOLD);
  }

  /**
   * The hall scenario seated by eight racing workers (quote, hold, confirm; a refused confirm
   * releases its hold, a retryable refusal tries again a few times) ends valid, with nothing double
   * booked and no live hold.
   */
  @RepeatedTest(2)
  public void hallSeatedByRacingWorkersPassesTheRuleChecker() throws Exception {
    Scenario scenario = ScenarioFiles.scenario("hall");
    load(scenario);
    String r = scenario.restaurant().id();
    CapacityService service = service();
    List<Booking> bookings = scenario.bookings();
    int workers = 8;
    runTogether(
        workers,
        w -> {
          for (int i = w; i < bookings.size(); i += workers) {
            String id = bookings.get(i).id();
            for (int attempt = 0; attempt < 5; attempt++) {
              Outcome<HeldPlan> held = service.quoteAndHold(r, id);
              HeldPlan h = held.valueOrNull();
              if (h == null) {
                if (Objects.requireNonNull(held.refusalOrNull()).retryable()) {
                  continue;
                }
                break;
              }
              Outcome<Confirmation> c =
                  service.confirm(r, id, h.hold().id(), "seat-" + id, "worker-" + w);
              if (c.isSuccess()) {
                break;
              }
              service.release(r, id, h.hold().id());
              if (!Objects.requireNonNull(c.refusalOrNull()).retryable()) {
                break;
              }
            }
          }
        });
    OccupancySnapshot after = everything(scenario);
    assertNothingDoubleBooked(after);
    assertThat(after.occupancy().entries()).noneMatch(e -> e.kind() == OccupancyKind.HOLD);
    CheckReport report = RuleChecker.check(scenario, result(scenario));
    assertThat(report.violations()).as(report.summary()).isEmpty();
    assertThat(report.metrics().seatedBookings()).isPositive();
  }

  // -------------------------------------------------------------------------- the service over it

  @Test
  void P3_4_bookingsOwnHoldNeverBlocksItsRequote() {
    add("b1", 2, "19:00");
    CapacityService service = service();
    HeldPlan first = ok(service.quoteAndHold(R, "b1"));
    Quote again = service.quote(R, "b1");
    assertThat(again.refusal()).isNull();
    assertThat(Objects.requireNonNull(again.best()).tables()).isEqualTo(first.plan().tables());
    HeldPlan second = ok(service.quoteAndHold(R, "b1"));
    assertThat(second.hold().tables()).isEqualTo(first.hold().tables());
    assertThat(entries(OccupancyKind.HOLD)).hasSize(1);
    assertThat(state("b1").hold()).isEqualTo(second.hold());
  }

  @Test
  public void H2_quoteAndHoldHoldsForThePoliciesTtlOfFiveMinutes() {
    add("b1", 2, "19:00");
    HeldPlan held = ok(service().quoteAndHold(R, "b1"));
    assertThat(held.hold().expiresAt()).isEqualTo(clock.now().plus(Duration.ofMinutes(5)));
    assertThat(held.plansTried()).isEqualTo(1);
  }

  @Test
  public void quoteAndHoldSkipsAPlanTakenMeanwhileAndHoldsTheNext() {
    add("b1", 2, "19:00");
    add("b2", 2, "19:00");
    Planner racing =
        request -> {
          Quote q = planner().quote(request);
          if (request.booking().id().equals("b1")) {
            hold("b2", Objects.requireNonNull(q.best()).tables().toArray(String[]::new));
          }
          return q;
        };
    CapacityService service =
        CapacityService.builder(store).planner(racing).timeSource(clock).build();
    HeldPlan held = ok(service.quoteAndHold(R, "b1"));
    assertThat(held.plansTried()).isEqualTo(2);
    assertThat(held.hold().tables()).isEqualTo(held.quote().plans().get(1).tables());
    assertNothingDoubleBooked(occupancy());
  }

  @Test
  public void quoteAndHoldRefusesWithThePlannersReason() {
    add("b1", 2, "19:00");
    add("b2", 2, "16:00");
    for (Table t : floor().tables()) {
      ok(store.addBlock(R, new Block("k-" + t.id(), t.id(), at("17:00"), at("23:30"))));
    }
    CapacityService service = service();
    refused(service.quoteAndHold(R, "b1"), Reason.NO_CAPACITY);
    refused(service.quoteAndHold(R, "b2"), Reason.OUTSIDE_SERVICE);
    add("b3", 40, "19:00");
    refused(service.quoteAndHold(R, "b3"), Reason.PARTY_TOO_LARGE);
    refused(service.quoteAndHold(R, "nobody"), Reason.BOOKING_NOT_FOUND);
    assertThat(entries(OccupancyKind.HOLD)).isEmpty();
  }

  @Test
  public void quoteAndHoldThenConfirmSeatsTheBooking() {
    add("b1", 5, "19:30");
    CapacityService service = service();
    HeldPlan held = ok(service.quoteAndHold(R, "b1"));
    Confirmation c = ok(service.confirm(R, "b1", held.hold().id(), "k-1", "web"));
    assertThat(c.assignment().tables()).isEqualTo(held.plan().tables());
    assertThat(service.quote(R, "b1").refusal()).isNull(); // a confirmed booking may re-quote
  }

  @Test
  public void P2_6_manualChoiceOfAScarceTableIsNeverRefused() {
    add("b1", 4, "19:00");
    CapacityService service = service();
    Quote q = service.quote(R, "b1");
    assertThat(Objects.requireNonNull(q.best()).tables()).isNotEqualTo(List.of("T5"));
    ManualAssignment m =
        service.assign(
            R,
            new AssignRequest(
                "b1",
                List.of("T5"),
                Objects.requireNonNull(service.context(R, "b1")),
                "k-1",
                "maria",
                "the only 6-top, on purpose"));
    assertThat(m.outcome().orElseThrow().assignment().tables()).containsExactly("T5");
    assertThat(m.verdicts()).allMatch(RuleVerdict::passed);
    assertThat(m.verdicts())
        .extracting(RuleVerdict::rule)
        .containsExactly(
            Rule.TABLES,
            Rule.COMBINATION,
            Rule.CAPACITY,
            Rule.PARTY_LIMITS,
            Rule.BOOKING_ZONE,
            Rule.TIMES,
            Rule.OVERLAP,
            Rule.PACING);
  }

  @Test
  public void manualAssignmentListsEachRulesVerdict() {
    add("b1", 6, "19:00");
    add("b2", 2, "19:00");
    assign("b2", "T2");
    CapacityService service = service();
    ManualAssignment m =
        service.assign(
            R,
            new AssignRequest(
                "b1",
                List.of("T1", "T2"),
                Objects.requireNonNull(service.context(R, "b1")),
                "k-1",
                "maria",
                ""));
    assertThat(m.outcome().reason()).isEqualTo(Reason.RULE_BROKEN);
    assertThat(Objects.requireNonNull(m.verdict(Rule.CAPACITY)).status())
        .isEqualTo(RuleVerdict.Status.FAILED);
    assertThat(Objects.requireNonNull(m.verdict(Rule.OVERLAP)).status())
        .isEqualTo(RuleVerdict.Status.FAILED);
    assertThat(Objects.requireNonNull(m.verdict(Rule.OVERLAP)).violations().get(0).bookings())
        .contains("b2");
    assertThat(Objects.requireNonNull(m.verdict(Rule.TABLES)).passed()).isTrue();
    assertThat(Objects.requireNonNull(m.verdict(Rule.COMBINATION)).passed()).isTrue();
    assertThat(m.verdict(Rule.METRICS)).isNull();
  }

  @Test
  public void cancelThroughTheServiceFreesTheTablesAndRecordsWhy() {
    add("b1", 2, "19:00");
    CapacityService service = service();
    HeldPlan held = ok(service.quoteAndHold(R, "b1"));
    ok(service.confirm(R, "b1", held.hold().id(), "k-1", "web"));
    ok(service.cancel(R, "b1", "guest", "flu"));
    assertThat(service.history(R, "b1"))
        .extracting(StatusChange::to, StatusChange::actor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(BookingStatus.CONFIRMED, "web"),
            org.assertj.core.groups.Tuple.tuple(BookingStatus.CANCELLED, "guest"));
    assertThat(service.history(R, "b1").get(1).why()).isEqualTo("flu");
    assertThat(occupancy().occupancy().size()).isZero();
  }

  @Test
  public void availabilityOffersEveryStartWhosePlanCanBeHeld() {
    add("b1", 6, "19:00");
    assign("b1", "T5");
    add("b2", 4, "19:00");
    assign("b2", "T6");
    add("b3", 3, "18:30");
    assign("b3", "T3");
    ok(store.addBlock(R, new Block("k1", "T8", at("17:00"), at("23:00"))));
    CapacityService service = service();
    Availability a = service.availability(AvailabilityRequest.forDate(R, 6, Fixtures.DATE));
    assertThat(a.startsExamined()).isEqualTo(24); // 17:00 .. 22:45
    assertThat(a.complete()).isTrue();
    assertThat(a.occupancyVersion()).isEqualTo(version());
    assertThat(a.starts())
        .extracting(AvailableStart::start)
        .first()
        .isEqualTo(at("20:30")); // T3 is free again, T2+T3 seats six
    assertThat(a.starts()).hasSize(10);
    for (AvailableStart s : a.starts()) {
      String id = "probe-" + s.start().getEpochSecond();
      ok(store.saveBooking(R, Booking.of(id, 6, s.start(), Fixtures.CLOCK_START)));
      Hold h = hold(id, s.plan().tables().toArray(String[]::new));
      ok(store.releaseHold(R, id, h.id()));
    }
    // a start not offered has no free plan
    Set<Instant> offered = new HashSet<>(a.starts().stream().map(AvailableStart::start).toList());
    for (int m = 0; m < 24; m++) {
      Instant t = at("17:00").plus(Duration.ofMinutes(15L * m));
      if (!offered.contains(t)) {
        String id = "miss-" + m;
        ok(store.saveBooking(R, Booking.of(id, 6, t, Fixtures.CLOCK_START)));
        assertThat(service.quote(R, id).refusal()).isNotNull();
      }
    }
  }
}
