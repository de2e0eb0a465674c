package dev.capacity.internal.service;

import static dev.capacity.testing.Fixtures.R;
import static dev.capacity.testing.Fixtures.at;
import static dev.capacity.testing.Fixtures.booking;
import static dev.capacity.testing.Fixtures.floor;
import static dev.capacity.testing.Fixtures.policyBuilder;
import static dev.capacity.testing.Fixtures.restaurant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.Availability;
import dev.capacity.AvailabilityRequest;
import dev.capacity.AvailableStart;
import dev.capacity.Booking;
import dev.capacity.BookingStatus;
import dev.capacity.CapacityService;
import dev.capacity.HeldPlan;
import dev.capacity.Hold;
import dev.capacity.Lookahead;
import dev.capacity.LookaheadMode;
import dev.capacity.Outcome;
import dev.capacity.Planner;
import dev.capacity.Quote;
import dev.capacity.Reason;
import dev.capacity.Restaurant;
import dev.capacity.SeatingPolicy;
import dev.capacity.ServicePeriod;
import dev.capacity.memory.InMemoryCapacityStore;
import dev.capacity.spi.AvailabilityEvent;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.CommandEvent;
import dev.capacity.spi.QuoteEvent;
import dev.capacity.spi.TelemetryEvent;
import dev.capacity.spi.TransientStorageException;
import dev.capacity.testing.BruteForcePlanner;
import dev.capacity.testing.Fixtures;
import dev.capacity.testing.MutableTimeSource;
import dev.capacity.testing.RecordingStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service's own behaviour: availability, quote-and-hold cleanup, telemetry, misuse. */
class DefaultCapacityServiceTest {
  private MutableTimeSource clock;
  private InMemoryCapacityStore store;
  private final List<TelemetryEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    clock = new MutableTimeSource(Fixtures.CLOCK_START);
    store = new InMemoryCapacityStore(clock);
    save(Fixtures.policy());
  }

  private void save(SeatingPolicy policy) {
    store.saveRestaurant(restaurant(), floor(), policy).orElseThrow();
  }

  private CapacityService service() {
    return service(Planner.create(clock));
  }

  private CapacityService service(Planner planner) {
    return CapacityService.builder(store)
        .planner(planner)
        .timeSource(clock)
        .telemetry(events::add)
        .build();
  }

  private void add(String id, int party, String hhmm) {
    store.saveBooking(R, booking(id, party, hhmm)).orElseThrow();
  }

  private static ServicePeriod period(String name, String from, String to) {
    return new ServicePeriod(name, LocalTime.parse(from), LocalTime.parse(to));
  }

  // --------------------------------------------------------------------------------- availability

  @Test
  void availabilityCoversEachServicePeriodOfTheDate() {
    save(
        policyBuilder()
            .servicePeriods(
                List.of(period("lunch", "12:00", "14:30"), period("dinner", "17:00", "23:00")))
            .build());
    Availability a = service().availability(AvailabilityRequest.forDate(R, 2, Fixtures.DATE));
    assertThat(a.startsExamined()).isEqualTo(10 + 24);
    assertThat(a.starts()).hasSize(34);
    assertThat(a.starts().get(0).start()).isEqualTo(at("12:00"));
    assertThat(a.starts().get(9).start()).isEqualTo(at("14:15"));
    assertThat(a.starts().get(10).start()).isEqualTo(at("17:00"));
    assertThat(a.starts().get(33).start()).isEqualTo(at("22:45"));
    assertThat(a.starts()).extracting(s -> s.window().start()).isSorted();
  }

  @Test
  void serviceCrossingMidnightBelongsToTheDateItStartsOn() {
    save(policyBuilder().servicePeriods(List.of(period("late", "18:00", "02:00"))).build());
    Availability a = service().availability(AvailabilityRequest.forDate(R, 2, Fixtures.DATE));
    assertThat(a.startsExamined()).isEqualTo(32); // 18:00 .. 01:45 the next day
    assertThat(a.starts().get(0).start()).isEqualTo(at("18:00"));
    assertThat(a.starts().get(31).start()).isEqualTo(at("01:45").plus(Duration.ofDays(1)));
  }

  @Test
  void restaurantOpenAllDayOffersEverySlotOfTheDate() {
    save(policyBuilder().servicePeriods(List.of()).build());
    assertThat(
            service()
                .availability(AvailabilityRequest.forDate(R, 2, Fixtures.DATE))
                .startsExamined())
        .isEqualTo(96);
  }

  @Test
  void daylightSavingDaysHaveTheirRealNumberOfStarts() {
    SeatingPolicy allDay = policyBuilder().servicePeriods(List.of()).build();
    ZoneId london = ZoneId.of("Europe/London");
    assertThat(
            DefaultCapacityService.starts(
                AvailabilityRequest.forDate(R, 2, LocalDate.of(2026, 3, 29)), allDay, london))
        .hasSize(92);
    assertThat(
            DefaultCapacityService.starts(
                AvailabilityRequest.forDate(R, 2, LocalDate.of(2026, 10, 25)), allDay, london))
        .hasSize(100);
  }

  @Test
  void rangeIsSearchedFromTheFirstWholeSlotInsideService() {
    Availability a =
        service().availability(AvailabilityRequest.forRange(R, 2, at("16:40"), at("17:31")));
    assertThat(a.starts())
        .extracting(AvailableStart::start)
        .containsExactly(at("17:00"), at("17:15"), at("17:30"));
  }

  @Test
  void availabilityInAZoneOffersOnlyThatZonesTables() {
    Availability a =
        service().availability(AvailabilityRequest.forDate(R, 4, Fixtures.DATE).inZone("patio"));
    assertThat(a.starts()).hasSize(24);
    assertThat(a.starts()).allSatisfy(s -> assertThat(s.plan().tables()).isSubsetOf("T6", "T8"));
  }

  @Test
  void availabilityAgreesWithTheBruteForceOracle() {
    Random random = new Random(20261120L);
    List<String> tables = floor().tables().stream().map(t -> t.id()).toList();
    int offered = 0;
    int examined = 0;
    Planner planner = Planner.create(clock);
    Planner bruteForce = new BruteForcePlanner();
    for (int round = 0; round < 20; round++) {
      setUp();
      int n = 0;
      for (int i = 0; i < 12; i++) {
        String id = "x" + n++;
        int party = 1 + random.nextInt(6);
        String hhmm = String.format("%02d:%02d", 17 + random.nextInt(6), 15 * random.nextInt(4));
        add(id, party, hhmm);
        Quote q = service(planner).quote(R, id);
        if (!q.plans().isEmpty()) {
          var plan = q.plans().get(random.nextInt(q.plans().size()));
          Hold h = store.hold(R, id, plan.tables(), Duration.ofMinutes(5)).orElseThrow();
          if (random.nextBoolean()) {
            store.confirm(R, id, h.id(), "k-" + id, "test").orElseThrow();
          }
        }
      }
      if (random.nextInt(3) == 0) {
        String t = tables.get(random.nextInt(tables.size()));
        store.addBlock(R, new dev.capacity.Block("k", t, at("20:00"), at("21:00")));
      }
      CapacityService real = service(planner);
      CapacityService oracle = service(bruteForce);
      for (int party = 1; party <= 9; party++) {
        AvailabilityRequest req = AvailabilityRequest.forDate(R, party, Fixtures.DATE);
        Set<Instant> byPlanner = starts(real.availability(req));
        Set<Instant> byOracle = starts(oracle.availability(req));
        assertThat(byPlanner).as("round %d, party %d", round, party).isEqualTo(byOracle);
        offered += byPlanner.size();
        examined += 24;
      }
    }
    assertThat(offered)
        .as("the rounds offer some starts and refuse others")
        .isBetween(1, examined - 1);
  }

  private static Set<Instant> starts(Availability a) {
    Set<Instant> out = new HashSet<>();
    a.starts().forEach(s -> out.add(s.start()));
    return out;
  }

  @Test
  void lookaheadRankingNeverChangesWhichStartsAreAvailable() {
    save(
        policyBuilder()
            .lookahead(new Lookahead(LookaheadMode.SOFT, Duration.ofHours(3), 32))
            .build());
    for (int i = 0; i < 6; i++) {
      add("p" + i, 2 + i % 4, String.format("%02d:00", 18 + i % 4));
    }
    store.hold(R, "p0", List.of("T1"), Duration.ofMinutes(5)).orElseThrow();
    AvailabilityRequest req = AvailabilityRequest.forDate(R, 4, Fixtures.DATE);
    Availability plain = service().availability(req);
    Availability ranked = service().availability(req.withLookaheadRanking(true));
    assertThat(starts(ranked)).isEqualTo(starts(plain));
  }

  @Test
  void availabilityReadsTheStoreOnceForTheWholeSearch() {
    List<String> calls = new CopyOnWriteArrayList<>();
    CapacityStore counting = RecordingStore.of(store, calls);
    CapacityService service =
        CapacityService.builder(counting).planner(Planner.create(clock)).timeSource(clock).build();
    service.availability(AvailabilityRequest.forDate(R, 2, Fixtures.DATE));
    assertThat(calls).containsExactly("context", "occupancy");
  }

  // ------------------------------------------------------------------------------ quote and hold

  @Test
  void quoteAndHoldReleasesTheHoldWhenTheStoreFailsAfterWritingIt() {
    add("b1", 2, "19:00");
    CapacityStore failing =
        (CapacityStore)
            Proxy.newProxyInstance(
                CapacityStore.class.getClassLoader(),
                new Class<?>[] {CapacityStore.class},
                (proxy, method, args) -> {
                  Object result;
                  try {
                    result = method.invoke(store, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                  if (method.getName().equals("hold")) {
                    throw new TransientStorageException("connection lost after the write", null);
                  }
                  return result;
                });
    CapacityService service =
        CapacityService.builder(failing).planner(Planner.create(clock)).timeSource(clock).build();
    assertThatThrownBy(() -> service.quoteAndHold(R, "b1"))
        .isInstanceOf(TransientStorageException.class);
    assertThat(Objects.requireNonNull(store.booking(R, "b1")).hold()).isNull();
  }

  @Test
  void quoteAndHoldStopsAtABookingLevelRefusal() {
    save(policyBuilder().pacing(new dev.capacity.Pacing(15, 4)).build());
    add("b1", 4, "19:00");
    add("b2", 2, "19:00");
    store
        .assign(
            R,
            new dev.capacity.AssignRequest(
                "b1",
                List.of("T4"),
                Objects.requireNonNull(store.contextVersion(R, "b1")),
                "k",
                "h",
                ""))
        .orElseThrow();
    Outcome<HeldPlan> out = service().quoteAndHold(R, "b2");
    assertThat(out.reason()).isEqualTo(Reason.PACING_FULL);
  }

  @Test
  void quoteOfMissingOrEndedBookingIsARefusalNotAnException() {
    add("b1", 2, "19:00");
    store.transition(R, "b1", BookingStatus.CANCELLED, "guest", "").orElseThrow();
    assertThat(service().quote(R, "nobody").refusal()).isEqualTo(Reason.BOOKING_NOT_FOUND);
    assertThat(service().quote(R, "b1").refusal()).isEqualTo(Reason.BOOKING_NOT_ASSIGNABLE);
    assertThat(service().quoteAndHold(R, "b1").reason()).isEqualTo(Reason.BOOKING_NOT_ASSIGNABLE);
  }

  @Test
  void unsavedBookingCanBeQuoted() {
    Quote q = service().quote(R, booking("walk-in", 2, "19:00"));
    assertThat(q.best()).isNotNull();
    assertThat(store.booking(R, "walk-in")).isNull();
  }

  @Test
  void unknownRestaurantIsMisuse() {
    CapacityService service = service();
    assertThatThrownBy(() -> service.quote("nowhere", "b1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nowhere");
    assertThatThrownBy(
            () -> service.availability(AvailabilityRequest.forDate("nowhere", 2, Fixtures.DATE)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CapacityService.builder(store).maxPlans(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void serviceStoreAndPlannerAgreeAcrossRestaurants() {
    store
        .saveRestaurant(
            new Restaurant("other", ZoneId.of("Asia/Tokyo")), floor(), Fixtures.policy())
        .orElseThrow();
    store
        .saveBooking("other", Booking.of("b1", 2, at("19:00"), Fixtures.CLOCK_START))
        .orElseThrow();
    add("b1", 2, "19:00");
    CapacityService service = service();
    HeldPlan here = service.quoteAndHold(R, "b1").orElseThrow();
    assertThat(service.quote("other", "b1").refusal()).isEqualTo(Reason.OUTSIDE_SERVICE);
    assertThat(here.hold().tables()).isNotEmpty();
  }

  // ------------------------------------------------------------------------------------ telemetry

  @Test
  void telemetryCarriesIdsCountsAndReasonsOnly() {
    add("b1", 2, "19:00");
    CapacityService service = service();
    HeldPlan held = service.quoteAndHold(R, "b1").orElseThrow();
    service.confirm(R, "b1", held.hold().id(), "k-1", "web").orElseThrow();
    service.availability(AvailabilityRequest.forDate(R, 2, Fixtures.DATE));
    service.confirm(R, "b1", "hold-none", "k-2", "web");
    assertThat(events).hasAtLeastOneElementOfType(QuoteEvent.class);
    assertThat(events)
        .filteredOn(CommandEvent.class::isInstance)
        .map(e -> (CommandEvent) e)
        .extracting(CommandEvent::command, CommandEvent::refusal)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CommandEvent.Command.QUOTE_AND_HOLD, null),
            org.assertj.core.groups.Tuple.tuple(CommandEvent.Command.CONFIRM, null),
            org.assertj.core.groups.Tuple.tuple(
                CommandEvent.Command.CONFIRM, Reason.HOLD_NOT_FOUND));
    assertThat(events).filteredOn(AvailabilityEvent.class::isInstance).hasSize(1);
    assertThat(events).allSatisfy(e -> assertThat(e.restaurant()).isEqualTo(R));
  }

  @Test
  void failingTelemetrySinkNeverChangesAnOutcome() {
    add("b1", 2, "19:00");
    CapacityService service =
        CapacityService.builder(store)
            .planner(Planner.create(clock))
            .timeSource(clock)
            .telemetry(
                e -> {
                  throw new IllegalStateException("sink down");
                })
            .build();
    assertThat(service.quoteAndHold(R, "b1").isSuccess()).isTrue();
  }
}
