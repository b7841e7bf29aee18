package dev.sluice.scaling.cli;

import dev.sluice.core.cli.ExitCodes;
import picocli.CommandLine;

/** Entry point of {@code sluice fit} and {@code sluice scale} (bin/sluice runs them with this module's class path). */
public final class ScalingMain {
  private ScalingMain() {}

  public static int execute(String... args) {
    if (args.length == 0 || !(args[0].equals("fit") || args[0].equals("scale"))) {
      System.err.println(
          "usage: sluice fit POINTS.csv [--output FILE] | sluice scale EXPERIMENT.yaml");
      return 2;
    }
    Object command = args[0].equals("fit") ? new FitCommand() : new ScaleCommand();
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    return ExitCodes.install(new CommandLine(command), "sluice " + args[0]).execute(rest);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
