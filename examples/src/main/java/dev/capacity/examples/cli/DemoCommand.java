package dev.capacity.examples.cli;

import dev.capacity.AssignRequest;
import dev.capacity.AutoAssignOptions;
import dev.capacity.AutoAssignReport;
import dev.capacity.AutoAssigner;
import dev.capacity.Availability;
import dev.capacity.AvailabilityRequest;
import dev.capacity.AvailableStart;
import dev.capacity.Booking;
import dev.capacity.BookingSelection;
import dev.capacity.CapacityService;
import dev.capacity.ContextVersion;
import dev.capacity.ManualAssignment;
import dev.capacity.PlanOption;
import dev.capacity.Quote;
import dev.capacity.RuleVerdict;
import dev.capacity.Scenario;
import dev.capacity.ScenarioLoader;
import dev.capacity.SeatingResult;
import dev.capacity.Table;
import dev.capacity.check.CheckReport;
import dev.capacity.check.RuleChecker;
import dev.capacity.examples.io.Json;
import dev.capacity.format.ScenarioDocument;
import dev.capacity.format.ScenarioMapper;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.TimeSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code capacity demo}: a tour of the library on the bundled {@code hall} scenario (99 tables in
 * six zones, 192 bookings of one day): a quote with its score breakdown, an availability search, a
 * manual assignment refused with a verdict per rule, the auto-assigner seating the day with 15
 * workers, and the rule checker's verdict with the covers seated against the proven optimum.
 *
 * <p>Exit 0 when every step behaved and the final result breaks no rule, 1 otherwise, 2 when the
 * store cannot be opened. Not thread-safe (picocli fills the fields).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Tour the library on the bundled hall scenario (quote, availability, manual"
            + " assignment, auto-assign, rule check).")
public final class DemoCommand implements Callable<Integer> {
  /** The most covers any valid result seats on the bundled hall scenario (proven optimum). */
  static final int HALL_OPTIMUM_COVERS = 617;

  @Spec CommandSpec spec;

  @Option(
      names = "--store",
      paramLabel = "STORE",
      defaultValue = "memory",
      description =
          "memory (default), embedded or a jdbc:postgresql:// URL (the demo empties and uses"
              + " the schema capacity_demo there)")
  String store = "memory";

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "15",
      description = "auto-assign workers (default ${DEFAULT-VALUE})")
  int workers = 15;

  /** Creates the command (picocli fills the fields). */
  public DemoCommand() {
    spec = CommandSpec.create();
  }

  /**
   * Reads the bundled hall scenario.
   *
   * @return the scenario
   */
  static Scenario hall() {
    try (InputStream in =
        DemoCommand.class.getResourceAsStream("/dev/capacity/examples/demo/hall.json")) {
      if (in == null) {
        throw new IllegalStateException("the bundled hall scenario is missing from the jar");
      }
      return ScenarioMapper.toModel(Json.mapper().readValue(in, ScenarioDocument.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Scenario scenario = hall();
    String r = scenario.restaurant().id();
    ZoneId zone = scenario.restaurant().timeZone();
    TimeSource clock = TimeSource.runningFrom(ScenarioLoader.clockStart(scenario));
    Stores.Opened opened;
    try {
      opened = Stores.open(store, clock, workers + 2, "capacity_demo", r, true);
    } catch (Stores.UnavailableStoreException e) {
      err.println("capacity demo: " + e.getMessage());
      err.flush();
      return CapacityCommand.BAD_INPUT;
    }
    boolean fine = true;
    try (opened) {
      CapacityStore s = opened.store();
      ScenarioLoader.load(s, scenario);
      CapacityService service = CapacityService.builder(s).timeSource(clock).build();
      out.printf(
          Locale.ROOT,
          "1. Loaded %s into the %s store: %d tables in %d zones, %d bookings.%n",
          scenario.name(),
          opened.description(),
          scenario.floor().tables().size(),
          scenario.floor().zones().size(),
          scenario.bookings().size());

      List<Booking> bySize =
          scenario.bookings().stream()
              .filter(b -> scenario.policy().inService(b.start(), zone))
              .sorted(
                  Comparator.comparingInt(Booking::partySize).reversed().thenComparing(Booking::id))
              .toList();
      Booking large = bySize.get(0);
      Quote quote = service.quote(r, large.id());
      if (quote.plans().isEmpty()) {
        out.printf(
            Locale.ROOT,
            "2. Quote for %s (party of %d): refused, %s.%n",
            large.id(),
            large.partySize(),
            quote.refusal());
        for (Booking b : bySize) {
          quote = service.quote(r, b.id());
          large = b;
          if (!quote.plans().isEmpty()) {
            break;
          }
        }
      }
      out.printf(
          Locale.ROOT,
          "   Quote for %s (party of %d at %s): %d plans, search %s, %d units examined, %d us.%n",
          large.id(),
          large.partySize(),
          large.start().atZone(zone).toLocalTime(),
          quote.plans().size(),
          quote.diagnostics().complete() ? "complete" : "INCOMPLETE",
          quote.diagnostics().unitsExamined(),
          quote.diagnostics().elapsedNanos() / 1_000);
      for (PlanOption p : quote.plans().subList(0, Math.min(3, quote.plans().size()))) {
        out.printf(
            Locale.ROOT,
            "     %-16s %2d seats, score %6.1f %s%n",
            String.join("+", p.tables()),
            p.capacity(),
            p.score(),
            p.breakdown());
      }
      fine &= !quote.plans().isEmpty();

      LocalDate date = large.start().atZone(zone).toLocalDate();
      Availability availability = service.availability(AvailabilityRequest.forDate(r, 4, date));
      List<AvailableStart> starts = availability.starts();
      out.printf(
          Locale.ROOT,
          "3. Availability for a party of 4 on %s: %d start times, e.g. %s.%n",
          date,
          starts.size(),
          starts.stream()
              .limit(6)
              .map(
                  a ->
                      a.window().start().atZone(zone).toLocalTime()
                          + " on "
                          + String.join("+", a.plan().tables()))
              .toList());
      fine &= !starts.isEmpty();

      Booking chosen = large;
      Table small =
          scenario.floor().tables().stream()
              .filter(t -> t.capacity() < chosen.partySize())
              .findFirst()
              .orElseThrow();
      ContextVersion context = s.contextVersion(r, large.id());
      if (context == null) {
        throw new IllegalStateException("no context for " + large.id());
      }
      ManualAssignment manual =
          service.assign(
              r,
              new AssignRequest(
                  large.id(), List.of(small.id()), context, "demo-manual", "host", "demo"));
      out.printf(
          Locale.ROOT,
          "4. Manual assignment of %s to table %s (%d seats): %s%n",
          large.id(),
          small.id(),
          small.capacity(),
          manual.outcome().isSuccess() ? "accepted" : "refused");
      for (RuleVerdict v : manual.verdicts()) {
        if (v.status() == RuleVerdict.Status.FAILED) {
          out.printf(
              Locale.ROOT,
              "     rule %d %s: %s%n",
              v.rule().number(),
              v.rule(),
              v.violations().get(0).message());
        }
      }
      fine &= !manual.outcome().isSuccess();

      AutoAssigner assigner = AutoAssigner.builder(s).timeSource(clock).build();
      AutoAssignReport report =
          assigner.run(
              r,
              BookingSelection.bookings(scenario.bookings().stream().map(Booking::id).toList()),
              AutoAssignOptions.builder().workers(workers).build());
      out.println("5. Auto-assign with " + workers + " workers: " + report.summary());

      SeatingResult result = ScenarioLoader.readBack(s, scenario, report);
      CheckReport check = RuleChecker.check(scenario, result);
      long holds = AssignCommand.liveHolds(s, scenario);
      out.printf(
          Locale.ROOT,
          "6. Rule checker: %s; %d live holds. Covers seated: %d of the proven optimum %d"
              + " (%.1f %%).%n",
          check.summary(),
          holds,
          check.metrics().seatedCovers(),
          HALL_OPTIMUM_COVERS,
          100.0 * check.metrics().seatedCovers() / HALL_OPTIMUM_COVERS);
      fine &= check.valid() && holds == 0;
    }
    out.println(fine ? "Demo finished: every step behaved." : "Demo finished with problems.");
    out.flush();
    return fine ? CapacityCommand.OK : CapacityCommand.RULES_BROKEN;
  }
}
