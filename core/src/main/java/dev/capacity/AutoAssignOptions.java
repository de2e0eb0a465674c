package dev.capacity;

import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How an auto-assign run (or an inline assignment) works: concurrency, priority order, attempts and
 * backoff, cut-off before a booking's start, deadline, hold TTL, the actor recorded in histories
 * and a listener for progress.
 *
 * <p>Build one with {@link #builder()}; {@link #defaults()} gives 15 workers on the runner's own
 * threads, {@link #priority()} order, 5 attempts, backoff from 25 ms doubling up to 1 s with jitter
 * from seed 0, no cut-off beyond the start itself, no deadline, each plan held and confirmed in one
 * step (the policy's hold TTL when a host's own service holds first), actor {@code auto-assign}.
 *
 * <p>Immutable and thread-safe (as far as the executor, comparator and listener given are).
 */
public final class AutoAssignOptions {
  private static final Comparator<Booking> PRIORITY =
      Comparator.comparingInt(Booking::partySize)
          .reversed()
          .thenComparing(Booking::start)
          .thenComparing(Booking::createdAt)
          .thenComparing(Booking::id);

  private static final AutoAssignOptions DEFAULTS = new Builder().build();

  private final int workers;
  private final @Nullable Executor executor;
  private final Comparator<Booking> order;
  private final int maxAttempts;
  private final Duration backoffBase;
  private final Duration backoffMax;
  private final long seed;
  private final Duration cutoff;
  private final @Nullable Duration deadline;
  private final @Nullable Duration holdTtl;
  private final String actor;
  private final Consumer<AutoAssignResult> listener;
  private final boolean skipKnownNoPlan;
  private final boolean strictPriority;
  private final boolean oneStep;

  private AutoAssignOptions(Builder b) {
    this.workers = b.workers;
    this.executor = b.executor;
    this.order = b.order;
    this.maxAttempts = b.maxAttempts;
    this.backoffBase = b.backoffBase;
    this.backoffMax = b.backoffMax;
    this.seed = b.seed;
    this.cutoff = b.cutoff;
    this.deadline = b.deadline;
    this.holdTtl = b.holdTtl;
    this.actor = b.actor;
    this.listener = b.listener;
    this.skipKnownNoPlan = b.skipKnownNoPlan;
    this.strictPriority = b.strictPriority;
    this.oneStep = b.oneStep;
  }

  /**
   * The default options (see the class comment).
   *
   * @return the defaults
   */
  public static AutoAssignOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.workers = workers;
    b.executor = executor;
    b.order = order;
    b.maxAttempts = maxAttempts;
    b.backoffBase = backoffBase;
    b.backoffMax = backoffMax;
    b.seed = seed;
    b.cutoff = cutoff;
    b.deadline = deadline;
    b.holdTtl = holdTtl;
    b.actor = actor;
    b.listener = listener;
    b.skipKnownNoPlan = skipKnownNoPlan;
    b.strictPriority = strictPriority;
    b.oneStep = oneStep;
    return b;
  }

  /**
   * The default priority order (pitfall P3.3): largest party first, then earliest start, then the
   * oldest booking ({@code createdAt}), then the id.
   *
   * @return the comparator
   */
  public static Comparator<Booking> priority() {
    return PRIORITY;
  }

  /**
   * How many bookings a run works on at once.
   *
   * @return at least 1; default 15
   */
  public int workers() {
    return workers;
  }

  /**
   * The executor a run's workers run on.
   *
   * @return the caller's executor, or null for threads of the run's own (stopped when it ends)
   */
  public @Nullable Executor executor() {
    return executor;
  }

  /**
   * The order in which a run takes up bookings.
   *
   * @return the comparator; default {@link #priority()}
   */
  public Comparator<Booking> order() {
    return order;
  }

  /**
   * The most attempts per booking: an attempt is a quote-and-hold followed by a confirm, or the
   * repeat of a confirm whose outcome a storage failure hid.
   *
   * @return at least 1; default 5
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The backoff before the second attempt; it doubles with each further attempt up to {@link
   * #backoffMax()}, and the wait is drawn uniformly from the upper half of that bound (jitter).
   *
   * @return a non-negative duration; default 25 ms
   */
  public Duration backoffBase() {
    return backoffBase;
  }

  /**
   * The most a backoff bound grows to.
   *
   * @return at least {@link #backoffBase()}; default 1 s
   */
  public Duration backoffMax() {
    return backoffMax;
  }

  /**
   * The seed of the jitter; each booking draws from its own generator seeded by this and its id, so
   * a run's waits do not depend on thread timing.
   *
   * @return the seed; default 0
   */
  public long seed() {
    return seed;
  }

  /**
   * How long before a booking's start the runner stops trying it: nothing is attempted once {@code
   * now + cutoff} is at or after the start.
   *
   * @return a non-negative duration; default zero (only bookings that have started are left out)
   */
  public Duration cutoff() {
    return cutoff;
  }

  /**
   * The time limit of a run, measured from its start by the runner's ticker. When it passes, no new
   * attempt is made, bookings in progress release their holds, and the rest are reported skipped
   * with {@link Reason#DEADLINE_EXCEEDED}. Ignored by inline assignment, which has its own budget.
   *
   * @return the limit, or null for none (default)
   */
  public @Nullable Duration deadline() {
    return deadline;
  }

  /**
   * The TTL of the holds the runner makes.
   *
   * @return the TTL, or null for the policy's {@code holdTtl} (default)
   */
  public @Nullable Duration holdTtl() {
    return holdTtl;
  }

  /**
   * Who the confirmations are recorded as.
   *
   * @return the actor; default {@code auto-assign}
   */
  public String actor() {
    return actor;
  }

  /**
   * Receives each booking's result as soon as it is known, from the worker threads (for progress).
   * It must be thread-safe and fast; what it throws is logged and ignored.
   *
   * @return the listener; default none
   */
  public Consumer<AutoAssignResult> listener() {
    return listener;
  }

  /**
   * Whether a run skips a booking that an earlier call found no plan for at the same occupancy,
   * floor-plan, policy and booking versions (the "no plan" cache, sized by the policy's {@link
   * CacheSettings}).
   *
   * @return default true
   */
  public boolean skipKnownNoPlan() {
    return skipKnownNoPlan;
  }

  /**
   * Whether bookings that compete for tables are decided in priority order. With it (the default) a
   * booking is quoted only when every booking before it in priority order whose window (with
   * buffer, and pacing window) overlaps its own has finished or claimed its plan (the run's quotes
   * see its own claims before the store shows the holds; with a service of the host's own, a
   * booking is taken up only once those before it hold their plans): workers run non-competing
   * bookings at once, and competing bookings are decided in priority order whatever the concurrency
   * (the tables they get can still differ slightly from a one-worker run, see {@code
   * docs/auto-assign.md}). Without it, each worker takes the next booking at once: the order among
   * overlapping bookings in progress depends on timing (conflicts are retried).
   *
   * @return default true
   */
  public boolean strictPriority() {
    return strictPriority;
  }

  /**
   * Whether a booking's plan is held and confirmed in one store command ({@link
   * dev.capacity.spi.CapacityWriter#holdAndConfirm}) instead of a hold and then a confirm. One step
   * writes once, takes one round trip, and leaves no hold behind if the run stops between the two;
   * the store checks the same rules. It applies when the run's service is the library's own over
   * the assigner's store (a host's own service is always used through its hold and confirm); the
   * attempt is then reported as {@link dev.capacity.spi.AssignAttemptEvent.Step#QUOTE_AND_CONFIRM}
   * and {@link #holdTtl()} is not used. Without it: quote and hold, then confirm.
   *
   * @return default true
   */
  public boolean oneStep() {
    return oneStep;
  }

  private static void ignore(AutoAssignResult result) {}

  @Override
  public String toString() {
    return "AutoAssignOptions[workers="
        + workers
        + ", executor="
        + (executor == null ? "own" : executor)
        + ", maxAttempts="
        + maxAttempts
        + ", backoff="
        + backoffBase
        + ".."
        + backoffMax
        + ", seed="
        + seed
        + ", cutoff="
        + cutoff
        + ", deadline="
        + deadline
        + ", holdTtl="
        + holdTtl
        + ", actor="
        + actor
        + ", skipKnownNoPlan="
        + skipKnownNoPlan
        + ", strictPriority="
        + strictPriority
        + ", oneStep="
        + oneStep
        + "]";
  }

  /** Builds {@link AutoAssignOptions}. Not thread-safe. */
  public static final class Builder {
    private int workers = 15;
    private @Nullable Executor executor;
    private Comparator<Booking> order = PRIORITY;
    private int maxAttempts = 5;
    private Duration backoffBase = Duration.ofMillis(25);
    private Duration backoffMax = Duration.ofSeconds(1);
    private long seed;
    private Duration cutoff = Duration.ZERO;
    private @Nullable Duration deadline;
    private @Nullable Duration holdTtl;
    private String actor = "auto-assign";
    private Consumer<AutoAssignResult> listener = AutoAssignOptions::ignore;
    private boolean skipKnownNoPlan = true;
    private boolean strictPriority = true;
    private boolean oneStep = true;

    private Builder() {}

    /**
     * Sets the concurrency.
     *
     * @param v at least 1 and at most 1024
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder workers(int v) {
      if (v < 1 || v > 1024) {
        throw new IllegalArgumentException("workers must be between 1 and 1024, got " + v);
      }
      workers = v;
      return this;
    }

    /**
     * Runs the workers on the caller's executor (which must be able to run {@link #workers(int)}
     * tasks at once for full concurrency, and must not be the thread that waits for the run).
     *
     * @param v the executor, or null for threads of the run's own
     * @return this builder
     */
    public Builder executor(@Nullable Executor v) {
      executor = v;
      return this;
    }

    /**
     * Sets the order in which bookings are taken up.
     *
     * @param v the comparator
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder order(Comparator<Booking> v) {
      order = Objects.requireNonNull(v, "order");
      return this;
    }

    /**
     * Sets the most attempts per booking.
     *
     * @param v at least 1 and at most 100
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxAttempts(int v) {
      if (v < 1 || v > 100) {
        throw new IllegalArgumentException("maxAttempts must be between 1 and 100, got " + v);
      }
      maxAttempts = v;
      return this;
    }

    /**
     * Sets the backoff: the bound before the second attempt, doubling up to a maximum.
     *
     * @param base the first bound, not negative
     * @param max the largest bound, at least {@code base}
     * @return this builder
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException if {@code base} is negative or above {@code max}
     */
    public Builder backoff(Duration base, Duration max) {
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(max, "max");
      if (base.isNegative() || max.compareTo(base) < 0) {
        throw new IllegalArgumentException(
            "backoff needs 0 <= base <= max, got base " + base + " and max " + max);
      }
      backoffBase = base;
      backoffMax = max;
      return this;
    }

    /**
     * Sets the seed of the jitter.
     *
     * @param v the seed
     * @return this builder
     */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /**
     * Sets the cut-off before a booking's start.
     *
     * @param v not negative
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if negative
     */
    public Builder cutoff(Duration v) {
      Objects.requireNonNull(v, "cutoff");
      if (v.isNegative()) {
        throw new IllegalArgumentException("cutoff must not be negative, got " + v);
      }
      cutoff = v;
      return this;
    }

    /**
     * Sets the run's time limit.
     *
     * @param v positive, or null for none
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder deadline(@Nullable Duration v) {
      if (v != null && (v.isNegative() || v.isZero())) {
        throw new IllegalArgumentException("deadline must be positive, got " + v);
      }
      deadline = v;
      return this;
    }

    /**
     * Sets the TTL of the runner's holds.
     *
     * @param v positive, or null for the policy's
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder holdTtl(@Nullable Duration v) {
      if (v != null && (v.isNegative() || v.isZero())) {
        throw new IllegalArgumentException("holdTtl must be positive, got " + v);
      }
      holdTtl = v;
      return this;
    }

    /**
     * Sets who confirmations are recorded as.
     *
     * @param v a non-blank name
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if blank
     */
    public Builder actor(String v) {
      actor = Checks.id(v, "actor");
      return this;
    }

    /**
     * Sets the listener that receives each booking's result.
     *
     * @param v the listener
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder listener(Consumer<AutoAssignResult> v) {
      listener = Objects.requireNonNull(v, "listener");
      return this;
    }

    /**
     * Sets whether a run skips bookings known to have no plan at the current versions.
     *
     * @param v whether to skip them
     * @return this builder
     */
    public Builder skipKnownNoPlan(boolean v) {
      skipKnownNoPlan = v;
      return this;
    }

    /**
     * Sets whether competing bookings are decided in priority order (see {@link
     * AutoAssignOptions#strictPriority()}).
     *
     * @param v whether to
     * @return this builder
     */
    public Builder strictPriority(boolean v) {
      strictPriority = v;
      return this;
    }

    /**
     * Sets whether a plan is held and confirmed in one store command (see {@link
     * AutoAssignOptions#oneStep()}).
     *
     * @param v whether to
     * @return this builder
     */
    public Builder oneStep(boolean v) {
      oneStep = v;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public AutoAssignOptions build() {
      return new AutoAssignOptions(this);
    }
  }
}
