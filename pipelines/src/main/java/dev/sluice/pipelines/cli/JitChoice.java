package dev.sluice.pipelines.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * C1 alone for small inputs, the tiered JIT with C2 for large ones, chosen from the input's size. A run's JIT has to
 * be chosen when its JVM starts, before the recipe is read, so {@code bin/sluice run} starts with C1 alone (it
 * compiles the runner's start-up code for a fraction of C2's cost: measured faster below about the bench corpus's
 * size, BENCHMARKS.md) and passes the large-input flags in {@code -Dsluice.largeInputJit}. When the input files
 * turn out larger than {@code sluice.c1MaxInputBytes} (compressed files counted at four times their size), the run
 * starts again in a child JVM with those flags and this JVM only waits for it, passing its output and exit code
 * through. A child whose parent dies (kill -9) stops at once, so nothing runs on unwatched.
 */
final class JitChoice {
  static final String LARGE_INPUT_JIT = "sluice.largeInputJit";
  static final String PARENT_PID = dev.sluice.core.cli.ParentWatch.PROPERTY;
  static final long DEFAULT_C1_MAX_BYTES = 96L << 20;

  private JitChoice() {}

  /** What a compressed text file counts for: about what zstd and gzip give on text. */
  static final int TEXT = 4;

  /** What a compressed file of images counts for: JPEG and PNG bytes hardly shrink in a Parquet file or a tar.gz. */
  static final int IMAGES = 1;

  /**
   * The flags to relaunch with, or null to stay in this JVM.
   *
   * @param compressedFactor what a compressed input file counts for: {@link #TEXT} or {@link #IMAGES}
   */
  static List<String> relaunchFlags(List<String> files, int compressedFactor) {
    String flags = System.getProperty(LARGE_INPUT_JIT);
    if (flags == null || flags.isBlank()) return null;
    long limit = c1MaxBytes();
    return estimatedBytes(files, compressedFactor, limit) > limit
        ? List.of(flags.trim().split(","))
        : null;
  }

  /** The input size above which a run relaunches with the large-input flags. */
  static long c1MaxBytes() {
    return Long.getLong("sluice.c1MaxInputBytes", DEFAULT_C1_MAX_BYTES);
  }

  /** Input bytes of a text input: {@link #estimatedBytes(List, int)} with {@link #TEXT}. */
  static long estimatedBytes(List<String> files) {
    return estimatedBytes(files, TEXT);
  }

  /**
   * Input bytes, compressed files (.gz, .zst, .parquet) counted at {@code compressedFactor} times their size. A
   * file that cannot be sized (gone, a dangling link, a name the JVM cannot encode back) counts 0: the reader makes
   * it a dead letter.
   */
  static long estimatedBytes(List<String> files, int compressedFactor) {
    return estimatedBytes(files, compressedFactor, Long.MAX_VALUE);
  }

  /**
   * As {@link #estimatedBytes(List, int)}, but stops sizing files once the total is past {@code stopAbove}: the
   * callers only ask which side of a limit the input is on, and sizing a file is a system call (a 400,000-file
   * input was sized twice, in full: ~1.3 CPU-s).
   */
  static long estimatedBytes(List<String> files, int compressedFactor, long stopAbove) {
    long total = 0;
    for (String f : files) {
      if (total > stopAbove) break;
      try {
        long size = Files.size(Path.of(f));
        String name = f.toLowerCase(Locale.ROOT);
        total +=
            name.endsWith(".gz") || name.endsWith(".zst") || name.endsWith(".parquet")
                ? compressedFactor * size
                : size;
      } catch (IOException | java.nio.file.InvalidPathException e) {
        // not sized: read as a dead letter
      }
    }
    return total;
  }

  /** Runs the same command in a child JVM with {@code flags} in place of C1-only, and returns its exit code. */
  static int relaunch(List<String> flags, List<String> args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-XX:TieredStopAtLevel")
          || a.startsWith("-D" + LARGE_INPUT_JIT)
          || a.startsWith("-XX:ArchiveClassesAtExit")) {
        continue;
      }
      cmd.add(a);
    }
    cmd.addAll(flags);
    cmd.add("-D" + PARENT_PID + "=" + ProcessHandle.current().pid());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Sluice.class.getName());
    cmd.addAll(args);
    Process child = new ProcessBuilder(cmd).inheritIO().start();
    Thread stop = new Thread(child::destroy);
    Runtime.getRuntime().addShutdownHook(stop);
    int code = child.waitFor();
    Runtime.getRuntime().removeShutdownHook(stop);
    return code;
  }
}
