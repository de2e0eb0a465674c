package dev.capacity.format;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@code capacity-result/1} document as it stands in the file: what a planner did with a
 * scenario. Field names are the format's; a null component is a field absent from the file. Times
 * are ISO-8601 instants as strings. Unknown fields are ignored.
 *
 * <p>Convert it with {@link ScenarioMapper#toModel(ResultDocument)} and {@link
 * ScenarioMapper#fromModel(dev.capacity.SeatingResult)}.
 *
 * @param format the format id, {@value #FORMAT}
 * @param scenario the name of the scenario the result is for
 * @param mode {@code fixed}, {@code online} or {@code batch}
 * @param assignments the seated bookings
 * @param unassigned the bookings not seated, with reasons
 * @param metrics the counts and further figures
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"format", "scenario", "mode", "assignments", "unassigned", "metrics"})
public record ResultDocument(
    @JsonProperty("format") @Nullable String format,
    @JsonProperty("scenario") @Nullable String scenario,
    @JsonProperty("mode") @Nullable String mode,
    @JsonProperty("assignments") @Nullable List<AssignmentEntry> assignments,
    @JsonProperty("unassigned") @Nullable List<UnassignedEntry> unassigned,
    @JsonProperty("metrics") @Nullable MetricsEntry metrics) {

  /** The value of {@code format} for this version of the result format. */
  public static final String FORMAT = "capacity-result/1";

  /**
   * A seated booking: its tables and its dining range (without the buffer).
   *
   * @param booking the booking's id
   * @param tables the table ids
   * @param start start of dining, an ISO-8601 instant
   * @param end end of dining, an ISO-8601 instant
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"booking", "tables", "start", "end"})
  public record AssignmentEntry(
      @JsonProperty("booking") @Nullable String booking,
      @JsonProperty("tables") @Nullable List<String> tables,
      @JsonProperty("start") @Nullable String start,
      @JsonProperty("end") @Nullable String end) {}

  /**
   * A booking that was not seated.
   *
   * @param booking the booking's id
   * @param reason why, such as {@code NO_CAPACITY}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"booking", "reason"})
  public record UnassignedEntry(
      @JsonProperty("booking") @Nullable String booking,
      @JsonProperty("reason") @Nullable String reason) {}

  /**
   * The metrics: four counts that must agree with the lists (rule 10) and further figures by name
   * (such as {@code elapsedMillis}), which are kept in {@code extra}. Non-numeric further fields
   * are ignored by the mapper.
   *
   * @param bookings bookings in the scenario
   * @param seatedBookings bookings assigned
   * @param covers guests of all bookings
   * @param seatedCovers guests of the assigned bookings
   * @param extra further fields by name, in document order
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"bookings", "seatedBookings", "covers", "seatedCovers"})
  public record MetricsEntry(
      @JsonProperty("bookings") @Nullable Integer bookings,
      @JsonProperty("seatedBookings") @Nullable Integer seatedBookings,
      @JsonProperty("covers") @Nullable Integer covers,
      @JsonProperty("seatedCovers") @Nullable Integer seatedCovers,
      @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /** Copies the further fields, keeping their order; a null map (from a reader) becomes empty. */
    public MetricsEntry {
      extra =
          extra == null
              ? Map.of()
              : Collections.unmodifiableMap(new LinkedHashMap<String, Object>(extra));
    }
  }
}
