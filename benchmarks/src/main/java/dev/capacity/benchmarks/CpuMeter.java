package dev.capacity.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * CPU time used by the load command's JVM and by the PostgreSQL server's processes, so that a run
 * can report CPU per booking: a figure that other processes on the machine disturb far less than
 * wall time does.
 *
 * <p>The JVM's time comes from its operating-system bean; the server's from {@code /proc/PID/stat}
 * (user plus system ticks) of every process {@code pg_stat_activity} lists (backends and background
 * processes), so it is known only when the server runs on this Linux machine. Ticks are 10 ms on
 * common kernels: over a run of a second or so the server's figure is good to about a percent.
 *
 * <p>Not thread-safe: one instance per measured run.
 */
final class CpuMeter {
  private static final long TICK_NANOS = 10_000_000L; // USER_HZ is 100 on Linux

  private final List<Long> serverPids;
  private final long jvmStart;
  private final long serverStart;

  private CpuMeter(List<Long> serverPids) {
    this.serverPids = serverPids;
    this.jvmStart = jvmNanos();
    this.serverStart = serverNanos(serverPids);
  }

  /**
   * Starts measuring.
   *
   * @param pool connections to the server
   * @return the meter
   */
  static CpuMeter start(DataSource pool) {
    List<Long> pids = new ArrayList<>();
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rows = st.executeQuery("SELECT pid FROM pg_stat_activity")) {
      while (rows.next()) {
        long pid = rows.getLong(1);
        if (isPostgres(pid)) {
          pids.add(pid);
        }
      }
    } catch (SQLException e) {
      pids.clear();
    }
    return new CpuMeter(List.copyOf(pids));
  }

  /** CPU nanoseconds the JVM used since the start. */
  long jvmNanosSinceStart() {
    return jvmNanos() - jvmStart;
  }

  /** CPU nanoseconds the server's processes used since the start, or -1 when unknown. */
  long serverNanosSinceStart() {
    if (serverPids.isEmpty() || serverStart < 0) {
      return -1;
    }
    long now = serverNanos(serverPids);
    return now < 0 ? -1 : now - serverStart;
  }

  private static long jvmNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private static boolean isPostgres(long pid) {
    try {
      String comm = Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
      return comm.startsWith("postgres");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The summed user and system time of processes, or -1 when one cannot be read. */
  private static long serverNanos(List<Long> pids) {
    long ticks = 0;
    for (long pid : pids) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // fields after the command name, which is in parentheses and may hold spaces
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
    return ticks * TICK_NANOS;
  }
}
