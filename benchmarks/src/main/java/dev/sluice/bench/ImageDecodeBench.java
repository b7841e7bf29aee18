package dev.sluice.bench;

import dev.sluice.quality.image.ImageDecoder;
import dev.sluice.quality.image.ImageRejected;
import dev.sluice.quality.image.ImageSignals;
import dev.sluice.quality.image.PerceptualHash;
import dev.sluice.quality.image.Pixels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The per-image work of an image run, one part at a time, on one thread, in images per CPU-second of the thread:
 * {@code ImageIO.read} alone, the reader alone as the decoder calls it ({@link ImageDecoder#readOnly}: the fair "decode
 * alone" reference, without ImageIO.read's registry search and stream cache), {@link ImageDecoder#decode} (checks, ImageIO,
 * conversion to gray/RGB samples, EXIF orientation and the pixel SHA-256), the pixel SHA-256 alone, the signals,
 * pHash and dHash (each computing the luma plane), the luma plane alone, and all of decode + signals + hashes with the luma computed once, as a run does. Run it under the JIT flags a run uses to see what each part
 * costs there ({@code bin/sluice run} takes C1 alone for small inputs: {@code -XX:TieredStopAtLevel=1}).
 *
 * <pre>
 * bin/sluice-bench image-decode DIR [--ext jpg] [--rounds 5] [--round-seconds 2] [--warmup-seconds 4]
 * </pre>
 */
public final class ImageDecodeBench {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private ImageDecodeBench() {}

  interface Work {
    long apply(byte[] encoded, ImageDecoder.Decoded decoded) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int rounds = 5;
    double roundSeconds = 2, warmup = 4;
    String ext = "";
    if (args.length == 0 || args.length % 2 == 0)
      throw new IllegalArgumentException(
          "usage: ImageDecodeBench DIR [--ext EXT] [--rounds N] ...");
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--round-seconds" -> roundSeconds = Double.parseDouble(args[i + 1]);
        case "--warmup-seconds" -> warmup = Double.parseDouble(args[i + 1]);
        case "--ext" -> ext = "." + args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ImageIO.setUseCache(false); // as ImageDecoder reads: from memory, no temporary file
    List<byte[]> files = new ArrayList<>();
    List<ImageDecoder.Decoded> decoded = new ArrayList<>();
    long pixels = 0;
    try (Stream<Path> walk = Files.walk(dir)) {
      String suffix = ext;
      for (Path f :
          walk.filter(Files::isRegularFile)
              .filter(f -> f.toString().endsWith(suffix))
              .sorted()
              .toList()) {
        byte[] b = Files.readAllBytes(f);
        try {
          ImageDecoder.Decoded d = ImageDecoder.decode(b, f.getFileName().toString(), null);
          files.add(b);
          decoded.add(d);
          pixels += (long) d.pixels().width() * d.pixels().height();
        } catch (ImageRejected e) {
          // not an image (a SOURCES.csv, a licence): not part of the figure
        }
      }
    }
    if (files.isEmpty())
      throw new IllegalArgumentException(
          "no decodable image under " + dir + " ending in '" + ext + "'");
    System.out.printf(
        Locale.ROOT,
        "%d images under %s, %.2f MP on average, %,d bytes on average; JVM %s, flags %s%n",
        files.size(),
        dir,
        pixels / 1e6 / files.size(),
        files.stream().mapToLong(b -> b.length).sum() / files.size(),
        System.getProperty("java.vm.version"),
        ManagementFactory.getRuntimeMXBean().getInputArguments());
    String[] names = {
      "ImageIO.read alone",
      "reader alone (as decode reads)",
      "ImageDecoder.decode",
      "pixel SHA-256 alone",
      "signals alone",
      "pHash alone",
      "dHash alone",
      "luma alone",
      "decode + signals + pHash + dHash"
    };
    Work[] parts = {
      (b, d) -> ImageIO.read(new ByteArrayInputStream(b)).getWidth(),
      (b, d) -> ImageDecoder.readOnly(b).getWidth(),
      (b, d) -> ImageDecoder.decode(b, null, null).pixels().width(),
      (b, d) -> ImageDecoder.pixelSha256(d.pixels()).charAt(0),
      (b, d) -> (long) ImageSignals.measure(d.pixels(), b, d.sourceFormat()).asMap().size(),
      (b, d) -> PerceptualHash.phash(d.pixels()),
      (b, d) -> PerceptualHash.dhash(d.pixels()),
      (b, d) -> d.pixels().luma()[0],
      (b, d) -> {
        ImageDecoder.Decoded x = ImageDecoder.decode(b, null, null);
        Pixels p = x.pixels();
        byte[] luma = p.luma(); // once, as AnalyzeImages does
        return ImageSignals.measure(p, luma, b, x.sourceFormat()).asMap().size()
            + PerceptualHash.phash(luma, p.width(), p.height())
            + PerceptualHash.dhash(luma, p.width(), p.height());
      }
    };
    long sink = 0;
    for (Work w : parts) sink += loop(w, files, decoded, warmup)[1];
    for (int k = 0; k < parts.length; k++) {
      double[] rates = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long[] res = loop(parts[k], files, decoded, roundSeconds);
        rates[r] = res[0] / (res[2] / 1e9);
        sink += res[1];
      }
      Arrays.sort(rates);
      System.out.printf(
          Locale.ROOT,
          "%-34s median %,9.1f images per CPU-second (range %,.1f-%,.1f)%n",
          names[k],
          rates[rounds / 2],
          rates[0],
          rates[rounds - 1]);
    }
    System.out.println("(checksum " + (sink & 0xffff) + ")");
  }

  /** Runs {@code w} over the images, in order and round again, for about {@code seconds} of thread CPU time. */
  private static long[] loop(
      Work w, List<byte[]> files, List<ImageDecoder.Decoded> decoded, double seconds) {
    long start = CPU.getCurrentThreadCpuTime(), done = 0, sink = 0, spent;
    try {
      do {
        for (int i = 0; i < files.size(); i++, done++)
          sink += w.apply(files.get(i), decoded.get(i));
        spent = CPU.getCurrentThreadCpuTime() - start;
      } while (spent < seconds * 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return new long[] {done, sink, spent};
  }
}
