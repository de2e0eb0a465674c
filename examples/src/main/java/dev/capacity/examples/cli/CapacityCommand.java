package dev.capacity.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code capacity} command-line program: {@code java -jar examples/target/capacity.jar
 * <command> ...}. Each command is a class annotated with {@link Command} that implements {@code
 * Callable<Integer>}, listed in {@code subcommands} below; it writes results to the command line's
 * out writer and problems to its err writer, and returns one of the exit codes defined here.
 *
 * <p>Exit codes: {@value #OK} success, {@value #RULES_BROKEN} the input breaks a rule, {@value
 * #BAD_INPUT} unreadable or invalid input or a usage error, {@value #INTERNAL_ERROR} a bug (an
 * unexpected exception, printed with its stack trace).
 *
 * <p>Not thread-safe: picocli fills a command's fields from the arguments of one run.
 */
@Command(
    name = "capacity",
    mixinStandardHelpOptions = true,
    versionProvider = CapacityCommand.Version.class,
    description =
        "Seats restaurant bookings on tables; checks, replays and auto-assigns scenario files.",
    subcommands = {
      ValidateCommand.class,
      ReplayCommand.class,
      AssignCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class CapacityCommand implements Runnable {
  /** Exit code: the command succeeded (for {@code validate}: no rule is broken). */
  public static final int OK = 0;

  /** Exit code: the input was read but breaks at least one rule. */
  public static final int RULES_BROKEN = 1;

  /** Exit code: an input file is missing, not JSON or invalid, or the arguments are wrong. */
  public static final int BAD_INPUT = 2;

  /** Exit code: an unexpected exception (a bug in the program). */
  public static final int INTERNAL_ERROR = 3;

  @CommandLine.Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandLine.Model.CommandSpec spec;

  /** Creates the top command; picocli calls this. */
  public CapacityCommand() {}

  /** Without a subcommand: prints the usage and fails. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required command");
  }

  /**
   * The program's command line, ready to {@link CommandLine#execute(String...) execute}: output to
   * {@code System.out}, errors to {@code System.err}.
   *
   * @return a new command line
   */
  public static CommandLine commandLine() {
    CommandLine top = new CommandLine(new CapacityCommand());
    exitCodes(top);
    return top;
  }

  private static void exitCodes(CommandLine command) {
    command.getCommandSpec().exitCodeOnInvalidInput(BAD_INPUT);
    command.getCommandSpec().exitCodeOnExecutionException(INTERNAL_ERROR);
    command.getSubcommands().values().forEach(CapacityCommand::exitCodes);
  }

  /**
   * The program's command line writing to given writers (for tests and embedding).
   *
   * @param out where results go
   * @param err where problems go
   * @return a new command line
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine().setOut(out).setErr(err);
  }

  /**
   * Runs the program and exits with its exit code.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The version printed by {@code --version}: the jar's implementation version, if any. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = CapacityCommand.class.getPackage().getImplementationVersion();
      return new String[] {"capacity " + (v == null ? "(development build)" : v)};
    }
  }
}
