package dev.capacity.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.capacity.Assignment;
import dev.capacity.Booking;
import dev.capacity.BookingWindow;
import dev.capacity.Occupancy;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
import dev.capacity.Planner;
import dev.capacity.Quote;
import dev.capacity.QuoteRequest;
import dev.capacity.Reason;
import dev.capacity.Replay;
import dev.capacity.Scenario;
import dev.capacity.ScoringWeights;
import dev.capacity.SeatingPolicy;
import dev.capacity.SeatingResult;
import dev.capacity.Unassigned;
import dev.capacity.format.ScenarioFiles;
import dev.capacity.testkit.FrozenTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Seating quality of the fixed-mode replay on the bundled scenarios: no avoidable refusal, and the
 * default scoring seats at least what a plain greedy seats on every file and, on average, at least
 * two points of the optimum more.
 */
class ReplayQualityTest {
  static final List<String> FILES = ScenarioFiles.NAMES;

  static Scenario withWeights(Scenario s, ScoringWeights w) {
    SeatingPolicy p = s.policy().toBuilder().scoring(w).build();
    return new Scenario(
        s.name(), s.restaurant(), p, s.floor(), s.bookings(), s.existingAssignments(), s.blocks());
  }

  /**
   * Replays again and, at each refused booking's arrival, asks a planner that must use the bounded
   * search (no catalog of combinations) whether a free valid plan existed.
   */
  @ParameterizedTest
  @FieldSource("FILES")
  void noAvoidableRefusals(String name) {
    Scenario s = ScenarioFiles.scenario(name);
    SeatingResult result = Replay.fixed(s, FrozenTime.planner());
    Map<String, Assignment> seated = new HashMap<>();
    result.assignments().forEach(a -> seated.put(a.booking(), a));
    Map<String, String> refused = new HashMap<>();
    for (Unassigned u : result.unassigned()) {
      refused.put(u.booking(), u.reason());
    }
    SeatingPolicy searchOnly =
        s.policy().toBuilder().maxCatalogUnits(1).searchBudget(Duration.ofSeconds(30)).build();
    Planner independent = FrozenTime.planner();
    Occupancy occ = Occupancy.empty(s.floor(), searchOnly, s.restaurant().timeZone());
    occ = occ.withAll(s.blocks().stream().map(OccupancyEntry::of).toList());
    List<Booking> arrivals =
        s.bookings().stream()
            .sorted(Comparator.comparing(Booking::createdAt).thenComparing(Booking::id))
            .toList();
    int checked = 0;
    for (Booking b : arrivals) {
      Assignment a = seated.get(b.id());
      if (a != null) {
        BookingWindow w = searchOnly.window(a.start(), a.end(), null);
        occ = occ.with(OccupancyEntry.of(OccupancyKind.ASSIGNMENT, b, a.tables(), w, null));
        continue;
      }
      Quote q =
          independent.quote(
              new QuoteRequest(s.restaurant(), s.floor(), searchOnly, b, occ, List.of(), 1));
      assertThat(q.diagnostics().complete()).isTrue();
      assertThat(q.plans())
          .as("%s: booking %s refused with %s", name, b.id(), refused.get(b.id()))
          .isEmpty();
      assertThat(q.refusal().name()).isEqualTo(refused.get(b.id()));
      checked++;
    }
    assertThat(checked).isEqualTo(result.unassigned().size());
    assertThat(result.metrics().extra().get("incompleteSearches")).isZero();
  }

  @Test
  void scoringEarnsItsKeepAgainstAPlainGreedy() {
    JsonNode optimum =
        ScenarioFiles.parse(ScenarioFiles.resource("/scenarios/optimum.json"), JsonNode.class);
    double sumDefault = 0;
    double sumGreedy = 0;
    StringBuilder report = new StringBuilder();
    for (String name : FILES) {
      Scenario s = ScenarioFiles.scenario(name);
      JsonNode o = optimum.get(name);
      int best =
          o.get("optimal").asBoolean() ? o.get("covers").asInt() : o.get("coversBound").asInt();
      int byDefault = Replay.fixed(s, FrozenTime.planner()).metrics().seatedCovers();
      int byGreedy =
          Replay.fixed(withWeights(s, ScoringWeights.greedy()), FrozenTime.planner())
              .metrics()
              .seatedCovers();
      report.append(
          String.format(
              "%s: default %d, greedy %d, optimum %d%n", name, byDefault, byGreedy, best));
      assertThat(byDefault).as(name).isGreaterThanOrEqualTo(byGreedy);
      sumDefault += byDefault / (double) best;
      sumGreedy += byGreedy / (double) best;
    }
    System.out.print(report);
    assertThat(sumDefault / FILES.size())
        .as(report.toString())
        .isGreaterThanOrEqualTo(sumGreedy / FILES.size() + 0.02);
  }

  @Test
  void refusalReasonsAreSpecific() {
    Scenario s = ScenarioFiles.scenario("bistro");
    SeatingResult r = Replay.fixed(s, FrozenTime.planner());
    assertThat(r.unassigned())
        .extracting(Unassigned::reason)
        .contains(Reason.OUTSIDE_SERVICE.name());
  }
}
