package dev.capacity.testing;

import dev.capacity.Adjacency;
import dev.capacity.Booking;
import dev.capacity.FloorPlan;
import dev.capacity.Lookahead;
import dev.capacity.Restaurant;
import dev.capacity.SeatingPolicy;
import dev.capacity.ServicePeriod;
import dev.capacity.Table;
import dev.capacity.Zone;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The small restaurant the contract suite runs on, in Europe/London (UTC in November), dinner
 * 17:00-23:00 on 2026-11-20, 15-minute slots and buffer.
 *
 * <pre>
 * zone main:  T1(2) - T2(2) - T3(4, alone 1..3) - T4(4) - T7(2, not combinable)
 *             T5(6, alone)
 * zone patio: T6(4) - T8(4)
 * T3 and T6 are adjacent across zones.
 * </pre>
 */
public final class Fixtures {
  /** The restaurant id. */
  public static final String R = "bistro";

  /** The service date. */
  public static final LocalDate DATE = LocalDate.of(2026, 11, 20);

  /** The restaurant's time zone. */
  public static final ZoneId ZONE = ZoneId.of("Europe/London");

  /** When the clock starts: the morning of the service date. */
  public static final Instant CLOCK_START = Instant.parse("2026-11-20T10:00:00Z");

  private Fixtures() {}

  /**
   * The restaurant.
   *
   * @return it
   */
  public static Restaurant restaurant() {
    return new Restaurant(R, ZONE);
  }

  /**
   * The floor plan.
   *
   * @return it
   */
  public static FloorPlan floor() {
    return FloorPlan.of(
        List.of(new Zone("main", "Main"), new Zone("patio", "Patio")),
        List.of(
            Table.of("T1", "main", 2),
            Table.of("T2", "main", 2),
            Table.of("T3", "main", 4).withPartyLimits(1, 3),
            Table.of("T4", "main", 4),
            Table.of("T5", "main", 6).withCombinable(false),
            Table.of("T6", "patio", 4),
            Table.of("T7", "main", 2).withCombinable(false),
            Table.of("T8", "patio", 4)),
        List.of(
            Adjacency.of("T1", "T2"),
            Adjacency.of("T2", "T3"),
            Adjacency.of("T3", "T4"),
            Adjacency.of("T4", "T7"),
            Adjacency.of("T3", "T6"),
            Adjacency.of("T6", "T8")));
  }

  /**
   * The policy builder with the suite's values: dinner 17:00-23:00, buffer 15, lookahead off.
   *
   * @return a builder
   */
  public static SeatingPolicy.Builder policyBuilder() {
    return SeatingPolicy.builder()
        .bufferMinutes(15)
        .servicePeriods(
            List.of(new ServicePeriod("dinner", LocalTime.of(17, 0), LocalTime.of(23, 0))))
        .lookahead(Lookahead.off());
  }

  /**
   * The policy.
   *
   * @return it
   */
  public static SeatingPolicy policy() {
    return policyBuilder().build();
  }

  /**
   * An instant on the service date, local time.
   *
   * @param hhmm local time such as {@code "19:00"}
   * @return the instant
   */
  public static Instant at(String hhmm) {
    return DATE.atTime(LocalTime.parse(hhmm)).atZone(ZONE).toInstant();
  }

  /**
   * A pending booking on the service date.
   *
   * @param id the id
   * @param party guests
   * @param hhmm local start time
   * @return the booking
   */
  public static Booking booking(String id, int party, String hhmm) {
    return Booking.of(id, party, at(hhmm), Instant.parse("2026-11-01T09:00:00Z"));
  }
}
