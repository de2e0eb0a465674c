package dev.capacity.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's own benchmark client as the yardstick of {@link PostgresLoad}: {@code pgbench -i -s
 * SCALE} into a database of its own on the load's server, then {@code pgbench -b simple-update -c
 * CLIENTS -j THREADS -T SECONDS -n} a few times, and the median of their {@code tps} figures (one
 * run of pgbench on a shared machine varies by a fifth from the next, this afternoon by more). The
 * runs go in a row ({@link #run}) or one at a time between the load's own runs ({@link Session}).
 * The database is dropped afterwards.
 *
 * <p>Stateless and thread-safe.
 */
final class Pgbench {
  private static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9.]+)(.*)$");
  private static final Pattern LATENCY = Pattern.compile("(?m)^latency average = ([0-9.]+) ms");
  private static final Pattern TRANSACTIONS =
      Pattern.compile("(?m)^number of transactions actually processed: ([0-9]+)");
  private static final Pattern VERSION_DIR = Pattern.compile("[0-9]+(\\.[0-9]+)*");
  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\S+)");
  private static final Pattern DOT = Pattern.compile("\\.");
  private static final Pattern PATH_SEPARATOR = Pattern.compile(Pattern.quote(File.pathSeparator));

  private Pgbench() {}

  /**
   * What pgbench measured.
   *
   * @param path the executable
   * @param version its version, e.g. {@code pgbench 15.18}
   * @param scale the scale factor of {@code -i}
   * @param clients {@code -c}
   * @param threads {@code -j}
   * @param seconds {@code -T} of each run
   * @param initSeconds how long {@code -i} took
   * @param tps the median of the runs' transactions per second (without the initial connection
   *     time)
   * @param transactions transactions processed by all runs, or -1 when a run did not say
   * @param latencyMillis the median of the runs' mean latency of a transaction, or -1 when none
   *     said
   * @param runTps each run's transactions per second, in order
   */
  record Result(
      String path,
      String version,
      int scale,
      int clients,
      int threads,
      int seconds,
      double initSeconds,
      double tps,
      long transactions,
      double latencyMillis,
      List<Double> runTps) {}

  /**
   * Finds pgbench: the given path, else {@code pgbench} on the {@code PATH}, else the newest {@code
   * /usr/lib/postgresql/VERSION/bin/pgbench}.
   *
   * @param given the value of {@code --pgbench}, or null
   * @return the executable, or null when none is found
   * @throws LoadException if a given path is not an executable file
   */
  static @Nullable Path find(@Nullable String given) throws LoadException {
    if (given != null) {
      Path p = Path.of(given);
      if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
        throw new LoadException("--pgbench: not an executable file: " + given, null);
      }
      return p;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : PATH_SEPARATOR.splitAsStream(path).toList()) {
        if (dir.isEmpty()) {
          continue;
        }
        Path p = Path.of(dir, "pgbench");
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return p;
        }
      }
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    List<Path> versions = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path d : dirs) {
        if (VERSION_DIR.matcher(d.getFileName().toString()).matches()) {
          versions.add(d);
        }
      }
    } catch (IOException e) {
      return null;
    }
    versions.sort(Comparator.comparing((Path d) -> d.getFileName().toString(), Pgbench::compare));
    for (int i = versions.size() - 1; i >= 0; i--) {
      Path p = versions.get(i).resolve("bin").resolve("pgbench");
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Compares dotted version numbers numerically ({@code 9.6 < 15 < 18}). */
  static int compare(String a, String b) {
    long[] x = DOT.splitAsStream(a).mapToLong(Long::parseLong).toArray();
    long[] y = DOT.splitAsStream(b).mapToLong(Long::parseLong).toArray();
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long u = i < x.length ? x[i] : 0;
      long v = i < y.length ? y[i] : 0;
      if (u != v) {
        return Long.compare(u, v);
      }
    }
    return 0;
  }

  /**
   * Runs the comparison in a row: {@link Session#open opens} a session, runs simple-update {@code
   * runs} times and closes it.
   *
   * @param pgbench the executable
   * @param server the server
   * @param database the database to create, a plain identifier
   * @param scale {@code -s}
   * @param clients {@code -c}
   * @param seconds {@code -T} of each run
   * @param runs how many runs, one after another
   * @param log where to say what is going on
   * @return the figures
   * @throws LoadException if a step fails; the message carries pgbench's output
   */
  static Result run(
      Path pgbench,
      LoadServer server,
      String database,
      int scale,
      int clients,
      int seconds,
      int runs,
      PrintStream log)
      throws LoadException {
    try (Session session = Session.open(pgbench, server, database, scale, clients, seconds, log)) {
      log.println(
          "pgbench: simple-update with "
              + clients
              + " clients, "
              + session.threads
              + " threads, "
              + runs
              + (runs == 1 ? " run" : " runs")
              + " of "
              + seconds
              + " s");
      for (int i = 0; i < runs; i++) {
        session.runOnce(i + 1 + " of " + runs);
      }
      return session.result();
    }
  }

  /**
   * A pgbench database initialised on the load's server, for runs of simple-update one at a time
   * (so that {@link PostgresLoad} can put them between its own runs); closing it drops the
   * database.
   *
   * <p>Not thread-safe: one caller runs it.
   */
  static final class Session implements AutoCloseable {
    private final Path pgbench;
    private final LoadServer server;
    private final String database;
    private final String version;
    private final int scale;
    private final int clients;
    private final int threads;
    private final int seconds;
    private final double initSeconds;
    private final PrintStream log;
    private final List<String> bench;
    private final List<Double> runTps = new ArrayList<>();
    private final List<Double> latencies = new ArrayList<>(); // of the runs that printed one
    private long transactions; // -1 once a run printed no count

    private Session(
        Path pgbench,
        LoadServer server,
        String database,
        String version,
        int scale,
        int clients,
        int seconds,
        double initSeconds,
        PrintStream log) {
      this.pgbench = pgbench;
      this.server = server;
      this.database = database;
      this.version = version;
      this.scale = scale;
      this.clients = clients;
      this.threads = Math.min(2, clients);
      this.seconds = seconds;
      this.initSeconds = initSeconds;
      this.log = log;
      List<String> b = new ArrayList<>(List.of(pgbench.toString(), "-b", "simple-update"));
      b.addAll(List.of("-c", String.valueOf(clients), "-j", String.valueOf(threads)));
      b.addAll(List.of("-T", String.valueOf(seconds), "-n"));
      b.addAll(connection(server, database));
      this.bench = List.copyOf(b);
    }

    /**
     * Creates the database (dropping one of the name first) and initialises it with {@code pgbench
     * -i}; the database is dropped again if that fails.
     *
     * @param pgbench the executable
     * @param server the server
     * @param database the database to create, a plain identifier
     * @param scale {@code -s}
     * @param clients {@code -c} of each run
     * @param seconds {@code -T} of each run
     * @param log where to say what is going on
     * @return the session
     * @throws LoadException if a step fails; the message carries pgbench's output
     */
    static Session open(
        Path pgbench,
        LoadServer server,
        String database,
        int scale,
        int clients,
        int seconds,
        PrintStream log)
        throws LoadException {
      String version = version(exec(List.of(pgbench.toString(), "--version"), server, 60));
      recreate(server, database, true);
      try {
        log.println(
            "pgbench: initialising database "
                + database
                + " (scale "
                + scale
                + ") with "
                + version);
        long t0 = System.nanoTime();
        List<String> init = new ArrayList<>(List.of(pgbench.toString(), "-i", "-q"));
        init.addAll(List.of("-s", String.valueOf(scale)));
        init.addAll(connection(server, database));
        exec(init, server, 1800);
        return new Session(
            pgbench,
            server,
            database,
            version,
            scale,
            clients,
            seconds,
            (System.nanoTime() - t0) / 1e9,
            log);
      } catch (LoadException | RuntimeException e) {
        drop(server, database, log);
        throw e;
      }
    }

    /**
     * Runs simple-update once and records its figures.
     *
     * @param which how the log names the run, e.g. {@code 2 of 3}
     * @return the run's transactions per second
     * @throws LoadException if pgbench fails; the message carries its output
     */
    double runOnce(String which) throws LoadException {
      String out = exec(bench, server, seconds + 600L);
      double tps = tps(out);
      runTps.add(tps);
      Matcher tx = TRANSACTIONS.matcher(out);
      Matcher lat = LATENCY.matcher(out);
      transactions =
          transactions < 0 || !tx.find() ? -1 : transactions + Long.parseLong(tx.group(1));
      if (lat.find()) {
        latencies.add(Double.parseDouble(lat.group(1)));
      }
      log.printf(Locale.ROOT, "pgbench: run %s: %.1f tps%n", which, tps);
      tidy();
      return tps;
    }

    /**
     * What pgbench does before a run without {@code -n}, done right after each run instead: the
     * small tables vacuumed and the history emptied, so that no autovacuum of them competes with
     * whatever runs next on the server (the load's own runs, when pgbench goes between them).
     */
    private void tidy() throws LoadException {
      try (Connection c = server.connect(database);
          Statement st = c.createStatement()) {
        st.execute("VACUUM pgbench_branches");
        st.execute("VACUUM pgbench_tellers");
        st.execute("TRUNCATE pgbench_history");
      } catch (SQLException e) {
        throw new LoadException("cannot tidy the pgbench database: " + e.getMessage(), e);
      }
    }

    /**
     * The figures of the runs so far.
     *
     * @throws IllegalStateException if nothing ran yet
     */
    Result result() {
      if (runTps.isEmpty()) {
        throw new IllegalStateException("pgbench has not run yet");
      }
      return new Result(
          pgbench.toString(),
          version,
          scale,
          clients,
          threads,
          seconds,
          initSeconds,
          PostgresLoad.median(runTps.stream().mapToDouble(Double::doubleValue).toArray()),
          transactions,
          latencies.isEmpty()
              ? -1
              : PostgresLoad.median(latencies.stream().mapToDouble(Double::doubleValue).toArray()),
          List.copyOf(runTps));
    }

    /** Drops the database; a failure is logged, not thrown. */
    @Override
    public void close() {
      drop(server, database, log);
    }
  }

  private static void drop(LoadServer server, String database, PrintStream log) {
    try {
      recreate(server, database, false);
    } catch (LoadException e) {
      log.println("pgbench: " + e.getMessage());
    }
  }

  /**
   * The tps figure of pgbench's output: the line without the initial connection time (pgbench 14+),
   * or the one excluding connections establishing (older), or the only one.
   *
   * @param output pgbench's output
   * @return transactions per second
   * @throws LoadException if there is no tps line
   */
  static double tps(String output) throws LoadException {
    Matcher m = TPS.matcher(output);
    double any = -1;
    while (m.find()) {
      double v = Double.parseDouble(m.group(1));
      String rest = m.group(2);
      if (rest.contains("without initial connection time")
          || rest.contains("excluding connections")) {
        return v;
      }
      if (any < 0) {
        any = v;
      }
    }
    if (any < 0) {
      throw new LoadException("pgbench printed no 'tps = ' line:\n" + output.strip(), null);
    }
    return any;
  }

  /** {@code pgbench 15.18} from {@code pgbench (PostgreSQL) 15.18 (Debian ...)}. */
  static String version(String output) {
    Matcher m = VERSION.matcher(output);
    return m.find() ? "pgbench " + m.group(1) : output.strip();
  }

  private static List<String> connection(LoadServer server, String database) {
    List<String> args = new ArrayList<>(List.of("-h", server.host()));
    args.addAll(List.of("-p", String.valueOf(server.port())));
    String user = server.user();
    if (user != null) {
      args.addAll(List.of("-U", user));
    }
    args.add(database);
    return args;
  }

  /** Drops the database (ending its sessions) and, if asked, creates it again. */
  private static void recreate(LoadServer server, String database, boolean create)
      throws LoadException {
    try (Connection c = server.connect();
        Statement st = c.createStatement()) {
      st.execute(
          "DROP DATABASE IF EXISTS "
              + database
              + (server.versionNum() >= 130000 ? " WITH (FORCE)" : ""));
      if (create) {
        st.execute("CREATE DATABASE " + database);
      }
    } catch (SQLException e) {
      throw new LoadException(
          "cannot "
              + (create ? "create" : "drop")
              + " the pgbench database "
              + database
              + ": "
              + e.getMessage()
              + (create ? "\nMaybe: the user needs CREATEDB; or skip it with --no-pgbench" : ""),
          e);
    }
  }

  /** Runs a command, returns its output (stdout and stderr); fails on a non-zero exit. */
  private static String exec(List<String> command, LoadServer server, long timeoutSeconds)
      throws LoadException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    String password = server.password();
    if (password != null) {
      env.put("PGPASSWORD", password);
    }
    env.put("PGAPPNAME", "capacity-load-pgbench");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new LoadException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
    try {
      StringBuilder text = new StringBuilder();
      Thread drain =
          new Thread(
              () -> {
                try (InputStream in = p.getInputStream()) {
                  String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                  synchronized (text) {
                    text.append(s);
                  }
                } catch (IOException e) {
                  // The process ended or was killed; what was read is kept.
                }
              },
              "pgbench-output");
      drain.setDaemon(true);
      drain.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new LoadException(
            String.join(" ", command) + " did not finish within " + timeoutSeconds + " s", null);
      }
      drain.join(10_000);
      String out;
      synchronized (text) {
        out = text.toString();
      }
      if (p.exitValue() != 0) {
        throw new LoadException(
            String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n" + out.strip(),
            null);
      }
      return out;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new LoadException("interrupted while running " + command.get(0), e);
    }
  }
}
