package dev.capacity.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.capacity.AdjacencyMode;
import dev.capacity.Assignment;
import dev.capacity.BookingStatus;
import dev.capacity.Combination;
import dev.capacity.FloorPlan;
import dev.capacity.ResultMetrics;
import dev.capacity.ResultMode;
import dev.capacity.Scenario;
import dev.capacity.SeatingPolicy;
import dev.capacity.SeatingResult;
import dev.capacity.Table;
import dev.capacity.TurnTime;
import dev.capacity.Unassigned;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ScenarioMapperTest {
  static final List<String> FILES = ScenarioFiles.NAMES;

  // ------------------------------------------------------------------------------ round trips

  @ParameterizedTest
  @FieldSource("FILES")
  void documentToModelToDocumentToModelIsStable(String name) {
    ScenarioDocument doc = ScenarioFiles.document(name);
    Scenario model = ScenarioMapper.toModel(doc);
    ScenarioDocument again = ScenarioMapper.fromModel(model);
    Scenario model2 = ScenarioMapper.toModel(again);

    assertThat(model2).isEqualTo(model);
    assertThat(model2.policy().version()).isEqualTo(model.policy().version());
    assertThat(model2.floor().version()).isEqualTo(model.floor().version());
    assertThat(ScenarioMapper.fromModel(model2)).isEqualTo(again);
  }

  @ParameterizedTest
  @FieldSource("FILES")
  void jsonTextToDocumentToJsonTextToDocumentIsStable(String name) {
    ScenarioDocument doc = ScenarioFiles.parse(ScenarioFiles.text(name), ScenarioDocument.class);
    String text = ScenarioFiles.write(doc);
    ScenarioDocument again = ScenarioFiles.parse(text, ScenarioDocument.class);

    assertThat(again).isEqualTo(doc);
    assertThat(ScenarioFiles.write(again)).isEqualTo(text);
  }

  @ParameterizedTest
  @FieldSource("FILES")
  void writtenModelReadsBackFromJsonText(String name) {
    Scenario model = ScenarioFiles.scenario(name);
    String text = ScenarioFiles.write(ScenarioMapper.fromModel(model));

    assertThat(ScenarioMapper.toModel(ScenarioFiles.parse(text, ScenarioDocument.class)))
        .isEqualTo(model);
  }

  @Test
  void tinyRoundTripsThroughJsonText() {
    Scenario tiny = ScenarioFiles.tiny();
    String text = ScenarioFiles.write(ScenarioMapper.fromModel(tiny));

    assertThat(ScenarioMapper.toModel(ScenarioFiles.parse(text, ScenarioDocument.class)))
        .isEqualTo(tiny);
    assertThat(text).doesNotContain("block-0"); // default block ids are not written
  }

  @Test
  void additionsToTheFormatRoundTrip() {
    Scenario tiny = ScenarioFiles.tiny();
    FloorPlan floor = tiny.floor();
    FloorPlan withExtras =
        FloorPlan.of(
            floor.zones(),
            floor.tables().stream()
                .map(
                    t ->
                        t.id().equals("T4")
                            ? new Table("T4", "main", 2, 1, 2, true, true, Map.of("shape", "round"))
                            : t)
                .toList(),
            floor.adjacency(),
            List.of(new Combination("c1", List.of("T1", "T4"), 3, 4)));
    SeatingPolicy policy =
        tiny.policy().toBuilder()
            .serviceTurnTimes("dinner", List.of(new TurnTime(4, 100), new TurnTime(99, 130)))
            .build();
    Scenario extended =
        new Scenario(
            "extended",
            tiny.restaurant(),
            policy,
            withExtras,
            tiny.bookings(),
            List.of(),
            tiny.blocks());

    String text = ScenarioFiles.write(ScenarioMapper.fromModel(extended));

    assertThat(text).contains("\"combinations\"", "\"serviceTurnMinutes\"", "\"shape\"");
    Scenario back = ScenarioMapper.toModel(ScenarioFiles.parse(text, ScenarioDocument.class));
    assertThat(back).isEqualTo(extended);
    assertThat(back.policy().turnMinutes(3, "dinner")).isEqualTo(100);
  }

  // ---------------------------------------------------------------------------- what is read

  @Test
  void appliesTheFormatDefaults() {
    Scenario bistro = ScenarioFiles.scenario("bistro");

    assertThat(bistro.name()).isEqualTo("bistro-connected-s101");
    assertThat(bistro.restaurant().timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    Table ma1 = java.util.Objects.requireNonNull(bistro.floor().table("MA1"));
    assertThat(ma1.minPartySize()).isEqualTo(1);
    assertThat(ma1.maxPartySize()).isEqualTo(ma1.capacity());
    Table ba1 = java.util.Objects.requireNonNull(bistro.floor().table("BA1"));
    assertThat(ba1.combinable()).isFalse();
    assertThat(ba1.maxPartySize()).isEqualTo(2);
    assertThat(bistro.bookings()).allMatch(b -> b.status() == BookingStatus.PENDING);
    assertThat(bistro.bookings().get(0).zone()).isEqualTo("window");
    SeatingPolicy p = bistro.policy();
    assertThat(p.bufferMinutes()).isEqualTo(15);
    assertThat(p.adjacencyMode()).isEqualTo(AdjacencyMode.CONNECTED);
    assertThat(p.pacing()).isNull();
  }

  @Test
  void emptyPolicyTakesTheDocumentedDefaults() {
    SeatingPolicy p =
        ScenarioMapper.toModel(
            new ScenarioDocument.PolicyEntry(
                null, null, null, null, null, null, null, null, null, null, null));

    assertThat(p.slotMinutes()).isEqualTo(15);
    assertThat(p.bufferMinutes()).isZero();
    assertThat(p.kMax()).isEqualTo(3);
    assertThat(p.maxOverage()).isEqualTo(2);
    assertThat(p.adjacencyMode()).isEqualTo(AdjacencyMode.CONNECTED);
    assertThat(p.adjacencyMinPartySize()).isNull();
    assertThat(p.sameZone()).isTrue();
    assertThat(p.servicePeriods()).isEmpty();
    assertThat(p.turnTimes()).isEmpty();
    assertThat(p.pacing()).isNull();
    assertThat(ScenarioMapper.toModel((ScenarioDocument.PolicyEntry) null)).isEqualTo(p);
  }

  @Test
  void readsAdjacencyModesInLowerCase() {
    for (AdjacencyMode mode : AdjacencyMode.values()) {
      ScenarioDocument.PolicyEntry entry =
          ScenarioMapper.fromModel(SeatingPolicy.builder().adjacencyMode(mode).build());
      assertThat(entry.adjacencyMode()).isEqualTo(mode.name().toLowerCase(java.util.Locale.ROOT));
      assertThat(ScenarioMapper.toModel(entry).adjacencyMode()).isEqualTo(mode);
    }
    assertThat(ScenarioFiles.scenario("brasserie").policy().adjacencyMode())
        .isEqualTo(AdjacencyMode.PAIRWISE);
    assertThat(ScenarioFiles.scenario("hall-late").policy().adjacencyMode())
        .isEqualTo(AdjacencyMode.NEIGHBORS);
  }

  @Test
  void blocksWithoutIdAreNumberedByPosition() {
    Scenario hall = ScenarioFiles.scenario("hall");

    assertThat(hall.blocks())
        .extracting(b -> b.id())
        .containsExactly("block-0", "block-1", "block-2", "block-3");
    assertThat(hall.blocks().get(0).table()).isEqualTo("TE9");
  }

  @Test
  void P4_8_existingAssignmentTakesTheBookingsOneWindow() {
    Scenario tiny = ScenarioFiles.tiny();
    Assignment a = tiny.existingAssignments().get(0);

    assertThat(a.booking()).isEqualTo("b1");
    assertThat(a.tables()).containsExactly("T1");
    assertThat(a.start()).isEqualTo(Instant.parse("2026-11-20T18:00:00Z"));
    assertThat(a.end()).isEqualTo(Instant.parse("2026-11-20T19:30:00Z")); // turn time 90

    Scenario explicit =
        read(
            n -> {
              ((ObjectNode) n.withArray("/existingAssignments").get(0)).put("booking", "b3");
              ((ArrayNode) n.withArray("/existingAssignments").get(0).get("tables"))
                  .removeAll()
                  .add("T2");
            });
    assertThat(explicit.existingAssignments().get(0).end())
        .isEqualTo(Instant.parse("2026-11-20T21:00:00Z")); // the booking's explicit end
  }

  @Test
  void bookingsWithEndNeedNoTurnTimes() {
    Scenario s =
        read(
            n -> {
              ((ObjectNode) n.get("policy")).remove("turnMinutes");
              for (JsonNode b : n.withArray("/bookings")) {
                ((ObjectNode) b).put("end", "2026-11-20T23:30:00Z");
              }
            });
    assertThat(s.policy().turnTimes()).isEmpty();
    assertThat(s.bookings()).allMatch(b -> b.end() != null);
  }

  @Test
  void ignoresUnknownFieldsAtEveryLevel() {
    Scenario plain = ScenarioFiles.tiny();
    Scenario extended =
        read(
            n -> {
              n.put("comment", "grown format");
              ((ObjectNode) n.get("restaurant")).put("currency", "GBP");
              ((ObjectNode) n.get("policy")).putObject("futureKnob").put("x", 1);
              ((ObjectNode) n.withArray("/tables").get(0)).put("shape", "round");
              ((ObjectNode) n.withArray("/bookings").get(0)).put("guestName", "ignored");
            });
    assertThat(extended).isEqualTo(plain);
  }

  // --------------------------------------------------------------------------------- errors

  @Test
  void P4_3_missingTimeZoneRefused() {
    ScenarioFormatException e = error(n -> ((ObjectNode) n.get("restaurant")).remove("timezone"));
    assertThat(e.path()).isEqualTo("restaurant.timezone");
    assertThat(e.problem()).startsWith("missing");
    assertThat(e).hasMessageStartingWith("restaurant.timezone: missing");
  }

  @Test
  void P4_3_invalidTimeZoneRefused() {
    assertError(n -> ((ObjectNode) n.get("restaurant")).put("timezone", "Mars/Olympus"))
        .hasMessage("restaurant.timezone: unknown time zone 'Mars/Olympus'");
    assertError(n -> ((ObjectNode) n.get("restaurant")).put("timezone", " "))
        .hasMessageStartingWith("restaurant.timezone: must be an IANA time zone");
    assertError(n -> n.remove("restaurant")).hasMessage("restaurant: missing");
  }

  @Test
  void P4_1_duplicateTableIdsRefused() {
    assertError(n -> ((ObjectNode) n.withArray("/tables").get(2)).put("id", "T1"))
        .hasMessage("tables[2].id: duplicate table id 'T1' (also tables[0]) (P4.1)");
  }

  @Test
  void P4_1_nullOrBlankTableIdRefused() {
    assertError(n -> ((ObjectNode) n.withArray("/tables").get(1)).remove("id"))
        .hasMessage("tables[1].id: missing");
    assertError(n -> ((ObjectNode) n.withArray("/tables").get(1)).putNull("id"))
        .hasMessage("tables[1].id: missing");
    assertError(n -> ((ObjectNode) n.withArray("/tables").get(1)).put("id", ""))
        .hasMessage("tables[1].id: must be a non-blank id, got ''");
    assertError(n -> n.withArray("/tables").addNull()).hasMessage("tables[7]: null entry");
  }

  @Test
  void negativeCapacityRefused() {
    assertError(n -> ((ObjectNode) n.withArray("/tables").get(3)).put("capacity", -2))
        .hasMessage("tables[3].capacity: must be positive, got -2");
  }

  @Test
  void partyLimitsOfATableAreChecked() {
    assertError(n -> ((ObjectNode) n.withArray("/tables").get(0)).put("maxPartySize", 0))
        .hasMessage("tables[0].maxPartySize: must be positive, got 0");
    assertError(n -> ((ObjectNode) n.withArray("/tables").get(0)).put("minPartySize", 3))
        .hasMessage("tables[0].minPartySize: maxPartySize 2 is below minPartySize 3");
  }

  @Test
  void tableInUnknownZoneRefused() {
    assertError(n -> ((ObjectNode) n.withArray("/tables").get(4)).put("zone", "roof"))
        .hasMessage("tables[4].zone: unknown zone 'roof'");
  }

  @Test
  void duplicateZoneRefused() {
    assertError(n -> ((ObjectNode) n.withArray("/zones").get(1)).put("id", "main"))
        .hasMessage("zones[1].id: duplicate zone id 'main' (also zones[0])");
  }

  @Test
  void edgeToUnknownTableRefused() {
    assertError(n -> n.withArray("/adjacency").addArray().add("T1").add("X9"))
        .hasMessage("adjacency[2]: unknown table 'X9'");
    assertError(n -> n.withArray("/adjacency").addArray().add("T1"))
        .hasMessage("adjacency[2]: an edge names two tables, got 1: [T1]");
    assertError(n -> n.withArray("/adjacency").addArray().add("T1").add("T1"))
        .hasMessage("adjacency[2]: table 'T1' cannot be adjacent to itself");
  }

  @Test
  void negativePartyRefused() {
    assertError(n -> ((ObjectNode) n.withArray("/bookings").get(1)).put("partySize", -1))
        .hasMessage("bookings[1].partySize: must be positive, got -1");
    assertError(n -> ((ObjectNode) n.withArray("/bookings").get(1)).remove("partySize"))
        .hasMessage("bookings[1].partySize: missing");
  }

  @Test
  void duplicateBookingIdRefused() {
    assertError(n -> ((ObjectNode) n.withArray("/bookings").get(2)).put("id", "b1"))
        .hasMessage("bookings[2].id: duplicate booking id 'b1' (also bookings[0])");
  }

  @Test
  void unparsableTimesRefused() {
    assertError(n -> ((ObjectNode) n.withArray("/bookings").get(0)).put("start", "tomorrow"))
        .hasMessageStartingWith("bookings[0].start: unparsable instant 'tomorrow'");
    assertError(n -> ((ObjectNode) n.withArray("/bookings").get(0)).remove("createdAt"))
        .hasMessage("bookings[0].createdAt: missing");
    assertError(
            n -> ((ObjectNode) n.withArray("/policy/servicePeriods").get(0)).put("start", "5pm"))
        .hasMessageStartingWith("policy.servicePeriods[0].start: unparsable local time '5pm'");
    assertError(n -> ((ObjectNode) n.withArray("/blocks").get(0)).put("end", "2026-13-01T00:00Z"))
        .hasMessageStartingWith("blocks[0].end: unparsable instant '2026-13-01T00:00Z'");
  }

  @Test
  void acceptsInstantsWithAnOffset() {
    Scenario s =
        read(
            n ->
                ((ObjectNode) n.withArray("/bookings").get(0))
                    .put("start", "2026-11-20T19:00:00+01:00"));
    assertThat(s.bookings().get(0).start()).isEqualTo(Instant.parse("2026-11-20T18:00:00Z"));
  }

  @Test
  void endBeforeStartRefused() {
    assertError(
            n -> ((ObjectNode) n.withArray("/bookings").get(2)).put("end", "2026-11-20T20:00:00Z"))
        .hasMessage(
            "bookings[2].end: must be after start 2026-11-20T20:00:00Z, got 2026-11-20T20:00:00Z");
  }

  @Test
  void badFormatStringRefused() {
    assertError(n -> n.put("format", "capacity-scenario/2"))
        .hasMessage(
            "format: unsupported format 'capacity-scenario/2', expected 'capacity-scenario/1'");
    assertError(n -> n.remove("format"))
        .hasMessage("format: missing, expected 'capacity-scenario/1'");
  }

  @Test
  void bookingsWithoutEndNeedTurnTimes() {
    assertError(n -> ((ObjectNode) n.get("policy")).remove("turnMinutes"))
        .hasMessageStartingWith(
            "policy.turnMinutes: missing, but booking 'b1' (bookings[0]) has no end");
  }

  @Test
  void turnTimeRowsMustAscend() {
    assertError(
            n -> ((ObjectNode) n.withArray("/policy/turnMinutes").get(1)).put("upToPartySize", 2))
        .hasMessageStartingWith("policy.turnMinutes[1].upToPartySize: rows must ascend");
    assertError(n -> ((ObjectNode) n.withArray("/policy/turnMinutes").get(0)).put("minutes", 0))
        .hasMessage("policy.turnMinutes[0].minutes: must be positive, got 0");
  }

  @Test
  void policyValuesAreChecked() {
    assertError(n -> ((ObjectNode) n.get("policy")).put("kMax", 0))
        .hasMessage("policy.kMax: must be positive, got 0");
    assertError(n -> ((ObjectNode) n.get("policy")).put("kMax", 9))
        .hasMessage("policy.kMax: must be between 1 and 8, got 9");
    assertError(n -> ((ObjectNode) n.get("policy")).put("bufferMinutes", -5))
        .hasMessage("policy.bufferMinutes: must not be negative, got -5");
    assertError(n -> ((ObjectNode) n.get("policy")).put("slotMinutes", 7))
        .hasMessage("policy.slotMinutes: must divide a day (1440 minutes), got 7");
    assertError(n -> ((ObjectNode) n.get("policy")).put("maxOverage", -1))
        .hasMessage("policy.maxOverage: must not be negative, got -1");
    assertError(n -> ((ObjectNode) n.get("policy")).put("adjacencyMode", "CONNECTED"))
        .hasMessage(
            "policy.adjacencyMode: unknown mode 'CONNECTED', expected connected, pairwise or"
                + " neighbors");
    assertError(n -> ((ObjectNode) n.get("policy")).put("adjacencyMinPartySize", 0))
        .hasMessage("policy.adjacencyMinPartySize: must be positive, got 0");
    assertError(n -> ((ObjectNode) n.at("/policy/pacing")).put("windowMinutes", 7))
        .hasMessage("policy.pacing.windowMinutes: must divide a day (1440 minutes), got 7");
    assertError(n -> ((ObjectNode) n.at("/policy/pacing")).remove("maxCovers"))
        .hasMessage("policy.pacing.maxCovers: missing");
  }

  @Test
  void servicePeriodsAreChecked() {
    assertError(
            n ->
                n.withArray("/policy/servicePeriods")
                    .addObject()
                    .put("name", "late")
                    .put("start", "22:00")
                    .put("end", "01:00"))
        .hasMessage(
            "policy.servicePeriods[1]: 'late' overlaps 'dinner' (policy.servicePeriods[0]): a"
                + " start would belong to both");
    assertError(
            n ->
                n.withArray("/policy/servicePeriods")
                    .addObject()
                    .put("name", "dinner")
                    .put("start", "12:00")
                    .put("end", "14:00"))
        .hasMessage("policy.servicePeriods[1].name: duplicate service period name 'dinner'");
    assertError(
            n -> ((ObjectNode) n.withArray("/policy/servicePeriods").get(0)).put("end", "17:00"))
        .hasMessageStartingWith("policy.servicePeriods[0].end: equals start 17:00");
    assertError(
            n ->
                ((ObjectNode) n.get("policy"))
                    .putObject("serviceTurnMinutes")
                    .putArray("brunch")
                    .addObject()
                    .put("upToPartySize", 4)
                    .put("minutes", 60))
        .hasMessage("policy.serviceTurnMinutes.brunch: no service period is named 'brunch'");
  }

  @Test
  void bookingZoneMustExist() {
    assertError(n -> ((ObjectNode) n.withArray("/bookings").get(2)).put("zone", "roof"))
        .hasMessage("bookings[2].zone: unknown zone 'roof'");
  }

  @Test
  void existingAssignmentsAreChecked() {
    assertError(n -> ((ObjectNode) n.withArray("/existingAssignments").get(0)).put("booking", "x"))
        .hasMessage("existingAssignments[0].booking: unknown booking 'x'");
    assertError(
            n -> ((ArrayNode) n.withArray("/existingAssignments").get(0).get("tables")).add("X9"))
        .hasMessage("existingAssignments[0].tables[1]: unknown table 'X9'");
    assertError(
            n -> ((ArrayNode) n.withArray("/existingAssignments").get(0).get("tables")).add("T1"))
        .hasMessage("existingAssignments[0].tables[1]: table 'T1' appears twice");
    assertError(
            n ->
                n.withArray("/existingAssignments")
                    .addObject()
                    .put("booking", "b1")
                    .putArray("tables")
                    .add("T2"))
        .hasMessage(
            "existingAssignments[1].booking: booking 'b1' is already seated by"
                + " existingAssignments[0]");
    assertError(
            n ->
                n.withArray("/existingAssignments")
                    .addObject()
                    .put("booking", "b4")
                    .putArray("tables")
                    .add("T2"))
        .hasMessageStartingWith(
            "existingAssignments[1]: cannot derive the window of booking 'b4': booking 'b4'"
                + " starts at 2026-11-20T16:00 local time, outside every service period");
  }

  @Test
  void blocksAreChecked() {
    assertError(n -> ((ObjectNode) n.withArray("/blocks").get(0)).put("table", "X9"))
        .hasMessage("blocks[0].table: unknown table 'X9'");
    assertError(
            n -> ((ObjectNode) n.withArray("/blocks").get(0)).put("end", "2026-11-20T16:00:00Z"))
        .hasMessageStartingWith("blocks[0].end: must be after start");
    assertError(
            n ->
                n.withArray("/blocks")
                    .addObject()
                    .put("id", "block-0")
                    .put("table", "T2")
                    .put("start", "2026-11-20T17:00:00Z")
                    .put("end", "2026-11-20T18:00:00Z"))
        .hasMessage("blocks[1].id: duplicate block id 'block-0' (also blocks[0])");
  }

  @Test
  void combinationsAreChecked() {
    assertError(
            n ->
                n.putArray("combinations")
                    .addObject()
                    .put("id", "c1")
                    .putArray("tables")
                    .add("T1")
                    .add("X9"))
        .hasMessage("combinations[0].tables[1]: unknown table 'X9'");
    assertError(
            n ->
                n.putArray("combinations").addObject().put("id", "c1").putArray("tables").add("T1"))
        .hasMessage("combinations[0].tables: a combination needs at least two tables, got [T1]");
    Scenario ok =
        read(
            n ->
                n.putArray("combinations")
                    .addObject()
                    .put("id", "c1")
                    .putArray("tables")
                    .add("T4")
                    .add("T1"));
    assertThat(ok.floor().combinations())
        .containsExactly(new Combination("c1", List.of("T1", "T4"), 1, 4));
  }

  // ---------------------------------------------------------------------------------- results

  private static final String RESULT =
      """
      {
        "format": "capacity-result/1",
        "scenario": "bistro-friday",
        "mode": "online",
        "assignments": [ { "booking": "b1", "tables": ["T2", "T1"],
                           "start": "2026-11-20T19:00:00Z", "end": "2026-11-20T20:45:00Z" } ],
        "unassigned":  [ { "booking": "b9", "reason": "NO_CAPACITY" } ],
        "metrics": { "bookings": 2, "seatedBookings": 1, "covers": 6, "seatedCovers": 4,
                     "elapsedMillis": 3.2, "planner": "not a number" },
        "futureField": true
      }
      """;

  @Test
  void readsTheResultOfTheFormatDescription() {
    SeatingResult r = ScenarioMapper.toModel(ScenarioFiles.parse(RESULT, ResultDocument.class));

    assertThat(r.scenario()).isEqualTo("bistro-friday");
    assertThat(r.mode()).isEqualTo(ResultMode.ONLINE);
    assertThat(r.assignments())
        .containsExactly(
            new Assignment(
                "b1",
                List.of("T1", "T2"),
                Instant.parse("2026-11-20T19:00:00Z"),
                Instant.parse("2026-11-20T20:45:00Z")));
    assertThat(r.unassigned()).containsExactly(new Unassigned("b9", "NO_CAPACITY"));
    assertThat(r.metrics()).isEqualTo(new ResultMetrics(2, 1, 6, 4, Map.of("elapsedMillis", 3.2)));
  }

  @Test
  void resultRoundTripsThroughJsonText() {
    SeatingResult r = ScenarioMapper.toModel(ScenarioFiles.parse(RESULT, ResultDocument.class));
    ResultDocument doc = ScenarioMapper.fromModel(r);
    String text = ScenarioFiles.write(doc);

    assertThat(text).contains("\"elapsedMillis\" : 3.2", "\"mode\" : \"online\"");
    ResultDocument again = ScenarioFiles.parse(text, ResultDocument.class);
    assertThat(again).isEqualTo(doc);
    assertThat(ScenarioMapper.toModel(again)).isEqualTo(r);
  }

  @Test
  void resultModesAreLowerCase() {
    for (ResultMode m : ResultMode.values()) {
      assertThat(ScenarioMapper.mode(ScenarioMapper.modeName(m))).isEqualTo(m);
    }
    assertThatThrownBy(() -> ScenarioMapper.mode("greedy"))
        .isInstanceOf(ScenarioFormatException.class)
        .hasMessage("mode: unknown mode 'greedy', expected fixed, online or batch");
  }

  @Test
  void badResultsNameTheField() {
    assertResultError(RESULT.replace("capacity-result/1", "capacity-scenario/1"))
        .hasMessage(
            "format: unsupported format 'capacity-scenario/1', expected 'capacity-result/1'");
    assertResultError(RESULT.replace("\"T2\", \"T1\"", "\"T1\", \"T1\""))
        .hasMessage("assignments[0].tables[1]: table 'T1' appears twice");
    assertResultError(RESULT.replace("\"T2\", \"T1\"", ""))
        .hasMessage("assignments[0].tables: names no table");
    assertResultError(RESULT.replace("2026-11-20T20:45:00Z", "2026-11-20T18:45:00Z"))
        .hasMessage(
            "assignments[0].end: must be after start 2026-11-20T19:00:00Z, got"
                + " 2026-11-20T18:45:00Z");
    assertResultError(RESULT.replace("\"seatedCovers\": 4,", ""))
        .hasMessage("metrics.seatedCovers: missing");
    assertResultError(RESULT.replace("\"reason\": \"NO_CAPACITY\"", "\"why\": 1"))
        .hasMessage("unassigned[0].reason: missing");
  }

  // ---------------------------------------------------------------------------------- helpers

  private static ObjectNode tinyTree() {
    try {
      return (ObjectNode) ScenarioFiles.mapper().readTree(ScenarioFiles.tinyText());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ScenarioDocument edited(Consumer<ObjectNode> edit) {
    ObjectNode tree = tinyTree();
    edit.accept(tree);
    try {
      return ScenarioFiles.mapper().treeToValue(tree, ScenarioDocument.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Scenario read(Consumer<ObjectNode> edit) {
    return ScenarioMapper.toModel(edited(edit));
  }

  private static ScenarioFormatException error(Consumer<ObjectNode> edit) {
    ScenarioDocument doc = edited(edit);
    try {
      ScenarioMapper.toModel(doc);
    } catch (ScenarioFormatException e) {
      return e;
    }
    throw new AssertionError("expected a ScenarioFormatException");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertError(
      Consumer<ObjectNode> edit) {
    return assertThat(error(edit));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertResultError(String json) {
    ResultDocument doc = ScenarioFiles.parse(json, ResultDocument.class);
    try {
      ScenarioMapper.toModel(doc);
    } catch (ScenarioFormatException e) {
      return assertThat(e);
    }
    throw new AssertionError("expected a ScenarioFormatException");
  }
}
