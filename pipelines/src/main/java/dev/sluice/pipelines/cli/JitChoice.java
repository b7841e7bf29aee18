package dev.sluice.pipelines.cli;

import dev.sluice.pipelines.io.InputFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * C1 alone for small inputs, the tiered JIT with C2 for large ones, chosen from the input's size (and, for an image
 * folder with perceptual dedup, its number of files). A run's JIT has to
 * be chosen when its JVM starts, before the recipe is read, so {@code bin/sluice run} starts with C1 alone (it
 * compiles the runner's start-up code for a fraction of C2's cost: measured faster below about the bench corpus's
 * size, BENCHMARKS.md) and passes the large-input flags in {@code -Dsluice.largeInputJit}. When the input files
 * turn out larger than {@code sluice.c1MaxInputBytes} (compressed text files counted at four times their size), the run
 * starts again in a child JVM with those flags and this JVM only waits for it, passing its output and exit code
 * through. An image folder with perceptual dedup also starts again above {@code sluice.c1MaxDedupImages} files,
 * whatever their bytes ({@link #c1MaxDedupImages()}). A child whose parent dies (kill -9) stops at once, so nothing
 * runs on unwatched.
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
   * The flags to relaunch with, or null where this JVM runs whatever the input's size (it was started without
   * them: a relaunched child, a test, a caller that chose its own JIT).
   */
  static List<String> largeInputFlags() {
    String flags = System.getProperty(LARGE_INPUT_JIT);
    return flags == null || flags.isBlank() ? null : List.of(flags.trim().split(","));
  }

  /**
   * Counts the input files as their listing finds them and stops it once they are over {@link #c1MaxBytes()} (the
   * listing then returns null: relaunch); null where there are no {@link #largeInputFlags()} to relaunch with. A
   * large input is no longer listed in full twice (here and again in the child): 1.2 million files took ~5 CPU-s
   * here. A sizer keeps its running total: one per listing.
   *
   * @param compressedFactor what a compressed input file counts for: {@link #TEXT} or {@link #IMAGES}
   */
  static InputFiles.Sizer sizer(int compressedFactor) {
    return sizer(compressedFactor, Long.MAX_VALUE);
  }

  /**
   * As {@link #sizer(int)}, and also stopped by more than {@code maxFiles} files: for inputs whose cost grows with
   * their number of records more than their bytes ({@link #c1MaxDedupImages()}).
   */
  static InputFiles.Sizer sizer(int compressedFactor, long maxFiles) {
    return largeInputFlags() == null ? null : over(c1MaxBytes(), maxFiles, compressedFactor);
  }

  /**
   * A sizer that stops once the files are over {@code maxBytes} (compressed files, .gz, .zst and .parquet, counted
   * at {@code compressedFactor} times their size) or over {@code maxFiles} of them.
   */
  static InputFiles.Sizer over(long maxBytes, long maxFiles, int compressedFactor) {
    long[] total = {0, 0};
    return (file, bytes) ->
        (total[0] += weighted(file, bytes, compressedFactor)) > maxBytes || ++total[1] > maxFiles;
  }

  /**
   * Images (an image_folder's files) above which a recipe with perceptual dedup runs with the tiered JIT, however
   * few bytes they are: its shuffles sort pairs, band keys and component rounds, and Flink's sorter compares Beam's
   * encoded keys by copying them out of its memory segments, a native array check per copy under C1 that C2 makes
   * an intrinsic. Measured on Fashion-MNIST's 28x28 PNGs with the contract recipe's dedup (BENCHMARKS.md, "Perceptual
   * dedup chooses the JIT by images"): C1 ahead by ~4 CPU-s at 30,000 images, the tiered JIT by ~1 at 48,000 (20.1
   * against 21.3) and by ~5 at 60,000.
   */
  static long c1MaxDedupImages() {
    return Long.getLong("sluice.c1MaxDedupImages", DEFAULT_C1_MAX_DEDUP_IMAGES);
  }

  static final long DEFAULT_C1_MAX_DEDUP_IMAGES = 40_000;

  /** The input size above which a run relaunches with the large-input flags. */
  static long c1MaxBytes() {
    return Long.getLong("sluice.c1MaxInputBytes", DEFAULT_C1_MAX_BYTES);
  }

  /** A file's bytes, times {@code compressedFactor} for a compressed one (.gz, .zst, .parquet). */
  private static long weighted(String file, long bytes, int compressedFactor) {
    return endsWithIgnoringCase(file, ".gz")
            || endsWithIgnoringCase(file, ".zst")
            || endsWithIgnoringCase(file, ".parquet")
        ? compressedFactor * bytes
        : bytes;
  }

  private static boolean endsWithIgnoringCase(String s, String suffix) {
    return s.regionMatches(true, s.length() - suffix.length(), suffix, 0, suffix.length());
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
