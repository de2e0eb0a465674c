package dev.capacity;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of a manual assignment: the store's outcome and each rule's verdict on the chosen
 * tables. Scarcity is never a rule, so a plan that satisfies the rules is never refused because its
 * tables are scarce (pitfall P2.6).
 *
 * <p>The verdicts are computed against the occupancy read just before the write; where the store
 * refused for a rule (e.g. an overlap written meanwhile), that rule's verdict is the store's.
 *
 * @param outcome the confirmation, or the refusal
 * @param verdicts one verdict per rule that applies to one plan (rules 1 to 7 and 9), in rule order
 */
public record ManualAssignment(Outcome<Confirmation> outcome, List<RuleVerdict> verdicts) {
  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is null
   */
  public ManualAssignment {
    Objects.requireNonNull(outcome, "outcome");
    verdicts = List.copyOf(verdicts);
  }

  /**
   * The verdict of one rule.
   *
   * @param rule the rule
   * @return the verdict, or null when the rule does not apply to one plan
   */
  public @Nullable RuleVerdict verdict(Rule rule) {
    for (RuleVerdict v : verdicts) {
      if (v.rule() == rule) {
        return v;
      }
    }
    return null;
  }
}
