package dev.capacity;

import java.util.List;
import java.util.Objects;

/**
 * How one seating rule judged a plan.
 *
 * @param rule the rule
 * @param status passed, failed or not checked (a rule that needs the booking's window is not
 *     checked when the booking has none)
 * @param violations what breaks the rule; empty unless failed
 */
public record RuleVerdict(Rule rule, Status status, List<Violation> violations) {
  /** A rule's verdict. */
  public enum Status {
    /** The plan satisfies the rule. */
    PASSED,
    /** The plan breaks the rule. */
    FAILED,
    /** The rule could not be checked (e.g. the booking has no window). */
    NOT_CHECKED
  }

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a failed verdict has no violation, or another has some
   */
  public RuleVerdict {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(status, "status");
    violations = List.copyOf(violations);
    if ((status == Status.FAILED) == violations.isEmpty()) {
      throw new IllegalArgumentException(
          "verdict of rule " + rule + " is " + status + " with violations " + violations);
    }
  }

  /**
   * The verdict of a rule from its violations.
   *
   * @param rule the rule
   * @param violations what breaks it, empty when it passes
   * @return the verdict
   */
  public static RuleVerdict of(Rule rule, List<Violation> violations) {
    return new RuleVerdict(rule, violations.isEmpty() ? Status.PASSED : Status.FAILED, violations);
  }

  /**
   * Whether the plan satisfies the rule.
   *
   * @return true when passed
   */
  public boolean passed() {
    return status == Status.PASSED;
  }
}
