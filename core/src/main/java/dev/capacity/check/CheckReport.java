package dev.capacity.check;

import dev.capacity.ResultMetrics;
import dev.capacity.Rule;
import dev.capacity.Violation;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the {@link RuleChecker} found: every broken rule, and the metrics recomputed from the
 * scenario and the result's lists.
 *
 * @param violations every broken rule, ordered by rule number, then as found
 * @param metrics the metrics as they should be: the scenario's bookings and covers, and the
 *     bookings and covers of the known bookings the result seats (each counted once)
 */
public record CheckReport(List<Violation> violations, ResultMetrics metrics) {
  /**
   * Copies the components.
   *
   * @throws NullPointerException if a component is null
   */
  public CheckReport {
    violations = List.copyOf(violations);
    Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Whether the result breaks no rule.
   *
   * @return true when there is no violation
   */
  public boolean valid() {
    return violations.isEmpty();
  }

  /**
   * The rules broken at least once.
   *
   * @return the rules, in rule order
   */
  public Set<Rule> brokenRules() {
    Set<Rule> out = EnumSet.noneOf(Rule.class);
    violations.forEach(v -> out.add(v.rule()));
    return out;
  }

  /**
   * The violations of one rule.
   *
   * @param rule the rule
   * @return its violations, in the order found
   */
  public List<Violation> violations(Rule rule) {
    return violations.stream().filter(v -> v.rule() == rule).toList();
  }

  /**
   * A one-line summary such as {@code 12 bookings, 11 seated, 40/42 covers: 0 broken rules}, from
   * the recomputed metrics.
   *
   * @return the summary
   */
  public String summary() {
    int n = violations.size();
    return metrics.bookings()
        + " bookings, "
        + metrics.seatedBookings()
        + " seated, "
        + metrics.seatedCovers()
        + "/"
        + metrics.covers()
        + " covers: "
        + n
        + (n == 1 ? " broken rule" : " broken rules");
  }
}
