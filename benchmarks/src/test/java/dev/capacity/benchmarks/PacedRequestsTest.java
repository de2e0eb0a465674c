package dev.capacity.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.AutoAssignResult;
import dev.capacity.Booking;
import dev.capacity.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link PacedRequests}: every booking is requested once, results come back in arrival order, and a
 * request's latency counts its wait for a thread. No timing is asserted: only how the figures
 * relate.
 */
class PacedRequestsTest {
  private static final Instant START = Instant.parse("2026-11-20T19:00:00Z");

  private static Booking booking(String id, String createdAt) {
    return Booking.of(id, 2, START, Instant.parse(createdAt));
  }

  private static AutoAssignResult result(Booking b) {
    return new AutoAssignResult(
        b.id(),
        b.partySize(),
        AutoAssignResult.Status.NOT_ASSIGNED,
        Reason.NO_CAPACITY,
        1,
        0,
        0,
        null);
  }

  @Test
  void arrivalOrderIsCreationTimeThenId() {
    List<Booking> shuffled =
        new ArrayList<>(
            List.of(
                booking("c", "2026-11-01T10:00:00Z"),
                booking("a", "2026-11-02T10:00:00Z"),
                booking("b", "2026-11-01T10:00:00Z")));
    Collections.reverse(shuffled);

    assertThat(PacedRequests.arrivalOrder(shuffled))
        .extracting(Booking::id)
        .containsExactly("b", "c", "a");
  }

  @Test
  void everyBookingIsRequestedOnceAndItsResultKeptInArrivalOrder() {
    List<Booking> arrivals = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      arrivals.add(booking(String.format("b%02d", i), "2026-11-01T10:00:00Z"));
    }
    Set<String> requested = ConcurrentHashMap.newKeySet();
    AtomicInteger calls = new AtomicInteger();

    PacedRequests.Outcome out =
        PacedRequests.run(
            b -> {
              calls.incrementAndGet();
              requested.add(b.id());
              return result(b);
            },
            arrivals,
            20_000,
            3);

    assertThat(calls).hasValue(60);
    assertThat(requested).hasSize(60);
    assertThat(out.results())
        .extracting(AutoAssignResult::booking)
        .containsExactlyElementsOf(arrivals.stream().map(Booking::id).toList());
    assertThat(out.confirmed()).isZero();
    assertThat(out.latencyNanos()).hasSize(60);
    for (int i = 0; i < 60; i++) {
      assertThat(out.lateNanos()[i]).as("request %d", i).isGreaterThanOrEqualTo(0);
      assertThat(out.latencyNanos()[i])
          .as("request %d", i)
          .isGreaterThanOrEqualTo(out.lateNanos()[i]);
    }
    assertThat(out.wallNanos()).isPositive();
  }

  @Test
  void aFailedRequestFailsTheRunAfterTheOthersWereSentEvenOnOneThread() {
    List<Booking> arrivals =
        List.of(
            booking("a", "2026-11-01T10:00:00Z"),
            booking("boom", "2026-11-01T10:00:01Z"),
            booking("c", "2026-11-01T10:00:02Z"));
    Set<String> requested = ConcurrentHashMap.newKeySet();

    assertThatThrownBy(
            () ->
                PacedRequests.run(
                    b -> {
                      requested.add(b.id());
                      if (b.id().equals("boom")) {
                        throw new IllegalStateException("cannot save booking boom");
                      }
                      return result(b);
                    },
                    arrivals,
                    10_000,
                    1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot save booking boom");
    assertThat(requested).containsExactlyInAnyOrder("a", "boom", "c");
  }

  @Test
  void aRateOrThreadCountBelowOneIsRefused() {
    assertThatThrownBy(() -> PacedRequests.run(PacedRequestsTest::result, List.of(), 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PacedRequests.run(PacedRequestsTest::result, List.of(), 10, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
