package dev.capacity.internal.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.FloorPlan;
import dev.capacity.PlanRules;
import dev.capacity.testing.BruteForcePlanner;
import dev.capacity.testkit.SmallFloors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Catalog#depth} answers two or three tables without a search; every set of up to four
 * tables of seeded floors gets the radius the rules define ({@link PlanRules#radius}, 1 when not
 * connected), as the search gave before.
 */
class CatalogDepthTest {

  @Test
  void unitsOfUpToFourTablesHaveTheRadiusOfTheRules() {
    int compared = 0;
    int deeper = 0;
    for (long seed = 1; seed <= 60; seed++) {
      SmallFloors.Case c = SmallFloors.generate(seed, 7, 3);
      FloorPlan floor = c.floor();
      Catalog catalog = new Catalog(floor, c.policy());
      int n = floor.tables().size();
      for (int[] unit : BruteForcePlanner.tableSets(n, 4)) {
        List<String> ids = new ArrayList<>();
        for (int t : unit) {
          ids.add(floor.tables().get(t).id());
        }
        int radius = PlanRules.radius(floor, ids);
        int expected = unit.length <= 1 ? 0 : radius < 0 ? 1 : radius;
        assertThat(catalog.depth(unit)).as("seed %d, tables %s", seed, ids).isEqualTo(expected);
        compared++;
        if (expected > 1) {
          deeper++;
        }
      }
    }
    // the floors hold every kind of unit, four tables in a path among them
    assertThat(compared).isGreaterThan(1_000);
    assertThat(deeper).isPositive();
  }
}
