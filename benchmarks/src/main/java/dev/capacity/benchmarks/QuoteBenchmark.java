package dev.capacity.benchmarks;

import dev.capacity.Booking;
import dev.capacity.Lookahead;
import dev.capacity.Planner;
import dev.capacity.Quote;
import dev.capacity.QuoteRequest;
import dev.capacity.Scenario;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The latency of one {@link Planner#quote} with the day's other bookings in place: kMax 3, complete
 * search, full scoring, as the bundled scenario's policy says.
 *
 * <p>Set-up (not measured): the scenario ({@code floor}: {@code hall}, 99 tables, or {@code mega},
 * 254 tables) is replayed in fixed mode with the planner under test, so its unit catalog is built
 * and cached; the occupancy holds the scenario's blocks and every assignment of that replay. For
 * each of the scenario's bookings a request is prepared against that occupancy <em>without the
 * booking's own entry</em> ({@code Occupancy.withoutOwner}), so every booking the replay seated
 * finds at least its own tables free again, and the bookings it refused are quoted against the full
 * day (most are refused again). With {@code lookahead=on} the policy's lookahead is soft (3 hours,
 * at most 32 bookings) and each request carries the bookings the replay refused as {@code
 * knownUnassigned}; with {@code off} the lookahead is off and the list empty.
 *
 * <p>Measured: one quote per invocation, the requests taken round-robin in the scenario's booking
 * order, {@code maxPlans} plans asked for (1, as the replay does). Mode {@code SampleTime} in
 * microseconds, so JMH reports p50, p90, p99, p99.9 and the maximum; {@code -prof gc} adds the
 * allocation per quote ({@code gc.alloc.rate.norm}, bytes per op).
 *
 * <p>Run with: {@code java -jar benchmarks/target/benchmarks.jar QuoteBenchmark -f 1 -wi 3 -w 2s -i
 * 5 -r 2s -prof gc}. {@code java -cp benchmarks/target/benchmarks.jar
 * dev.capacity.benchmarks.QuoteBenchmark} prints what the workload is like instead (how many quotes
 * find plans, units examined, lookahead bookings checked).
 *
 * <p>Each JMH thread has its own state; the planner is thread-safe.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class QuoteBenchmark {
  /** The bundled scenario: {@code hall} or {@code mega} (any bundled name works). */
  @Param({"hall", "mega"})
  public String floor = "hall";

  /** {@code off}: no lookahead; {@code on}: soft lookahead over the refused bookings. */
  @Param({"off", "on"})
  public String lookahead = "off";

  /** Plans asked for per quote. */
  @Param({"1"})
  public int maxPlans = 1;

  private Planner planner = Planner.create();
  private QuoteRequest[] requests = new QuoteRequest[0];
  private int next;

  /** Creates the state; JMH calls this. */
  public QuoteBenchmark() {}

  /** Replays the scenario (warming the catalog cache) and prepares one request per booking. */
  @Setup(Level.Trial)
  public void setUp() {
    planner = Planner.create();
    boolean on = lookaheadOn(lookahead);
    requests = requests(day(planner, floor, on), on, maxPlans);
    next = 0;
  }

  /**
   * Quotes the next booking.
   *
   * @return the quote (consumed by JMH)
   */
  @Benchmark
  public Quote quote() {
    QuoteRequest r = requests[next];
    next = next + 1 == requests.length ? 0 : next + 1;
    return planner.quote(r);
  }

  /**
   * Whether a {@code lookahead} parameter value means on.
   *
   * @param value {@code on} or {@code off}
   * @return true for on
   * @throws IllegalArgumentException for another value
   */
  static boolean lookaheadOn(String value) {
    return switch (value) {
      case "on" -> true;
      case "off" -> false;
      default ->
          throw new IllegalArgumentException(
              "lookahead must be 'on' or 'off', got '" + value + "'");
    };
  }

  /**
   * The day the benchmark quotes against: the bundled scenario with its lookahead set, replayed in
   * fixed mode.
   *
   * @param planner the planner to replay with (its catalog cache is warm afterwards)
   * @param name the bundled scenario
   * @param lookahead soft lookahead (defaults) when true, off when false
   * @return the day
   */
  static Day day(Planner planner, String name, boolean lookahead) {
    Scenario scenario =
        Day.withLookahead(Day.scenario(name), lookahead ? Lookahead.defaults() : Lookahead.off());
    return Day.replay(scenario, planner);
  }

  /**
   * The benchmark's requests: one per booking of the scenario, in its order, against the day's
   * occupancy without the booking's own entry.
   *
   * @param day the day
   * @param lookahead whether to pass the bookings the replay refused as known, unassigned
   * @param maxPlans plans asked for
   * @return the requests
   */
  static QuoteRequest[] requests(Day day, boolean lookahead, int maxPlans) {
    Scenario scenario = day.scenario;
    List<Booking> known = lookahead ? day.unassigned() : List.of();
    List<Booking> bookings = scenario.bookings();
    QuoteRequest[] out = new QuoteRequest[bookings.size()];
    for (int i = 0; i < out.length; i++) {
      Booking b = bookings.get(i);
      out[i] =
          new QuoteRequest(
              scenario.restaurant(),
              scenario.floor(),
              scenario.policy(),
              b,
              day.occupancy.withoutOwner(b.id()),
              known,
              maxPlans);
    }
    return out;
  }

  /**
   * Prints what each workload is like: quotes with plans, units examined, lookahead bookings.
   *
   * @param args scenario names (default: hall and mega)
   */
  public static void main(String[] args) {
    List<String> names = args.length == 0 ? List.of("hall", "mega") : List.of(args);
    System.out.println(
        "| floor | lookahead | quotes | with plans | units examined (mean) |"
            + " lookahead bookings checked (mean) | penalised best plan |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (String name : names) {
      for (boolean on : new boolean[] {false, true}) {
        Planner p = Planner.create();
        QuoteRequest[] rs = requests(day(p, name, on), on, 1);
        int withPlans = 0;
        int penalised = 0;
        long examined = 0;
        long checked = 0;
        for (QuoteRequest r : rs) {
          Quote q = p.quote(r);
          withPlans += q.plans().isEmpty() ? 0 : 1;
          penalised += q.diagnostics().penalisedPlanChosen() ? 1 : 0;
          examined += q.diagnostics().unitsExamined();
          checked += q.diagnostics().lookaheadBookings();
        }
        System.out.printf(
            Locale.ROOT,
            "| %s | %s | %d | %d | %.1f | %.1f | %d |%n",
            name,
            on ? "on" : "off",
            rs.length,
            withPlans,
            (double) examined / rs.length,
            (double) checked / rs.length,
            penalised);
      }
    }
  }
}
