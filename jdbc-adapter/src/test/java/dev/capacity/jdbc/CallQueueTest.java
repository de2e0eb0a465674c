package dev.capacity.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.capacity.spi.CapacityStorageException;
import dev.capacity.spi.TransientStorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The fair queue in front of the store's connections ({@link
 * PostgresCapacityStore.Builder#fairCalls}). No database: a data source that records who asked for
 * a connection, and blocks or refuses, stands in for the pool, since what is tested is the order in
 * which calls reach it.
 */
class CallQueueTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  @Test
  void waitingCallsGetTheirSlotInTheOrderTheyCame() throws Exception {
    CallQueue q = new CallQueue(1, LONG);
    q.enter("first");
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (String name : new String[] {"a", "b", "c", "d"}) {
      Thread t =
          new Thread(
              () -> {
                q.enter(name);
                order.add(name);
                q.leave();
              },
              name);
      t.start();
      threads.add(t);
      int queued = threads.size();
      awaitTrue(() -> q.waiting() == queued); // each is queued before the next one starts
    }
    q.leave();
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(10));
    }
    assertThat(order).containsExactly("a", "b", "c", "d");
  }

  @Test
  void aNewcomerQueuesBehindTheCallsAlreadyWaiting() throws Exception {
    CallQueue q = new CallQueue(1, LONG);
    q.enter("holder");
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    Thread a =
        new Thread(
            () -> {
              q.enter("a");
              order.add("a");
              q.leave();
            });
    a.start();
    awaitTrue(() -> q.waiting() == 1);
    q.leave(); // the slot is free for an instant, before the waiting thread wakes up to take it
    q.enter("newcomer"); // a queue that let newcomers barge in would hand it the slot now
    order.add("newcomer");
    q.leave();
    a.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(order).containsExactly("a", "newcomer");
  }

  @Test
  void aCallInsideACallTakesNoSecondSlot() {
    CallQueue q = new CallQueue(1, Duration.ofMillis(50));
    q.enter("outer");
    q.enter("inner"); // would wait out its 50 ms and throw if it needed a second slot
    q.leave();
    q.leave();
    q.enter("again"); // the one slot is free again
    q.leave();
  }

  @Test
  void aCallThatWaitsTooLongFailsAsRetryable() throws Exception {
    CallQueue q = new CallQueue(2, Duration.ofMillis(30));
    holdSlot(q, "one");
    holdSlot(q, "two");
    assertThatThrownBy(() -> q.enter("hold tables for booking 'b1'"))
        .isInstanceOf(TransientStorageException.class)
        .hasMessageContaining("within 30 ms")
        .hasMessageContaining("at most 2 calls at once")
        .hasMessageContaining("hold tables for booking 'b1'");
  }

  @Test
  void anInterruptedWaitFailsAndKeepsTheInterrupt() throws Exception {
    CallQueue q = new CallQueue(1, LONG);
    q.enter("holder");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                q.enter("read restaurant 'r'");
              } catch (RuntimeException e) {
                thrown.set(e);
                interrupted.set(Thread.currentThread().isInterrupted());
              }
            });
    t.start();
    awaitTrue(() -> q.waiting() == 1);
    t.interrupt();
    t.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(thrown.get())
        .isInstanceOf(CapacityStorageException.class)
        .isNotInstanceOf(TransientStorageException.class)
        .hasMessageContaining("interrupted while waiting for a connection to read restaurant 'r'");
    assertThat(interrupted.get()).isTrue();
  }

  @Test
  @SuppressWarnings("NullAway") // passes null on purpose
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> new CallQueue(0, LONG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 call at once, got 0");
    assertThatThrownBy(() -> new CallQueue(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive maximum wait, got PT0S");
    assertThatThrownBy(() -> new CallQueue(1, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> PostgresCapacityStore.builder(new GatedDataSource()).fairCalls(1, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void theStoreAsksForAConnectionOnlyWithASlot() throws Exception {
    GatedDataSource pool = new GatedDataSource();
    PostgresCapacityStore store =
        PostgresCapacityStore.builder(pool).fairCalls(1, Duration.ofMillis(50)).build();
    Thread first = readInBackground(store, "r1");
    awaitTrue(() -> pool.asked.size() == 1); // the first call holds the one slot, in the pool
    assertThatThrownBy(() -> store.context("r2"))
        .isInstanceOf(TransientStorageException.class)
        .hasMessageContaining("at most 1 calls at once")
        .hasMessageContaining("read restaurant 'r2'");
    assertThat(pool.asked).hasSize(1); // the second call never reached the pool
    pool.open.countDown();
    first.join(TimeUnit.SECONDS.toMillis(10));
    assertThatThrownBy(() -> store.context("r3")).isInstanceOf(CapacityStorageException.class);
    assertThat(pool.asked).hasSize(2); // with the slot free again, the next call reaches the pool
    assertThat(store.toString()).contains("fairCalls=1 within PT0.05S");
  }

  @Test
  void withoutTheQueueEveryCallGoesToThePool() throws Exception {
    GatedDataSource pool = new GatedDataSource();
    PostgresCapacityStore store = PostgresCapacityStore.create(pool);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      threads.add(readInBackground(store, "r"));
    }
    awaitTrue(() -> pool.asked.size() == 3);
    pool.open.countDown();
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(10));
    }
  }

  /** Reads a restaurant's context on a thread of its own, which the stand-in pool refuses. */
  private static Thread readInBackground(PostgresCapacityStore store, String restaurant) {
    Thread t =
        new Thread(
            () -> {
              try {
                store.context(restaurant);
              } catch (CapacityStorageException expected) {
                // the stand-in pool refuses once let go
              }
            });
    t.start();
    return t;
  }

  /** Holds one slot of the queue from a thread of its own, until the test ends. */
  private static void holdSlot(CallQueue q, String name) throws InterruptedException {
    CountDownLatch in = new CountDownLatch(1);
    Thread t =
        new Thread(
            () -> {
              q.enter(name);
              in.countDown();
            },
            name);
    t.setDaemon(true);
    t.start();
    assertThat(in.await(10, TimeUnit.SECONDS)).isTrue();
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(1);
    }
  }

  /**
   * A stand-in pool: records the thread that asks for each connection, holds it until {@link #open}
   * counts down, then refuses (no database is needed to see who reached the pool when).
   */
  private static final class GatedDataSource extends StandInDataSource {
    final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch open = new CountDownLatch(1);

    @Override
    public Connection getConnection() throws SQLException {
      asked.add(Thread.currentThread().getName());
      try {
        open.await(
            10, TimeUnit.SECONDS); // bounded, so that a broken queue fails the test, not hangs it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new SQLException("the stand-in pool has no connections", "08001");
    }
  }
}
