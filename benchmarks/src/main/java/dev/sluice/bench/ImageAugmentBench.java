package dev.sluice.bench;

import dev.sluice.augment.image.ImageAugmentPolicy;
import dev.sluice.quality.image.Pixels;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Single-thread throughput of image augmentation ({@link ImageAugmentPolicy}), in images per CPU-second of
 * the thread (so a busy shared machine's other load does not count against it),, no Beam, no decode: 16 generated
 * 256 × 256 RGB images (gradients, a disc and speckle, so no op meets a flat image), copy 1, 2, ... per pass. Prints
 * images/s for RandAugment (N = 1, M = 9: one op per image, the figure albumentations' per-op tables compare with),
 * RandAugment (2, 9), TrivialAugmentWide, then each op alone ({@code policy: ops} with the op at p = 1 and its
 * default range).
 *
 * <pre>
 * bin/sluice-bench augment-image [--size 256] [--rounds 5] [--round-seconds 2] [--warmup-seconds 4]
 *     [--op-seconds 0.6]
 * </pre>
 */
public final class ImageAugmentBench {
  private ImageAugmentBench() {}

  public static void main(String[] args) {
    Map<String, String> opt = new LinkedHashMap<>();
    opt.put("size", "256");
    opt.put("rounds", "5");
    opt.put("round-seconds", "2");
    opt.put("warmup-seconds", "4");
    opt.put("op-seconds", "0.6");
    for (int i = 0; i + 1 < args.length; i += 2) {
      String key = args[i].replaceFirst("^--", "");
      if (!opt.containsKey(key)) throw new IllegalArgumentException("unknown option " + args[i]);
      opt.put(key, args[i + 1]);
    }
    int size = Integer.parseInt(opt.get("size"));
    Pixels[] images = new Pixels[16];
    for (int i = 0; i < images.length; i++) images[i] = image(size, i);
    System.out.printf(
        Locale.ROOT,
        "%d images of %dx%d RGB, JVM %s, %d processors available%n",
        images.length,
        size,
        size,
        System.getProperty("java.vm.version"),
        Runtime.getRuntime().availableProcessors());

    int rounds = Integer.parseInt(opt.get("rounds"));
    double roundSeconds = Double.parseDouble(opt.get("round-seconds"));
    Sink sink = new Sink();
    ImageAugmentPolicy ra1 =
        ImageAugmentPolicy.from(Map.of("policy", "randaugment", "n", 1, "m", 9));
    run(ra1, images, Double.parseDouble(opt.get("warmup-seconds")), sink);
    for (Map.Entry<String, ImageAugmentPolicy> e :
        Map.of(
                "randaugment n=1 m=9",
                ra1,
                "randaugment n=2 m=9",
                ImageAugmentPolicy.from(Map.of("policy", "randaugment")),
                "trivialaugment (wide)",
                ImageAugmentPolicy.from(Map.of("policy", "trivialaugment")))
            .entrySet()
            .stream()
            .sorted(Map.Entry.comparingByKey())
            .toList()) {
      double[] rates = new double[rounds];
      for (int r = 0; r < rounds; r++) rates[r] = run(e.getValue(), images, roundSeconds, sink);
      Arrays.sort(rates);
      System.out.printf(
          Locale.ROOT,
          "%-24s median %,8.0f images per CPU-second (range %,.0f-%,.0f), 1 thread%n",
          e.getKey(),
          rates[rounds / 2],
          rates[0],
          rates[rounds - 1]);
    }

    double opSeconds = Double.parseDouble(opt.get("op-seconds"));
    System.out.println("each op alone (p = 1, default range; median of 3 rounds):");
    for (String op : ImageAugmentPolicy.OPS) {
      ImageAugmentPolicy one =
          ImageAugmentPolicy.from(Map.of("policy", "ops", "ops", Map.of(op, 1.0)));
      run(one, images, opSeconds, sink);
      double[] r3 = new double[3];
      for (int r = 0; r < 3; r++) r3[r] = run(one, images, opSeconds, sink);
      Arrays.sort(r3);
      System.out.printf(Locale.ROOT, "  %-14s %,9.0f images per CPU-second%n", op, r3[1]);
    }
    System.out.println("(checksum " + sink.sum + ")");
  }

  /** Keeps results alive so the JIT cannot drop the work. */
  private static final class Sink {
    long sum;
    int copy = 1;
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * Augments every image, copy after copy, until {@code seconds} of this thread's CPU time have passed (whole passes
   * only); returns images per CPU-second, so a shared machine's other load does not count against the figure.
   */
  private static double run(ImageAugmentPolicy p, Pixels[] images, double seconds, Sink sink) {
    long limit = (long) (seconds * 1e9);
    long start = THREADS.getCurrentThreadCpuTime();
    long n = 0, elapsed;
    do {
      for (int i = 0; i < images.length; i++) {
        ImageAugmentPolicy.Result r = p.apply(images[i], 42, "img-" + i, sink.copy);
        byte[] d = r.pixels().data();
        sink.sum += d[d.length / 2] + r.ops().size();
      }
      n += images.length;
      sink.copy++;
      elapsed = THREADS.getCurrentThreadCpuTime() - start;
    } while (elapsed < limit);
    return n / (elapsed / 1e9);
  }

  private static Pixels image(int size, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] d = new byte[size * size * 3];
    int cx = rnd.nextInt(size), cy = rnd.nextInt(size), r2 = size * size / 16;
    for (int y = 0, i = 0; y < size; y++) {
      for (int x = 0; x < size; x++, i += 3) {
        int s = rnd.nextInt(24);
        boolean disc = (x - cx) * (x - cx) + (y - cy) * (y - cy) < r2;
        d[i] = (byte) Math.min(255, x * 200 / size + (disc ? 50 : 0) + s);
        d[i + 1] = (byte) Math.min(255, y * 220 / size + s);
        d[i + 2] = (byte) Math.min(255, (x + y) * 3 % 230 + s);
      }
    }
    return new Pixels(size, size, 3, d);
  }
}
