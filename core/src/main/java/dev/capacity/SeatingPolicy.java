package dev.capacity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The seating policy of a restaurant: one immutable, validated object with documented defaults that
 * are the same everywhere (pitfalls P6.1/P6.2). Build it with {@link #builder()} or from a {@link
 * Preset}; invalid or contradictory values are refused when it is built, with a message that names
 * them.
 *
 * <p>Its {@link #version()} is a hash of its complete canonical content, nested values included
 * (pitfall S8).
 *
 * <p>Immutable and thread-safe.
 */
public final class SeatingPolicy {
  /** The largest kMax accepted. */
  public static final int MAX_K = 8;

  /** Named starting points instead of flag combinations. */
  public enum Preset {
    /** The defaults: connected adjacency, up to 3 tables, up to 2 empty seats. */
    STANDARD,
    /** Tight seating: pairwise adjacency, up to 2 tables, at most 1 empty seat. */
    FINE_DINING,
    /** Large rooms: connected adjacency, up to 4 tables, up to 3 empty seats. */
    BANQUET
  }

  private final int slotMinutes;
  private final int bufferMinutes;
  private final List<TurnTime> turnTimes;
  private final Map<String, List<TurnTime>> serviceTurnTimes;
  private final List<ServicePeriod> servicePeriods;
  private final int kMax;
  private final int maxOverage;
  private final AdjacencyMode adjacencyMode;
  private final @Nullable Integer adjacencyMinPartySize;
  private final boolean sameZone;
  private final @Nullable Pacing pacing;
  private final ScoringWeights scoring;
  private final List<DemandRule> demandRules;
  private final Lookahead lookahead;
  private final Duration searchBudget;
  private final int maxCatalogUnits;
  private final CacheSettings cache;
  private final Duration holdTtl;
  private final String version;

  private SeatingPolicy(Builder b) {
    this.slotMinutes = b.slotMinutes;
    this.bufferMinutes = b.bufferMinutes;
    this.turnTimes = sortedTurnTimes(b.turnTimes, "turnTimes");
    Map<String, List<TurnTime>> perService = new TreeMap<>();
    b.serviceTurnTimes.forEach(
        (k, v) -> perService.put(k, sortedTurnTimes(v, "turnTimes of service '" + k + "'")));
    this.serviceTurnTimes = java.util.Collections.unmodifiableMap(perService);
    // Sorted, so the version does not depend on the order the periods were given in (S8).
    this.servicePeriods =
        List.copyOf(b.servicePeriods).stream()
            .sorted(Comparator.comparing(ServicePeriod::start).thenComparing(ServicePeriod::name))
            .toList();
    this.kMax = b.kMax;
    this.maxOverage = b.maxOverage;
    this.adjacencyMode = b.adjacencyMode;
    this.adjacencyMinPartySize = b.adjacencyMinPartySize;
    this.sameZone = b.sameZone;
    this.pacing = b.pacing;
    this.scoring = b.scoring;
    this.demandRules = List.copyOf(b.demandRules);
    this.lookahead = b.lookahead;
    this.searchBudget = b.searchBudget;
    this.maxCatalogUnits = b.maxCatalogUnits;
    this.cache = b.cache;
    this.holdTtl = b.holdTtl;
    validate();
    this.version = canonical().version();
  }

  private static List<TurnTime> sortedTurnTimes(List<TurnTime> rows, String what) {
    List<TurnTime> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingInt(TurnTime::upToPartySize));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).upToPartySize() == sorted.get(i - 1).upToPartySize()) {
        throw new IllegalArgumentException(
            what + " has two rows for upToPartySize " + sorted.get(i).upToPartySize());
      }
    }
    return List.copyOf(sorted);
  }

  private void validate() {
    if (slotMinutes < 1 || 1440 % slotMinutes != 0) {
      throw new IllegalArgumentException(
          "slotMinutes must be positive and divide a day (1440), got " + slotMinutes);
    }
    Checks.nonNegative(bufferMinutes, "bufferMinutes");
    if (kMax < 1 || kMax > MAX_K) {
      throw new IllegalArgumentException("kMax must be between 1 and " + MAX_K + ", got " + kMax);
    }
    Checks.nonNegative(maxOverage, "maxOverage");
    if (adjacencyMinPartySize != null && adjacencyMinPartySize < 1) {
      throw new IllegalArgumentException(
          "adjacencyMinPartySize must be at least 1 or null, got " + adjacencyMinPartySize);
    }
    Checks.unique(servicePeriods.stream().map(ServicePeriod::name).toList(), "service period");
    for (int i = 0; i < servicePeriods.size(); i++) {
      for (int j = i + 1; j < servicePeriods.size(); j++) {
        if (servicePeriods.get(i).overlaps(servicePeriods.get(j))) {
          throw new IllegalArgumentException(
              "service periods '"
                  + servicePeriods.get(i).name()
                  + "' and '"
                  + servicePeriods.get(j).name()
                  + "' overlap: a start would belong to both");
        }
      }
    }
    for (String service : serviceTurnTimes.keySet()) {
      if (servicePeriods.stream().noneMatch(p -> p.name().equals(service))) {
        throw new IllegalArgumentException(
            "turn times are given for service '"
                + service
                + "', which is not a service period\nMaybe: add a service period of that name");
      }
    }
    if (searchBudget.isNegative() || searchBudget.isZero()) {
      throw new IllegalArgumentException("searchBudget must be positive, got " + searchBudget);
    }
    Checks.positive(maxCatalogUnits, "maxCatalogUnits");
    if (holdTtl.isNegative() || holdTtl.isZero()) {
      throw new IllegalArgumentException("holdTtl must be positive, got " + holdTtl);
    }
  }

  private Canonical canonical() {
    return new Canonical()
        .field("slotMinutes", slotMinutes)
        .field("bufferMinutes", bufferMinutes)
        .field("turnTimes", turnTimes)
        .field("serviceTurnTimes", serviceTurnTimes)
        .field("servicePeriods", servicePeriods)
        .field("kMax", kMax)
        .field("maxOverage", maxOverage)
        .field("adjacencyMode", adjacencyMode)
        .field("adjacencyMinPartySize", String.valueOf(adjacencyMinPartySize))
        .field("sameZone", sameZone)
        .field("pacing", String.valueOf(pacing))
        .field("scoring", scoring)
        .field("demandRules", demandRules)
        .field("lookahead", lookahead)
        .field("searchBudget", searchBudget)
        .field("maxCatalogUnits", maxCatalogUnits)
        .field("cache", cache)
        .field("holdTtl", holdTtl);
  }

  /**
   * A builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding a preset's values.
   *
   * @param preset the preset
   * @return a new builder
   */
  public static Builder builder(Preset preset) {
    Builder b = new Builder();
    switch (preset) {
      case STANDARD -> {}
      case FINE_DINING ->
          b.adjacencyMode(AdjacencyMode.PAIRWISE).kMax(2).maxOverage(1).bufferMinutes(15);
      case BANQUET -> b.kMax(4).maxOverage(3);
    }
    return b;
  }

  /**
   * The defaults: see {@link Builder}.
   *
   * @return the default policy
   */
  public static SeatingPolicy defaults() {
    return builder().build();
  }

  /**
   * A builder that starts from this policy's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.slotMinutes = slotMinutes;
    b.bufferMinutes = bufferMinutes;
    b.turnTimes = new ArrayList<>(turnTimes);
    b.serviceTurnTimes = new HashMap<>(serviceTurnTimes);
    b.servicePeriods = new ArrayList<>(servicePeriods);
    b.kMax = kMax;
    b.maxOverage = maxOverage;
    b.adjacencyMode = adjacencyMode;
    b.adjacencyMinPartySize = adjacencyMinPartySize;
    b.sameZone = sameZone;
    b.pacing = pacing;
    b.scoring = scoring;
    b.demandRules = new ArrayList<>(demandRules);
    b.lookahead = lookahead;
    b.searchBudget = searchBudget;
    b.maxCatalogUnits = maxCatalogUnits;
    b.cache = cache;
    b.holdTtl = holdTtl;
    return b;
  }

  // ---------------------------------------------------------------- rules derived from the policy

  /**
   * Whether a party of this size needs its tables to satisfy the adjacency mode: the one resolution
   * used by every path (pitfall P2.3).
   *
   * @param partySize the party
   * @return false when the party is smaller than {@link #adjacencyMinPartySize()}
   */
  public boolean adjacencyRequired(int partySize) {
    return adjacencyMinPartySize == null || partySize >= adjacencyMinPartySize;
  }

  /**
   * The service period a start falls in.
   *
   * @param start the start
   * @param zone the restaurant's time zone
   * @return the period, or null when there is none (always null when the policy has no periods)
   */
  public @Nullable ServicePeriod servicePeriodAt(Instant start, ZoneId zone) {
    LocalTime t = start.atZone(zone).toLocalTime();
    for (ServicePeriod p : servicePeriods) {
      if (p.contains(t)) {
        return p;
      }
    }
    return null;
  }

  /**
   * Whether a booking may start at an instant: always when the policy has no service periods,
   * otherwise when the local time falls in one of them (pitfall P2.4).
   *
   * @param start the start
   * @param zone the restaurant's time zone
   * @return true when a booking may start then
   */
  public boolean inService(Instant start, ZoneId zone) {
    return servicePeriods.isEmpty() || servicePeriodAt(start, zone) != null;
  }

  /**
   * The dining time of a party: the service's own turn times when configured, else the general
   * ones; the first row whose {@code upToPartySize} covers the party applies.
   *
   * @param partySize the party
   * @param servicePeriod the service period's name, or null
   * @return the minutes, or -1 when no row covers the party
   */
  public int turnMinutes(int partySize, @Nullable String servicePeriod) {
    List<TurnTime> rows = servicePeriod == null ? null : serviceTurnTimes.get(servicePeriod);
    if (rows == null) {
      rows = turnTimes;
    }
    for (TurnTime row : rows) {
      if (partySize <= row.upToPartySize()) {
        return row.minutes();
      }
    }
    return -1;
  }

  /**
   * The window of a booking (pitfall P4.8): its start; its explicit end, or the start plus the turn
   * time of its party in its service; blocked until end plus buffer; rounded outwards to slots.
   * Instants are absolute, so a window across a daylight-saving change has its real length and one
   * across midnight needs no special case (pitfalls D1, T1).
   *
   * @param booking the booking
   * @param zone the restaurant's time zone
   * @return the window
   * @throws IllegalArgumentException if the start lies outside every service period (check {@link
   *     #inService} first and refuse with its own reason), or the booking has no end and no turn
   *     time covers its party
   */
  public BookingWindow window(Booking booking, ZoneId zone) {
    String service = null;
    if (!servicePeriods.isEmpty()) {
      ServicePeriod p = servicePeriodAt(booking.start(), zone);
      if (p == null) {
        throw new IllegalArgumentException(
            "booking '"
                + booking.id()
                + "' starts at "
                + booking.start().atZone(zone).toLocalDateTime()
                + " local time, outside every service period");
      }
      service = p.name();
    }
    Instant end = booking.end();
    if (end == null) {
      int minutes = turnMinutes(booking.partySize(), service);
      if (minutes < 0) {
        throw new IllegalArgumentException(
            "no turn time covers a party of "
                + booking.partySize()
                + " (booking '"
                + booking.id()
                + "')\nMaybe: add a turnTimes row with a larger upToPartySize");
      }
      end = booking.start().plus(Duration.ofMinutes(minutes));
    }
    return window(booking.start(), end, service);
  }

  /**
   * The window of an explicit dining range, rounded outwards to slots.
   *
   * @param start start of dining
   * @param end end of dining
   * @param servicePeriod the service period name, or null
   * @return the window
   * @throws IllegalArgumentException if end is not after start
   */
  public BookingWindow window(Instant start, Instant end, @Nullable String servicePeriod) {
    Instant blockedUntil = end.plus(Duration.ofMinutes(bufferMinutes));
    return new BookingWindow(
        start, end, blockedUntil, slotOf(start), slotAtOrAfter(blockedUntil), servicePeriod);
  }

  /**
   * The first absolute slot that starts at or after an instant: the exclusive end slot of a range
   * ending then, rounded outwards.
   *
   * @param t the instant
   * @return {@code ceil(epochMinute / slotMinutes)}, minutes rounded up
   */
  public long slotAtOrAfter(Instant t) {
    long minuteCeil = Math.floorDiv(t.getEpochSecond() + 59, 60);
    return Math.floorDiv(minuteCeil + slotMinutes - 1, slotMinutes);
  }

  /**
   * The absolute slot a time falls in.
   *
   * @param t the instant
   * @return {@code floor(epochMinute / slotMinutes)}
   */
  public long slotOf(Instant t) {
    return Math.floorDiv(Math.floorDiv(t.getEpochSecond(), 60), slotMinutes);
  }

  /**
   * The first instant of an absolute slot.
   *
   * @param slot the slot number
   * @return its start
   */
  public Instant slotStart(long slot) {
    return Instant.ofEpochSecond(slot * slotMinutes * 60L);
  }

  /**
   * The pacing window a start falls in, as a key: the local date's epoch day times the windows per
   * day plus the window's index within the day. Windows are counted from local midnight.
   *
   * @param start the start
   * @param zone the restaurant's time zone
   * @return the key, or {@code Long.MIN_VALUE} when the policy has no pacing
   */
  public long pacingWindow(Instant start, ZoneId zone) {
    if (pacing == null) {
      return Long.MIN_VALUE;
    }
    LocalDateTime local = start.atZone(zone).toLocalDateTime();
    int perDay = 1440 / pacing.windowMinutes();
    int minuteOfDay = local.getHour() * 60 + local.getMinute();
    return local.toLocalDate().toEpochDay() * perDay + minuteOfDay / pacing.windowMinutes();
  }

  /**
   * The demand multiplier for a start: the first matching demand rule's, else 1.
   *
   * @param start the start
   * @param zone the restaurant's time zone
   * @return the multiplier
   */
  public double demandMultiplier(Instant start, ZoneId zone) {
    if (demandRules.isEmpty()) {
      return 1.0;
    }
    ZonedDateTime local = start.atZone(zone);
    for (DemandRule r : demandRules) {
      if (r.covers(local.getDayOfWeek(), local.toLocalTime())) {
        return r.multiplier();
      }
    }
    return 1.0;
  }

  /**
   * Resolves a local start time to an instant by the documented rule for daylight-saving changes
   * (pitfall D1): a local time in a spring-forward gap is moved later by the length of the gap (so
   * 02:30 in a one-hour gap becomes 03:30 local); a local time that occurs twice (fall back) takes
   * the earlier of its two instants.
   *
   * @param local the local date and time
   * @param zone the restaurant's time zone
   * @return the instant
   */
  public static Instant resolveLocalStart(LocalDateTime local, ZoneId zone) {
    return ZonedDateTime.ofLocal(local, zone, null).withEarlierOffsetAtOverlap().toInstant();
  }

  // ------------------------------------------------------------------------------------ accessors

  /**
   * Granularity of availability in minutes; divides 1440. Default 15.
   *
   * @return minutes
   */
  public int slotMinutes() {
    return slotMinutes;
  }

  /**
   * Reset time after a booking ends during which its tables stay blocked. Default 0.
   *
   * @return minutes
   */
  public int bufferMinutes() {
    return bufferMinutes;
  }

  /**
   * The general turn-time table, sorted by {@code upToPartySize}. Default: 2 → 90, 4 → 105, 6 →
   * 120, 99 → 150 minutes.
   *
   * @return rows
   */
  public List<TurnTime> turnTimes() {
    return turnTimes;
  }

  /**
   * Turn-time tables per service period name. Default none.
   *
   * @return the tables by service
   */
  public Map<String, List<TurnTime>> serviceTurnTimes() {
    return serviceTurnTimes;
  }

  /**
   * Service periods, sorted by start; empty means bookings may start at any time. Default none.
   *
   * @return the periods
   */
  public List<ServicePeriod> servicePeriods() {
    return servicePeriods;
  }

  /**
   * Most tables in one plan (1 to {@value #MAX_K}). Default 3.
   *
   * @return kMax
   */
  public int kMax() {
    return kMax;
  }

  /**
   * Most empty seats a plan may leave. Default 2.
   *
   * @return seats
   */
  public int maxOverage() {
    return maxOverage;
  }

  /**
   * How the tables of a multi-table plan must touch. Default {@link AdjacencyMode#CONNECTED}.
   *
   * @return the mode
   */
  public AdjacencyMode adjacencyMode() {
    return adjacencyMode;
  }

  /**
   * Parties smaller than this need no adjacency; null means adjacency is always required. Default
   * null.
   *
   * @return the size, or null
   */
  public @Nullable Integer adjacencyMinPartySize() {
    return adjacencyMinPartySize;
  }

  /**
   * Whether all tables of a multi-table plan must be in one zone. Default true.
   *
   * @return the flag
   */
  public boolean sameZone() {
    return sameZone;
  }

  /**
   * Kitchen pacing, or null for none. Default none.
   *
   * @return pacing or null
   */
  public @Nullable Pacing pacing() {
    return pacing;
  }

  /**
   * Ranking weights. Default {@link ScoringWeights#defaults()}.
   *
   * @return the weights
   */
  public ScoringWeights scoring() {
    return scoring;
  }

  /**
   * Demand multipliers for the empty-seat term. Default none (multiplier 1).
   *
   * @return the rules in order
   */
  public List<DemandRule> demandRules() {
    return demandRules;
  }

  /**
   * Lookahead settings. Default {@link Lookahead#defaults()}.
   *
   * @return the settings
   */
  public Lookahead lookahead() {
    return lookahead;
  }

  /**
   * The time one quote may search before it returns the best found with {@code complete = false}.
   * Default 50 ms.
   *
   * @return the budget
   */
  public Duration searchBudget() {
    return searchBudget;
  }

  /**
   * Most units a precomputed catalog may hold; beyond it the planner searches without a catalog.
   * Default 500,000.
   *
   * @return the limit
   */
  public int maxCatalogUnits() {
    return maxCatalogUnits;
  }

  /**
   * Cache sizes and lifetimes. Default {@link CacheSettings#defaults()}.
   *
   * @return the settings
   */
  public CacheSettings cache() {
    return cache;
  }

  /**
   * How long a hold lives when the caller gives no TTL. Default 5 minutes.
   *
   * @return the TTL
   */
  public Duration holdTtl() {
    return holdTtl;
  }

  /**
   * A stable hash of the complete canonical content (pitfall S8).
   *
   * @return 16 hex digits
   */
  public String version() {
    return version;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SeatingPolicy p && canonical().text().equals(p.canonical().text());
  }

  @Override
  public int hashCode() {
    return version.hashCode();
  }

  @Override
  public String toString() {
    return "SeatingPolicy[" + canonical().text() + "]";
  }

  /**
   * Builds a {@link SeatingPolicy}; every setter refuses null, {@link #build()} refuses invalid or
   * contradictory values. Not thread-safe.
   */
  public static final class Builder {
    private int slotMinutes = 15;
    private int bufferMinutes = 0;
    private List<TurnTime> turnTimes =
        new ArrayList<>(
            List.of(
                new TurnTime(2, 90),
                new TurnTime(4, 105),
                new TurnTime(6, 120),
                new TurnTime(99, 150)));
    private Map<String, List<TurnTime>> serviceTurnTimes = new HashMap<>();
    private List<ServicePeriod> servicePeriods = new ArrayList<>();
    private int kMax = 3;
    private int maxOverage = 2;
    private AdjacencyMode adjacencyMode = AdjacencyMode.CONNECTED;
    private @Nullable Integer adjacencyMinPartySize;
    private boolean sameZone = true;
    private @Nullable Pacing pacing;
    private ScoringWeights scoring = ScoringWeights.defaults();
    private List<DemandRule> demandRules = new ArrayList<>();
    private Lookahead lookahead = Lookahead.defaults();
    private Duration searchBudget = Duration.ofMillis(50);
    private int maxCatalogUnits = 500_000;
    private CacheSettings cache = CacheSettings.defaults();
    private Duration holdTtl = Duration.ofMinutes(5);

    private Builder() {}

    /**
     * Sets the slot length.
     *
     * @param v minutes, dividing 1440
     * @return this builder
     */
    public Builder slotMinutes(int v) {
      this.slotMinutes = v;
      return this;
    }

    /**
     * Sets the buffer after each booking.
     *
     * @param v minutes, not negative
     * @return this builder
     */
    public Builder bufferMinutes(int v) {
      this.bufferMinutes = v;
      return this;
    }

    /**
     * Replaces the general turn-time table.
     *
     * @param rows the rows, in any order
     * @return this builder
     */
    public Builder turnTimes(List<TurnTime> rows) {
      this.turnTimes = new ArrayList<>(Objects.requireNonNull(rows, "turnTimes"));
      return this;
    }

    /**
     * Sets a service period's own turn-time table.
     *
     * @param service the service period's name
     * @param rows the rows
     * @return this builder
     */
    public Builder serviceTurnTimes(String service, List<TurnTime> rows) {
      this.serviceTurnTimes.put(Objects.requireNonNull(service, "service"), List.copyOf(rows));
      return this;
    }

    /**
     * Replaces the service periods.
     *
     * @param periods the periods; empty means open all day
     * @return this builder
     */
    public Builder servicePeriods(List<ServicePeriod> periods) {
      this.servicePeriods = new ArrayList<>(Objects.requireNonNull(periods, "servicePeriods"));
      return this;
    }

    /**
     * Sets the most tables per plan.
     *
     * @param v 1 to {@value SeatingPolicy#MAX_K}
     * @return this builder
     */
    public Builder kMax(int v) {
      this.kMax = v;
      return this;
    }

    /**
     * Sets the most empty seats per plan.
     *
     * @param v seats, not negative
     * @return this builder
     */
    public Builder maxOverage(int v) {
      this.maxOverage = v;
      return this;
    }

    /**
     * Sets the adjacency mode.
     *
     * @param v the mode
     * @return this builder
     */
    public Builder adjacencyMode(AdjacencyMode v) {
      this.adjacencyMode = Objects.requireNonNull(v, "adjacencyMode");
      return this;
    }

    /**
     * Sets the smallest party that needs adjacency.
     *
     * @param v the size, or null for always
     * @return this builder
     */
    public Builder adjacencyMinPartySize(@Nullable Integer v) {
      this.adjacencyMinPartySize = v;
      return this;
    }

    /**
     * Sets whether multi-table plans must stay in one zone.
     *
     * @param v the flag
     * @return this builder
     */
    public Builder sameZone(boolean v) {
      this.sameZone = v;
      return this;
    }

    /**
     * Sets kitchen pacing.
     *
     * @param v pacing, or null for none
     * @return this builder
     */
    public Builder pacing(@Nullable Pacing v) {
      this.pacing = v;
      return this;
    }

    /**
     * Sets the ranking weights.
     *
     * @param v the weights
     * @return this builder
     */
    public Builder scoring(ScoringWeights v) {
      this.scoring = Objects.requireNonNull(v, "scoring");
      return this;
    }

    /**
     * Replaces the demand rules.
     *
     * @param v the rules, first match wins
     * @return this builder
     */
    public Builder demandRules(List<DemandRule> v) {
      this.demandRules = new ArrayList<>(Objects.requireNonNull(v, "demandRules"));
      return this;
    }

    /**
     * Sets the lookahead.
     *
     * @param v the settings
     * @return this builder
     */
    public Builder lookahead(Lookahead v) {
      this.lookahead = Objects.requireNonNull(v, "lookahead");
      return this;
    }

    /**
     * Sets the per-quote search budget.
     *
     * @param v a positive duration
     * @return this builder
     */
    public Builder searchBudget(Duration v) {
      this.searchBudget = Objects.requireNonNull(v, "searchBudget");
      return this;
    }

    /**
     * Sets the most units a precomputed catalog may hold.
     *
     * @param v the limit
     * @return this builder
     */
    public Builder maxCatalogUnits(int v) {
      this.maxCatalogUnits = v;
      return this;
    }

    /**
     * Sets cache sizes and lifetimes.
     *
     * @param v the settings
     * @return this builder
     */
    public Builder cache(CacheSettings v) {
      this.cache = Objects.requireNonNull(v, "cache");
      return this;
    }

    /**
     * Sets the default hold TTL.
     *
     * @param v a positive duration
     * @return this builder
     */
    public Builder holdTtl(Duration v) {
      this.holdTtl = Objects.requireNonNull(v, "holdTtl");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the immutable policy
     * @throws IllegalArgumentException naming the first invalid or contradictory value
     */
    public SeatingPolicy build() {
      return new SeatingPolicy(this);
    }
  }
}
