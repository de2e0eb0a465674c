package dev.capacity.jdbc;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Restaurant documents for the direct-SQL ITs, the JSON that {@code save_restaurant} takes.
 *
 * <p>{@link #bistro} is core's contract-suite restaurant, in Europe/London (UTC in November),
 * dinner 17:00-23:00, 15-minute slots and buffer:
 *
 * <pre>
 * zone main:  T1(2) - T2(2) - T3(4, alone 1..3) - T4(4) - T7(2, not combinable)
 *             T5(6, not combinable)
 * zone patio: T6(4) - T8(4)
 * T3 and T6 are adjacent across zones.
 * </pre>
 */
final class SqlFixtures {
  /** 19:00 on the service date. */
  static final Instant SEVEN_PM = Instant.parse("2026-11-20T19:00:00Z");

  /** The bistro's tables and edges. */
  static final String BISTRO_FLOOR =
      """
      {"zones": [{"id": "main", "name": "Main"}, {"id": "patio", "name": "Patio"}],
       "tables": [
         {"id": "T1", "zone": "main", "capacity": 2},
         {"id": "T2", "zone": "main", "capacity": 2},
         {"id": "T3", "zone": "main", "capacity": 4, "minPartySize": 1, "maxPartySize": 3},
         {"id": "T4", "zone": "main", "capacity": 4},
         {"id": "T5", "zone": "main", "capacity": 6, "combinable": false},
         {"id": "T6", "zone": "patio", "capacity": 4},
         {"id": "T7", "zone": "main", "capacity": 2, "combinable": false},
         {"id": "T8", "zone": "patio", "capacity": 4}],
       "adjacency": [["T1", "T2"], ["T2", "T3"], ["T3", "T4"], ["T4", "T7"], ["T3", "T6"],
                     ["T6", "T8"]]}""";

  /** The bistro's policy. */
  static final String BISTRO_POLICY =
      """
      {"slotMinutes": 15, "bufferMinutes": 15,
       "servicePeriods": [{"name": "dinner", "start": "17:00", "end": "23:00"}],
       "lookahead": {"mode": "OFF"}}""";

  private static final AtomicInteger IDS = new AtomicInteger();

  private SqlFixtures() {}

  /** A fresh restaurant id, so that each test has a restaurant of its own. */
  static String newId(String prefix) {
    return prefix + "-" + IDS.incrementAndGet();
  }

  /** A restaurant document. */
  static String document(String timeZone, String floor, String policy) {
    return "{\"timeZone\": \""
        + timeZone
        + "\", \"floor\": "
        + floor
        + ", \"policy\": "
        + policy
        + "}";
  }

  /** The bistro with its policy. */
  static String bistro() {
    return document("Europe/London", BISTRO_FLOOR, BISTRO_POLICY);
  }

  /** The bistro with another policy. */
  static String bistro(String policy) {
    return document("Europe/London", BISTRO_FLOOR, policy);
  }

  /** An instant minutes after 19:00 on the service date. */
  static Instant at(int minutesAfterSeven) {
    return SEVEN_PM.plusSeconds(60L * minutesAfterSeven);
  }
}
