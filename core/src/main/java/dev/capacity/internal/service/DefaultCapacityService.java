package dev.capacity.internal.service;

import dev.capacity.AssignRequest;
import dev.capacity.Availability;
import dev.capacity.AvailabilityRequest;
import dev.capacity.AvailableStart;
import dev.capacity.Booking;
import dev.capacity.BookingState;
import dev.capacity.BookingStatus;
import dev.capacity.BookingWindow;
import dev.capacity.CapacityService;
import dev.capacity.Confirmation;
import dev.capacity.ContextVersion;
import dev.capacity.HeldPlan;
import dev.capacity.Hold;
import dev.capacity.LookaheadMode;
import dev.capacity.ManualAssignment;
import dev.capacity.Occupancy;
import dev.capacity.Outcome;
import dev.capacity.Pacing;
import dev.capacity.PlanOption;
import dev.capacity.Planner;
import dev.capacity.Quote;
import dev.capacity.QuoteRequest;
import dev.capacity.Reason;
import dev.capacity.Refusal;
import dev.capacity.Restaurant;
import dev.capacity.RestaurantContext;
import dev.capacity.Rule;
import dev.capacity.RuleVerdict;
import dev.capacity.SearchDiagnostics;
import dev.capacity.SeatingPolicy;
import dev.capacity.ServicePeriod;
import dev.capacity.StatusChange;
import dev.capacity.Violation;
import dev.capacity.internal.commit.PlanCheck;
import dev.capacity.spi.AvailabilityEvent;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.CommandEvent;
import dev.capacity.spi.OccupancySnapshot;
import dev.capacity.spi.QuoteEvent;
import dev.capacity.spi.TelemetryEvent;
import dev.capacity.spi.TelemetrySink;
import dev.capacity.spi.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The {@link CapacityService} over a store and a planner.
 *
 * <p>Implementation note: every quote reads the store twice at most (the occupancy of the range the
 * planner can look at, and the known unassigned bookings when lookahead is on); the floor plan and
 * policy are taken from the occupancy snapshot, so a quote never mixes two versions. An
 * availability search reads once for the whole range and quotes each slot against that one
 * snapshot.
 *
 * <p>Thread-safe: holds no mutable state.
 */
public final class DefaultCapacityService implements CapacityService {
  private static final System.Logger LOG = System.getLogger(DefaultCapacityService.class.getName());

  /** The id of the synthetic booking an availability search quotes. */
  static final String PROBE = "capacity:availability-probe";

  private static final SearchDiagnostics NO_SEARCH =
      new SearchDiagnostics(true, false, 0, Map.of(), 0, 0, false);

  private final CapacityStore store;
  private final Planner planner;
  private final TimeSource time;
  private final TelemetrySink telemetry;
  private final int maxPlans;

  /**
   * Creates the service; use {@link CapacityService#builder}.
   *
   * @param store the store
   * @param planner the planner
   * @param time the time source for durations and telemetry
   * @param telemetry the sink
   * @param maxPlans plans per quote, at least 1
   */
  public DefaultCapacityService(
      CapacityStore store,
      Planner planner,
      TimeSource time,
      TelemetrySink telemetry,
      int maxPlans) {
    this.store = Objects.requireNonNull(store, "store");
    this.planner = Objects.requireNonNull(planner, "planner");
    this.time = Objects.requireNonNull(time, "time");
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    this.maxPlans = maxPlans;
  }

  /**
   * The same service over another store: same planner, clock, sink and plans per quote. An
   * auto-assign run quotes through a view of the store that adds its own claims.
   *
   * @param other the store
   * @return the service
   */
  public DefaultCapacityService over(CapacityStore other) {
    return new DefaultCapacityService(other, planner, time, telemetry, maxPlans);
  }

  /**
   * The store this service reads and writes.
   *
   * @return the store
   */
  public CapacityStore store() {
    return store;
  }

  // --------------------------------------------------------------------------------------- quotes

  @Override
  public Quote quote(String restaurantId, String bookingId) {
    long t0 = time.nanoTime();
    RestaurantContext ctx = requireContext(restaurantId);
    BookingState st = store.booking(restaurantId, bookingId);
    Quote q;
    if (st == null) {
      q = refusedQuote(bookingId, Reason.BOOKING_NOT_FOUND);
    } else if (!st.status().assignable()) {
      q = refusedQuote(bookingId, Reason.BOOKING_NOT_ASSIGNABLE);
    } else {
      q = plan(ctx, st.booking(), maxPlans);
    }
    emitQuote(restaurantId, q, t0);
    return q;
  }

  @Override
  public Quote quote(String restaurantId, Booking booking) {
    long t0 = time.nanoTime();
    RestaurantContext ctx = requireContext(restaurantId);
    Quote q = plan(ctx, booking, maxPlans);
    emitQuote(restaurantId, q, t0);
    return q;
  }

  @Override
  public Outcome<HeldPlan> quoteAndHold(String restaurantId, String bookingId) {
    RestaurantContext ctx = requireContext(restaurantId);
    return quoteAndHold(ctx, bookingId, ctx.policy().holdTtl());
  }

  @Override
  public Outcome<HeldPlan> quoteAndHold(String restaurantId, String bookingId, Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    return quoteAndHold(requireContext(restaurantId), bookingId, ttl);
  }

  private Outcome<HeldPlan> quoteAndHold(RestaurantContext ctx, String bookingId, Duration ttl) {
    long t0 = time.nanoTime();
    String r = ctx.id();
    Outcome<HeldPlan> out = tryHold(ctx, bookingId, ttl, t0);
    emitCommand(r, bookingId, CommandEvent.Command.QUOTE_AND_HOLD, out.reason(), t0);
    return out;
  }

  private Outcome<HeldPlan> tryHold(
      RestaurantContext ctx, String bookingId, Duration ttl, long t0) {
    String r = ctx.id();
    BookingState st = store.booking(r, bookingId);
    Outcome<Quote> quoted = quoteFor(ctx, st, bookingId, t0);
    Quote q = quoted.valueOrNull();
    if (q == null || st == null) {
      return Outcome.refused(Objects.requireNonNull(quoted.refusalOrNull()));
    }
    Hold previous = st.hold();
    String before = previous == null ? null : previous.id();
    return firstPlan(
        q,
        bookingId,
        "held",
        plan -> {
          try {
            return store.hold(r, bookingId, plan.tables(), ttl);
          } catch (RuntimeException e) {
            releaseCreated(r, bookingId, before, e);
            throw e;
          }
        },
        (hold, plan, tried) -> new HeldPlan(hold, plan, q, tried));
  }

  /**
   * A plan confirmed in one step, with the quote it came from.
   *
   * @param confirmation the confirmation
   * @param plan the plan confirmed
   * @param quote the quote whose ranked plans were tried in order
   * @param plansTried how many plans were tried (1 when the best plan was confirmed)
   */
  public record ConfirmedPlan(
      Confirmation confirmation, PlanOption plan, Quote quote, int plansTried) {}

  /**
   * Quotes a booking and holds and confirms the first ranked plan that can be, in one store command
   * per plan ({@link CapacityStore#holdAndConfirm}); the auto-assigner's one-step path. A plan
   * taken meanwhile (or otherwise refused for that plan only) is skipped for the next.
   *
   * @param restaurantId the restaurant id
   * @param bookingId the booking id
   * @param idempotencyKey the key every plan tried is confirmed under (a refusal is not recorded)
   * @param actor who confirms
   * @return the confirmed plan, or the refusal (the planner's, or the store's for the last plan)
   * @throws IllegalArgumentException if the restaurant is unknown
   * @throws dev.capacity.spi.CapacityStorageException if the store fails
   */
  public Outcome<ConfirmedPlan> quoteAndConfirm(
      String restaurantId, String bookingId, String idempotencyKey, String actor) {
    RestaurantContext ctx = requireContext(restaurantId);
    long t0 = time.nanoTime();
    return quoteAndConfirm(
        ctx, store.booking(ctx.id(), bookingId), bookingId, idempotencyKey, actor, t0);
  }

  /**
   * {@link #quoteAndConfirm(String, String, String, String)} for a caller that has just read the
   * restaurant's context and the booking (the inline path of a booking request reads both to decide
   * whether to seat it), without reading them again. The plans are those of the state given; the
   * store checks the booking's state and the rules again under its lock, so a booking cancelled
   * since is refused, and one whose party or times changed since is refused for each plan that no
   * longer fits (a fresh read would have quoted it anew: the window between the two is a caller's
   * own read ago).
   *
   * @param ctx the restaurant's context, as read from this service's store
   * @param state the booking, as read from it
   * @param idempotencyKey the key every plan tried is confirmed under
   * @param actor who confirms
   * @return the confirmed plan, or the refusal
   * @throws dev.capacity.spi.CapacityStorageException if the store fails
   */
  public Outcome<ConfirmedPlan> quoteAndConfirm(
      RestaurantContext ctx, BookingState state, String idempotencyKey, String actor) {
    return quoteAndConfirm(
        ctx, state, state.booking().id(), idempotencyKey, actor, time.nanoTime());
  }

  private Outcome<ConfirmedPlan> quoteAndConfirm(
      RestaurantContext ctx,
      @Nullable BookingState state,
      String bookingId,
      String idempotencyKey,
      String actor,
      long t0) {
    String r = ctx.id();
    Outcome<Quote> quoted = quoteFor(ctx, state, bookingId, t0);
    Quote q = quoted.valueOrNull();
    Outcome<ConfirmedPlan> out =
        q == null
            ? Outcome.refused(Objects.requireNonNull(quoted.refusalOrNull()))
            : firstPlan(
                q,
                bookingId,
                "confirmed",
                plan -> store.holdAndConfirm(r, bookingId, plan.tables(), idempotencyKey, actor),
                (c, plan, tried) -> new ConfirmedPlan(c, plan, q, tried));
    emitCommand(r, bookingId, CommandEvent.Command.QUOTE_AND_CONFIRM, out.reason(), t0);
    return out;
  }

  /** The quote of a booking read from the store, or why there is none. */
  private Outcome<Quote> quoteFor(
      RestaurantContext ctx, @Nullable BookingState st, String bookingId, long t0) {
    if (st == null) {
      return Outcome.refused(Reason.BOOKING_NOT_FOUND, "no booking '" + bookingId + "'");
    }
    if (!st.status().assignable()) {
      return Outcome.refused(
          Reason.BOOKING_NOT_ASSIGNABLE,
          "booking '" + bookingId + "' is " + st.status() + " and cannot be seated");
    }
    Quote q = plan(ctx, st.booking(), maxPlans);
    emitQuote(ctx.id(), q, t0);
    Reason refusal = q.refusal();
    if (refusal != null) {
      return Outcome.refused(
          refusal, "the planner has no plan for booking '" + bookingId + "': " + refusal);
    }
    return Outcome.success(q);
  }

  /** What a plan's command gave, with the plan and how many plans were tried. */
  private interface PlanResult<V, T> {
    T of(V value, PlanOption plan, int tried);
  }

  /**
   * Runs a command on each ranked plan in turn until one succeeds or is refused for a reason no
   * other plan can avoid.
   */
  private static <V, T> Outcome<T> firstPlan(
      Quote q,
      String bookingId,
      String done,
      java.util.function.Function<PlanOption, Outcome<V>> command,
      PlanResult<V, T> result) {
    Refusal last = null;
    int tried = 0;
    for (PlanOption plan : q.plans()) {
      tried++;
      Outcome<V> out = command.apply(plan);
      V value = out.valueOrNull();
      if (value != null) {
        return Outcome.success(result.of(value, plan, tried));
      }
      last = Objects.requireNonNull(out.refusalOrNull());
      if (!planSpecific(last.reason())) {
        return Outcome.refused(last);
      }
    }
    Refusal lastRefusal = Objects.requireNonNull(last, "a quote with plans tried none");
    return Outcome.refused(
        new Refusal(
            lastRefusal.reason(),
            "none of the "
                + tried
                + " plans of booking '"
                + bookingId
                + "' could be "
                + done
                + "; the last: "
                + lastRefusal.message(),
            lastRefusal.violations(),
            lastRefusal.conflicts(),
            lastRefusal.changes()));
  }

  /** Whether another plan of the same booking may succeed where this reason refused one. */
  private static boolean planSpecific(Reason reason) {
    return reason == Reason.CONFLICT
        || reason == Reason.TABLE_INACTIVE
        || reason == Reason.UNKNOWN_TABLE
        || reason == Reason.RULE_BROKEN;
  }

  /** After a failed hold whose effect is unknown, releases a hold it may have created. */
  private void releaseCreated(
      String restaurantId, String bookingId, @Nullable String before, RuntimeException failure) {
    try {
      BookingState now = store.booking(restaurantId, bookingId);
      Hold h = now == null ? null : now.hold();
      if (h != null && !h.id().equals(before)) {
        store.releaseHold(restaurantId, bookingId, h.id());
      }
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** Quotes a booking against one snapshot of the range the planner can look at. */
  private Quote plan(RestaurantContext ctx, Booking booking, int plans) {
    SeatingPolicy policy = ctx.policy();
    ZoneId zone = ctx.restaurant().timeZone();
    Instant until = blockedUntil(policy, zone, booking);
    Instant from = readFrom(policy, booking.start());
    Instant to = readTo(policy, until);
    OccupancySnapshot snap = store.occupancy(ctx.id(), from, to);
    Occupancy occ = snap.occupancy();
    List<Booking> known = known(ctx.id(), policy, from, to);
    return planner.quote(
        new QuoteRequest(
            new Restaurant(ctx.id(), occ.zone()),
            occ.floor(),
            occ.policy(),
            booking,
            occ,
            known,
            plans));
  }

  private static Instant blockedUntil(SeatingPolicy policy, ZoneId zone, Booking booking) {
    try {
      return policy.window(booking, zone).blockedUntil();
    } catch (IllegalArgumentException outsideServiceOrNoTurnTime) {
      return booking.start().plus(Duration.ofMinutes(policy.slotMinutes()));
    }
  }

  /** The start of the range to read: covers the pacing window and the lookahead horizon. */
  private static Instant readFrom(SeatingPolicy policy, Instant firstStart) {
    Pacing pacing = policy.pacing();
    long pad = Math.max(policy.slotMinutes(), pacing == null ? 0 : pacing.windowMinutes());
    Duration horizon = lookahead(policy) ? policy.lookahead().horizon() : Duration.ZERO;
    return firstStart.minus(Duration.ofMinutes(pad)).minus(horizon);
  }

  private static Instant readTo(SeatingPolicy policy, Instant lastBlockedUntil) {
    Duration horizon = lookahead(policy) ? policy.lookahead().horizon() : Duration.ZERO;
    return lastBlockedUntil.plus(Duration.ofMinutes(policy.slotMinutes())).plus(horizon);
  }

  private static boolean lookahead(SeatingPolicy policy) {
    return policy.lookahead().mode() != LookaheadMode.OFF;
  }

  /**
   * Known bookings not yet seated nor held, for lookahead; empty when lookahead is off. The store's
   * list as it is: it may hold the quoted booking itself, which planners skip ({@link
   * dev.capacity.Planner}). Filtering it out here took a pass through the list's generic iterator
   * and two copies on every quote, on top of the one copy {@code QuoteRequest} makes.
   */
  private List<Booking> known(String restaurantId, SeatingPolicy policy, Instant from, Instant to) {
    return lookahead(policy) ? store.unplacedBookings(restaurantId, from, to) : List.of();
  }

  private static Quote refusedQuote(String bookingId, Reason reason) {
    return new Quote(bookingId, null, List.of(), reason, NO_SEARCH);
  }

  // ------------------------------------------------------------------------------------- commands

  @Override
  public Outcome<Hold> hold(String restaurantId, String bookingId, List<String> tables) {
    long t0 = time.nanoTime();
    RestaurantContext ctx = store.context(restaurantId);
    Duration ttl = ctx == null ? SeatingPolicy.defaults().holdTtl() : ctx.policy().holdTtl();
    Outcome<Hold> out = store.hold(restaurantId, bookingId, tables, ttl);
    emitCommand(restaurantId, bookingId, CommandEvent.Command.HOLD, out.reason(), t0);
    return out;
  }

  @Override
  public Outcome<Confirmation> confirm(
      String restaurantId, String bookingId, String holdId, String idempotencyKey, String actor) {
    long t0 = time.nanoTime();
    Outcome<Confirmation> out =
        store.confirm(restaurantId, bookingId, holdId, idempotencyKey, actor);
    emitCommand(restaurantId, bookingId, CommandEvent.Command.CONFIRM, out.reason(), t0);
    return out;
  }

  @Override
  public @Nullable ContextVersion context(String restaurantId, String bookingId) {
    return store.contextVersion(restaurantId, bookingId);
  }

  @Override
  public ManualAssignment assign(String restaurantId, AssignRequest request) {
    long t0 = time.nanoTime();
    Outcome<Confirmation> out = store.assign(restaurantId, request);
    emitCommand(restaurantId, request.booking(), CommandEvent.Command.ASSIGN, out.reason(), t0);
    return new ManualAssignment(out, verdicts(restaurantId, request, out.refusalOrNull()));
  }

  /**
   * Each rule's verdict on the chosen tables, against the occupancy as it is now (the booking's own
   * entries ignored), overridden by the store's verdict for the rules it refused.
   */
  private List<RuleVerdict> verdicts(
      String restaurantId, AssignRequest request, @Nullable Refusal refusal) {
    Map<Rule, RuleVerdict> out = new EnumMap<>(Rule.class);
    RestaurantContext ctx = store.context(restaurantId);
    BookingState st = store.booking(restaurantId, request.booking());
    Refusal invalid = PlanCheck.invalidTables(request.booking(), request.tables());
    if (ctx != null && st != null) {
      if (invalid != null) {
        out.put(
            Rule.TABLES,
            RuleVerdict.of(
                Rule.TABLES,
                List.of(
                    new Violation(
                        Rule.TABLES, invalid.message(), List.of(request.booking()), List.of()))));
      } else {
        SeatingPolicy policy = ctx.policy();
        ZoneId zone = ctx.restaurant().timeZone();
        Booking b = st.booking();
        OccupancySnapshot snap =
            store.occupancy(
                restaurantId,
                readFrom(policy, b.start()),
                readTo(policy, blockedUntil(policy, zone, b)));
        Occupancy occ = snap.occupancy();
        RestaurantContext aligned =
            new RestaurantContext(new Restaurant(ctx.id(), occ.zone()), occ.floor(), occ.policy());
        for (RuleVerdict v : PlanCheck.check(aligned, occ, b, request.tables()).verdicts()) {
          out.put(v.rule(), v);
        }
      }
    }
    if (refusal != null) {
      Map<Rule, List<Violation>> byRule = new EnumMap<>(Rule.class);
      for (Violation v : refusal.violations()) {
        List<Violation> list = byRule.get(v.rule());
        if (list == null) {
          list = new ArrayList<>();
          byRule.put(v.rule(), list);
        }
        list.add(v);
      }
      byRule.forEach((rule, violations) -> out.put(rule, RuleVerdict.of(rule, violations)));
    }
    return List.copyOf(out.values());
  }

  @Override
  public Outcome<Hold> release(String restaurantId, String bookingId, String holdId) {
    long t0 = time.nanoTime();
    Outcome<Hold> out = store.releaseHold(restaurantId, bookingId, holdId);
    emitCommand(restaurantId, bookingId, CommandEvent.Command.RELEASE, out.reason(), t0);
    return out;
  }

  @Override
  public Outcome<BookingState> unassign(
      String restaurantId, String bookingId, String actor, String why) {
    long t0 = time.nanoTime();
    Outcome<BookingState> out = store.unassign(restaurantId, bookingId, actor, why);
    emitCommand(restaurantId, bookingId, CommandEvent.Command.UNASSIGN, out.reason(), t0);
    return out;
  }

  @Override
  public Outcome<BookingState> cancel(
      String restaurantId, String bookingId, String actor, String why) {
    return transition(restaurantId, bookingId, BookingStatus.CANCELLED, actor, why);
  }

  @Override
  public Outcome<BookingState> transition(
      String restaurantId, String bookingId, BookingStatus to, String actor, String why) {
    long t0 = time.nanoTime();
    Outcome<BookingState> out = store.transition(restaurantId, bookingId, to, actor, why);
    emitCommand(restaurantId, bookingId, CommandEvent.Command.TRANSITION, out.reason(), t0);
    return out;
  }

  @Override
  public @Nullable BookingState booking(String restaurantId, String bookingId) {
    return store.booking(restaurantId, bookingId);
  }

  @Override
  public List<StatusChange> history(String restaurantId, String bookingId) {
    return store.history(restaurantId, bookingId);
  }

  // --------------------------------------------------------------------------------- availability

  @Override
  public Availability availability(AvailabilityRequest request) {
    long t0 = time.nanoTime();
    String r = request.restaurant();
    RestaurantContext ctx = requireContext(r);
    SeatingPolicy policy = ctx.policy();
    ZoneId zone = ctx.restaurant().timeZone();
    List<Instant> starts = starts(request, policy, zone);
    Instant now = time.now();
    List<Booking> probes = new ArrayList<>(starts.size());
    Instant lastUntil = null;
    for (Instant start : starts) {
      Booking probe =
          new Booking(
              PROBE, request.partySize(), start, null, now, request.zone(), BookingStatus.PENDING);
      probes.add(probe);
      Instant until = blockedUntil(policy, zone, probe);
      lastUntil = lastUntil == null || until.isAfter(lastUntil) ? until : lastUntil;
    }
    List<AvailableStart> available = new ArrayList<>();
    boolean complete = true;
    long version;
    if (probes.isEmpty() || lastUntil == null) {
      version = store.occupancy(r, now, now.plusSeconds(1)).version();
    } else {
      Instant from = readFrom(policy, starts.get(0));
      Instant to = readTo(policy, lastUntil);
      OccupancySnapshot snap = store.occupancy(r, from, to);
      version = snap.version();
      Occupancy occ = snap.occupancy();
      Restaurant restaurant = new Restaurant(r, occ.zone());
      boolean withKnown =
          request.rankWithLookahead() || occ.policy().lookahead().mode() == LookaheadMode.HARD;
      List<Booking> known = withKnown ? known(r, occ.policy(), from, to) : List.of();
      for (Booking probe : probes) {
        Quote q =
            planner.quote(
                new QuoteRequest(restaurant, occ.floor(), occ.policy(), probe, occ, known, 1));
        complete &= q.diagnostics().complete();
        PlanOption best = q.best();
        BookingWindow w = q.window();
        if (best != null && w != null) {
          available.add(new AvailableStart(w, best));
        }
      }
    }
    Availability result =
        new Availability(r, request.partySize(), available, probes.size(), complete, version);
    emit(
        new AvailabilityEvent(
            r,
            request.partySize(),
            probes.size(),
            available.size(),
            complete,
            time.nanoTime() - t0,
            time.now()));
    return result;
  }

  /** The slot starts of a request that lie inside a service period, in time order. */
  static List<Instant> starts(AvailabilityRequest request, SeatingPolicy policy, ZoneId zone) {
    TreeSet<Instant> out = new TreeSet<>();
    LocalDate date = request.date();
    Instant from = request.from();
    Instant to = request.to();
    if (date != null) {
      if (policy.servicePeriods().isEmpty()) {
        addSlots(
            out,
            policy,
            zone,
            at(date, LocalTime.MIDNIGHT, zone),
            at(date.plusDays(1), LocalTime.MIDNIGHT, zone));
      } else {
        for (ServicePeriod p : policy.servicePeriods()) {
          LocalDate endDate = p.crossesMidnight() ? date.plusDays(1) : date;
          addSlots(out, policy, zone, at(date, p.start(), zone), at(endDate, p.end(), zone));
        }
      }
    } else if (from != null && to != null) {
      addSlots(out, policy, zone, from, to);
    }
    return List.copyOf(out);
  }

  private static Instant at(LocalDate date, LocalTime t, ZoneId zone) {
    return SeatingPolicy.resolveLocalStart(LocalDateTime.of(date, t), zone);
  }

  private static void addSlots(
      TreeSet<Instant> out, SeatingPolicy policy, ZoneId zone, Instant from, Instant to) {
    long slot = policy.slotOf(from);
    if (policy.slotStart(slot).isBefore(from)) {
      slot++;
    }
    for (Instant t = policy.slotStart(slot); t.isBefore(to); t = policy.slotStart(++slot)) {
      if (policy.inService(t, zone)) {
        out.add(t);
      }
    }
  }

  // ------------------------------------------------------------------------------------ telemetry

  private RestaurantContext requireContext(String restaurantId) {
    RestaurantContext ctx = store.context(restaurantId);
    if (ctx == null) {
      throw new IllegalArgumentException(
          "unknown restaurant '" + restaurantId + "'\nMaybe: save it first with saveRestaurant");
    }
    return ctx;
  }

  private void emitQuote(String restaurantId, Quote q, long t0) {
    emit(
        new QuoteEvent(
            restaurantId,
            q.booking(),
            q.plans().size(),
            q.refusal(),
            q.diagnostics().complete(),
            q.diagnostics().unitsExamined(),
            time.nanoTime() - t0,
            time.now()));
  }

  private void emitCommand(
      String restaurantId,
      @Nullable String bookingId,
      CommandEvent.Command command,
      @Nullable Reason refusal,
      long t0) {
    emit(
        new CommandEvent(
            restaurantId, bookingId, command, refusal, time.nanoTime() - t0, time.now()));
  }

  private void emit(TelemetryEvent event) {
    try {
      telemetry.record(event);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "telemetry sink failed on " + event, e);
    }
  }
}
