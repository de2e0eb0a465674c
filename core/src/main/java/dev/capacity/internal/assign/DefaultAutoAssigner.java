package dev.capacity.internal.assign;

import dev.capacity.AutoAssignOptions;
import dev.capacity.AutoAssignReport;
import dev.capacity.AutoAssignResult;
import dev.capacity.AutoAssignRun;
import dev.capacity.AutoAssigner;
import dev.capacity.BookingSelection;
import dev.capacity.BookingState;
import dev.capacity.BookingStatus;
import dev.capacity.CapacityService;
import dev.capacity.Reason;
import dev.capacity.RestaurantContext;
import dev.capacity.SeatingPolicy;
import dev.capacity.ServicePeriod;
import dev.capacity.spi.CapacityStorageException;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.Sleeper;
import dev.capacity.spi.TelemetrySink;
import dev.capacity.spi.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The {@link AutoAssigner} over a store and a service.
 *
 * <p>Thread-safe: the only shared state is the "no plan" cache and the set of bookings in progress,
 * both concurrent.
 */
public final class DefaultAutoAssigner implements AutoAssigner {
  private final CapacityStore store;
  private final TimeSource time;
  private final TelemetrySink telemetry;
  private final Sleeper sleeper;
  private final AutoAssignOptions defaults;
  private final NoPlanCache noPlan;
  private final BookingWork work;

  /**
   * Creates the assigner; use {@link AutoAssigner#builder}.
   *
   * @param store the store bookings are read from
   * @param service the service that quotes, holds, confirms and releases (over the same store)
   * @param time the clock and ticker
   * @param telemetry the sink
   * @param sleeper how to wait between attempts
   * @param defaults the default options
   */
  public DefaultAutoAssigner(
      CapacityStore store,
      CapacityService service,
      TimeSource time,
      TelemetrySink telemetry,
      Sleeper sleeper,
      AutoAssignOptions defaults) {
    this.store = Objects.requireNonNull(store, "store");
    this.time = Objects.requireNonNull(time, "time");
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.noPlan = new NoPlanCache(time);
    this.work =
        new BookingWork(store, Objects.requireNonNull(service, "service"), time, telemetry, noPlan);
  }

  @Override
  public AutoAssignReport run(
      String restaurantId, BookingSelection selection, AutoAssignOptions options) {
    Run run = begin(restaurantId, selection, options);
    try {
      return run.await();
    } catch (InterruptedException e) {
      run.cancel();
      Thread.currentThread().interrupt();
      return run.awaitUninterruptibly();
    }
  }

  @Override
  public AutoAssignReport run(String restaurantId, BookingSelection selection) {
    return run(restaurantId, selection, defaults);
  }

  @Override
  public AutoAssignRun start(
      String restaurantId, BookingSelection selection, AutoAssignOptions options) {
    return begin(restaurantId, selection, options);
  }

  private Run begin(String restaurantId, BookingSelection selection, AutoAssignOptions options) {
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(options, "options");
    RestaurantContext ctx = requireContext(restaurantId);
    List<AutoAssignResult> known = new ArrayList<>();
    List<BookingState> pending = new ArrayList<>();
    if (selection instanceof BookingSelection.Ids ids) {
      Map<String, BookingState> read = store.bookings(restaurantId, ids.bookingIds());
      for (String id : ids.bookingIds()) {
        BookingState st = read.get(id);
        if (pending(st)) {
          pending.add(st);
        } else {
          known.add(work.notPending(restaurantId, id, st, false));
        }
      }
    } else {
      Instant[] range = range(ctx, selection);
      for (BookingState st : store.bookings(restaurantId, range[0], range[1])) {
        if (pending(st)) {
          pending.add(st);
        }
      }
    }
    Comparator<BookingState> order = Comparator.comparing(BookingState::booking, options.order());
    pending.sort(order);
    Run run =
        new Run(
            restaurantId,
            ctx.policy(),
            ctx.restaurant().timeZone(),
            known,
            pending,
            options,
            work,
            store,
            time,
            sleeper,
            telemetry);
    run.launch();
    return run;
  }

  private static boolean pending(@Nullable BookingState st) {
    return st != null && st.status() == BookingStatus.PENDING && st.assignment() == null;
  }

  @Override
  public AutoAssignResult assignNow(String restaurantId, String bookingId, Duration budget) {
    Objects.requireNonNull(bookingId, "bookingId");
    Objects.requireNonNull(budget, "budget");
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("budget must be positive, got " + budget);
    }
    long t0 = time.nanoTime();
    RestaurantContext ctx = requireContext(restaurantId);
    Control control = new Control(time, sleeper, t0 + budget.toNanos(), true, null);
    BookingState st;
    try {
      st = store.booking(restaurantId, bookingId);
    } catch (CapacityStorageException e) {
      Reason reason = e.retryable() ? Reason.STORAGE_UNAVAILABLE : Reason.STORAGE_FAILED;
      return work.unknown(restaurantId, bookingId, reason, true);
    }
    if (st == null || !pending(st)) {
      return work.notPending(restaurantId, bookingId, st, true);
    }
    return work.assign(
        restaurantId,
        ctx.policy().cache(),
        st.booking(),
        control,
        defaults,
        true,
        () -> {},
        new BookingWork.Prefetched(ctx, st));
  }

  private RestaurantContext requireContext(String restaurantId) {
    Objects.requireNonNull(restaurantId, "restaurantId");
    RestaurantContext ctx = store.context(restaurantId);
    if (ctx == null) {
      throw new IllegalArgumentException(
          "unknown restaurant '" + restaurantId + "'\nMaybe: save it first with saveRestaurant");
    }
    return ctx;
  }

  /** The start range {@code [from, to)} of a day, service or range selection. */
  static Instant[] range(RestaurantContext ctx, BookingSelection selection) {
    SeatingPolicy policy = ctx.policy();
    ZoneId zone = ctx.restaurant().timeZone();
    if (selection instanceof BookingSelection.Range r) {
      return new Instant[] {r.from(), r.to()};
    }
    if (selection instanceof BookingSelection.Service s) {
      ServicePeriod p =
          policy.servicePeriods().stream()
              .filter(sp -> sp.name().equals(s.servicePeriod()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "the policy of restaurant '"
                              + ctx.id()
                              + "' has no service period '"
                              + s.servicePeriod()
                              + "'\nMaybe: one of "
                              + policy.servicePeriods().stream()
                                  .map(ServicePeriod::name)
                                  .collect(Collectors.joining(", "))));
      LocalDate endDate = p.crossesMidnight() ? s.date().plusDays(1) : s.date();
      return new Instant[] {at(s.date(), p.start(), zone), at(endDate, p.end(), zone)};
    }
    if (selection instanceof BookingSelection.Day d) {
      LocalTime boundary = LocalTime.MIDNIGHT;
      for (ServicePeriod p : policy.servicePeriods()) {
        if (p.crossesMidnight() && p.end().isAfter(boundary)) {
          boundary = p.end();
        }
      }
      return new Instant[] {at(d.date(), boundary, zone), at(d.date().plusDays(1), boundary, zone)};
    }
    throw new IllegalArgumentException("not a range selection: " + selection);
  }

  private static Instant at(LocalDate date, LocalTime t, ZoneId zone) {
    return SeatingPolicy.resolveLocalStart(LocalDateTime.of(date, t), zone);
  }
}
