package dev.sluice.quality.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Images per second of one thread's CPU time: ImageIO.read alone (no disk cache) against the whole per-image work of an image
 * run before writing (decode + signals + pHash + dHash), on the sample JPEG photos (~0.3 to 0.8 MP) and on 28x28
 * Fashion-MNIST PNGs. Prints; asserts nothing (numbers go to BENCHMARKS.md with this command):
 *
 * <pre>mvn -q -B -o -pl quality -am test -Dtest=ImageThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dsurefire.groups=slow -Dsurefire.excludedGroups=</pre>
 */
@Tag("slow")
class ImageThroughputBench {
  @Test
  void measure() throws Exception {
    ImageIO.setUseCache(false);
    List<byte[]> photos =
        Samples.files("photos").stream()
            .filter(p -> p.toString().endsWith(".jpg"))
            .map(Samples::bytes)
            .toList();
    List<byte[]> small = Samples.anywhere("fashion-mnist-1k").stream().map(Samples::bytes).toList();
    long pixels = 0;
    for (byte[] b : photos) pixels += ImageDecoder.decode(b, null, null).pixels().pixelCount();
    System.out.printf(
        Locale.ROOT,
        "photos: %d JPEGs, %.2f MP mean%n",
        photos.size(),
        pixels / 1e6 / photos.size());
    report("photos", photos, 3.0);
    if (!small.isEmpty()) report("fashion 28x28 png", small, 3.0);
  }

  static void report(String name, List<byte[]> set, double seconds) throws Exception {
    double imageio = rate(set, seconds, ImageThroughputBench::imageIoRead);
    double decode = rate(set, seconds, ImageThroughputBench::decodeOnly);
    double full = rate(set, seconds, ImageThroughputBench::endToEnd);
    System.out.printf(
        Locale.ROOT,
        "%s: ImageIO.read %.0f/s | ImageDecoder.decode %.0f/s | decode+signals+phash+dhash %.0f/s"
            + " (%.2fx the ImageIO.read time)%n",
        name,
        imageio,
        decode,
        full,
        imageio / full);
  }

  interface Work {
    long run(byte[] b) throws Exception;
  }

  static long imageIoRead(byte[] b) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(b)).getWidth();
  }

  static long decodeOnly(byte[] b) throws ImageRejected {
    return ImageDecoder.decode(b, null, null).pixels().width();
  }

  static long endToEnd(byte[] b) throws ImageRejected {
    ImageDecoder.Decoded d = ImageDecoder.decode(b, null, null);
    Pixels p = d.pixels();
    byte[] luma = p.luma();
    ImageSignals.Values v = ImageSignals.measure(p, luma, b, d.sourceFormat());
    return (long) v.blur()
        ^ PerceptualHash.phash(luma, p.width(), p.height())
        ^ PerceptualHash.dhash(luma, p.width(), p.height());
  }

  /**
   * Images per second of this thread's CPU time (not wall time: the machine is shared, and CPU time is what "per
   * core" means) over at least `seconds` of it, after a warm-up of the same length.
   */
  static double rate(List<byte[]> set, double seconds, Work w) throws Exception {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int pass = 0; pass < 2; pass++) {
      long start = mx.getCurrentThreadCpuTime(), n = 0;
      while (mx.getCurrentThreadCpuTime() - start < seconds * 1e9) {
        for (byte[] b : set) sink += w.run(b);
        n += set.size();
      }
      if (pass == 1) {
        if (sink == 42) System.out.print("");
        return n / ((mx.getCurrentThreadCpuTime() - start) / 1e9);
      }
    }
    throw new AssertionError();
  }
}
