package dev.capacity.format;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@code capacity-scenario/1} document as it stands in the file: one restaurant's floor plan,
 * seating policy and the bookings of one service. Field names are the format's; a null component is
 * a field absent from the file (the mapper applies the format's default or reports it missing).
 * Times are strings: instants in ISO-8601 ({@code 2026-11-20T19:00:00Z}), local clock times as
 * {@code HH:mm}. Unknown fields are ignored.
 *
 * <p>Convert it with {@link ScenarioMapper#toModel(ScenarioDocument)} and {@link
 * ScenarioMapper#fromModel(dev.capacity.Scenario)}.
 *
 * @param format the format id, {@value #FORMAT}
 * @param name the scenario's name
 * @param restaurant the restaurant's id and time zone
 * @param policy the seating policy; null means every default
 * @param zones the zones
 * @param tables the tables
 * @param adjacency undirected edges, each a pair of table ids
 * @param combinations predefined combinations (an addition to the published format; see {@code
 *     docs/scenario-format.md})
 * @param bookings the bookings
 * @param existingAssignments bookings already seated on given tables
 * @param blocks tables out of use over a time range
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "format",
  "name",
  "restaurant",
  "policy",
  "zones",
  "tables",
  "adjacency",
  "combinations",
  "bookings",
  "existingAssignments",
  "blocks"
})
public record ScenarioDocument(
    @JsonProperty("format") @Nullable String format,
    @JsonProperty("name") @Nullable String name,
    @JsonProperty("restaurant") @Nullable RestaurantEntry restaurant,
    @JsonProperty("policy") @Nullable PolicyEntry policy,
    @JsonProperty("zones") @Nullable List<ZoneEntry> zones,
    @JsonProperty("tables") @Nullable List<TableEntry> tables,
    @JsonProperty("adjacency") @Nullable List<List<String>> adjacency,
    @JsonProperty("combinations") @Nullable List<CombinationEntry> combinations,
    @JsonProperty("bookings") @Nullable List<BookingEntry> bookings,
    @JsonProperty("existingAssignments")
        @Nullable List<ExistingAssignmentEntry> existingAssignments,
    @JsonProperty("blocks") @Nullable List<BlockEntry> blocks) {

  /** The value of {@code format} for this version of the scenario format. */
  public static final String FORMAT = "capacity-scenario/1";

  /**
   * The restaurant: its id and its IANA time zone (required, never defaulted: pitfall P4.3).
   *
   * @param id the restaurant's id
   * @param timezone an IANA time-zone id such as {@code Europe/London}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"id", "timezone"})
  public record RestaurantEntry(
      @JsonProperty("id") @Nullable String id,
      @JsonProperty("timezone") @Nullable String timezone) {}

  /**
   * The seating policy; each absent field takes the format's default.
   *
   * @param slotMinutes granularity of availability (default 15)
   * @param bufferMinutes reset time after a booking (default 0)
   * @param turnMinutes dining time by party size, ascending {@code upToPartySize}; required unless
   *     every booking has an {@code end}
   * @param serviceTurnMinutes turn times of one service period by its name (an addition to the
   *     published format)
   * @param servicePeriods local times at which bookings may start (default: open all day)
   * @param kMax most tables in one plan (default 3)
   * @param maxOverage most empty seats a plan may leave (default 2)
   * @param adjacencyMode {@code connected} (default), {@code pairwise} or {@code neighbors}
   * @param adjacencyMinPartySize parties smaller than this need no adjacency (default null: always)
   * @param sameZone all tables of a plan in one zone (default true)
   * @param pacing kitchen pacing (default none)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({
    "slotMinutes",
    "bufferMinutes",
    "turnMinutes",
    "serviceTurnMinutes",
    "servicePeriods",
    "kMax",
    "maxOverage",
    "adjacencyMode",
    "adjacencyMinPartySize",
    "sameZone",
    "pacing"
  })
  public record PolicyEntry(
      @JsonProperty("slotMinutes") @Nullable Integer slotMinutes,
      @JsonProperty("bufferMinutes") @Nullable Integer bufferMinutes,
      @JsonProperty("turnMinutes") @Nullable List<TurnMinutesEntry> turnMinutes,
      @JsonProperty("serviceTurnMinutes")
          @Nullable Map<String, List<TurnMinutesEntry>> serviceTurnMinutes,
      @JsonProperty("servicePeriods") @Nullable List<ServicePeriodEntry> servicePeriods,
      @JsonProperty("kMax") @Nullable Integer kMax,
      @JsonProperty("maxOverage") @Nullable Integer maxOverage,
      @JsonProperty("adjacencyMode") @Nullable String adjacencyMode,
      @JsonProperty("adjacencyMinPartySize") @Nullable Integer adjacencyMinPartySize,
      @JsonProperty("sameZone") @Nullable Boolean sameZone,
      @JsonProperty("pacing") @Nullable PacingEntry pacing) {}

  /**
   * One row of the turn-time table: parties of up to {@code upToPartySize} dine {@code minutes}.
   *
   * @param upToPartySize the largest party the row covers
   * @param minutes dining time in minutes
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"upToPartySize", "minutes"})
  public record TurnMinutesEntry(
      @JsonProperty("upToPartySize") @Nullable Integer upToPartySize,
      @JsonProperty("minutes") @Nullable Integer minutes) {}

  /**
   * A service period: bookings may start at local times {@code start <= t < end}; an {@code end}
   * before {@code start} crosses midnight.
   *
   * @param name the period's name
   * @param start local time {@code HH:mm}
   * @param end local time {@code HH:mm}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"name", "start", "end"})
  public record ServicePeriodEntry(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("start") @Nullable String start,
      @JsonProperty("end") @Nullable String end) {}

  /**
   * Kitchen pacing: the party sizes of seated bookings starting in one window of {@code
   * windowMinutes} (from local midnight) add up to at most {@code maxCovers}.
   *
   * @param windowMinutes window length, dividing 1440
   * @param maxCovers most covers per window
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"windowMinutes", "maxCovers"})
  public record PacingEntry(
      @JsonProperty("windowMinutes") @Nullable Integer windowMinutes,
      @JsonProperty("maxCovers") @Nullable Integer maxCovers) {}

  /**
   * A zone.
   *
   * @param id the zone's id
   * @param name its display name (default: the id)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"id", "name"})
  public record ZoneEntry(
      @JsonProperty("id") @Nullable String id, @JsonProperty("name") @Nullable String name) {}

  /**
   * A table.
   *
   * @param id the table's id
   * @param zone its zone's id
   * @param capacity seats
   * @param minPartySize smallest party it seats alone (default 1)
   * @param maxPartySize largest party it seats alone (default: capacity)
   * @param combinable may be part of a multi-table plan (default true)
   * @param active may be used at all (default true)
   * @param attributes free-form attributes (an addition to the published format; default none)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({
    "id",
    "zone",
    "capacity",
    "minPartySize",
    "maxPartySize",
    "combinable",
    "active",
    "attributes"
  })
  public record TableEntry(
      @JsonProperty("id") @Nullable String id,
      @JsonProperty("zone") @Nullable String zone,
      @JsonProperty("capacity") @Nullable Integer capacity,
      @JsonProperty("minPartySize") @Nullable Integer minPartySize,
      @JsonProperty("maxPartySize") @Nullable Integer maxPartySize,
      @JsonProperty("combinable") @Nullable Boolean combinable,
      @JsonProperty("active") @Nullable Boolean active,
      @JsonProperty("attributes") @Nullable Map<String, String> attributes) {}

  /**
   * A predefined combination (an addition to the published format): tables declared to seat one
   * party together whatever adjacency, zones and {@code combinable} say.
   *
   * @param id the combination's id
   * @param tables its table ids, at least two
   * @param minPartySize smallest party it seats (default 1)
   * @param maxPartySize largest party it seats (default: its capacity)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"id", "tables", "minPartySize", "maxPartySize"})
  public record CombinationEntry(
      @JsonProperty("id") @Nullable String id,
      @JsonProperty("tables") @Nullable List<String> tables,
      @JsonProperty("minPartySize") @Nullable Integer minPartySize,
      @JsonProperty("maxPartySize") @Nullable Integer maxPartySize) {}

  /**
   * A booking request.
   *
   * @param id the booking's id
   * @param partySize guests
   * @param start start of dining, an ISO-8601 instant
   * @param end end of dining (default: start plus the turn time of the party)
   * @param createdAt when the booking was made (arrival order for replay)
   * @param zone the zone it must be seated in (default: any)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"id", "partySize", "start", "end", "createdAt", "zone"})
  public record BookingEntry(
      @JsonProperty("id") @Nullable String id,
      @JsonProperty("partySize") @Nullable Integer partySize,
      @JsonProperty("start") @Nullable String start,
      @JsonProperty("end") @Nullable String end,
      @JsonProperty("createdAt") @Nullable String createdAt,
      @JsonProperty("zone") @Nullable String zone) {}

  /**
   * A booking already seated on given tables; a planner must keep it there.
   *
   * @param booking the booking's id
   * @param tables the table ids
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"booking", "tables"})
  public record ExistingAssignmentEntry(
      @JsonProperty("booking") @Nullable String booking,
      @JsonProperty("tables") @Nullable List<String> tables) {}

  /**
   * A table out of use over {@code [start, end)}.
   *
   * @param id the block's id (default {@code block-<index>})
   * @param table the table id
   * @param start first instant blocked
   * @param end first instant free again
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"id", "table", "start", "end"})
  public record BlockEntry(
      @JsonProperty("id") @Nullable String id,
      @JsonProperty("table") @Nullable String table,
      @JsonProperty("start") @Nullable String start,
      @JsonProperty("end") @Nullable String end) {}
}
