package dev.sluice.scaling.run;

import dev.sluice.core.cli.ParentWatch;
import dev.sluice.core.cli.RunFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the other verbs ({@code sluice run}, {@code sluice train}) as child processes through the launcher that
 * started this one ({@code -Dsluice.launcher}, bin/sluice), each with its output in a log file. A child that fails
 * fails the experiment with the tail of its log; the grid's finished points stay recorded.
 */
public final class Launcher {
  private final String launcher;
  private static volatile Process current;

  static {
    // Ctrl-C or a kill of `sluice scale` stops the child too, rather than leaving it training
    // unrecorded
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  Process p = current;
                  if (p != null) p.destroy();
                }));
  }

  public Launcher() {
    this(System.getProperty("sluice.launcher", "bin/sluice"));
  }

  public Launcher(String launcher) {
    this.launcher = launcher;
  }

  /** Checks a curation recipe with {@code sluice run RECIPE --check}: a bad one stops the experiment with exit 2. */
  public void checkRecipe(String what, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher);
    cmd.add("run");
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    int rc;
    try {
      rc = p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunFailedException(what + ": interrupted", e);
    }
    if (rc == 2) {
      String last =
          output.lines().filter(l -> l.startsWith("sluice")).reduce((a, b) -> b).orElse(output);
      throw new dev.sluice.core.cli.UsageException(what + ": " + last);
    }
    if (rc != 0)
      throw new RunFailedException(
          what + ": recipe check failed (exit " + rc + "): " + output, null);
  }

  /** Runs {@code launcher verb args...}, output to {@code log}; returns normally only on exit 0. */
  public void run(String what, Path log, String verb, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher);
    cmd.add(verb);
    cmd.addAll(args);
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    // the child ends with this process, even on kill -9 (ParentWatch): a rerun never races an
    // orphan
    pb.environment().put(ParentWatch.ENV, Long.toString(ProcessHandle.current().pid()));
    Process p = pb.start();
    current = p;
    int rc;
    try {
      rc = p.waitFor();
      current = null;
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new RunFailedException(what + ": interrupted", e);
    }
    if (rc != 0) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      String tail =
          String.join("\n    ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
      throw new RunFailedException(
          what + " failed (exit " + rc + "; log " + log + "):\n    " + tail, null);
    }
  }
}
