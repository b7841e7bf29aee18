package dev.sluice.bench;

import dev.sluice.pipelines.io.FileReader;
import dev.sluice.pipelines.io.InputSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;

/**
 * The warc input format alone (WARC -> HTML pages -> MainText -> validated documents, no runner), one thread:
 * {@code WarcBench FILE ROUNDS} reads FILE ROUNDS times and prints each round's documents, dead letters, skipped
 * records, wall and thread CPU seconds, and documents per CPU-second (the first rounds include the JIT warming up).
 */
public final class WarcBench {
  private WarcBench() {}

  public static void main(String[] args) {
    String file = args[0];
    int rounds = Integer.parseInt(args[1]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int round = 1; round <= rounds; round++) {
      long[] n = new long[3];
      FileReader reader =
          new FileReader(InputSettings.from(Map.of("path", file, "format", "warc")));
      long wall0 = System.nanoTime();
      long cpu0 = threads.getCurrentThreadCpuTime();
      reader.read(file, d -> n[0]++, d -> n[1]++, reason -> n[2]++);
      double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
      double wall = (System.nanoTime() - wall0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "round %d: %,d documents, %,d dead letters, %,d skipped; %.2f s wall, %.2f s CPU: %,.0f documents"
              + " per CPU-second%n",
          round,
          n[0],
          n[1],
          n[2],
          wall,
          cpu,
          n[0] / cpu);
    }
  }
}
