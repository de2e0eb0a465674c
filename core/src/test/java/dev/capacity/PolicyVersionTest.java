package dev.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Policy and floor-plan versions are hashes of the complete canonical content (pitfall S8). */
class PolicyVersionTest {
  private static final ServicePeriod LUNCH =
      new ServicePeriod("lunch", LocalTime.of(12, 0), LocalTime.of(14, 30));
  private static final ServicePeriod DINNER =
      new ServicePeriod("dinner", LocalTime.of(17, 0), LocalTime.of(23, 0));
  private static final List<TurnTime> TURNS =
      List.of(new TurnTime(2, 90), new TurnTime(4, 105), new TurnTime(6, 120));

  private static SeatingPolicy.Builder base() {
    return SeatingPolicy.builder()
        .turnTimes(TURNS)
        .servicePeriods(List.of(LUNCH, DINNER))
        .serviceTurnTimes("dinner", List.of(new TurnTime(4, 110), new TurnTime(99, 150)))
        .pacing(new Pacing(15, 24))
        .demandRules(
            List.of(
                new DemandRule(
                    Set.of(DayOfWeek.FRIDAY), LocalTime.of(19, 0), LocalTime.of(21, 0), 1.5)));
  }

  @Test
  void S8_changingAnyTurnTimeChangesTheVersion() {
    String version = base().build().version();
    for (int i = 0; i < TURNS.size(); i++) {
      List<TurnTime> changed = new ArrayList<>(TURNS);
      TurnTime row = changed.get(i);
      changed.set(i, new TurnTime(row.upToPartySize(), row.minutes() + 1));
      assertThat(base().turnTimes(changed).build().version())
          .as("turn time row %d changed", i)
          .isNotEqualTo(version);
      changed.set(i, new TurnTime(row.upToPartySize() + 1, row.minutes()));
      assertThat(base().turnTimes(changed).build().version())
          .as("upToPartySize of row %d changed", i)
          .isNotEqualTo(version);
    }
    assertThat(
            base()
                .serviceTurnTimes("dinner", List.of(new TurnTime(4, 111), new TurnTime(99, 150)))
                .build()
                .version())
        .isNotEqualTo(version);
  }

  @Test
  void S8_changingAnyNestedFieldChangesTheVersion() {
    Map<String, UnaryOperator<SeatingPolicy.Builder>> changes = new LinkedHashMap<>();
    changes.put("slotMinutes", b -> b.slotMinutes(30));
    changes.put("bufferMinutes", b -> b.bufferMinutes(5));
    changes.put("kMax", b -> b.kMax(4));
    changes.put("maxOverage", b -> b.maxOverage(3));
    changes.put("adjacencyMode", b -> b.adjacencyMode(AdjacencyMode.PAIRWISE));
    changes.put("adjacencyMinPartySize", b -> b.adjacencyMinPartySize(5));
    changes.put("sameZone", b -> b.sameZone(false));
    changes.put("pacing.maxCovers", b -> b.pacing(new Pacing(15, 25)));
    changes.put("pacing.windowMinutes", b -> b.pacing(new Pacing(30, 24)));
    changes.put("pacing off", b -> b.pacing(null));
    changes.put(
        "servicePeriods[dinner].end",
        b ->
            b.servicePeriods(
                List.of(
                    LUNCH,
                    new ServicePeriod("dinner", LocalTime.of(17, 0), LocalTime.of(23, 30)))));
    changes.put(
        "demandRules[0].multiplier",
        b ->
            b.demandRules(
                List.of(
                    new DemandRule(
                        Set.of(DayOfWeek.FRIDAY), LocalTime.of(19, 0), LocalTime.of(21, 0), 1.6))));
    changes.put(
        "demandRules[0].days",
        b ->
            b.demandRules(
                List.of(
                    new DemandRule(
                        Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY),
                        LocalTime.of(19, 0),
                        LocalTime.of(21, 0),
                        1.5))));
    changes.put("scoring", b -> b.scoring(ScoringWeights.legacy()));
    changes.put("lookahead", b -> b.lookahead(Lookahead.off()));
    changes.put("searchBudget", b -> b.searchBudget(Duration.ofMillis(51)));
    changes.put("maxCatalogUnits", b -> b.maxCatalogUnits(1000));
    changes.put(
        "cache.catalogMaxEntries",
        b -> b.cache(new CacheSettings(65, Duration.ofHours(1), 10_000, Duration.ofSeconds(30))));
    changes.put("holdTtl", b -> b.holdTtl(Duration.ofMinutes(6)));

    SeatingPolicy basePolicy = base().build();
    Map<String, String> seen = new HashMap<>();
    seen.put(basePolicy.version(), "base");
    for (Map.Entry<String, UnaryOperator<SeatingPolicy.Builder>> e : changes.entrySet()) {
      SeatingPolicy changed = e.getValue().apply(base()).build();
      assertThat(changed).as(e.getKey()).isNotEqualTo(basePolicy);
      String before = seen.put(changed.version(), e.getKey());
      assertThat(before).as("%s has the version of %s", e.getKey(), before).isNull();
    }
  }

  @Test
  void S8_equalContentGivesEqualVersionWhateverTheOrderOfSets() {
    SeatingPolicy a = base().build();
    SeatingPolicy b =
        base()
            .turnTimes(List.of(TURNS.get(2), TURNS.get(0), TURNS.get(1)))
            .servicePeriods(List.of(DINNER, LUNCH))
            .serviceTurnTimes("dinner", List.of(new TurnTime(99, 150), new TurnTime(4, 110)))
            .build();

    assertThat(b.version()).isEqualTo(a.version());
    assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(a.toBuilder().build().version()).isEqualTo(a.version());
  }

  @Test
  void S8_demandRuleOrderCountsBecauseTheFirstMatchWins() {
    DemandRule friday =
        new DemandRule(Set.of(DayOfWeek.FRIDAY), LocalTime.of(19, 0), LocalTime.of(21, 0), 1.5);
    DemandRule evenings =
        new DemandRule(Set.of(DayOfWeek.values()), LocalTime.of(18, 0), LocalTime.of(22, 0), 1.2);

    assertThat(base().demandRules(List.of(friday, evenings)).build().version())
        .isNotEqualTo(base().demandRules(List.of(evenings, friday)).build().version());
  }

  @Test
  void S8_presetsHaveDistinctVersions() {
    assertThat(
            List.of(
                SeatingPolicy.builder(SeatingPolicy.Preset.STANDARD).build().version(),
                SeatingPolicy.builder(SeatingPolicy.Preset.FINE_DINING).build().version(),
                SeatingPolicy.builder(SeatingPolicy.Preset.BANQUET).build().version()))
        .doesNotHaveDuplicates();
    assertThat(SeatingPolicy.builder(SeatingPolicy.Preset.STANDARD).build())
        .isEqualTo(SeatingPolicy.defaults());
    assertThat(SeatingPolicy.defaults().version()).matches("[0-9a-f]{16}");
  }

  @Test
  void S8_floorPlanVersionCoversEveryTableFieldAndIgnoresOrder() {
    Zone main = new Zone("main", "Main");
    Zone bar = new Zone("bar", "Bar");
    List<Table> tables =
        List.of(Table.of("T1", "main", 2), Table.of("T2", "main", 4), Table.of("B1", "bar", 2));
    FloorPlan plan = FloorPlan.of(List.of(main, bar), tables, List.of(Adjacency.of("T1", "T2")));
    FloorPlan shuffled =
        FloorPlan.of(
            List.of(bar, main),
            List.of(tables.get(2), tables.get(0), tables.get(1)),
            List.of(Adjacency.of("T2", "T1"), Adjacency.of("T1", "T2")));

    assertThat(shuffled.version()).isEqualTo(plan.version());
    assertThat(shuffled).isEqualTo(plan);

    List<FloorPlan> variants =
        List.of(
            plan.withTable(tables.get(0).withActive(false)),
            plan.withTable(tables.get(0).withCombinable(false)),
            plan.withTable(tables.get(0).withPartyLimits(2, 2)),
            plan.withTable(tables.get(1).withZone("bar")),
            plan.withTable(new Table("T1", "main", 2, 1, 2, true, true, Map.of("shape", "round"))),
            FloorPlan.of(List.of(main, bar), tables, List.of()),
            FloorPlan.of(
                List.of(main, new Zone("bar", "Bar counter")),
                tables,
                List.of(Adjacency.of("T1", "T2"))),
            FloorPlan.of(
                List.of(main, bar),
                tables,
                List.of(Adjacency.of("T1", "T2")),
                List.of(new Combination("c", List.of("T1", "B1"), 1, 4))));
    List<String> versions = new ArrayList<>(List.of(plan.version()));
    variants.forEach(v -> versions.add(v.version()));
    assertThat(versions).doesNotHaveDuplicates();
  }
}
