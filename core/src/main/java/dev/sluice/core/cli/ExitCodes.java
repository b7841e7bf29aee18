package dev.sluice.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * The one map from outcomes to exit codes, for every verb: 0 success; 2 bad usage or a bad recipe (a
 * {@link UsageException}, or options picocli cannot parse), refused before any work; 1 a run that failed (a
 * {@link RunFailedException} or an I/O failure, its reason in one line) or a bug (any other exception, printed with
 * its stack trace so it can be reported, never passed off as bad usage).
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  /** Sluice's version: what {@code -V} prints on every verb, and what manifests record. */
  public static final String VERSION = "0.1.0";

  private ExitCodes() {}

  /** Installs the map on a picocli command line; {@code program} prefixes every message ("sluice", "sluice train"). */
  public static CommandLine install(CommandLine cli, String program) {
    withVersion(cli);
    cli.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> report(program, ex, verbose(parsed), System.err));
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          System.err.println(program + ": " + ex.getMessage());
          ex.getCommandLine().usage(System.err);
          return USAGE;
        });
    return cli;
  }

  /** Gives every command without a version of its own Sluice's, so {@code -V} never prints nothing. */
  private static void withVersion(CommandLine cli) {
    if (cli.getCommandSpec().version().length == 0) {
      cli.getCommandSpec().version("sluice " + VERSION);
    }
    cli.getSubcommands().values().forEach(ExitCodes::withVersion);
  }

  /**
   * Whether {@code --verbose} was given to the command that ran: it is an option of the subcommand ({@code sluice
   * run ... --verbose}), so the top-level parse result alone never has it.
   */
  static boolean verbose(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
      if (r.hasMatchedOption("--verbose")) return true;
    }
    return false;
  }

  /** Prints what the user needs to see of {@code ex} and returns its exit code. */
  public static int report(String program, Throwable ex, boolean verbose, PrintStream err) {
    if (ex instanceof UsageException) {
      err.println(program + ": " + ((UsageException) ex).kind() + ex.getMessage());
      if (verbose) ex.printStackTrace(err);
      return USAGE;
    }
    if (ex instanceof RunFailedException
        || ex instanceof IOException
        || ex instanceof UncheckedIOException) {
      err.println(program + ": the run failed: " + ex.getMessage());
      if (verbose) ex.printStackTrace(err);
      else err.println("(run again with --verbose for the stack trace)");
      return FAILED;
    }
    err.println(program + ": internal error (a bug; please report it with the trace below): " + ex);
    ex.printStackTrace(err);
    return FAILED;
  }
}
