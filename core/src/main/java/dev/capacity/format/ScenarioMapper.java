package dev.capacity.format;

import dev.capacity.ResultMode;
import dev.capacity.Scenario;
import dev.capacity.SeatingPolicy;
import dev.capacity.SeatingResult;
import org.jspecify.annotations.Nullable;

/**
 * Converts {@code capacity-scenario/1} and {@code capacity-result/1} documents to the model and
 * back: the one entry point of the file formats.
 *
 * <p>Reading ({@code toModel}) applies the format's defaults and checks every field first, so an
 * error names the field path and the value ({@code tables[3].capacity: must be positive, got -2},
 * {@code adjacency[5]: unknown table 'X9'}, {@code restaurant.timezone: missing}). A booking
 * becomes {@link dev.capacity.BookingStatus#PENDING}; a block without id gets {@code
 * block-<index>}; an existing assignment gets the start and end of its booking's window. A file
 * states its own turn times: when {@code policy.turnMinutes} is absent the policy has none (not the
 * builder's default table), which is refused unless every booking has an {@code end}.
 *
 * <p>Writing ({@code fromModel}) writes everything the seating rules depend on. Settings of the
 * policy that only steer ranking and search (scoring weights, demand rules, lookahead, budgets,
 * caches, hold TTL) and booking states are not part of the format and are not written; reading the
 * document back gives their defaults.
 *
 * <p>Stateless and thread-safe.
 */
public final class ScenarioMapper {
  private ScenarioMapper() {}

  /**
   * Converts a scenario document to the model.
   *
   * @param document the document as read from a file
   * @return the scenario
   * @throws ScenarioFormatException naming the field path and the value of the first field that is
   *     missing, invalid, repeated or names something unknown
   * @throws NullPointerException if {@code document} is null
   */
  public static Scenario toModel(ScenarioDocument document) {
    return ScenarioReader.read(document);
  }

  /**
   * Converts a scenario to a document.
   *
   * @param scenario the scenario
   * @return the document, with every rule-relevant value written explicitly
   * @throws NullPointerException if {@code scenario} is null
   */
  public static ScenarioDocument fromModel(Scenario scenario) {
    return ScenarioWriter.write(scenario);
  }

  /**
   * Converts the policy part of a scenario document to a policy.
   *
   * @param policy the {@code policy} object, or null for every default
   * @return the policy (without turn times unless the object gives {@code turnMinutes})
   * @throws ScenarioFormatException naming the field path and the value of the first invalid field
   */
  public static SeatingPolicy toModel(ScenarioDocument.@Nullable PolicyEntry policy) {
    return ScenarioReader.policy(policy);
  }

  /**
   * Converts a policy to the {@code policy} object of a scenario document.
   *
   * @param policy the policy
   * @return its rule-relevant values
   * @throws NullPointerException if {@code policy} is null
   */
  public static ScenarioDocument.PolicyEntry fromModel(SeatingPolicy policy) {
    return ScenarioWriter.policy(policy);
  }

  /**
   * Converts a result document to the model.
   *
   * @param document the document as read from a file
   * @return the result
   * @throws ScenarioFormatException naming the field path and the value of the first field that is
   *     missing or invalid (including a table named twice in one assignment, or an end not after
   *     its start)
   * @throws NullPointerException if {@code document} is null
   */
  public static SeatingResult toModel(ResultDocument document) {
    return ResultMapping.read(document);
  }

  /**
   * Converts a result to a document.
   *
   * @param result the result
   * @return the document
   * @throws NullPointerException if {@code result} is null
   */
  public static ResultDocument fromModel(SeatingResult result) {
    return ResultMapping.write(result);
  }

  /**
   * The name of a result mode in the format: {@code fixed}, {@code online} or {@code batch}.
   *
   * @param mode the mode
   * @return its lower-case name
   */
  public static String modeName(ResultMode mode) {
    return ResultMapping.modeName(mode);
  }

  /**
   * Parses a result mode name of the format.
   *
   * @param name {@code fixed}, {@code online} or {@code batch}
   * @return the mode
   * @throws ScenarioFormatException if the name is unknown (path {@code mode})
   */
  public static ResultMode mode(String name) {
    return ResultMapping.mode(name);
  }
}
