package dev.capacity.spi;

import dev.capacity.Occupancy;
import java.time.Instant;
import java.util.Objects;

/**
 * What occupied a restaurant's tables when a store was read: assignments, live holds and blocks,
 * with the occupancy version.
 *
 * <p>The occupancy contains at least every entry whose range overlaps the range that was read (it
 * may contain more). Holds that had expired at {@code readAt} are left out, even when no write has
 * removed them yet (pitfall H2), so two snapshots with the same version may differ by holds that
 * expired between them.
 *
 * @param occupancy the entries, built for the restaurant's current floor plan and policy
 * @param version the restaurant's occupancy version: it increases with every write
 * @param readAt the store's clock at the read
 */
public record OccupancySnapshot(Occupancy occupancy, long version, Instant readAt) {
  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is null
   */
  public OccupancySnapshot {
    Objects.requireNonNull(occupancy, "occupancy");
    Objects.requireNonNull(readAt, "readAt");
  }
}
