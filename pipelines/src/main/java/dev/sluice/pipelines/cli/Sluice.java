package dev.sluice.pipelines.cli;

import dev.sluice.pipelines.run.Curation;
import dev.sluice.core.config.Config;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} command line. Exit codes: 0 success, 1 a run that failed, 2 bad usage or a bad recipe. */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice " + Curation.VERSION,
    description = "Curate text corpora into deterministic Parquet shards.",
    footer = {"", "Also: bin/sluice train RECIPE --data RUN_DIR [--device cpu|gpu] trains a byte-level LM on a run's",
        "shards (see bin/sluice train --help and docs/training.md)."},
    subcommands = {RunCommand.class, ReportCommand.class, IndexCommand.class})
public final class Sluice implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }

  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Sluice());
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      boolean verbose = parsed.hasMatchedOption("--verbose");
      if (ex instanceof Config.ConfigException || ex instanceof IllegalArgumentException
          || ex instanceof java.io.IOException && parsed.subcommand() != null
          && !parsed.subcommand().commandSpec().name().equals("run")) {
        String what = !(ex instanceof Config.ConfigException c) ? "sluice: "
            : c.field().startsWith("--") ? "sluice: bad option: " : "sluice: bad recipe: ";
        System.err.println(what + ex.getMessage());
        if (verbose) ex.printStackTrace();
        return 2;
      }
      System.err.println("sluice: the run failed: " + ex.getMessage());
      if (verbose) ex.printStackTrace();
      else System.err.println("(run again with --verbose for the stack trace)");
      return 1;
    });
    cli.setParameterExceptionHandler((ex, a) -> {
      System.err.println("sluice: " + ex.getMessage());
      ex.getCommandLine().usage(System.err);
      return 2;
    });
    return cli.execute(args);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
