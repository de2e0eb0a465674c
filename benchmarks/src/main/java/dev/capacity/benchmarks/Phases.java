package dev.capacity.benchmarks;

import dev.capacity.spi.CommandEvent;
import dev.capacity.spi.QuoteEvent;
import dev.capacity.spi.TelemetryEvent;
import dev.capacity.spi.TelemetrySink;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Splits the one-step attempts of the auto-assigner's runs at the end of their quotes, from the
 * library's telemetry ({@code PostgresLoad --phases}).
 *
 * <p>A {@link QuoteEvent} carries the time from the start of the service's quote-and-confirm call
 * to the end of its quote: the booking's wait for its turn under strict priority, the reads through
 * the run's view and the quote itself. The {@link CommandEvent} of that call ({@code
 * QUOTE_AND_CONFIRM}) carries the time to the end of the command, so the difference is the wait for
 * a connection and the command on it. A seated booking is one whose command succeeded; a refused
 * one has a quote with a refusal (no plan) and no command after it.
 *
 * <p>Only events that arrive while {@link #recording} is on count. Thread-safe: events arrive from
 * every worker at once.
 */
final class Phases implements TelemetrySink {
  private final ConcurrentMap<String, Long> quoted = new ConcurrentHashMap<>();
  private final List<long[]> seated = new ArrayList<>();
  private final List<Long> refused = new ArrayList<>();
  private volatile boolean recording;

  /**
   * Starts or stops counting events (on for the judged runs only).
   *
   * @param on whether to count
   */
  void recording(boolean on) {
    quoted.clear();
    recording = on;
  }

  @Override
  public void record(TelemetryEvent event) {
    if (!recording) {
      return;
    }
    if (event instanceof QuoteEvent q) {
      if (q.refusal() != null) {
        synchronized (this) {
          refused.add(q.durationNanos());
        }
      } else {
        quoted.put(q.restaurant() + '\u0000' + q.booking(), q.durationNanos());
      }
    } else if (event instanceof CommandEvent c
        && c.command() == CommandEvent.Command.QUOTE_AND_CONFIRM
        && c.booking() != null) {
      Long toQuote = quoted.remove(c.restaurant() + '\u0000' + c.booking());
      if (toQuote != null && c.refusal() == null) {
        synchronized (this) {
          seated.add(new long[] {toQuote, Math.max(0, c.durationNanos() - toQuote)});
        }
      }
    }
  }

  /**
   * What was counted so far.
   *
   * @return the split of the seated bookings and the refused ones' quotes
   */
  synchronized Summary summary() {
    long[] toQuote = new long[seated.size()];
    long[] after = new long[seated.size()];
    for (int i = 0; i < seated.size(); i++) {
      toQuote[i] = seated.get(i)[0];
      after[i] = seated.get(i)[1];
    }
    long[] refusedNanos = refused.stream().mapToLong(Long::longValue).toArray();
    return new Summary(
        seated.size(),
        Part.of(toQuote),
        Part.of(after),
        refusedNanos.length,
        Part.of(refusedNanos));
  }

  /**
   * The split over the counted bookings.
   *
   * @param seated seated bookings counted
   * @param toQuote their time to the end of the quote
   * @param afterQuote their time from the end of the quote to the end of the command
   * @param refused bookings refused at the quote
   * @param refusedToQuote their time to the end of the quote (their whole attempt)
   */
  record Summary(int seated, Part toQuote, Part afterQuote, int refused, Part refusedToQuote) {

    /** One line for the command's report. */
    String line(@Nullable String runs) {
      return String.format(
          Locale.ROOT,
          "phases of the one-step attempts (%s; telemetry): %d seated bookings: to the end of the"
              + " quote (the turn, the reads, the quote) %s; then a connection and the command %s;"
              + " %d refused at the quote: %s",
          runs == null ? "the reported run" : runs,
          seated,
          toQuote.text(),
          afterQuote.text(),
          refused,
          refusedToQuote.text());
    }
  }

  /**
   * Mean and percentiles of one part, in milliseconds.
   *
   * @param meanMillis the mean
   * @param p50Millis the median
   * @param p95Millis the 95th percentile
   * @param p99Millis the 99th percentile
   */
  record Part(double meanMillis, double p50Millis, double p95Millis, double p99Millis) {
    static Part of(long[] nanos) {
      return new Part(
          PostgresLoad.meanMillis(nanos, 0, nanos.length),
          PostgresLoad.percentile(nanos, 50),
          PostgresLoad.percentile(nanos, 95),
          PostgresLoad.percentile(nanos, 99));
    }

    String text() {
      return String.format(
          Locale.ROOT,
          "mean %.2f, p50 %.2f, p95 %.2f, p99 %.2f ms",
          meanMillis,
          p50Millis,
          p95Millis,
          p99Millis);
    }
  }
}
