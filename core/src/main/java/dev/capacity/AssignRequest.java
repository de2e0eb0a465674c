package dev.capacity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A direct (manual) assignment: seat a booking on chosen tables, decided on a given context.
 *
 * <p>The table list is copied as given, without validation, so that a store can refuse null, empty
 * or duplicate table ids with {@link Reason#INVALID_REQUEST} and write nothing (pitfall P4.1); a
 * null list is taken as empty.
 *
 * @param booking the booking id
 * @param tables the chosen table ids
 * @param context the context version the decision was based on (pitfalls P2.8, P3.1)
 * @param idempotencyKey a key the caller chooses; repeating the same assignment with it returns the
 *     stored outcome, using it for another assignment is refused (pitfall P1.3)
 * @param actor who decides (a user id or service name; never guest data)
 * @param note why, possibly empty; recorded in the booking's history
 */
public record AssignRequest(
    String booking,
    List<String> tables,
    ContextVersion context,
    String idempotencyKey,
    String actor,
    String note) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component other than {@code tables} is null
   * @throws IllegalArgumentException if the booking id or idempotency key is blank
   */
  @SuppressWarnings("NullAway") // a null list from unchecked callers becomes empty (P4.1)
  public AssignRequest {
    Checks.id(booking, "booking of assign request");
    tables = tables == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tables));
    Objects.requireNonNull(context, "context");
    Checks.id(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(note, "note");
  }
}
