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
 * processes), so it is known only when the server runs on this Linux machine. Each process counts
 * from its own reading at the start; one that exits during the run (an autovacuum worker, say) is
 * left out of the sum, rather than making the whole figure unknown, and processes started during
 * the run are not counted. Ticks are 10 ms on common kernels: over a run of a second or so the
 * server's figure is good to about a percent.
 *
 * <p>Not thread-safe: one instance per measured run.
 */
final class CpuMeter {
  private static final long TICK_NANOS = 10_000_000L; // USER_HZ is 100 on Linux

  private final List<Long> serverPids;
  private final long jvmStart;

  /** Each process's ticks at the start, -1 for one that could not be read. */
  private final long[] serverStart;

  /**
   * Starts measuring these processes.
   *
   * @param serverPids the processes whose CPU time counts as the server's
   */
  CpuMeter(List<Long> serverPids) {
    this.serverPids = List.copyOf(serverPids);
    this.jvmStart = jvmNanos();
    this.serverStart = new long[this.serverPids.size()];
    for (int i = 0; i < serverStart.length; i++) {
      serverStart[i] = ticks(this.serverPids.get(i));
    }
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
    return new CpuMeter(pids);
  }

  /** CPU nanoseconds the JVM used since the start. */
  long jvmNanosSinceStart() {
    return jvmNanos() - jvmStart;
  }

  /**
   * CPU nanoseconds the server's processes used since the start: of those read at the start and
   * still running.
   *
   * @return the nanoseconds, or -1 when no process could be read at both ends
   */
  long serverNanosSinceStart() {
    long sum = 0;
    boolean known = false;
    for (int i = 0; i < serverStart.length; i++) {
      if (serverStart[i] < 0) {
        continue;
      }
      long now = ticks(serverPids.get(i));
      if (now >= serverStart[i]) {
        sum += now - serverStart[i];
        known = true;
      }
    }
    return known ? sum * TICK_NANOS : -1;
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

  /** A process's user and system time in ticks, or -1 when it cannot be read (it exited). */
  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // fields after the command name, which is in parentheses and may hold spaces
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
