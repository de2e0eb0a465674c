package dev.capacity.spi;

import static dev.capacity.testing.Fixtures.R;
import static dev.capacity.testing.Fixtures.at;
import static dev.capacity.testing.Fixtures.booking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.AutoAssignOptions;
import dev.capacity.AutoAssignReport;
import dev.capacity.AutoAssignResult;
import dev.capacity.AutoAssignResult.Status;
import dev.capacity.AutoAssignRun;
import dev.capacity.AutoAssigner;
import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.BookingSelection;
import dev.capacity.BookingState;
import dev.capacity.BookingStatus;
import dev.capacity.CacheSettings;
import dev.capacity.Hold;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
import dev.capacity.Planner;
import dev.capacity.Reason;
import dev.capacity.ResultMode;
import dev.capacity.Scenario;
import dev.capacity.ScenarioLoader;
import dev.capacity.SeatingPolicy;
import dev.capacity.StatusChange;
import dev.capacity.check.CheckReport;
import dev.capacity.check.RuleChecker;
import dev.capacity.format.ScenarioFiles;
import dev.capacity.testing.AdvancingSleeper;
import dev.capacity.testing.FaultyStore;
import dev.capacity.testing.FaultyStore.Call;
import dev.capacity.testing.FaultyStore.Failure;
import dev.capacity.testing.Fixtures;
import dev.capacity.testing.MutableTimeSource;
import dev.capacity.testing.ScenarioStores;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The auto-assign runner over a store, run against each adapter (the in-memory one in core, the
 * PostgreSQL one in {@code jdbc-adapter} through core's test-jar): the bundled scenarios with 15
 * workers against 1, priority order and bounded attempts (P3.3), holds released on every failure
 * (P3.4, H1), faults injected by a decorator over the real store, deadlines, cancellation,
 * cut-offs, the inline path, the "no plan" cache, selections and telemetry. Time moves only when
 * the runner "sleeps" (an {@link AdvancingSleeper}); no test sleeps or asserts on timings.
 *
 * <p>A subclass provides {@link #createStore(TimeSource)}; it may override {@link
 * #tearDownStore(CapacityStore)}. A test that creates a second store (the scenario tests) never
 * uses the first one again, so an adapter may give every store of a test the same, emptied,
 * database.
 */
public abstract class AbstractAutoAssignerContractTest {
  /** The clock the store judges expiry by and the runner measures with; the sleeper moves it. */
  protected MutableTimeSource clock;

  /** The store under test, with the fixture restaurant saved. */
  protected CapacityStore store;

  /** The store under test behind the fault injector the runner uses. */
  protected FaultyStore faulty;

  /** The runner's sleeper. */
  protected AdvancingSleeper sleeper;

  /** Every telemetry event. */
  protected final ConcurrentLinkedQueue<TelemetryEvent> events = new ConcurrentLinkedQueue<>();

  private final List<CapacityStore> created = new ArrayList<>();

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

  @BeforeEach
  void createStoreWithFixtureRestaurant() {
    clock = new MutableTimeSource(Fixtures.CLOCK_START);
    store = newStore(clock);
    faulty = new FaultyStore(store);
    sleeper = new AdvancingSleeper(clock);
    savePolicy(Fixtures.policy());
  }

  @AfterEach
  void dropStores() {
    for (CapacityStore s : created) {
      tearDownStore(s);
    }
  }

  private CapacityStore newStore(TimeSource time) {
    CapacityStore s = createStore(time);
    created.add(s);
    return s;
  }

  // -------------------------------------------------------------------------------------- helpers

  /** Saves the fixture restaurant and floor with a policy. */
  protected void savePolicy(SeatingPolicy policy) {
    store.saveRestaurant(Fixtures.restaurant(), Fixtures.floor(), policy).orElseThrow();
  }

  /** Saves a pending booking on the service date. */
  protected void add(String id, int party, String hhmm) {
    store.saveBooking(R, booking(id, party, hhmm)).orElseThrow();
  }

  /** Saves a pending booking made at a given time. */
  protected void add(String id, int party, String hhmm, String createdAt) {
    store.saveBooking(R, Booking.of(id, party, at(hhmm), Instant.parse(createdAt))).orElseThrow();
  }

  /**
   * The runner over the fault injector, on the test clock, sleeper and event queue, holding and
   * then confirming (the faults these tests inject target the hold or the confirm; the one-step
   * default has tests of its own below).
   */
  protected AutoAssigner assigner() {
    return assigner(AutoAssignOptions.builder().oneStep(false).build());
  }

  /** As {@link #assigner()}, with given default options. */
  protected AutoAssigner assigner(AutoAssignOptions defaults) {
    return AutoAssigner.builder(faulty)
        .planner(Planner.create(clock))
        .timeSource(clock)
        .sleeper(sleeper)
        .telemetry(events::add)
        .defaults(defaults)
        .build();
  }

  /** Options for one worker with a given number of attempts, holding and then confirming. */
  protected static AutoAssignOptions.Builder oneWorker(int maxAttempts) {
    return AutoAssignOptions.builder().workers(1).maxAttempts(maxAttempts).oneStep(false);
  }

  /** Runs over given bookings. */
  protected AutoAssignReport run(AutoAssignOptions options, String... ids) {
    return assigner().run(R, BookingSelection.bookings(List.of(ids)), options);
  }

  protected AutoAssignResult result(AutoAssignReport report, String id) {
    return Objects.requireNonNull(report.result(id), "no result for " + id);
  }

  protected BookingState state(String id) {
    return Objects.requireNonNull(store.booking(R, id));
  }

  protected List<OccupancyEntry> liveHolds() {
    return store
        .occupancy(R, at("00:00"), at("00:00").plus(Duration.ofDays(2)))
        .occupancy()
        .entries()
        .stream()
        .filter(e -> e.kind() == OccupancyKind.HOLD)
        .toList();
  }

  /** Blocks every table of the fixture floor over a time range, except the given ones. */
  protected void blockAllBut(String fromHhmm, String toHhmm, String... except) {
    Set<String> keep = Set.of(except);
    for (String t : List.of("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8")) {
      if (!keep.contains(t)) {
        store.addBlock(R, new Block("block-" + t, t, at(fromHhmm), at(toHhmm))).orElseThrow();
      }
    }
  }

  protected <E extends TelemetryEvent> List<E> events(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  // -------------------------------------------------------------------------- bundled scenarios

  /**
   * Every bundled scenario, all its bookings run with 15 workers, breaks none of the ten rules,
   * leaves no live hold, reports every booking exactly once, and seats at least 99 % of the covers
   * that the same runner seats with one worker.
   */
  @ParameterizedTest
  @ValueSource(strings = {"bistro", "brasserie", "hall", "hall-late", "mega"})
  public void bundledScenarioWithFifteenWorkersBreaksNoRuleLeavesNoHoldAndKeepsCovers(String name) {
    Scenario scenario = ScenarioFiles.scenario(name);
    int oneWorker = seatedCovers(scenario, AutoAssignOptions.builder().workers(1).build());
    int fifteen = seatedCovers(scenario, AutoAssignOptions.builder().workers(15).build());
    assertThat(fifteen)
        .as("covers with 15 workers vs 1")
        .isGreaterThanOrEqualTo((int) Math.ceil(0.99 * oneWorker));
    assertThat(oneWorker).isPositive();
  }

  /**
   * Without strict priority every worker takes the next booking at once, so overlapping bookings
   * race (and conflicts are retried): the result still breaks no rule and leaves no hold.
   */
  @Test
  public void racingWorkersWithoutStrictPriorityBreakNoRuleAndLeaveNoHold() {
    Scenario scenario = ScenarioFiles.scenario("hall");
    int covers =
        seatedCovers(
            scenario, AutoAssignOptions.builder().workers(15).strictPriority(false).build());
    assertThat(covers).isPositive();
  }

  /** Runs a scenario on a fresh store; checks it and returns the covers. */
  private int seatedCovers(Scenario scenario, AutoAssignOptions options) {
    MutableTimeSource time = new MutableTimeSource(ScenarioStores.before(scenario));
    CapacityStore s = newStore(time);
    ScenarioLoader.load(s, scenario);
    List<String> ids = scenario.bookings().stream().map(Booking::id).toList();
    AutoAssigner runner =
        AutoAssigner.builder(s)
            .planner(Planner.create(time))
            .timeSource(time)
            .sleeper(new AdvancingSleeper(time))
            .build();
    AutoAssignReport report =
        runner.run(scenario.restaurant().id(), BookingSelection.bookings(ids), options);
    assertThat(report.results())
        .extracting(AutoAssignResult::booking)
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(report.stoppedBy()).isNull();
    CheckReport check =
        RuleChecker.check(scenario, ScenarioStores.result(s, scenario, ResultMode.BATCH));
    assertThat(check.violations()).as(check.summary()).isEmpty();
    assertThat(ScenarioStores.liveHolds(s, scenario)).isEmpty();
    assertThat(check.metrics().seatedCovers()).isEqualTo(report.coversSeated());
    return check.metrics().seatedCovers();
  }

  // ------------------------------------------------------------------------ order and attempts

  @Test
  public void P3_3_bookingsAreTakenUpLargestPartyThenEarliestStartThenOldestFirst() {
    add("small", 2, "19:00", "2026-11-01T09:00:00Z");
    add("big", 6, "20:00", "2026-11-05T09:00:00Z");
    add("four-late", 4, "18:00", "2026-11-03T09:00:00Z");
    add("four-early", 4, "17:30", "2026-11-04T09:00:00Z");
    add("four-old", 4, "18:00", "2026-11-02T09:00:00Z");
    List<String> taken = Collections.synchronizedList(new ArrayList<>());
    AutoAssignReport report =
        assigner()
            .run(
                R,
                BookingSelection.day(Fixtures.DATE),
                oneWorker(3).listener(r -> taken.add(r.booking())).build());
    List<String> expected = List.of("big", "four-early", "four-old", "four-late", "small");
    assertThat(taken).containsExactlyElementsOf(expected);
    assertThat(report.results())
        .extracting(AutoAssignResult::booking)
        .containsExactlyElementsOf(expected);
    assertThat(report.assigned()).isEqualTo(5);
  }

  @Test
  public void P3_3_orderCanBeChosen() {
    add("a", 2, "19:00");
    add("b", 6, "19:00");
    add("c", 4, "19:00");
    AutoAssignReport report =
        run(oneWorker(3).order(java.util.Comparator.comparing(Booking::id)).build(), "c", "a", "b");
    assertThat(report.results())
        .extracting(AutoAssignResult::booking)
        .containsExactly("a", "b", "c");
  }

  @Test
  public void P3_3_conflictIsRetriedWithJitteredBackoffWithinBoundedAttempts() {
    add("b1", 2, "19:00");
    faulty.refuse(Call.HOLD, "b1", 1_000, Reason.CONFLICT);
    AutoAssignReport report =
        run(oneWorker(4).backoff(Duration.ofMillis(100), Duration.ofMillis(300)).build(), "b1");
    AutoAssignResult r = result(report, "b1");
    assertThat(r.status()).isEqualTo(Status.NOT_ASSIGNED);
    assertThat(r.reason()).isEqualTo(Reason.CONFLICT);
    assertThat(r.attempts()).isEqualTo(4);
    assertThat(r.conflictsRetried()).isEqualTo(3);
    assertThat(report.conflictsRetried()).isEqualTo(3);
    List<Duration> waits = sleeper.waits();
    assertThat(waits).hasSize(3);
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(waits.get(2)).isBetween(Duration.ofMillis(150), Duration.ofMillis(300));
    assertThat(liveHolds()).isEmpty();
  }

  @Test
  public void conflictThatClearsIsSeatedOnALaterAttempt() {
    add("b1", 2, "19:00");
    faulty.refuse(Call.HOLD, "b1", 10, Reason.CONFLICT); // every plan of the first quote
    AutoAssignReport report = run(oneWorker(5).build(), "b1");
    AutoAssignResult r = result(report, "b1");
    assertThat(r.status()).isEqualTo(Status.ASSIGNED);
    assertThat(r.attempts()).isBetween(2, 5);
    assertThat(r.conflictsRetried()).isEqualTo(r.attempts() - 1);
    assertThat(state("b1").status()).isEqualTo(BookingStatus.CONFIRMED);
  }

  @Test
  public void sameSeedGivesTheSameWaits() {
    add("b1", 2, "19:00");
    AutoAssignOptions options = oneWorker(4).seed(42).build();
    faulty.refuse(Call.HOLD, "b1", 1_000, Reason.CONFLICT);
    run(options, "b1");
    List<Duration> first = sleeper.waits();
    AdvancingSleeper again = new AdvancingSleeper(clock);
    sleeper = again;
    run(options, "b1");
    assertThat(again.waits()).isEqualTo(first);
  }

  @Test
  public void hardRefusalStopsAtOnce() {
    add("b1", 2, "19:00");
    add("big", 20, "19:00");
    faulty.refuse(Call.HOLD, "b1", 1_000, Reason.RULE_BROKEN);
    AutoAssignReport report = run(oneWorker(5).build(), "b1", "big");
    assertThat(result(report, "b1").reason()).isEqualTo(Reason.RULE_BROKEN);
    assertThat(result(report, "b1").attempts()).isEqualTo(1);
    assertThat(result(report, "big").reason()).isEqualTo(Reason.PARTY_TOO_LARGE);
    assertThat(result(report, "big").attempts()).isEqualTo(1);
    assertThat(sleeper.waits()).isEmpty();
    assertThat(liveHolds()).isEmpty();
  }

  // ------------------------------------------------------------------------------------ holds

  @Test
  public void P3_4_failedConfirmationReleasesItsHold() {
    add("b1", 2, "19:00");
    faulty.refuse(Call.CONFIRM, "b1", 1, Reason.PACING_FULL);
    AutoAssignReport report = run(oneWorker(5).build(), "b1");
    AutoAssignResult r = result(report, "b1");
    assertThat(r.status()).isEqualTo(Status.NOT_ASSIGNED);
    assertThat(r.reason()).isEqualTo(Reason.PACING_FULL);
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(faulty.calls(Call.RELEASE)).isEqualTo(1);
    assertThat(liveHolds()).isEmpty();
    assertThat(state("b1").hold()).isNull();
  }

  @Test
  public void P3_4_expiredHoldIsReleasedAndTheBookingQuotedAgainWithOneHoldAtATime() {
    add("b1", 2, "19:00");
    faulty.refuse(Call.CONFIRM, "b1", 1, Reason.HOLD_EXPIRED);
    AtomicInteger mostHolds = new AtomicInteger();
    faulty.onCall(
        (call, booking) -> {
          if (call == Call.HOLD) {
            mostHolds.accumulateAndGet(liveHolds().size(), Math::max);
          }
        });
    AutoAssignReport report = run(oneWorker(5).build(), "b1");
    AutoAssignResult r = result(report, "b1");
    assertThat(r.status()).isEqualTo(Status.ASSIGNED);
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(mostHolds.get()).isLessThanOrEqualTo(1);
    assertThat(faulty.calls(Call.RELEASE)).isEqualTo(1);
    assertThat(liveHolds()).isEmpty();
  }

  @Test
  public void H1_bookingsOwnLeftoverHoldNeverBlocksIt() {
    add("b1", 6, "19:00");
    // A hold left behind by an earlier, crashed attempt on the only table that seats six alone.
    blockAllBut("18:00", "23:00", "T5");
    Hold leftover = store.hold(R, "b1", List.of("T5"), Duration.ofMinutes(5)).orElseThrow();
    AutoAssignReport report = run(oneWorker(1).build(), "b1");
    AutoAssignResult r = result(report, "b1");
    assertThat(r.status()).isEqualTo(Status.ASSIGNED);
    assertThat(Objects.requireNonNull(r.assignment()).tables()).containsExactly("T5");
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(liveHolds()).isEmpty();
    assertThat(state("b1").hold()).isNull();
    assertThat(leftover.booking()).isEqualTo("b1");
  }

  // ----------------------------------------------------------------------------------- faults

  @Test
  public void transientFailureOfAReadIsRetried() {
    add("b1", 2, "19:00");
    faulty.fail(Call.OCCUPANCY, null, 1, Failure.TRANSIENT);
    AutoAssignResult r = result(run(oneWorker(3).build(), "b1"), "b1");
    assertThat(r.status()).isEqualTo(Status.ASSIGNED);
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(events(AssignAttemptEvent.class))
        .extracting(AssignAttemptEvent::refusal)
        .containsExactly(Reason.STORAGE_UNAVAILABLE, null, null);
  }

  // ---------------------------------------------------------------------------------- one step

  /**
   * Runs that hold and then confirm (the one-step default is what the bundled-scenario test above
   * runs) keep every rule and the covers of a one-worker one-step run.
   */
  @ParameterizedTest
  @ValueSource(strings = {"hall", "mega"})
  public void twoStepWithFifteenWorkersBreaksNoRuleLeavesNoHoldAndKeepsCovers(String name) {
    Scenario scenario = ScenarioFiles.scenario(name);
    int oneWorker = seatedCovers(scenario, AutoAssignOptions.builder().workers(1).build());
    int fifteen =
        seatedCovers(scenario, AutoAssignOptions.builder().workers(15).oneStep(false).build());
    assertThat(fifteen)
        .as("covers with 15 two-step workers vs 1 one-step worker")
        .isGreaterThanOrEqualTo((int) Math.ceil(0.99 * oneWorker));
  }

  @Test
  public void oneStepSeatsWithoutAHoldOrAConfirmAndReportsOneAttempt() {
    add("b1", 2, "19:00");
    add("b2", 4, "19:00");
    AutoAssignReport report = run(oneWorker(3).oneStep(true).build(), "b1", "b2");
    assertThat(result(report, "b1").status()).isEqualTo(Status.ASSIGNED);
    assertThat(result(report, "b2").status()).isEqualTo(Status.ASSIGNED);
    assertThat(faulty.calls(Call.HOLD)).isZero();
    assertThat(faulty.calls(Call.CONFIRM)).isZero();
    assertThat(faulty.calls(Call.HOLD_AND_CONFIRM)).isEqualTo(2);
    assertThat(events(AssignAttemptEvent.class))
        .extracting(AssignAttemptEvent::step)
        .containsOnly(AssignAttemptEvent.Step.QUOTE_AND_CONFIRM)
        .hasSize(2);
    assertThat(state("b1").status()).isEqualTo(BookingStatus.CONFIRMED);
    assertThat(Objects.requireNonNull(state("b1").assignment()).tables())
        .doesNotContainAnyElementsOf(Objects.requireNonNull(state("b2").assignment()).tables());
  }

  @Test
  public void oneStepConflictOnEveryPlanIsRetriedAndSeatedOnALaterAttempt() {
    add("b1", 2, "19:00");
    faulty.refuse(Call.HOLD_AND_CONFIRM, "b1", 10, Reason.CONFLICT); // every plan of a quote
    AutoAssignResult r = result(run(oneWorker(5).oneStep(true).build(), "b1"), "b1");
    assertThat(r.status()).isEqualTo(Status.ASSIGNED);
    assertThat(r.attempts()).isBetween(2, 5);
    assertThat(r.conflictsRetried()).isEqualTo(r.attempts() - 1);
    assertThat(state("b1").status()).isEqualTo(BookingStatus.CONFIRMED);
  }

  @Test
  public void oneStepConfirmThatTimesOutAfterApplyingIsReadBackAsAssigned() {
    add("b1", 2, "19:00");
    faulty.fail(Call.HOLD_AND_CONFIRM, "b1", 1, Failure.TIMEOUT_AFTER_APPLYING);
    AutoAssignResult r = result(run(oneWorker(3).oneStep(true).build(), "b1"), "b1");
    assertThat(r.status()).isEqualTo(Status.ASSIGNED);
    assertThat(faulty.calls(Call.HOLD_AND_CONFIRM)).isEqualTo(1);
    assertThat(r.assignment()).isEqualTo(state("b1").assignment());
    assertThat(store.history(R, "b1").stream().filter(c -> c.to() == BookingStatus.CONFIRMED))
        .hasSize(1);
  }

  @Test
  public void oneStepConfirmThatFailsTransientlyIsTriedAgain() {
    add("b1", 2, "19:00");
    faulty.fail(Call.HOLD_AND_CONFIRM, "b1", 1, Failure.TRANSIENT);
    AutoAssignResult r = result(run(oneWorker(3).oneStep(true).build(), "b1"), "b1");
    assertThat(r.status()).isEqualTo(Status.ASSIGNED);
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(faulty.calls(Call.HOLD_AND_CONFIRM)).isEqualTo(2);
    assertThat(liveHolds()).isEmpty();
  }

  @Test
  public void holdThatTimesOutAfterApplyingIsReleasedAndTriedAgain() {
    add("b1", 2, "19:00");
    faulty.fail(Call.HOLD, "b1", 1, Failure.TIMEOUT_AFTER_APPLYING);
    AutoAssignResult r = result(run(oneWorker(3).build(), "b1"), "b1");
    assertThat(r.status()).isEqualTo(Status.ASSIGNED);
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(liveHolds()).isEmpty();
  }

  @Test
  public void confirmThatTimesOutAfterApplyingIsRepeatedWithTheSameKey() {
    add("b1", 2, "19:00");
    faulty.fail(Call.CONFIRM, "b1", 1, Failure.TIMEOUT_AFTER_APPLYING);
    AutoAssignResult r = result(run(oneWorker(3).build(), "b1"), "b1");
    assertThat(r.status()).isEqualTo(Status.ASSIGNED);
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(faulty.calls(Call.HOLD)).isEqualTo(1);
    assertThat(faulty.calls(Call.CONFIRM)).isEqualTo(2);
    List<StatusChange> history = store.history(R, "b1");
    assertThat(history.stream().filter(c -> c.to() == BookingStatus.CONFIRMED)).hasSize(1);
    assertThat(liveHolds()).isEmpty();
  }

  @Test
  public void confirmThatFailsTransientlyIsRepeated() {
    add("b1", 2, "19:00");
    faulty.fail(Call.CONFIRM, "b1", 2, Failure.TRANSIENT);
    AutoAssignResult r = result(run(oneWorker(3).build(), "b1"), "b1");
    assertThat(r.status()).isEqualTo(Status.ASSIGNED);
    assertThat(r.attempts()).isEqualTo(3);
    assertThat(faulty.calls(Call.HOLD)).isEqualTo(1);
  }

  @Test
  public void transientFailuresEveryTimeEndAfterTheLastAttemptWithTheHoldReleased() {
    add("b1", 2, "19:00");
    faulty.fail(Call.CONFIRM, "b1", 1_000, Failure.TRANSIENT);
    AutoAssignResult r = result(run(oneWorker(4).build(), "b1"), "b1");
    assertThat(r.status()).isEqualTo(Status.NOT_ASSIGNED);
    assertThat(r.reason()).isEqualTo(Reason.STORAGE_UNAVAILABLE);
    assertThat(r.attempts()).isEqualTo(4);
    assertThat(sleeper.waits()).hasSize(3);
    assertThat(liveHolds()).isEmpty();
    assertThat(state("b1").status()).isEqualTo(BookingStatus.PENDING);
  }

  @Test
  public void hardFailureOfAConfirmStopsAtOnceAndReleasesTheHold() {
    add("b1", 2, "19:00");
    faulty.fail(Call.CONFIRM, "b1", 1, Failure.HARD);
    AutoAssignResult r = result(run(oneWorker(5).build(), "b1"), "b1");
    assertThat(r.status()).isEqualTo(Status.NOT_ASSIGNED);
    assertThat(r.reason()).isEqualTo(Reason.STORAGE_FAILED);
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(sleeper.waits()).isEmpty();
    assertThat(liveHolds()).isEmpty();
  }

  @Test
  public void hardFailureAfterAConfirmWasAppliedIsReportedAssigned() {
    add("b1", 2, "19:00");
    faulty.fail(Call.CONFIRM, "b1", 1, Failure.HARD_AFTER_APPLYING);
    AutoAssignResult r = result(run(oneWorker(5).build(), "b1"), "b1");
    assertThat(r.status()).isEqualTo(Status.ASSIGNED);
    assertThat(r.assignment()).isEqualTo(state("b1").assignment());
    assertThat(liveHolds()).isEmpty();
  }

  @Test
  public void hardFailureOfAQuoteStopsAtOnce() {
    add("b1", 2, "19:00");
    faulty.fail(Call.OCCUPANCY, null, 1, Failure.HARD);
    AutoAssignResult r = result(run(oneWorker(5).build(), "b1"), "b1");
    assertThat(r.reason()).isEqualTo(Reason.STORAGE_FAILED);
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(faulty.calls(Call.HOLD)).isZero();
  }

  @Test
  public void releaseThatFailsTransientlyIsTriedAgain() {
    add("b1", 2, "19:00");
    faulty.refuse(Call.CONFIRM, "b1", 1, Reason.RULE_BROKEN);
    faulty.fail(Call.RELEASE, "b1", 2, Failure.TRANSIENT);
    AutoAssignResult r = result(run(oneWorker(5).build(), "b1"), "b1");
    assertThat(r.reason()).isEqualTo(Reason.RULE_BROKEN);
    assertThat(faulty.calls(Call.RELEASE)).isEqualTo(3);
    assertThat(liveHolds()).isEmpty();
  }

  /**
   * A scenario run with eight workers while reads, holds and confirms fail at random (before being
   * applied, or after with the reply lost) reports every booking exactly once, ends valid, and
   * leaves no live hold, holding and then confirming or in one step.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  public void randomFaultsStillReportEveryBookingOnceEndValidAndLeaveNoHold(boolean oneStep) {
    Scenario scenario = ScenarioFiles.scenario("brasserie");
    clock.set(ScenarioStores.before(scenario));
    ScenarioLoader.load(store, scenario);
    faulty.failRandomly(
        0.05,
        20261120L,
        EnumSet.of(
            Call.OCCUPANCY,
            Call.BOOKING,
            Call.CONTEXT_VERSION,
            Call.HOLD,
            Call.CONFIRM,
            Call.HOLD_AND_CONFIRM));
    List<String> ids = scenario.bookings().stream().map(Booking::id).toList();
    Instant from = ScenarioStores.before(scenario);
    AutoAssignReport report =
        assigner()
            .run(
                scenario.restaurant().id(),
                BookingSelection.range(from, from.plus(Duration.ofDays(4))),
                AutoAssignOptions.builder().workers(8).maxAttempts(8).oneStep(oneStep).build());
    faulty.heal();
    assertThat(faulty.injected()).isPositive();
    assertThat(report.results())
        .extracting(AutoAssignResult::booking)
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(new HashSet<>(report.results())).hasSize(ids.size());
    for (AutoAssignResult r : report.results()) {
      BookingState st =
          Objects.requireNonNull(store.booking(scenario.restaurant().id(), r.booking()));
      assertThat(st.assignment() != null).as("%s seated", r).isEqualTo(r.seated());
    }
    CheckReport check =
        RuleChecker.check(scenario, ScenarioStores.result(store, scenario, ResultMode.BATCH));
    assertThat(check.violations()).as(check.summary()).isEmpty();
    assertThat(ScenarioStores.liveHolds(store, scenario)).isEmpty();
  }

  // ----------------------------------------------------------------- deadline, cancel, cut-off

  @Test
  public void deadlineStopsTheRunPromptlyReportsTheRestAndLeavesNoHold() {
    add("stuck", 6, "19:00");
    add("b2", 2, "19:00");
    add("b3", 2, "20:00");
    faulty.refuse(Call.HOLD, "stuck", 1_000, Reason.CONFLICT);
    // Each quote reads the occupancy once; make every read take a second.
    faulty.onCall(
        (call, booking) -> {
          if (call == Call.OCCUPANCY) {
            clock.advance(Duration.ofSeconds(1));
          }
        });
    AutoAssignReport report =
        assigner()
            .run(
                R,
                BookingSelection.day(Fixtures.DATE),
                oneWorker(100)
                    .backoff(Duration.ofMillis(10), Duration.ofMillis(10))
                    .deadline(Duration.ofMillis(2_500))
                    .build());
    AutoAssignResult stuck = result(report, "stuck");
    assertThat(stuck.status()).isEqualTo(Status.NOT_ASSIGNED);
    assertThat(stuck.reason()).isEqualTo(Reason.DEADLINE_EXCEEDED);
    assertThat(stuck.attempts()).isEqualTo(3);
    assertThat(result(report, "b2").status()).isEqualTo(Status.SKIPPED);
    assertThat(result(report, "b2").reason()).isEqualTo(Reason.DEADLINE_EXCEEDED);
    assertThat(result(report, "b3").status()).isEqualTo(Status.SKIPPED);
    assertThat(report.stoppedBy()).isEqualTo(Reason.DEADLINE_EXCEEDED);
    assertThat(report.bookings()).isEqualTo(3);
    assertThat(liveHolds()).isEmpty();
  }

  @Test
  public void backoffThatWouldPassTheDeadlineIsNotWaited() {
    add("stuck", 6, "19:00");
    add("b2", 2, "19:00");
    faulty.refuse(Call.HOLD, "stuck", 1_000, Reason.CONFLICT);
    AutoAssignReport report =
        assigner()
            .run(
                R,
                BookingSelection.day(Fixtures.DATE),
                oneWorker(100)
                    .backoff(Duration.ofSeconds(1), Duration.ofSeconds(1))
                    .deadline(Duration.ofMillis(2_500))
                    .build());
    AutoAssignResult stuck = result(report, "stuck");
    assertThat(stuck.reason()).isEqualTo(Reason.DEADLINE_EXCEEDED);
    assertThat(stuck.attempts()).isBetween(3, 5);
    assertThat(sleeper.waits().stream().mapToLong(Duration::toMillis).sum()).isLessThan(2_500);
    // The deadline itself has not passed: the next booking is still worth a try.
    assertThat(result(report, "b2").status()).isEqualTo(Status.ASSIGNED);
    assertThat(report.stoppedBy()).isEqualTo(Reason.DEADLINE_EXCEEDED);
    assertThat(liveHolds()).isEmpty();
  }

  @Test
  public void cancelBetweenHoldAndConfirmReleasesTheHold() {
    add("b1", 4, "19:00");
    add("b2", 2, "19:00");
    List<Runnable> queued = new ArrayList<>();
    AtomicReference<AutoAssignRun> handle = new AtomicReference<>();
    faulty.onCall(
        (call, booking) -> {
          if (call == Call.HOLD) {
            Objects.requireNonNull(handle.get()).cancel();
          }
        });
    AutoAssignRun run =
        assigner()
            .start(
                R, BookingSelection.day(Fixtures.DATE), oneWorker(3).executor(queued::add).build());
    handle.set(run);
    assertThat(queued).hasSize(1);
    queued.forEach(Runnable::run);
    assertThat(run.isDone()).isTrue();
    AutoAssignReport report = run.completion().toCompletableFuture().join();
    assertThat(result(report, "b1").reason()).isEqualTo(Reason.DEADLINE_EXCEEDED);
    assertThat(result(report, "b1").attempts()).isEqualTo(1);
    assertThat(result(report, "b2").status()).isEqualTo(Status.SKIPPED);
    assertThat(report.stoppedBy()).isEqualTo(Reason.DEADLINE_EXCEEDED);
    assertThat(faulty.calls(Call.CONFIRM)).isZero();
    assertThat(liveHolds()).isEmpty();
    assertThat(run.cancel()).isFalse();
  }

  @Test
  public void runCancelledBeforeItsWorkersStartSkipsEveryBooking() throws Exception {
    add("b1", 4, "19:00");
    add("b2", 2, "19:00");
    List<Runnable> queued = new ArrayList<>();
    AutoAssignRun run =
        assigner()
            .start(
                R,
                BookingSelection.day(Fixtures.DATE),
                AutoAssignOptions.builder().workers(2).executor(queued::add).build());
    assertThat(run.total()).isEqualTo(2);
    assertThat(run.cancel()).isTrue();
    assertThat(run.cancel()).isFalse();
    queued.forEach(Runnable::run);
    AutoAssignReport report = run.await();
    assertThat(run.completed()).isEqualTo(2);
    assertThat(report.results())
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(Status.SKIPPED);
              assertThat(r.reason()).isEqualTo(Reason.DEADLINE_EXCEEDED);
              assertThat(r.attempts()).isZero();
            });
    assertThat(faulty.calls(Call.HOLD)).isZero();
  }

  @Test
  public void bookingInsideTheCutoffIsNotAttempted() {
    add("soon", 2, "19:00");
    add("later", 2, "21:00");
    clock.set(at("18:50"));
    AutoAssignReport report =
        run(oneWorker(3).cutoff(Duration.ofMinutes(15)).build(), "soon", "later");
    assertThat(result(report, "soon").status()).isEqualTo(Status.SKIPPED);
    assertThat(result(report, "soon").reason()).isEqualTo(Reason.PAST_CUTOFF);
    assertThat(result(report, "later").status()).isEqualTo(Status.ASSIGNED);
    assertThat(faulty.calls(Call.HOLD)).isEqualTo(1);
  }

  @Test
  public void retryThatWouldStartInsideTheCutoffIsNotMade() {
    add("b1", 2, "19:00");
    clock.set(at("18:40"));
    faulty.refuse(Call.HOLD, "b1", 1_000, Reason.CONFLICT);
    AutoAssignResult r =
        result(
            run(
                oneWorker(5)
                    .cutoff(Duration.ofMinutes(15))
                    .backoff(Duration.ofMinutes(10), Duration.ofMinutes(10))
                    .build(),
                "b1"),
            "b1");
    assertThat(r.status()).isEqualTo(Status.NOT_ASSIGNED);
    assertThat(r.reason()).isEqualTo(Reason.PAST_CUTOFF);
    assertThat(r.attempts()).isEqualTo(1);
  }

  // ------------------------------------------------------------------------------ inline path

  @Test
  public void assignNowSeatsABookingInline() {
    add("b1", 4, "19:00");
    AutoAssignResult r = assigner().assignNow(R, "b1", Duration.ofMillis(300));
    assertThat(r.status()).isEqualTo(Status.ASSIGNED);
    assertThat(r.assignment()).isEqualTo(state("b1").assignment());
    assertThat(events(AssignBookingEvent.class))
        .singleElement()
        .satisfies(e -> assertThat(e.inline()).isTrue());
    assertThat(events(AssignRunEvent.class)).isEmpty();
  }

  @Test
  public void assignNowStopsWhenItsBudgetRunsOutAndLeavesNoHold() {
    add("b1", 2, "19:00");
    faulty.refuse(Call.CONFIRM, "b1", 1_000, Reason.HOLD_EXPIRED);
    AutoAssigner runner =
        assigner(
            AutoAssignOptions.builder()
                .maxAttempts(50)
                .backoff(Duration.ofMillis(40), Duration.ofMillis(40))
                .oneStep(false)
                .build());
    AutoAssignResult r = runner.assignNow(R, "b1", Duration.ofMillis(150));
    assertThat(r.status()).isEqualTo(Status.NOT_ASSIGNED);
    assertThat(r.reason()).isEqualTo(Reason.DEADLINE_EXCEEDED);
    // Waits of 20-40 ms: at least 4 attempts fit in 150 ms, at most 8; none waits past it.
    assertThat(r.attempts()).isBetween(4, 8);
    assertThat(sleeper.waits().stream().mapToLong(Duration::toMillis).sum()).isLessThan(150);
    assertThat(liveHolds()).isEmpty();
  }

  @Test
  public void assignNowInOneStepStopsWhenItsBudgetRunsOut() {
    add("b1", 2, "19:00");
    faulty.refuse(Call.HOLD_AND_CONFIRM, "b1", 1_000, Reason.CONFLICT);
    AutoAssigner runner =
        assigner(
            AutoAssignOptions.builder()
                .maxAttempts(50)
                .backoff(Duration.ofMillis(40), Duration.ofMillis(40))
                .build());
    AutoAssignResult r = runner.assignNow(R, "b1", Duration.ofMillis(150));
    assertThat(r.status()).isEqualTo(Status.NOT_ASSIGNED);
    assertThat(r.reason()).isEqualTo(Reason.DEADLINE_EXCEEDED);
    assertThat(r.attempts()).isBetween(4, 8);
    assertThat(sleeper.waits().stream().mapToLong(Duration::toMillis).sum()).isLessThan(150);
    assertThat(faulty.calls(Call.HOLD)).isZero();
    assertThat(state("b1").assignment()).isNull();
  }

  @Test
  public void assignNowReportsBookingsThatAreNotPending() {
    add("b1", 2, "19:00");
    add("b2", 2, "20:00");
    AutoAssigner runner = assigner();
    assertThat(runner.assignNow(R, "b1", Duration.ofSeconds(1)).status())
        .isEqualTo(Status.ASSIGNED);
    assertThat(runner.assignNow(R, "b1", Duration.ofSeconds(1)).status())
        .isEqualTo(Status.ALREADY_ASSIGNED);
    store.transition(R, "b2", BookingStatus.CANCELLED, "guest", "ill").orElseThrow();
    assertThat(runner.assignNow(R, "b2", Duration.ofSeconds(1)).reason())
        .isEqualTo(Reason.BOOKING_NOT_ASSIGNABLE);
    assertThat(runner.assignNow(R, "nobody", Duration.ofSeconds(1)).reason())
        .isEqualTo(Reason.BOOKING_NOT_FOUND);
    assertThatThrownBy(() -> runner.assignNow("nowhere", "b1", Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Maybe");
    assertThatThrownBy(() -> runner.assignNow(R, "b1", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ----------------------------------------------------------------------- the "no plan" cache

  @Test
  public void noPlanFoundInlineIsSkippedByALaterRunUntilAWrite() {
    add("b1", 2, "19:00");
    blockAllBut("18:00", "23:00");
    AutoAssigner runner = assigner();
    AutoAssignResult inline = runner.assignNow(R, "b1", Duration.ofSeconds(1));
    assertThat(inline.reason()).isEqualTo(Reason.NO_CAPACITY);

    int quotes = faulty.calls(Call.OCCUPANCY);
    AutoAssignReport skipped =
        runner.run(R, BookingSelection.bookings(List.of("b1")), oneWorker(3).build());
    assertThat(result(skipped, "b1").status()).isEqualTo(Status.SKIPPED);
    assertThat(result(skipped, "b1").reason()).isEqualTo(Reason.NO_CAPACITY);
    assertThat(result(skipped, "b1").attempts()).isZero();
    assertThat(faulty.calls(Call.OCCUPANCY)).isEqualTo(quotes);

    store.removeBlock(R, "block-T1").orElseThrow(); // a write: the occupancy version moves
    AutoAssignReport after =
        runner.run(R, BookingSelection.bookings(List.of("b1")), oneWorker(3).build());
    assertThat(result(after, "b1").status()).isEqualTo(Status.ASSIGNED);
  }

  @Test
  public void noPlanFoundByAOneStepRunIsSkippedByTheNextRunUntilAWrite() {
    add("b1", 2, "19:00");
    blockAllBut("18:00", "23:00");
    AutoAssigner runner = assigner(AutoAssignOptions.defaults());
    AutoAssignOptions oneStep = AutoAssignOptions.builder().workers(1).build();
    AutoAssignReport first = runner.run(R, BookingSelection.bookings(List.of("b1")), oneStep);
    assertThat(result(first, "b1").reason()).isEqualTo(Reason.NO_CAPACITY);
    assertThat(result(first, "b1").attempts()).isEqualTo(1);
    int versionReads = faulty.calls(Call.CONTEXT_VERSION);

    AutoAssignReport skipped = runner.run(R, BookingSelection.bookings(List.of("b1")), oneStep);
    assertThat(result(skipped, "b1").status()).isEqualTo(Status.SKIPPED);
    assertThat(result(skipped, "b1").reason()).isEqualTo(Reason.NO_CAPACITY);
    assertThat(faulty.calls(Call.CONTEXT_VERSION)).isEqualTo(versionReads + 1);

    store.removeBlock(R, "block-T1").orElseThrow(); // a write: the occupancy version moves
    AutoAssignReport after = runner.run(R, BookingSelection.bookings(List.of("b1")), oneStep);
    assertThat(result(after, "b1").status()).isEqualTo(Status.ASSIGNED);
  }

  @Test
  public void noPlanFoundByAOneStepRunWhileItsOwnPlanWasClaimedIsNotRemembered() {
    add("big", 6, "19:00");
    add("b1", 2, "19:00");
    blockAllBut("18:00", "23:00", "T5"); // one table for six: big takes it, b1 finds none
    AutoAssigner runner = assigner(AutoAssignOptions.defaults());
    AutoAssignOptions oneStep = AutoAssignOptions.builder().workers(1).build();
    AutoAssignReport first =
        runner.run(R, BookingSelection.bookings(List.of("big", "b1")), oneStep);
    assertThat(result(first, "big").status()).isEqualTo(Status.ASSIGNED);
    assertThat(result(first, "b1").reason()).isEqualTo(Reason.NO_CAPACITY);

    // b1's answer was found on the run's claim of T5, not on a version the store had: it is
    // quoted again (and still finds nothing)
    AutoAssignReport again = runner.run(R, BookingSelection.bookings(List.of("b1")), oneStep);
    assertThat(result(again, "b1").status()).isEqualTo(Status.NOT_ASSIGNED);
    assertThat(result(again, "b1").attempts()).isEqualTo(1);
  }

  @Test
  public void noPlanAnswerLivesOnlyAsLongAsThePolicySays() {
    savePolicy(
        Fixtures.policyBuilder()
            .cache(new CacheSettings(8, Duration.ofHours(1), 100, Duration.ofSeconds(20)))
            .build());
    add("b1", 2, "19:00");
    blockAllBut("18:00", "23:00");
    AutoAssigner runner = assigner();
    assertThat(runner.assignNow(R, "b1", Duration.ofSeconds(1)).reason())
        .isEqualTo(Reason.NO_CAPACITY);
    assertThat(runner.assignNow(R, "b1", Duration.ofSeconds(1)).attempts()).isZero();
    clock.advance(Duration.ofSeconds(21));
    AutoAssignResult again = runner.assignNow(R, "b1", Duration.ofSeconds(1));
    assertThat(again.reason()).isEqualTo(Reason.NO_CAPACITY);
    assertThat(again.attempts()).isEqualTo(1);
  }

  @Test
  public void noPlanCacheIsOffWhenThePolicyKeepsNoEntries() {
    savePolicy(
        Fixtures.policyBuilder()
            .cache(new CacheSettings(8, Duration.ofHours(1), 0, Duration.ofSeconds(20)))
            .build());
    add("b1", 2, "19:00");
    blockAllBut("18:00", "23:00");
    AutoAssigner runner = assigner();
    assertThat(runner.assignNow(R, "b1", Duration.ofSeconds(1)).attempts()).isEqualTo(1);
    assertThat(runner.assignNow(R, "b1", Duration.ofSeconds(1)).attempts()).isEqualTo(1);
  }

  @Test
  public void runCanBeToldNotToSkipKnownNoPlans() {
    add("b1", 2, "19:00");
    blockAllBut("18:00", "23:00");
    AutoAssigner runner = assigner();
    runner.assignNow(R, "b1", Duration.ofSeconds(1));
    AutoAssignReport report = run(oneWorker(3).skipKnownNoPlan(false).build(), "b1");
    assertThat(result(report, "b1").attempts()).isEqualTo(1);
    assertThat(result(report, "b1").status()).isEqualTo(Status.NOT_ASSIGNED);
  }

  // ------------------------------------------------------------------------------- selections

  @Test
  public void daySelectionTakesThePendingBookingsOfTheLocalDate() {
    add("b1", 2, "19:00");
    add("b2", 2, "20:00");
    store
        .saveBooking(
            R, Booking.of("tomorrow", 2, at("19:00").plus(Duration.ofDays(1)), at("10:00")))
        .orElseThrow();
    Hold h = store.hold(R, "b2", List.of("T1"), Duration.ofMinutes(5)).orElseThrow();
    store.confirm(R, "b2", h.id(), "k", "host").orElseThrow();
    AutoAssignReport report =
        assigner().run(R, BookingSelection.day(Fixtures.DATE), oneWorker(3).build());
    assertThat(report.results()).extracting(AutoAssignResult::booking).containsExactly("b1");
  }

  @Test
  public void serviceSelectionTakesOneServicePeriod() {
    add("b1", 2, "19:00");
    AutoAssignReport report =
        assigner().run(R, BookingSelection.service(Fixtures.DATE, "dinner"), oneWorker(3).build());
    assertThat(report.results()).extracting(AutoAssignResult::booking).containsExactly("b1");
    assertThatThrownBy(
            () ->
                assigner()
                    .run(
                        R, BookingSelection.service(Fixtures.DATE, "brunch"), oneWorker(3).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("brunch")
        .hasMessageContaining("Maybe: one of dinner");
  }

  @Test
  public void rangeSelectionTakesStartsInAHalfOpenRange() {
    add("b1", 2, "19:00");
    add("b2", 2, "20:00");
    AutoAssignReport report =
        assigner().run(R, BookingSelection.range(at("19:00"), at("20:00")), oneWorker(3).build());
    assertThat(report.results()).extracting(AutoAssignResult::booking).containsExactly("b1");
  }

  @Test
  public void listSelectionReportsEveryNamedBookingExactlyOnce() {
    add("pending", 2, "19:00");
    add("done", 2, "20:00");
    add("gone", 2, "20:00");
    Hold h = store.hold(R, "done", List.of("T1"), Duration.ofMinutes(5)).orElseThrow();
    store.confirm(R, "done", h.id(), "k", "host").orElseThrow();
    store.transition(R, "gone", BookingStatus.CANCELLED, "guest", "ill").orElseThrow();
    AutoAssignReport report =
        run(oneWorker(3).build(), "pending", "done", "gone", "nobody", "pending");
    assertThat(report.results())
        .extracting(AutoAssignResult::booking)
        .containsExactly("done", "gone", "nobody", "pending");
    assertThat(result(report, "done").status()).isEqualTo(Status.ALREADY_ASSIGNED);
    assertThat(result(report, "gone").reason()).isEqualTo(Reason.BOOKING_NOT_ASSIGNABLE);
    assertThat(result(report, "nobody").reason()).isEqualTo(Reason.BOOKING_NOT_FOUND);
    assertThat(result(report, "pending").status()).isEqualTo(Status.ASSIGNED);
    assertThat(report.count(Status.ALREADY_ASSIGNED)).isEqualTo(1);
  }

  @Test
  public void unknownRestaurantIsRefused() {
    assertThatThrownBy(() -> assigner().run("nowhere", BookingSelection.day(Fixtures.DATE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nowhere");
  }

  @Test
  public void emptySelectionEndsAtOnce() {
    AutoAssignReport report = assigner().run(R, BookingSelection.day(Fixtures.DATE));
    assertThat(report.bookings()).isZero();
    assertThat(report.stoppedBy()).isNull();
    assertThat(events(AssignRunEvent.class)).hasSize(1);
  }

  // -------------------------------------------------------------------- executor, concurrency

  @Test
  public void callersExecutorRunsAtMostTheWorkersAtOnce() throws Exception {
    for (int i = 0; i < 12; i++) {
      add("b" + i, 2, (17 + i / 4) + ":" + (i % 4 == 0 ? "00" : (i % 4) * 15 + ""));
    }
    AtomicInteger tasks = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      AutoAssignReport report =
          assigner()
              .run(
                  R,
                  BookingSelection.day(Fixtures.DATE),
                  AutoAssignOptions.builder()
                      .workers(3)
                      .executor(
                          task -> {
                            tasks.incrementAndGet();
                            pool.execute(task);
                          })
                      .build());
      assertThat(tasks.get()).isEqualTo(3);
      assertThat(report.workers()).isEqualTo(3);
      assertThat(report.bookings()).isEqualTo(12);
      assertThat(report.results())
          .allSatisfy(r -> assertThat(r.status()).isNotEqualTo(Status.SKIPPED));
    } finally {
      pool.shutdownNow();
    }
    assertThat(liveHolds()).isEmpty();
  }

  // -------------------------------------------------------------------------------- telemetry

  @Test
  public void telemetryHasEveryQuoteAttemptBookingAndRunWithIdsOnly() {
    add("b1", 2, "19:00");
    add("b2", 4, "19:00");
    faulty.refuse(Call.HOLD, "b1", 10, Reason.CONFLICT);
    AutoAssignReport report =
        assigner().run(R, BookingSelection.day(Fixtures.DATE), oneWorker(5).build());
    assertThat(report.assigned()).isEqualTo(2);
    List<AssignAttemptEvent> attempts = events(AssignAttemptEvent.class);
    assertThat(attempts.stream().filter(e -> e.step() == AssignAttemptEvent.Step.CONFIRM))
        .hasSize(2);
    assertThat(attempts.stream().filter(e -> e.refusal() == Reason.CONFLICT))
        .allSatisfy(e -> assertThat(e.backoffNanos()).isPositive());
    assertThat(events(QuoteEvent.class)).hasSizeGreaterThanOrEqualTo(report.attempts());
    assertThat(events(AssignBookingEvent.class))
        .extracting(AssignBookingEvent::booking)
        .containsExactlyInAnyOrder("b1", "b2");
    AssignRunEvent run = events(AssignRunEvent.class).get(0);
    assertThat(run.bookings()).isEqualTo(2);
    assertThat(run.assigned()).isEqualTo(2);
    assertThat(run.coversAssigned()).isEqualTo(6);
    assertThat(run.conflictsRetried()).isEqualTo(report.conflictsRetried()).isPositive();
    assertThat(run.policyVersion()).isEqualTo(Fixtures.policy().version());
    Set<String> ids = Set.of(R, "b1", "b2", Fixtures.policy().version());
    for (TelemetryEvent e : events) {
      for (RecordComponent c : e.getClass().getRecordComponents()) {
        if (c.getType() == String.class) {
          Object v;
          try {
            v = c.getAccessor().invoke(e);
          } catch (ReflectiveOperationException ex) {
            throw new LinkageError("cannot read " + c.getName(), ex);
          }
          if (v != null) {
            assertThat(v).as("%s of %s", c.getName(), e).isIn(ids.toArray());
          }
        }
      }
    }
  }

  @Test
  public void failingTelemetryAndListenerChangeNoOutcome() {
    add("b1", 2, "19:00");
    AutoAssigner runner =
        AutoAssigner.builder(faulty)
            .timeSource(clock)
            .sleeper(sleeper)
            .telemetry(
                e -> {
                  throw new IllegalStateException("sink down");
                })
            .build();
    AutoAssignReport report =
        runner.run(
            R,
            BookingSelection.day(Fixtures.DATE),
            oneWorker(3)
                .listener(
                    r -> {
                      throw new IllegalStateException("listener down");
                    })
                .build());
    assertThat(report.assigned()).isEqualTo(1);
  }
}
