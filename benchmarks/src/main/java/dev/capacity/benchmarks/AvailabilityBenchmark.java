package dev.capacity.benchmarks;

import dev.capacity.Availability;
import dev.capacity.AvailabilityRequest;
import dev.capacity.CapacityService;
import dev.capacity.Planner;
import dev.capacity.Scenario;
import dev.capacity.ScenarioLoader;
import dev.capacity.SeatingResult;
import dev.capacity.memory.InMemoryCapacityStore;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The availability search of {@link CapacityService#availability}: for a party size and the
 * scenario's local date, every start time (per slot, in service) at which the party can be seated
 * now, with the plan it would get. The day's other bookings are in place (the scenario's fixed-mode
 * replay loaded into an {@link InMemoryCapacityStore} as existing assignments).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AvailabilityBenchmark -f 1 -wi 3 -w 2s
 * -i 5 -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AvailabilityBenchmark {
  /** The bundled scenario. */
  @Param({"hall", "mega"})
  public String floor = "hall";

  /** The party size searched. */
  @Param({"2", "4", "8"})
  public int party = 4;

  CapacityService service;
  AvailabilityRequest request;

  /** Loads the scenario with the day's bookings seated. */
  @Setup(Level.Trial)
  public void setUp() {
    Scenario s = Day.scenario(floor);
    SeatingResult day = Day.replay(s, Planner.create()).result;
    Scenario seated =
        new Scenario(
            s.name(),
            s.restaurant(),
            s.policy(),
            s.floor(),
            s.bookings(),
            day.assignments(),
            s.blocks());
    InMemoryCapacityStore store = InMemoryCapacityStore.create();
    ScenarioLoader.load(store, seated);
    service = CapacityService.builder(store).build();
    LocalDate date = s.bookings().get(0).start().atZone(s.restaurant().timeZone()).toLocalDate();
    request = AvailabilityRequest.forDate(s.restaurant().id(), party, date);
  }

  /**
   * One availability search over the whole local day.
   *
   * @return the availability
   */
  @Benchmark
  public Availability search() {
    return service.availability(request);
  }
}
