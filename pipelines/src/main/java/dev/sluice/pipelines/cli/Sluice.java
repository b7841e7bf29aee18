package dev.sluice.pipelines.cli;

import dev.sluice.core.cli.ExitCodes;
import dev.sluice.pipelines.run.Curation;
import dev.sluice.pipelines.run.WarmUp;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} command line. Exit codes: 0 success, 1 a run that failed, 2 bad usage or a bad recipe. */
@Command(
    name = "sluice",
    mixinStandardHelpOptions = true,
    version = "sluice " + Curation.VERSION,
    description = "Curate text corpora into deterministic Parquet shards.",
    footer = {
      "",
      "Also: bin/sluice train RECIPE --data RUN_DIR [--device cpu|gpu] trains a byte-level LM on a run's",
      "shards (see bin/sluice train --help and docs/training.md)."
    },
    subcommands = {
      RunCommand.class,
      ReportCommand.class,
      IndexCommand.class,
      DifficultyModelCommand.class,
      QualityModelCommand.class
    })
public final class Sluice implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }

  public static int execute(String... args) {
    return ExitCodes.install(new CommandLine(new Sluice()), "sluice").execute(args);
  }

  public static void main(String[] args) {
    dev.sluice.core.cli.ParentWatch.start();
    if (args.length > 0 && args[0].equals("run")) WarmUp.beamOptions();
    System.exit(execute(args));
  }
}
