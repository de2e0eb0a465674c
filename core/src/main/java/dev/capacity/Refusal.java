package dev.capacity;

import java.util.List;
import java.util.Objects;

/**
 * Why a command was refused: a {@link Reason} from the closed taxonomy (which says whether trying
 * again can help), a message naming the values, and the details a caller may act on.
 *
 * <p>Adapters fill the details they can find cheaply; every list may be empty.
 *
 * @param reason the reason
 * @param message what was refused and why
 * @param violations the seating rules the plan breaks, each naming its rule (for {@link
 *     Reason#RULE_BROKEN}, {@link Reason#TABLE_INACTIVE}, {@link Reason#UNKNOWN_TABLE}, {@link
 *     Reason#CONFLICT}, {@link Reason#PACING_FULL} and the time reasons)
 * @param conflicts the occupancy entries (ids and times only) that a plan overlaps, for {@link
 *     Reason#CONFLICT}
 * @param changes what changed since the context version the caller decided on, for {@link
 *     Reason#CONTEXT_CHANGED} (pitfalls P2.8, P3.1)
 */
public record Refusal(
    Reason reason,
    String message,
    List<Violation> violations,
    List<OccupancyEntry> conflicts,
    List<ContextChange> changes) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is null
   */
  public Refusal {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    violations = List.copyOf(violations);
    conflicts = List.copyOf(conflicts);
    changes = List.copyOf(changes);
  }

  /**
   * A refusal without details.
   *
   * @param reason the reason
   * @param message the message
   * @return the refusal
   */
  public static Refusal of(Reason reason, String message) {
    return new Refusal(reason, message, List.of(), List.of(), List.of());
  }

  /**
   * A refusal for broken rules.
   *
   * @param reason the reason
   * @param message the message
   * @param violations the broken rules
   * @return the refusal
   */
  public static Refusal of(Reason reason, String message, List<Violation> violations) {
    return new Refusal(reason, message, violations, List.of(), List.of());
  }

  /**
   * Whether trying again (after re-reading occupancy) can help.
   *
   * @return {@code reason().retryable()}
   */
  public boolean retryable() {
    return reason.retryable();
  }

  @Override
  public String toString() {
    return reason + ": " + message;
  }
}
