package dev.capacity.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.BookingWindow;
import dev.capacity.PlanOption;
import dev.capacity.PlanRules;
import dev.capacity.Planner;
import dev.capacity.Quote;
import dev.capacity.QuoteRequest;
import dev.capacity.Table;
import dev.capacity.testkit.SmallFloors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The planner against a brute-force oracle on small random floors: the free valid units it returns
 * equal, exactly, every subset of tables the rules accept and the occupancy leaves free.
 */
class PlannerOracleTest {
  private final Planner planner = dev.capacity.testkit.FrozenTime.planner();

  static Set<List<String>> oracle(SmallFloors.Case c) {
    List<Table> tables = c.floor().tables();
    int n = tables.size();
    BookingWindow w = c.policy().window(c.booking(), SmallFloors.RESTAURANT.timeZone());
    Set<List<String>> out = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    for (int mask = 1; mask < (1 << n); mask++) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if ((mask & (1 << i)) != 0) {
          ids.add(tables.get(i).id());
        }
      }
      if (!PlanRules.check(
              c.floor(), c.policy(), "b", c.booking().partySize(), c.booking().zone(), ids)
          .isEmpty()) {
        continue;
      }
      boolean free = true;
      for (String id : ids) {
        free &= c.occupancy().isFree(id, w);
      }
      if (free) {
        out.add(ids);
      }
    }
    return out;
  }

  static Set<List<String>> planned(Planner planner, SmallFloors.Case c) {
    Quote q =
        planner.quote(
            new QuoteRequest(
                SmallFloors.RESTAURANT,
                c.floor(),
                c.policy(),
                c.booking(),
                c.occupancy(),
                List.of(),
                100_000));
    assertThat(q.diagnostics().complete()).as("seed %d complete", c.seed()).isTrue();
    Set<List<String>> out = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    for (PlanOption p : q.plans()) {
      assertThat(out.add(p.tables())).as("seed %d: plan %s twice", c.seed(), p.tables()).isTrue();
    }
    return out;
  }

  @Test
  void S1_S2_S3_S4_P2_2_freeValidUnitsEqualTheBruteForceOracle() {
    int seatable = 0;
    int multiTable = 0;
    for (long seed = 1; seed <= 3_000; seed++) {
      SmallFloors.Case c = SmallFloors.generate(seed, 10, 4);
      Set<List<String>> expected = oracle(c);
      seatable += expected.isEmpty() ? 0 : 1;
      multiTable += (int) expected.stream().filter(u -> u.size() > 1).count();
      Set<List<String>> actual = planned(planner, c);
      assertThat(actual)
          .as(
              "seed %d, policy %s, party %d, floor %s %s",
              seed, c.policy(), c.booking().partySize(), c.floor().tables(), c.floor().adjacency())
          .isEqualTo(expected);
    }
    // the generator must exercise the search: many seatable cases and many combinations
    assertThat(seatable).isGreaterThan(1_000);
    assertThat(multiTable).isGreaterThan(500);
  }
}
