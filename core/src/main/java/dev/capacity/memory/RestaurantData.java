package dev.capacity.memory;

import dev.capacity.AssignRequest;
import dev.capacity.Assignment;
import dev.capacity.Block;
import dev.capacity.Booking;
import dev.capacity.BookingState;
import dev.capacity.BookingStatus;
import dev.capacity.BookingWindow;
import dev.capacity.Confirmation;
import dev.capacity.ContextChange;
import dev.capacity.ContextVersion;
import dev.capacity.FloorPlan;
import dev.capacity.Hold;
import dev.capacity.Occupancy;
import dev.capacity.OccupancyEntry;
import dev.capacity.OccupancyKind;
import dev.capacity.Outcome;
import dev.capacity.Reason;
import dev.capacity.Refusal;
import dev.capacity.RestaurantContext;
import dev.capacity.Rule;
import dev.capacity.SeatingPolicy;
import dev.capacity.StatusChange;
import dev.capacity.Violation;
import dev.capacity.internal.commit.PlanCheck;
import dev.capacity.spi.OccupancySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Everything the in-memory store keeps for one restaurant.
 *
 * <p>Implementation note: one lock per restaurant guards every field; each command runs entirely
 * under it, so commands on one restaurant are serialised and commands on different restaurants run
 * in parallel. After each write the immutable parts (context, occupancy value, version, live holds)
 * are published through one volatile field, so occupancy reads take no lock. The occupancy may hold
 * holds that expired since the last write: reads leave them out, and each write removes them first
 * (without changing the version, as nobody could see them any more).
 */
final class RestaurantData {
  private static final String HOLD_PREFIX = "hold-";

  /** What occupancy reads see without taking the lock. */
  private record Published(
      RestaurantContext ctx,
      Occupancy occupancy,
      long version,
      Map<String, Hold> holds,
      @Nullable Instant earliestExpiry) {}

  /** An idempotency-ledger entry: the command's fingerprint and its stored outcome. */
  private record LedgerEntry(String booking, String fingerprint, Confirmation confirmation) {}

  /**
   * A plan the rules allow for a booking that may get tables: what a hold or an assignment writes.
   */
  private record Plan(StoredBooking booking, List<String> tables, BookingWindow window) {}

  private final ReentrantLock lock = new ReentrantLock();
  private RestaurantContext ctx;
  private Occupancy occupancy;
  private long version = 1;
  private long holdSeq;
  private @Nullable Instant earliestExpiry;
  private final Map<String, StoredBooking> bookings = new HashMap<>();
  private final Map<String, Hold> holds = new HashMap<>(); // by booking id
  private final Map<String, Block> blocks = new HashMap<>();
  private final Map<String, LedgerEntry> ledger = new HashMap<>();
  private final Map<String, Set<String>> keysByBooking = new HashMap<>();
  private final Map<String, Long> tableChangedAt = new HashMap<>();
  private volatile Published published;

  RestaurantData(RestaurantContext ctx) {
    this.ctx = ctx;
    this.occupancy = Occupancy.empty(ctx.floor(), ctx.policy(), ctx.restaurant().timeZone());
    this.published = new Published(ctx, occupancy, version, Map.of(), null);
  }

  // ------------------------------------------------------------------------------------- reading

  RestaurantContext context() {
    return published.ctx();
  }

  OccupancySnapshot occupancy(Instant now) {
    Published p = published;
    Occupancy occ = p.occupancy();
    Instant earliest = p.earliestExpiry();
    if (earliest != null && !now.isBefore(earliest)) {
      for (Hold h : p.holds().values()) {
        if (!h.isLiveAt(now)) {
          occ = occ.without(OccupancyKind.HOLD, h.booking());
        }
      }
    }
    return new OccupancySnapshot(occ, p.version(), now);
  }

  @Nullable BookingState booking(String bookingId, Instant now) {
    return locked(
        () -> {
          StoredBooking sb = bookings.get(bookingId);
          return sb == null ? null : state(sb, now);
        });
  }

  List<BookingState> bookings(Instant from, Instant to, Instant now) {
    return locked(
        () -> {
          List<BookingState> out = new ArrayList<>();
          for (StoredBooking sb : bookings.values()) {
            Instant start = sb.booking.start();
            if (!start.isBefore(from) && start.isBefore(to)) {
              out.add(state(sb, now));
            }
          }
          out.sort(
              Comparator.comparing((BookingState s) -> s.booking().start())
                  .thenComparing(BookingState::id));
          return out;
        });
  }

  @Nullable ContextVersion contextVersion(String bookingId) {
    return locked(
        () -> {
          StoredBooking sb = bookings.get(bookingId);
          return sb == null
              ? null
              : new ContextVersion(
                  ctx.floor().version(), ctx.policy().version(), sb.version, version);
        });
  }

  List<StatusChange> history(String bookingId) {
    return locked(
        () -> {
          StoredBooking sb = bookings.get(bookingId);
          return sb == null ? List.of() : List.copyOf(sb.history);
        });
  }

  // ------------------------------------------------------------------------------------- writing

  Outcome<RestaurantContext> save(RestaurantContext next, Instant now) {
    return command(
        now,
        () -> {
          FloorPlan floor = next.floor();
          Set<String> missing = new TreeSet<>();
          for (OccupancyEntry e : occupancy.entries()) {
            for (String t : e.tables()) {
              if (floor.table(t) == null) {
                missing.add(t);
              }
            }
          }
          if (!missing.isEmpty()) {
            return Outcome.refused(
                Reason.UNKNOWN_TABLE,
                "the new floor plan of restaurant '"
                    + next.id()
                    + "' drops tables that are still occupied: "
                    + missing
                    + "\nMaybe: unassign those bookings and remove those blocks first");
          }
          occupancy =
              Occupancy.empty(floor, next.policy(), next.restaurant().timeZone())
                  .withAll(occupancy.entries());
          ctx = next;
          version++;
          publish();
          return Outcome.success(next);
        });
  }

  Outcome<BookingState> saveBooking(Booking booking, Instant now) {
    return command(
        now,
        () -> {
          StoredBooking sb = bookings.get(booking.id());
          if (sb == null) {
            if (booking.status() == BookingStatus.CONFIRMED
                || booking.status() == BookingStatus.SEATED) {
              return Outcome.refused(
                  Reason.INVALID_REQUEST,
                  "new booking '"
                      + booking.id()
                      + "' is "
                      + booking.status()
                      + " but has no tables\nMaybe: save it PENDING, then confirm a hold or"
                      + " assign tables");
            }
            sb = new StoredBooking(booking);
            bookings.put(booking.id(), sb);
            return Outcome.success(state(sb, now));
          }
          Booking old = sb.booking;
          if (old.status() != booking.status()) {
            return Outcome.refused(
                Reason.INVALID_REQUEST,
                "saving booking '"
                    + booking.id()
                    + "' would change its status from "
                    + old.status()
                    + " to "
                    + booking.status()
                    + "\nMaybe: use transition, which records who, when and why");
          }
          boolean planChanges =
              old.partySize() != booking.partySize()
                  || !old.start().equals(booking.start())
                  || !Objects.equals(old.end(), booking.end())
                  || !Objects.equals(old.zone(), booking.zone());
          if (planChanges && (sb.assignment != null || holds.containsKey(booking.id()))) {
            return Outcome.refused(
                Reason.INVALID_REQUEST,
                "booking '"
                    + booking.id()
                    + "' has tables or a hold; its party, times and zone cannot change"
                    + "\nMaybe: unassign it first, then quote it again");
          }
          if (!old.equals(booking)) {
            sb.booking = booking;
            sb.version++;
          }
          return Outcome.success(state(sb, now));
        });
  }

  Outcome<Hold> hold(String bookingId, List<String> tables, Duration ttl, Instant now) {
    return command(
        now, () -> plan(bookingId, sb -> Outcome.success(tables)).map(p -> placeHold(p, ttl, now)));
  }

  Outcome<Confirmation> confirm(
      String bookingId, String holdId, String key, String actor, Instant now) {
    String fingerprint = "CONFIRM of booking '" + bookingId + "' hold '" + holdId + "'";
    String why = "confirmed hold '" + holdId + "'";
    return once(
        key,
        bookingId,
        fingerprint,
        now,
        () ->
            plan(bookingId, sb -> heldTables(sb, holdId))
                .map(p -> commit(p, holdId, actor, why, now)));
  }

  Outcome<Confirmation> holdAndConfirm(
      String bookingId, List<String> tables, String key, String actor, Instant now) {
    String fingerprint =
        "HOLD_AND_CONFIRM of booking '" + bookingId + "' on " + new TreeSet<>(tables);
    return once(
        key,
        bookingId,
        fingerprint,
        now,
        () ->
            plan(bookingId, sb -> Outcome.success(tables))
                .map(p -> commit(p, null, actor, "confirmed " + p.tables() + " at once", now)));
  }

  Outcome<Confirmation> assign(AssignRequest req, Instant now) {
    String bookingId = req.booking();
    String fingerprint = "ASSIGN of booking '" + bookingId + "' to " + new TreeSet<>(req.tables());
    return once(
        req.idempotencyKey(),
        bookingId,
        fingerprint,
        now,
        () ->
            plan(bookingId, sb -> sameContext(req, sb))
                .map(
                    p -> {
                      String why = req.note().isEmpty() ? "assigned " + p.tables() : req.note();
                      return commit(p, null, req.actor(), why, now);
                    }));
  }

  Outcome<BookingState> unassign(String bookingId, String actor, String why, Instant now) {
    return onBooking(
        bookingId,
        now,
        sb -> {
          if (sb.booking.status() == BookingStatus.SEATED) {
            return Outcome.refused(
                Reason.TRANSITION_NOT_ALLOWED,
                "booking '" + bookingId + "' is SEATED; its tables cannot be taken away");
          }
          removeTables(sb);
          if (sb.booking.status() == BookingStatus.CONFIRMED) {
            move(sb, BookingStatus.PENDING, actor, why, now);
          }
          publish();
          return Outcome.success(state(sb, now));
        });
  }

  Outcome<Hold> releaseHold(String bookingId, String holdId, Instant now) {
    return onBooking(
        bookingId,
        now,
        sb -> {
          Hold hold = liveHold(bookingId, holdId);
          if (hold == null) {
            return noLiveHold(sb, holdId, "expired");
          }
          dropHold(bookingId);
          publish();
          return Outcome.success(hold);
        });
  }

  Outcome<BookingState> transition(
      String bookingId, BookingStatus to, String actor, String why, Instant now) {
    return onBooking(
        bookingId,
        now,
        sb -> {
          BookingStatus from = sb.booking.status();
          if (from == to) {
            return Outcome.success(state(sb, now));
          }
          if (!from.next().contains(to)) {
            return Outcome.refused(
                Reason.TRANSITION_NOT_ALLOWED,
                "booking '"
                    + bookingId
                    + "' cannot move from "
                    + from
                    + " to "
                    + to
                    + "; allowed: "
                    + from.next());
          }
          switch (to) {
            case CONFIRMED -> {
              if (sb.assignment == null) {
                return Outcome.refused(
                    Reason.TRANSITION_NOT_ALLOWED,
                    "booking '"
                        + bookingId
                        + "' has no tables and cannot be CONFIRMED\nMaybe: confirm a hold or"
                        + " assign tables, which confirms it");
              }
            }
            case SEATED -> dropHold(bookingId);
            case PENDING, COMPLETED, CANCELLED, NO_SHOW -> removeTables(sb);
          }
          move(sb, to, actor, why, now);
          publish();
          return Outcome.success(state(sb, now));
        });
  }

  int sweep(Instant now) {
    return locked(() -> purge(now));
  }

  Outcome<Block> addBlock(Block block, Instant now) {
    return command(
        now,
        () -> {
          if (ctx.floor().table(block.table()) == null) {
            return Outcome.refused(
                Reason.UNKNOWN_TABLE,
                "block '" + block.id() + "' names an unknown table '" + block.table() + "'");
          }
          SeatingPolicy policy = ctx.policy();
          Occupancy others = occupancy.without(OccupancyKind.BLOCK, block.id());
          BookingWindow w =
              new BookingWindow(
                  block.start(),
                  block.end(),
                  block.end(),
                  policy.slotOf(block.start()),
                  policy.slotAtOrAfter(block.end()),
                  null);
          List<OccupancyEntry> conflicts = others.conflicts(List.of(block.table()), w);
          if (!conflicts.isEmpty()) {
            List<Violation> violations = new ArrayList<>();
            for (OccupancyEntry e : conflicts) {
              violations.add(
                  new Violation(
                      Rule.OVERLAP,
                      "table '"
                          + block.table()
                          + "' is occupied by "
                          + e.kind()
                          + " '"
                          + e.owner()
                          + "' over the block",
                      e.kind() == OccupancyKind.BLOCK ? List.of() : List.of(e.owner()),
                      List.of(block.table())));
            }
            return Outcome.refused(
                new Refusal(
                    Reason.CONFLICT,
                    "block '" + block.id() + "' overlaps " + violations,
                    violations,
                    conflicts,
                    List.of()));
          }
          Block old = blocks.put(block.id(), block);
          occupancy = occupancy.with(OccupancyEntry.of(block));
          changed(old == null ? List.of() : List.of(old.table()), List.of(block.table()));
          publish();
          return Outcome.success(block);
        });
  }

  Outcome<Block> removeBlock(String blockId, Instant now) {
    return command(
        now,
        () -> {
          Block old = blocks.remove(blockId);
          if (old == null) {
            return Outcome.refused(
                Reason.INVALID_REQUEST,
                "restaurant '" + ctx.id() + "' has no block '" + blockId + "'");
          }
          occupancy = occupancy.without(OccupancyKind.BLOCK, blockId);
          changed(List.of(old.table()), List.of());
          publish();
          return Outcome.success(old);
        });
  }

  // ------------------------------------------------------------------------------------ helpers

  /** Runs {@code body} under the lock. */
  private <T extends @Nullable Object> T locked(Supplier<T> body) {
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  /** Runs a write under the lock, after removing the holds expired at {@code now}. */
  private <T> T command(Instant now, Supplier<T> body) {
    return locked(
        () -> {
          purge(now);
          return body.get();
        });
  }

  /** Runs a write on one booking (see {@link #command}); refuses an unknown booking. */
  private <T> Outcome<T> onBooking(
      String bookingId, Instant now, Function<StoredBooking, Outcome<T>> body) {
    return command(now, () -> withBooking(bookingId, body));
  }

  /** Runs {@code body} on a known booking; refuses an unknown one. */
  private <T> Outcome<T> withBooking(String bookingId, Function<StoredBooking, Outcome<T>> body) {
    StoredBooking sb = bookings.get(bookingId);
    return sb == null
        ? Outcome.refused(Reason.BOOKING_NOT_FOUND, "no booking '" + bookingId + "'")
        : body.apply(sb);
  }

  /**
   * The plan a hold, confirm or assign writes: refuses an unknown booking or one that gets no
   * tables, then lets {@code tables} pick the tables or refuse, then judges them with {@link
   * PlanCheck}.
   */
  private Outcome<Plan> plan(
      String bookingId, Function<StoredBooking, Outcome<List<String>>> tables) {
    return withBooking(
        bookingId,
        sb -> {
          if (!sb.booking.status().assignable()) {
            return Outcome.refused(
                Reason.BOOKING_NOT_ASSIGNABLE,
                "booking '"
                    + bookingId
                    + "' is "
                    + sb.booking.status()
                    + "; only PENDING and CONFIRMED bookings get tables");
          }
          Outcome<List<String>> picked = tables.apply(sb);
          Refusal no = picked.refusalOrNull();
          if (no != null) {
            return Outcome.refused(no);
          }
          PlanCheck.Result check =
              PlanCheck.check(ctx, occupancy, sb.booking, picked.orElseThrow());
          Refusal refusal = check.refusal();
          BookingWindow w = check.window();
          if (refusal != null || w == null) {
            return Outcome.refused(Objects.requireNonNull(refusal));
          }
          return Outcome.success(new Plan(sb, check.tables(), w));
        });
  }

  /** The tables of the booking's live hold {@code holdId}, or why there is none to confirm. */
  private Outcome<List<String>> heldTables(StoredBooking sb, String holdId) {
    Hold hold = liveHold(sb.booking.id(), holdId);
    return hold == null
        ? noLiveHold(sb, holdId, "expired before its confirm")
        : Outcome.success(hold.tables());
  }

  /** The tables of an assign request, or the changes to the context it was decided in. */
  private Outcome<List<String>> sameContext(AssignRequest req, StoredBooking sb) {
    List<ContextChange> changes = changes(req, sb);
    if (changes.isEmpty()) {
      return Outcome.success(req.tables());
    }
    return Outcome.refused(
        new Refusal(
            Reason.CONTEXT_CHANGED,
            "the context of the assignment of booking '"
                + req.booking()
                + "' changed since it was decided: "
                + changes,
            List.of(),
            List.of(),
            changes));
  }

  private @Nullable Hold liveHold(String bookingId, String holdId) {
    Hold h = holds.get(bookingId);
    return h != null && h.id().equals(holdId) ? h : null;
  }

  /** Refuses a hold id that is not the booking's live hold; {@code expired} ends its message. */
  private static <T> Outcome<T> noLiveHold(StoredBooking sb, String holdId, String expired) {
    String bookingId = sb.booking.id();
    if (holdId.equals(sb.expiredHoldId)) {
      return Outcome.refused(
          Reason.HOLD_EXPIRED, "hold '" + holdId + "' of booking '" + bookingId + "' " + expired);
    }
    return Outcome.refused(
        Reason.HOLD_NOT_FOUND,
        "booking '"
            + bookingId
            + "' has no live hold '"
            + holdId
            + "' (released, replaced or confirmed)");
  }

  private BookingState state(StoredBooking sb, Instant now) {
    Hold h = holds.get(sb.booking.id());
    return new BookingState(
        sb.booking, sb.version, sb.assignment, h != null && h.isLiveAt(now) ? h : null);
  }

  /** Removes holds expired at {@code now}; invisible to readers already, so no version change. */
  private int purge(Instant now) {
    Instant earliest = earliestExpiry;
    if (earliest == null || now.isBefore(earliest)) {
      return 0;
    }
    int n = 0;
    Instant next = null;
    for (Iterator<Hold> it = holds.values().iterator(); it.hasNext(); ) {
      Hold h = it.next();
      if (h.isLiveAt(now)) {
        next = next == null || h.expiresAt().isBefore(next) ? h.expiresAt() : next;
      } else {
        it.remove();
        occupancy = occupancy.without(OccupancyKind.HOLD, h.booking());
        StoredBooking sb = bookings.get(h.booking());
        if (sb != null) {
          sb.expiredHoldId = h.id();
        }
        n++;
      }
    }
    earliestExpiry = next;
    if (n > 0) {
      publish();
    }
    return n;
  }

  /**
   * Runs an idempotent write once per key (see {@link #command}): the same command again gets the
   * stored confirmation marked as repeated, another command under the key is refused, and a success
   * is recorded under the key.
   */
  private Outcome<Confirmation> once(
      String key,
      String bookingId,
      String fingerprint,
      Instant now,
      Supplier<Outcome<Confirmation>> body) {
    return command(
        now,
        () -> {
          LedgerEntry e = ledger.get(key);
          if (e != null) {
            if (e.fingerprint().equals(fingerprint)) {
              return Outcome.success(e.confirmation().asRepeated());
            }
            return Outcome.refused(
                Reason.IDEMPOTENCY_KEY_REUSED,
                "idempotency key '"
                    + key
                    + "' was used for "
                    + e.fingerprint()
                    + ", not for "
                    + fingerprint
                    + "\nMaybe: use a new key for each distinct command");
          }
          Outcome<Confirmation> out = body.get();
          Confirmation c = out.valueOrNull();
          if (c != null) {
            ledger.put(key, new LedgerEntry(bookingId, fingerprint, c));
            keysByBooking.computeIfAbsent(bookingId, k -> new HashSet<>()).add(key);
          }
          return out;
        });
  }

  private void dropLedger(String bookingId) {
    Set<String> keys = keysByBooking.remove(bookingId);
    if (keys != null) {
      keys.forEach(ledger::remove);
    }
  }

  private List<ContextChange> changes(AssignRequest req, StoredBooking sb) {
    ContextVersion cv = req.context();
    List<ContextChange> out = new ArrayList<>();
    if (!cv.floorVersion().equals(ctx.floor().version())) {
      out.add(
          new ContextChange(
              ContextChange.Part.FLOOR_PLAN, cv.floorVersion(), ctx.floor().version(), List.of()));
    }
    if (!cv.policyVersion().equals(ctx.policy().version())) {
      out.add(
          new ContextChange(
              ContextChange.Part.POLICY, cv.policyVersion(), ctx.policy().version(), List.of()));
    }
    if (cv.bookingVersion() != sb.version) {
      out.add(
          new ContextChange(
              ContextChange.Part.BOOKING,
              Long.toString(cv.bookingVersion()),
              Long.toString(sb.version),
              List.of()));
    }
    List<String> tables = new ArrayList<>();
    for (String t : new TreeSet<>(req.tables())) {
      Long at = tableChangedAt.get(t);
      if (cv.occupancyVersion() > version || (at != null && at > cv.occupancyVersion())) {
        tables.add(t);
      }
    }
    if (!tables.isEmpty()) {
      out.add(
          new ContextChange(
              ContextChange.Part.OCCUPANCY,
              Long.toString(cv.occupancyVersion()),
              Long.toString(version),
              tables));
    }
    return out;
  }

  /** Writes a booking's hold, replacing its earlier hold. */
  private Hold placeHold(Plan plan, Duration ttl, Instant now) {
    StoredBooking sb = plan.booking();
    String bookingId = sb.booking.id();
    BookingWindow w = plan.window();
    Hold old = holds.get(bookingId);
    Instant expiresAt = now.plus(ttl);
    Hold hold =
        new Hold(
            HOLD_PREFIX + (++holdSeq),
            bookingId,
            plan.tables(),
            w.start(),
            w.blockedUntil(),
            expiresAt);
    occupancy =
        occupancy.with(
            OccupancyEntry.of(OccupancyKind.HOLD, sb.booking, plan.tables(), w, expiresAt));
    holds.put(bookingId, hold);
    sb.expiredHoldId = null;
    if (earliestExpiry == null || expiresAt.isBefore(earliestExpiry)) {
      earliestExpiry = expiresAt;
    }
    changed(old == null ? List.of() : old.tables(), hold.tables());
    publish();
    return hold;
  }

  /** Writes a booking's assignment, replacing its hold and earlier assignment. */
  private Confirmation commit(
      Plan plan, @Nullable String holdId, String actor, String why, Instant now) {
    StoredBooking sb = plan.booking();
    List<String> tables = plan.tables();
    BookingWindow w = plan.window();
    String id = sb.booking.id();
    Hold oldHold = holds.remove(id);
    Assignment old = sb.assignment;
    if (oldHold != null) {
      occupancy = occupancy.without(OccupancyKind.HOLD, id);
    }
    occupancy =
        occupancy.with(OccupancyEntry.of(OccupancyKind.ASSIGNMENT, sb.booking, tables, w, null));
    List<String> before = new ArrayList<>();
    if (oldHold != null) {
      before.addAll(oldHold.tables());
    }
    if (old != null) {
      before.addAll(old.tables());
    }
    changed(before, tables);
    sb.assignment = new Assignment(id, tables, w.start(), w.end());
    sb.expiredHoldId = null;
    sb.version++;
    dropLedger(id);
    if (sb.booking.status() == BookingStatus.PENDING) {
      move(sb, BookingStatus.CONFIRMED, actor, why, now);
    }
    publish();
    return new Confirmation(sb.assignment, holdId, version, false);
  }

  private void dropHold(String bookingId) {
    Hold h = holds.remove(bookingId);
    if (h != null) {
      occupancy = occupancy.without(OccupancyKind.HOLD, bookingId);
      changed(h.tables(), List.of());
    }
  }

  /** Removes a booking's tables, hold and ledger entries (pitfall U1). */
  private void removeTables(StoredBooking sb) {
    String id = sb.booking.id();
    dropHold(id);
    Assignment a = sb.assignment;
    if (a != null) {
      occupancy = occupancy.without(OccupancyKind.ASSIGNMENT, id);
      changed(a.tables(), List.of());
      sb.assignment = null;
      sb.version++;
    }
    dropLedger(id);
  }

  private static void move(
      StoredBooking sb, BookingStatus to, String actor, String why, Instant now) {
    BookingStatus from = sb.booking.status();
    sb.booking = sb.booking.withStatus(to);
    sb.version++;
    sb.history.add(new StatusChange(sb.booking.id(), from, to, now, actor, why));
  }

  /** Records a write that touched tables: a new occupancy version, stamped on each table. */
  private void changed(List<String> before, List<String> after) {
    version++;
    Set<String> touched = new LinkedHashSet<>(before);
    touched.addAll(after);
    for (String t : touched) {
      tableChangedAt.put(t, version);
    }
  }

  private void publish() {
    published = new Published(ctx, occupancy, version, Map.copyOf(holds), earliestExpiry);
  }
}
