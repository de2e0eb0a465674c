package dev.capacity.examples.metrics;

import dev.capacity.Reason;
import dev.capacity.spi.AssignAttemptEvent;
import dev.capacity.spi.AssignBookingEvent;
import dev.capacity.spi.AssignRunEvent;
import dev.capacity.spi.AvailabilityEvent;
import dev.capacity.spi.CommandEvent;
import dev.capacity.spi.QuoteEvent;
import dev.capacity.spi.TelemetryEvent;
import dev.capacity.spi.TelemetrySink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TelemetrySink} that records the library's events as Micrometer meters. Tags carry ids,
 * enum names and flags only (never guest data); the restaurant id is a tag unless switched off
 * (many restaurants make many time series).
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>type</th><th>tags</th><th>from</th></tr>
 *   <tr><td>{@code capacity.quote}</td><td>timer</td><td>outcome, reason, complete</td>
 *       <td>{@link QuoteEvent}</td></tr>
 *   <tr><td>{@code capacity.quote.units}</td><td>summary</td><td>outcome</td>
 *       <td>{@link QuoteEvent}: units examined</td></tr>
 *   <tr><td>{@code capacity.command}</td><td>timer</td><td>command, outcome, reason</td>
 *       <td>{@link CommandEvent}</td></tr>
 *   <tr><td>{@code capacity.availability}</td><td>timer</td><td>complete</td>
 *       <td>{@link AvailabilityEvent}</td></tr>
 *   <tr><td>{@code capacity.assign.attempt}</td><td>timer</td><td>step, outcome, reason</td>
 *       <td>{@link AssignAttemptEvent}</td></tr>
 *   <tr><td>{@code capacity.assign.backoff}</td><td>timer</td><td>reason</td>
 *       <td>{@link AssignAttemptEvent}: waits before a retry</td></tr>
 *   <tr><td>{@code capacity.assign.booking}</td><td>timer</td><td>status, reason, inline</td>
 *       <td>{@link AssignBookingEvent}</td></tr>
 *   <tr><td>{@code capacity.assign.booking.attempts}</td><td>summary</td><td>status</td>
 *       <td>{@link AssignBookingEvent}</td></tr>
 *   <tr><td>{@code capacity.assign.run}</td><td>timer</td><td>stopped</td>
 *       <td>{@link AssignRunEvent}</td></tr>
 *   <tr><td>{@code capacity.assign.run.bookings}, {@code .assigned}, {@code .covers},
 *       {@code .covers.assigned}, {@code .conflicts.retried}</td><td>counters</td><td>—</td>
 *       <td>{@link AssignRunEvent}</td></tr>
 * </table>
 *
 * <p>Every meter also carries the {@code restaurant} tag when enabled. {@code outcome} is {@code
 * ok} or {@code refused}; {@code reason} is a {@link Reason} name or {@code none}. Events of other
 * kinds are ignored.
 *
 * <pre>{@code
 * MeterRegistry registry = new SimpleMeterRegistry();
 * AutoAssigner assigner =
 *     AutoAssigner.builder(store).telemetry(new MicrometerTelemetrySink(registry)).build();
 * }</pre>
 *
 * <p>Thread-safe, as Micrometer registries are.
 */
public final class MicrometerTelemetrySink implements TelemetrySink {
  private final MeterRegistry registry;
  private final boolean restaurantTag;

  /**
   * A sink that tags every meter with the restaurant id.
   *
   * @param registry where the meters live
   * @throws NullPointerException if the registry is null
   */
  public MicrometerTelemetrySink(MeterRegistry registry) {
    this(registry, true);
  }

  /**
   * A sink.
   *
   * @param registry where the meters live
   * @param restaurantTag whether meters carry a {@code restaurant} tag
   * @throws NullPointerException if the registry is null
   */
  public MicrometerTelemetrySink(MeterRegistry registry, boolean restaurantTag) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.restaurantTag = restaurantTag;
  }

  /**
   * Records one event.
   *
   * @param event the event; kinds this sink does not know are ignored
   */
  @Override
  public void record(TelemetryEvent event) {
    Tags base = restaurantTag ? Tags.of("restaurant", event.restaurant()) : Tags.empty();
    if (event instanceof QuoteEvent e) {
      String outcome = e.refusal() == null ? "ok" : "refused";
      timer(
          "capacity.quote",
          "Quotes, by outcome",
          base.and(
              "outcome", outcome, "reason", reason(e.refusal()), "complete", flag(e.complete())),
          e.durationNanos());
      DistributionSummary.builder("capacity.quote.units")
          .description("Units a quote examined")
          .tags(base.and("outcome", outcome))
          .register(registry)
          .record((double) e.unitsExamined());
    } else if (event instanceof CommandEvent e) {
      timer(
          "capacity.command",
          "Commands of the commit path",
          base.and(
              "command", name(e.command()),
              "outcome", e.refusal() == null ? "ok" : "refused",
              "reason", reason(e.refusal())),
          e.durationNanos());
    } else if (event instanceof AvailabilityEvent e) {
      timer(
          "capacity.availability",
          "Availability searches",
          base.and("complete", flag(e.complete())),
          e.durationNanos());
    } else if (event instanceof AssignAttemptEvent e) {
      timer(
          "capacity.assign.attempt",
          "Steps of auto-assign attempts",
          base.and(
              "step", name(e.step()),
              "outcome", e.refusal() == null ? "ok" : "refused",
              "reason", reason(e.refusal())),
          e.durationNanos());
      if (e.backoffNanos() > 0) {
        timer(
            "capacity.assign.backoff",
            "Waits before an auto-assign retry",
            base.and("reason", reason(e.refusal())),
            e.backoffNanos());
      }
    } else if (event instanceof AssignBookingEvent e) {
      timer(
          "capacity.assign.booking",
          "Bookings the auto-assign runner finished",
          base.and(
              "status", name(e.status()),
              "reason", reason(e.reason()),
              "inline", flag(e.inline())),
          e.durationNanos());
      DistributionSummary.builder("capacity.assign.booking.attempts")
          .description("Attempts per booking")
          .tags(base.and("status", name(e.status())))
          .register(registry)
          .record(e.attempts());
    } else if (event instanceof AssignRunEvent e) {
      timer(
          "capacity.assign.run",
          "Auto-assign runs",
          base.and("stopped", e.stoppedBy() == null ? "false" : "true"),
          e.durationNanos());
      count("capacity.assign.run.bookings", base, e.bookings());
      count("capacity.assign.run.assigned", base, e.assigned());
      count("capacity.assign.run.covers", base, e.covers());
      count("capacity.assign.run.covers.assigned", base, e.coversAssigned());
      count("capacity.assign.run.conflicts.retried", base, e.conflictsRetried());
    }
  }

  private void timer(String name, String description, Tags tags, long nanos) {
    Timer.builder(name)
        .description(description)
        .tags(tags)
        .register(registry)
        .record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  private void count(String name, Tags tags, long amount) {
    Counter.builder(name).tags(tags).register(registry).increment((double) amount);
  }

  private static String reason(@Nullable Reason reason) {
    return reason == null ? "none" : reason.name();
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static String flag(boolean b) {
    return b ? "true" : "false";
  }
}
