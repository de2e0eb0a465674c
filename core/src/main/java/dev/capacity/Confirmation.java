package dev.capacity;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a successful confirm or direct assignment: the booking's tables over its window. A
 * repeated command with the same idempotency key returns the stored confirmation with {@code
 * repeated} set (pitfall P1.3).
 *
 * @param assignment the booking's tables and dining range
 * @param holdId the hold that was confirmed, or null for a direct assignment
 * @param occupancyVersion the restaurant's occupancy version right after the write
 * @param repeated whether this was returned from the idempotency ledger instead of being written
 */
public record Confirmation(
    Assignment assignment, @Nullable String holdId, long occupancyVersion, boolean repeated) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if the assignment is null
   */
  public Confirmation {
    Objects.requireNonNull(assignment, "assignment");
  }

  /**
   * This confirmation as returned for a repeated command.
   *
   * @return a copy with {@code repeated} set
   */
  public Confirmation asRepeated() {
    return new Confirmation(assignment, holdId, occupancyVersion, true);
  }
}
