package dev.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Windows, service periods and slots: {@link SeatingPolicy#window}, {@link
 * SeatingPolicy#servicePeriodAt}, {@link SeatingPolicy#inService} and {@link
 * SeatingPolicy#resolveLocalStart}.
 */
class TimeRulesTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");

  private static final SeatingPolicy DINNER =
      SeatingPolicy.builder()
          .servicePeriods(
              List.of(new ServicePeriod("dinner", LocalTime.of(17, 0), LocalTime.of(23, 0))))
          .build();

  private static final SeatingPolicy LATE =
      SeatingPolicy.builder()
          .bufferMinutes(15)
          .servicePeriods(
              List.of(new ServicePeriod("late", LocalTime.of(18, 0), LocalTime.of(2, 0))))
          .build();

  /** November: London is on GMT, so local time equals UTC. */
  private static Instant nov20(String hhmm) {
    return Instant.parse("2026-11-20T" + hhmm + ":00Z");
  }

  private static Instant nov21(String hhmm) {
    return Instant.parse("2026-11-21T" + hhmm + ":00Z");
  }

  // --------------------------------------------------------------------------- service periods

  @Test
  void serviceBoundariesAreHalfOpen() {
    assertThat(DINNER.inService(nov20("16:59"), LONDON)).isFalse();
    assertThat(DINNER.inService(nov20("17:00"), LONDON)).isTrue();
    assertThat(DINNER.inService(nov20("22:59"), LONDON)).isTrue();
    assertThat(DINNER.inService(nov20("23:00"), LONDON)).isFalse();
    assertThat(DINNER.servicePeriodAt(nov20("17:00"), LONDON))
        .extracting(ServicePeriod::name)
        .isEqualTo("dinner");
    assertThat(DINNER.servicePeriodAt(nov20("23:00"), LONDON)).isNull();
  }

  @Test
  void serviceIsReadInTheRestaurantsTimeZone() {
    // 16:30Z is 17:30 in Paris (CET): inside dinner there, outside in London.
    ZoneId paris = ZoneId.of("Europe/Paris");
    assertThat(DINNER.inService(nov20("16:30"), paris)).isTrue();
    assertThat(DINNER.inService(nov20("16:30"), LONDON)).isFalse();
  }

  @Test
  void withoutServicePeriodsEveryStartIsInService() {
    SeatingPolicy open = SeatingPolicy.defaults();
    assertThat(open.inService(nov20("04:00"), LONDON)).isTrue();
    assertThat(open.servicePeriodAt(nov20("04:00"), LONDON)).isNull();
    assertThat(open.window(Booking.of("b", 2, nov20("04:00"), CREATED), LONDON).servicePeriod())
        .isNull();
  }

  @Test
  void T1_crossMidnightServiceAcceptsStartsAfterMidnight() {
    assertThat(LATE.inService(nov21("00:30"), LONDON)).isTrue();
    assertThat(LATE.inService(nov21("01:59"), LONDON)).isTrue();
    assertThat(LATE.inService(nov21("02:00"), LONDON)).isFalse();
    assertThat(LATE.inService(nov20("17:59"), LONDON)).isFalse();
    assertThat(LATE.inService(nov20("18:00"), LONDON)).isTrue();
    assertThat(LATE.servicePeriodAt(nov21("00:30"), LONDON))
        .extracting(ServicePeriod::name)
        .isEqualTo("late");
    assertThat(LATE.servicePeriods().get(0).crossesMidnight()).isTrue();
  }

  @Test
  void P2_4_startOutsideServiceIsRefusedNotGivenAnotherWindow() {
    Booking early = Booking.of("b1", 2, nov20("16:00"), CREATED);

    assertThat(DINNER.inService(early.start(), LONDON)).isFalse();
    assertThatThrownBy(() -> DINNER.window(early, LONDON))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "booking 'b1' starts at 2026-11-20T16:00 local time, outside every service period");
    Booking late = Booking.of("b2", 2, nov21("02:00"), CREATED);
    assertThatThrownBy(() -> LATE.window(late, LONDON))
        .hasMessageContaining("outside every service period");
  }

  // ---------------------------------------------------------------------------------- windows

  @Test
  void P4_2_T1_aBookingAcrossMidnightOverlapsOneAfterMidnight() {
    BookingWindow lateOne =
        LATE.window(Booking.of("b1", 2, nov20("23:30"), CREATED).withEnd(nov21("01:30")), LONDON);
    BookingWindow afterMidnight = LATE.window(Booking.of("b2", 2, nov21("00:30"), CREATED), LONDON);

    assertThat(lateOne.overlaps(afterMidnight)).isTrue();
    assertThat(afterMidnight.overlaps(lateOne)).isTrue();
    assertThat(lateOne.servicePeriod()).isEqualTo("late");
    assertThat(afterMidnight.servicePeriod()).isEqualTo("late");
    // The window does not wrap: it runs from 23:30 on the 20th to 01:45 (with buffer) on the 21st.
    assertThat(lateOne.blockedUntil()).isEqualTo(nov21("01:45"));
    assertThat(lateOne.slots()).isEqualTo(9);
    // A booking at 01:45 no longer overlaps it: windows are half-open.
    BookingWindow after = LATE.window(Booking.of("b3", 2, nov21("01:45"), CREATED), LONDON);
    assertThat(lateOne.overlaps(after)).isFalse();
  }

  @Test
  void P4_8_explicitEndIsUsedInsteadOfTheTurnTime() {
    Booking b = Booking.of("b1", 2, nov20("19:00"), CREATED);
    BookingWindow derived = DINNER.window(b, LONDON);
    BookingWindow explicit = DINNER.window(b.withEnd(nov20("19:45")), LONDON);

    assertThat(derived.end()).isEqualTo(nov20("20:30")); // default turn time 90 for two
    assertThat(explicit.end()).isEqualTo(nov20("19:45"));
    assertThat(explicit.blockedUntil()).isEqualTo(nov20("19:45"));
    assertThat(explicit.slots()).isEqualTo(3);
  }

  @Test
  void turnTimeComesFromThePartyAndTheService() {
    SeatingPolicy p =
        DINNER.toBuilder()
            .turnTimes(List.of(new TurnTime(2, 60), new TurnTime(6, 120)))
            .serviceTurnTimes("dinner", List.of(new TurnTime(4, 100)))
            .build();

    assertThat(p.turnMinutes(2, null)).isEqualTo(60);
    assertThat(p.turnMinutes(3, null)).isEqualTo(120);
    assertThat(p.turnMinutes(7, null)).isEqualTo(-1);
    assertThat(p.turnMinutes(3, "dinner")).isEqualTo(100);
    assertThat(p.window(Booking.of("b", 4, nov20("19:00"), CREATED), LONDON).end())
        .isEqualTo(nov20("20:40"));
    assertThatThrownBy(() -> p.window(Booking.of("big", 5, nov20("19:00"), CREATED), LONDON))
        .hasMessageStartingWith("no turn time covers a party of 5 (booking 'big')");
  }

  @Test
  void windowsAreRoundedOutwardsToSlots() {
    SeatingPolicy p = SeatingPolicy.builder().bufferMinutes(10).build();
    BookingWindow w = p.window(nov20("19:07").plusSeconds(30), nov20("20:52"), null);

    assertThat(p.slotStart(w.firstSlot())).isEqualTo(nov20("19:00"));
    assertThat(w.blockedUntil()).isEqualTo(nov20("21:02"));
    assertThat(p.slotStart(w.endSlot())).isEqualTo(nov20("21:15"));
    // An aligned end is not pushed to the next slot.
    BookingWindow aligned = p.window(nov20("19:00"), nov20("20:50"), null);
    assertThat(p.slotStart(aligned.endSlot())).isEqualTo(nov20("21:00"));
    assertThat(p.slotOf(nov20("19:14"))).isEqualTo(p.slotOf(nov20("19:00")));
  }

  @Test
  void windowsThatTouchDoNotOverlap() {
    SeatingPolicy p = SeatingPolicy.builder().bufferMinutes(15).build();
    BookingWindow first = p.window(nov20("18:00"), nov20("19:30"), null); // blocked until 19:45
    assertThat(first.overlaps(p.window(nov20("19:45"), nov20("21:00"), null))).isFalse();
    assertThat(first.overlaps(p.window(nov20("19:44"), nov20("21:00"), null))).isTrue();
  }

  // ---------------------------------------------------------------------------------------- DST

  @Test
  void D1_springForwardWindowHasItsRealLength() {
    // Europe/London, 2026-03-29: 01:00 GMT becomes 02:00 BST.
    SeatingPolicy p = SeatingPolicy.builder().turnTimes(List.of(new TurnTime(99, 120))).build();
    Instant start =
        SeatingPolicy.resolveLocalStart(LocalDateTime.parse("2026-03-29T00:30"), LONDON);
    BookingWindow w = p.window(Booking.of("b", 2, start, CREATED), LONDON);

    assertThat(start).isEqualTo(Instant.parse("2026-03-29T00:30:00Z"));
    assertThat(Duration.between(w.start(), w.end())).isEqualTo(Duration.ofMinutes(120));
    assertThat(w.slots()).isEqualTo(8);
    // On the wall clock it runs 00:30 to 03:30: three hours shown, two hours dined.
    assertThat(w.end().atZone(LONDON).toLocalTime()).isEqualTo(LocalTime.of(3, 30));
  }

  @Test
  void D1_fallBackWindowHasItsRealLength() {
    // Europe/London, 2026-10-25: 02:00 BST becomes 01:00 GMT.
    SeatingPolicy p = SeatingPolicy.builder().turnTimes(List.of(new TurnTime(99, 120))).build();
    Instant start =
        SeatingPolicy.resolveLocalStart(LocalDateTime.parse("2026-10-25T00:30"), LONDON);
    BookingWindow w = p.window(Booking.of("b", 2, start, CREATED), LONDON);

    assertThat(start).isEqualTo(Instant.parse("2026-10-24T23:30:00Z"));
    assertThat(Duration.between(w.start(), w.end())).isEqualTo(Duration.ofMinutes(120));
    assertThat(w.slots()).isEqualTo(8);
    // On the wall clock it runs 00:30 to 01:30: one hour shown, two hours dined.
    assertThat(w.end().atZone(LONDON).toLocalTime()).isEqualTo(LocalTime.of(1, 30));
  }

  @Test
  void D1_aStartInTheSpringForwardGapMovesLaterByTheGap() {
    Instant resolved =
        SeatingPolicy.resolveLocalStart(LocalDateTime.parse("2026-03-29T01:30"), LONDON);

    assertThat(resolved).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    assertThat(resolved.atZone(LONDON).toLocalTime()).isEqualTo(LocalTime.of(2, 30));
  }

  @Test
  void D1_aStartInTheFallBackOverlapTakesTheEarlierInstant() {
    Instant resolved =
        SeatingPolicy.resolveLocalStart(LocalDateTime.parse("2026-10-25T01:30"), LONDON);

    assertThat(resolved).isEqualTo(Instant.parse("2026-10-25T00:30:00Z")); // 01:30 BST
    assertThat(SeatingPolicy.resolveLocalStart(LocalDateTime.parse("2026-10-25T02:30"), LONDON))
        .isEqualTo(Instant.parse("2026-10-25T02:30:00Z")); // after the overlap: GMT
  }

  @Test
  void D1_pacingWindowsAreCountedFromLocalMidnight() {
    SeatingPolicy p = SeatingPolicy.builder().pacing(new Pacing(60, 10)).build();
    // 19:30 local on the same evening in Paris (CET, UTC+1) and London: same window index.
    long paris = p.pacingWindow(nov20("18:30"), ZoneId.of("Europe/Paris"));
    long london = p.pacingWindow(nov20("19:30"), LONDON);

    assertThat(paris).isEqualTo(london);
    assertThat(p.pacingWindow(nov20("19:59"), LONDON)).isEqualTo(london);
    assertThat(p.pacingWindow(nov20("20:00"), LONDON)).isEqualTo(london + 1);
    assertThat(SeatingPolicy.defaults().pacingWindow(nov20("19:30"), LONDON))
        .isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void serviceTurnTimesApplyToTheServiceTheStartFallsIn() {
    SeatingPolicy p =
        LATE.toBuilder().serviceTurnTimes("late", List.of(new TurnTime(99, 60))).build();
    BookingWindow w = p.window(Booking.of("b", 2, nov21("00:30"), CREATED), LONDON);

    assertThat(Objects.requireNonNull(w.servicePeriod())).isEqualTo("late");
    assertThat(w.end()).isEqualTo(nov21("01:30"));
  }
}
