package dev.capacity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Adjacency;
import dev.capacity.Combination;
import dev.capacity.FloorPlan;
import dev.capacity.Pacing;
import dev.capacity.Restaurant;
import dev.capacity.SeatingPolicy;
import dev.capacity.Table;
import dev.capacity.Zone;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class RestaurantRowsTest {

  @Test
  void regionZonesKeepTheirIdAndFixedOffsetsBecomePosixZones() {
    assertThat(RestaurantRows.dbTimeZone(ZoneId.of("Europe/London"))).isEqualTo("Europe/London");
    assertThat(RestaurantRows.dbTimeZone(ZoneOffset.UTC)).isEqualTo("UTC");
    assertThat(RestaurantRows.dbTimeZone(ZoneId.of("UTC"))).isEqualTo("UTC");
    // POSIX counts west of Greenwich as positive: the sign flips
    assertThat(RestaurantRows.dbTimeZone(ZoneOffset.of("+05:30"))).isEqualTo("<+0530>-05:30");
    assertThat(RestaurantRows.dbTimeZone(ZoneOffset.of("-03:00"))).isEqualTo("<-0300>+03:00");
    assertThat(RestaurantRows.dbTimeZone(ZoneId.of("GMT+2"))).isEqualTo("<+0200>-02:00");
  }

  private static Map<?, ?> map(@Nullable Object o) {
    return (Map<?, ?>) Objects.requireNonNull(o);
  }

  @Test
  void theDocumentIsJsonCarryingTheVersions() {
    FloorPlan floor =
        FloorPlan.of(
            List.of(new Zone("z", "Zone \"one\"")),
            List.of(
                new Table("A", "z", 2, 1, 2, true, true, Map.of("shape", "round")),
                Table.of("B", "z", 4)),
            List.of(Adjacency.of("A", "B")),
            List.of(new Combination("ab", List.of("B", "A"), 3, 6)));
    SeatingPolicy policy = SeatingPolicy.builder().pacing(new Pacing(30, 20)).build();
    String document = RestaurantRows.document(Restaurant.of("r", "Europe/Paris"), floor, policy);
    Map<?, ?> parsed = map(Json.parse(document));
    assertThat(parsed.get("floorVersion")).isEqualTo(floor.version());
    assertThat(parsed.get("policyVersion")).isEqualTo(policy.version());
    assertThat(parsed.get("timeZone")).isEqualTo("Europe/Paris");
    Map<?, ?> f = map(parsed.get("floor"));
    assertThat((List<?>) f.get("tables")).hasSize(2);
    assertThat(map(((List<?>) Objects.requireNonNull(f.get("zones"))).get(0)).get("name"))
        .isEqualTo("Zone \"one\"");
    Map<?, ?> p = map(parsed.get("policy"));
    assertThat(String.valueOf(map(p.get("pacing")).get("maxCovers"))).isEqualTo("20");
    assertThat(p.get("adjacencyMinPartySize")).isNull();
  }
}
