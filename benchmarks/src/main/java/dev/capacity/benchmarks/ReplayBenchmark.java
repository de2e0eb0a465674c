package dev.capacity.benchmarks;

import dev.capacity.Planner;
import dev.capacity.Replay;
import dev.capacity.Scenario;
import dev.capacity.SeatingResult;
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
 * The time of a whole {@link Replay#fixed} of a bundled scenario ({@code mega}: 254 tables, 524
 * bookings; {@code hall}: 99 tables, 192 bookings) with a warm planner: every booking quoted in
 * arrival order against the occupancy so far, the best plan committed in memory, the metrics
 * computed. The unit catalog is built once in the set-up and cached by the planner, as in a running
 * service; the replay's own occupancy starts empty each time.
 *
 * <p>Mode {@code AverageTime} in milliseconds per replay; {@code -prof gc} adds the allocation per
 * replay.
 *
 * <p>Run with: {@code java -jar benchmarks/target/benchmarks.jar ReplayBenchmark -f 1 -wi 3 -w 2s
 * -i 5 -r 2s -prof gc}.
 *
 * <p>Shared state; the planner and {@code Replay} are thread-safe.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ReplayBenchmark {
  /** The bundled scenario: {@code hall} or {@code mega} (any bundled name works). */
  @Param({"hall", "mega"})
  public String floor = "mega";

  private Planner planner = Planner.create();

  @SuppressWarnings("NullAway.Init") // set in setUp
  private Scenario scenario;

  /** Creates the state; JMH calls this. */
  public ReplayBenchmark() {}

  /** Reads the scenario and replays it once, so the planner's catalog is cached. */
  @Setup(Level.Trial)
  public void setUp() {
    scenario = Day.scenario(floor);
    planner = Planner.create();
    Replay.fixed(scenario, planner);
  }

  /**
   * Replays the scenario.
   *
   * @return the result (consumed by JMH)
   */
  @Benchmark
  public SeatingResult replay() {
    return Replay.fixed(scenario, planner);
  }
}
