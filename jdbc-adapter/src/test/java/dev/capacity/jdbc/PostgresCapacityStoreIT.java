package dev.capacity.jdbc;

import static dev.capacity.testing.Fixtures.at;
import static dev.capacity.testing.Fixtures.booking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.capacity.AdjacencyMode;
import dev.capacity.BookingState;
import dev.capacity.CacheSettings;
import dev.capacity.Combination;
import dev.capacity.DemandRule;
import dev.capacity.FloorPlan;
import dev.capacity.Hold;
import dev.capacity.Lookahead;
import dev.capacity.LookaheadMode;
import dev.capacity.Outcome;
import dev.capacity.Pacing;
import dev.capacity.Reason;
import dev.capacity.Restaurant;
import dev.capacity.RestaurantContext;
import dev.capacity.ScoringWeights;
import dev.capacity.SeatingPolicy;
import dev.capacity.ServicePeriod;
import dev.capacity.Table;
import dev.capacity.TurnTime;
import dev.capacity.jdbc.testing.PostgresExtension;
import dev.capacity.jdbc.testing.TestDatabase;
import dev.capacity.spi.CapacityStorageException;
import dev.capacity.spi.TransientStorageException;
import dev.capacity.testing.Fixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the PostgreSQL store adds to the shared contract: the floor plan and policy read back
 * exactly (same versions), time zones as PostgreSQL names them, the database clock, storage
 * failures as {@code spi} exceptions, restaurants kept apart, and pools handing out connections
 * without auto-commit.
 */
@ExtendWith(PostgresExtension.class)
class PostgresCapacityStoreIT {
  private static DataSource dataSource;

  @BeforeAll
  static void migrate(DataSource ds) {
    PostgresSchema.migrate(ds, "store");
    dataSource = ds;
  }

  private static PostgresCapacityStore store() {
    return PostgresCapacityStore.builder(dataSource).schema("store").build();
  }

  private static <T> T ok(Outcome<T> outcome) {
    assertThat(outcome.refusalOrNull()).as("refusal").isNull();
    return outcome.orElseThrow();
  }

  @Test
  void everyFieldOfTheFloorPlanAndPolicyReadsBackWithTheSameVersions() {
    FloorPlan floor =
        FloorPlan.of(
            Fixtures.floor().zones(),
            List.of(
                new Table("T1", "main", 2, 1, 2, true, true, Map.of("shape", "round", "n", "1")),
                Table.of("T2", "main", 2).withActive(false),
                Table.of("T3", "main", 4).withPartyLimits(2, 3).withCombinable(false),
                Table.of("T6", "patio", 4)),
            Fixtures.floor().adjacency().stream()
                .filter(e -> Set.of("T1", "T2", "T3", "T6").containsAll(List.of(e.a(), e.b())))
                .toList(),
            List.of(new Combination("c", List.of("T3", "T1"), 4, 6)));
    SeatingPolicy policy =
        SeatingPolicy.builder()
            .slotMinutes(10)
            .bufferMinutes(5)
            .turnTimes(List.of(new TurnTime(2, 75), new TurnTime(8, 125)))
            .servicePeriods(
                List.of(
                    new ServicePeriod("lunch", LocalTime.of(11, 30), LocalTime.of(15, 0)),
                    new ServicePeriod("late", LocalTime.of(22, 0), LocalTime.of(1, 30))))
            .serviceTurnTimes("late", List.of(new TurnTime(4, 60)))
            .kMax(4)
            .maxOverage(1)
            .adjacencyMode(AdjacencyMode.NEIGHBORS)
            .adjacencyMinPartySize(5)
            .sameZone(false)
            .pacing(new Pacing(20, 30))
            .scoring(new ScoringWeights(4.5, 3.25, 1.0 / 3, 2, 0.1, 7, 12))
            .demandRules(
                List.of(
                    new DemandRule(
                        Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY),
                        LocalTime.of(19, 0),
                        LocalTime.of(21, 0),
                        1.75)))
            .lookahead(new Lookahead(LookaheadMode.HARD, Duration.ofMinutes(95), 7))
            .searchBudget(Duration.ofNanos(12_345_678))
            .maxCatalogUnits(1234)
            .cache(new CacheSettings(9, Duration.ofMinutes(7), 99, Duration.ofSeconds(3)))
            .holdTtl(Duration.ofSeconds(90))
            .build();
    Restaurant restaurant = Restaurant.of("roundtrip", "America/New_York");
    PostgresCapacityStore store = store();
    ok(store.saveRestaurant(restaurant, floor, policy));
    // a second store has nothing cached: it reads the tables
    RestaurantContext read = Objects.requireNonNull(store().context("roundtrip"));
    assertThat(read.restaurant()).isEqualTo(restaurant);
    assertThat(read.floor()).isEqualTo(floor);
    assertThat(read.floor().version()).isEqualTo(floor.version());
    assertThat(read.policy()).isEqualTo(policy);
    assertThat(read.policy().version()).isEqualTo(policy.version());
    assertThat(store().contextVersion("roundtrip", "none-yet")).isNull();
  }

  @Test
  void P4_2_aRestaurantOnAFixedOffsetReadsServicePeriodsInItsOwnLocalTime() {
    PostgresCapacityStore store = store();
    Restaurant restaurant = new Restaurant("offset", ZoneOffset.of("+05:30"));
    SeatingPolicy policy =
        Fixtures.policyBuilder()
            .servicePeriods(
                List.of(new ServicePeriod("dinner", LocalTime.of(18, 0), LocalTime.of(1, 0))))
            .build();
    ok(store.saveRestaurant(restaurant, Fixtures.floor(), policy));
    assertThat(Objects.requireNonNull(store.context("offset")).restaurant()).isEqualTo(restaurant);
    // 13:00Z is 18:30 local, 19:00Z is 00:30 local (after midnight), 20:00Z is 01:30 local
    ok(store.saveBooking("offset", booking("evening", 2, "13:00")));
    ok(store.saveBooking("offset", booking("night", 2, "19:00")));
    ok(store.saveBooking("offset", booking("closed", 2, "20:00")));
    Duration ttl = Duration.ofMinutes(5);
    ok(store.hold("offset", "evening", List.of("T1"), ttl));
    ok(store.hold("offset", "night", List.of("T1"), ttl));
    assertThat(store.hold("offset", "closed", List.of("T2"), ttl).reason())
        .isEqualTo(Reason.OUTSIDE_SERVICE);
  }

  @Test
  void withoutAClockTheDatabaseClockDecidesExpiryAndStampsTheSnapshot() {
    PostgresCapacityStore store = store();
    ok(
        store.saveRestaurant(
            Restaurant.of("dbclock", "Europe/London"), Fixtures.floor(), Fixtures.policy()));
    ok(store.saveBooking("dbclock", booking("b1", 2, "19:00")));
    Instant before = Instant.now();
    Hold hold = ok(store.hold("dbclock", "b1", List.of("T1"), Duration.ofMinutes(5)));
    // the database and this JVM share the machine's clock; allow a generous second either way
    assertThat(hold.expiresAt())
        .isBetween(
            before.plus(Duration.ofMinutes(5)).minusSeconds(1),
            Instant.now().plus(Duration.ofMinutes(5)).plusSeconds(1));
    Instant readAt = store.occupancy("dbclock", at("17:00"), at("23:00")).readAt();
    assertThat(readAt).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    BookingState state = Objects.requireNonNull(store.booking("dbclock", "b1"));
    assertThat(state.hold()).isEqualTo(hold);
    // a hold living one microsecond is dead by the time anyone reads it
    ok(store.saveBooking("dbclock", booking("b2", 2, "19:00")));
    ok(store.hold("dbclock", "b2", List.of("T2"), Duration.ofNanos(1)));
    assertThat(Objects.requireNonNull(store.booking("dbclock", "b2")).hold()).isNull();
  }

  @Test
  void oneRestaurantsIdsCannotTouchAnotherRestaurantsRowsThroughTheStore() {
    PostgresCapacityStore store = store();
    ok(
        store.saveRestaurant(
            Restaurant.of("left", "Europe/London"), Fixtures.floor(), Fixtures.policy()));
    ok(
        store.saveRestaurant(
            Restaurant.of("right", "Europe/London"), Fixtures.floor(), Fixtures.policy()));
    ok(store.saveBooking("left", booking("b1", 2, "19:00")));
    ok(store.saveBooking("right", booking("b1", 2, "19:00")));
    Hold left = ok(store.hold("left", "b1", List.of("T1"), Duration.ofMinutes(5)));
    Hold right = ok(store.hold("right", "b1", List.of("T1"), Duration.ofMinutes(5)));
    assertThat(store.confirm("right", "b1", left.id(), "k", "host").reason())
        .isEqualTo(Reason.HOLD_NOT_FOUND);
    ok(store.confirm("left", "b1", left.id(), "k", "host"));
    ok(store.transition("right", "b1", dev.capacity.BookingStatus.CANCELLED, "host", ""));
    assertThat(Objects.requireNonNull(store.booking("left", "b1")).assignment()).isNotNull();
    assertThat(store.occupancy("left", at("17:00"), at("23:00")).occupancy().size()).isEqualTo(1);
    assertThat(store.occupancy("right", at("17:00"), at("23:00")).occupancy().size()).isZero();
    assertThat(store.history("right", "b1")).hasSize(1);
    assertThat(store.history("left", "b1")).hasSize(1);
    assertThat(right.id()).isNotEqualTo(left.id());
  }

  @Test
  void connectionsHandedOutWithoutAutoCommitAreCommitted(TestDatabase database) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    if (database.user() != null) {
      config.setUsername(database.user());
    }
    if (database.password() != null) {
      config.setPassword(database.password());
    }
    config.setAutoCommit(false);
    config.setMaximumPoolSize(2);
    try (HikariDataSource manual = new HikariDataSource(config)) {
      PostgresCapacityStore store = PostgresCapacityStore.builder(manual).schema("store").build();
      ok(
          store.saveRestaurant(
              Restaurant.of("manual", "Europe/London"), Fixtures.floor(), Fixtures.policy()));
      ok(store.saveBooking("manual", booking("b1", 2, "19:00")));
      ok(store.hold("manual", "b1", List.of("T1"), Duration.ofMinutes(5)));
    }
    // another pool sees the committed rows
    assertThat(Objects.requireNonNull(store().booking("manual", "b1")).hold()).isNotNull();
  }

  @Test
  void storageFailuresAreSpiExceptionsRetryableByTheirSqlState() {
    PostgresCapacityStore lost =
        PostgresCapacityStore.create(new FailingDataSource(new SQLException("gone", "08006")));
    assertThatThrownBy(() -> lost.context("any"))
        .isInstanceOf(TransientStorageException.class)
        .hasMessageContaining("08006")
        .hasMessageContaining("read restaurant 'any'");
    assertThatThrownBy(() -> lost.hold("any", "b1", List.of("T1"), Duration.ofMinutes(1)))
        .isInstanceOf(TransientStorageException.class);
    PostgresCapacityStore denied =
        PostgresCapacityStore.create(new FailingDataSource(new SQLException("denied", "42501")));
    assertThatThrownBy(() -> denied.sweepExpiredHolds("any"))
        .isInstanceOf(CapacityStorageException.class)
        .isNotInstanceOf(TransientStorageException.class)
        .satisfies(e -> assertThat(((CapacityStorageException) e).retryable()).isFalse());
    // a schema that was never migrated: the function does not exist (42883), not retryable
    PostgresCapacityStore unmigrated =
        PostgresCapacityStore.builder(dataSource).schema("never_migrated").build();
    assertThatThrownBy(() -> unmigrated.sweepExpiredHolds("any"))
        .isInstanceOf(CapacityStorageException.class)
        .isNotInstanceOf(TransientStorageException.class);
  }

  @Test
  void unknownRestaurantsAreRefusedOrAbsentAsTheContractSays() {
    PostgresCapacityStore store = store();
    assertThat(store.context("nowhere")).isNull();
    assertThat(store.booking("nowhere", "b1")).isNull();
    assertThat(store.bookings("nowhere", at("17:00"), at("23:00"))).isEmpty();
    assertThat(store.history("nowhere", "b1")).isEmpty();
    assertThatThrownBy(() -> store.occupancy("nowhere", at("17:00"), at("23:00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\nMaybe");
    assertThat(store.sweepExpiredHolds("nowhere")).isZero();
    assertThat(store.toString()).contains("schema=store");
  }

  /** A data source whose every connection attempt fails with one exception. */
  private static final class FailingDataSource extends StandInDataSource {
    private final SQLException failure;

    FailingDataSource(SQLException failure) {
      this.failure = failure;
    }

    @Override
    public Connection getConnection() throws SQLException {
      throw failure;
    }
  }
}
