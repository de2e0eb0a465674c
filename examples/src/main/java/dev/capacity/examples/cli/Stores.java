package dev.capacity.examples.cli;

import dev.capacity.memory.InMemoryCapacityStore;
import dev.capacity.spi.CapacityStore;
import dev.capacity.spi.TimeSource;
import java.util.Locale;

/**
 * Opens the store a command names with {@code --store}: {@code memory} (the in-memory store),
 * {@code embedded} (an embedded PostgreSQL) or a JDBC URL ({@code jdbc:postgresql://...}).
 *
 * <p>This build has the in-memory store only; the PostgreSQL adapter plugs in here when it lands.
 * Thread-safe (stateless).
 */
final class Stores {
  /** The stores this build can open, as named in messages. */
  static final String AVAILABLE = "memory";

  private Stores() {}

  /** A store the command opened, closed when the command ends. */
  interface Opened extends AutoCloseable {
    /** The store. */
    CapacityStore store();

    /** What it is, for the summary line. */
    String description();

    @Override
    void close();
  }

  /** The named store cannot be opened; the message says why and what is available. */
  static final class UnavailableStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    UnavailableStoreException(String message) {
      super(message);
    }
  }

  /**
   * Opens a store.
   *
   * @param spec the value of {@code --store}
   * @param clock the clock the store judges hold expiry by (ignored by a database, which uses its
   *     own)
   * @return the opened store
   * @throws UnavailableStoreException if this build cannot open it
   */
  static Opened open(String spec, TimeSource clock) throws UnavailableStoreException {
    String s = spec.trim();
    if (s.equalsIgnoreCase("memory")) {
      InMemoryCapacityStore store = new InMemoryCapacityStore(clock);
      return new Opened() {
        @Override
        public CapacityStore store() {
          return store;
        }

        @Override
        public String description() {
          return "memory";
        }

        @Override
        public void close() {}
      };
    }
    if (s.equalsIgnoreCase("embedded") || s.toLowerCase(Locale.ROOT).startsWith("jdbc:")) {
      throw new UnavailableStoreException(
          "--store "
              + (s.startsWith("jdbc:") ? "JDBC_URL" : s)
              + " needs the PostgreSQL adapter (PostgresCapacityStore), which this build does not"
              + " include yet; available: "
              + AVAILABLE);
    }
    throw new UnavailableStoreException(
        "unknown store '"
            + s
            + "': use memory, embedded or a jdbc:postgresql:// URL; available in this build: "
            + AVAILABLE);
  }
}
