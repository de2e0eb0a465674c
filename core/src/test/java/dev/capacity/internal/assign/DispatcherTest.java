package dev.capacity.internal.assign;

import static dev.capacity.testing.Fixtures.booking;
import static org.assertj.core.api.Assertions.assertThat;

import dev.capacity.Booking;
import dev.capacity.Lookahead;
import dev.capacity.SeatingPolicy;
import dev.capacity.ServicePeriod;
import dev.capacity.testing.Fixtures;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The dispatcher never blocks in these tests: each take has an eligible booking. */
class DispatcherTest {
  private static final SeatingPolicy LUNCH_AND_DINNER =
      Fixtures.policyBuilder()
          .servicePeriods(
              List.of(
                  new ServicePeriod("lunch", LocalTime.of(12, 0), LocalTime.of(14, 30)),
                  new ServicePeriod("dinner", LocalTime.of(17, 0), LocalTime.of(23, 0))))
          .build();

  private static final List<Booking> BOOKINGS =
      List.of(booking("a", 6, "19:00"), booking("b", 4, "19:30"), booking("c", 2, "12:00"));

  @Test
  void competingBookingWaitsForTheOneBeforeItAndOthersRunMeanwhile() {
    Dispatcher d = new Dispatcher(BOOKINGS, LUNCH_AND_DINNER, Fixtures.ZONE, true, false);
    assertThat(d.take()).isZero();
    // b overlaps a (in progress), so lunch's c goes first.
    assertThat(d.take()).isEqualTo(2);
    d.finish(0);
    assertThat(d.take()).isEqualTo(1);
    d.finish(1);
    d.finish(2);
    assertThat(d.take()).isEqualTo(-1);
  }

  @Test
  void P3_3_competingBookingStartsOnceTheOneBeforeItHoldsItsPlan() {
    List<Booking> list = List.of(booking("a", 6, "19:00"), booking("b", 4, "19:30"));
    Dispatcher d = new Dispatcher(list, LUNCH_AND_DINNER, Fixtures.ZONE, true, false);
    assertThat(d.take()).isZero();
    AtomicInteger taken = new AtomicInteger(Integer.MIN_VALUE);
    Thread second = new Thread(() -> taken.set(d.take()));
    second.start();
    // b competes with a, which is neither held nor finished: b's worker waits
    assertThat(awaitDone(second, 200)).isFalse();
    d.held(0);
    assertThat(awaitDone(second, 10_000)).isTrue();
    assertThat(taken.get()).isEqualTo(1);
    d.finish(0);
    d.finish(1);
    assertThat(d.take()).isEqualTo(-1);
  }

  @Test
  void P3_3_gatedHandsOutInOrderAndACompetingQuoteWaitsUntilTheOneBeforeItIsDecided() {
    List<Booking> list =
        List.of(booking("a", 6, "19:00"), booking("b", 4, "19:30"), booking("c", 2, "12:00"));
    Dispatcher d = new Dispatcher(list, LUNCH_AND_DINNER, Fixtures.ZONE, true, true);
    assertThat(d.take()).isZero();
    // handed out at once, in order, although b competes with a
    assertThat(d.take()).isEqualTo(1);
    assertThat(d.take()).isEqualTo(2);
    // c (lunch) competes with nothing before it: its quote goes ahead
    d.awaitTurn(2);
    Thread second = new Thread(() -> d.awaitTurn(1));
    second.start();
    // b's quote waits: a is neither held nor finished
    assertThat(awaitDone(second, 200)).isFalse();
    d.held(0);
    assertThat(awaitDone(second, 10_000)).isTrue();
    d.finish(0);
    d.finish(1);
    d.finish(2);
    assertThat(d.take()).isEqualTo(-1);
  }

  @Test
  void P3_3_gatedQuoteWaitingOnTwoEarlierBookingsGoesOnlyOnceBothAreDecided() {
    List<Booking> list =
        List.of(booking("a", 6, "19:00"), booking("b", 4, "19:15"), booking("c", 2, "19:30"));
    Dispatcher d = new Dispatcher(list, LUNCH_AND_DINNER, Fixtures.ZONE, true, true);
    assertThat(d.take()).isZero();
    assertThat(d.take()).isEqualTo(1);
    assertThat(d.take()).isEqualTo(2);
    Thread second = new Thread(() -> d.awaitTurn(1));
    Thread third = new Thread(() -> d.awaitTurn(2));
    second.start();
    third.start();
    assertThat(awaitDone(second, 200)).isFalse();
    assertThat(awaitDone(third, 10)).isFalse();
    d.held(0);
    // b's turn has come; c still competes with b, which is undecided
    assertThat(awaitDone(second, 10_000)).isTrue();
    assertThat(awaitDone(third, 200)).isFalse();
    d.finish(1);
    assertThat(awaitDone(third, 10_000)).isTrue();
    d.finish(0);
    d.finish(2);
    assertThat(d.take()).isEqualTo(-1);
  }

  @Test
  void gatedQuoteWaitsForAnEarlierBookingThatFinishesWithoutAPlanAndNotAfterStop() {
    List<Booking> list = List.of(booking("a", 6, "19:00"), booking("b", 4, "19:30"));
    Dispatcher d = new Dispatcher(list, LUNCH_AND_DINNER, Fixtures.ZONE, true, true);
    assertThat(d.take()).isZero();
    assertThat(d.take()).isEqualTo(1);
    Thread second = new Thread(() -> d.awaitTurn(1));
    second.start();
    assertThat(awaitDone(second, 200)).isFalse();
    d.finish(0); // refused: decided without a hold
    assertThat(awaitDone(second, 10_000)).isTrue();

    Dispatcher stopped = new Dispatcher(list, LUNCH_AND_DINNER, Fixtures.ZONE, true, true);
    assertThat(stopped.take()).isZero();
    assertThat(stopped.take()).isEqualTo(1);
    Thread third = new Thread(() -> stopped.awaitTurn(1));
    third.start();
    assertThat(awaitDone(third, 200)).isFalse();
    stopped.stop();
    assertThat(awaitDone(third, 10_000)).isTrue();
  }

  @Test
  void ungatedAwaitTurnNeverWaits() {
    List<Booking> list = List.of(booking("a", 6, "19:00"), booking("b", 4, "19:30"));
    Dispatcher d = new Dispatcher(list, LUNCH_AND_DINNER, Fixtures.ZONE, false, true);
    assertThat(d.take()).isZero();
    assertThat(d.take()).isEqualTo(1);
    d.awaitTurn(1); // returns at once: without strict priority nothing is gated
  }

  private static boolean awaitDone(Thread t, long millis) {
    try {
      t.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !t.isAlive();
  }

  @Test
  void withLookaheadBookingsWithinAWindowOfEachOtherCompeteToo() {
    SeatingPolicy withLookahead =
        LUNCH_AND_DINNER.toBuilder().lookahead(Lookahead.defaults()).build();
    List<Booking> list =
        List.of(booking("a", 6, "19:00"), booking("far", 2, "12:00"), booking("b", 2, "22:00"));
    Dispatcher d = new Dispatcher(list, withLookahead, Fixtures.ZONE, true, false);
    assertThat(d.take()).isZero();
    // 22:00 does not overlap 19:00-21:45, but one window could touch both: lunch goes first.
    assertThat(d.take()).isEqualTo(1);
    d.finish(0);
    assertThat(d.take()).isEqualTo(2);
  }

  @Test
  void withoutStrictPriorityEveryBookingIsHandedOutAtOnce() {
    Dispatcher d = new Dispatcher(BOOKINGS, LUNCH_AND_DINNER, Fixtures.ZONE, false, false);
    assertThat(d.take()).isZero();
    assertThat(d.take()).isEqualTo(1);
    assertThat(d.take()).isEqualTo(2);
    assertThat(d.take()).isEqualTo(-1);
  }

  @Test
  void afterStopTheRestIsHandedOutAtOnceToBeSkipped() {
    Dispatcher d = new Dispatcher(BOOKINGS, LUNCH_AND_DINNER, Fixtures.ZONE, true, false);
    assertThat(d.take()).isZero();
    d.stop();
    assertThat(d.take()).isEqualTo(1);
    assertThat(d.take()).isEqualTo(2);
    assertThat(d.take()).isEqualTo(-1);
  }

  @Test
  void bookingsOutsideServiceGetASlotOfReach() {
    List<Booking> list = List.of(booking("night", 2, "03:00"), booking("b", 2, "19:00"));
    Dispatcher d = new Dispatcher(list, LUNCH_AND_DINNER, Fixtures.ZONE, true, false);
    assertThat(d.take()).isZero();
    assertThat(d.take()).isEqualTo(1);
  }
}
