package dev.sluice.quality.image;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Whatever the bytes, the decoder answers with pixels or an {@link ImageRejected}: random bytes, random bytes
 * behind each format's signature, every real file cut at random points, and real files with random bytes
 * overwritten. The seed is printed so a failure can be replayed.
 */
class ImageDecoderFuzzTest {
  static final long SEED = Long.getLong("fuzz.seed", 20261204L);

  static List<byte[]> seeds() {
    List<byte[]> s = new ArrayList<>();
    s.add(ImageDecoderTest.bytes("photos/skimage-rocket.jpg"));
    s.add(ImageDecoderTest.bytes("photos/skimage-horse.png"));
    s.add(ImageDecoderTest.bytes("icons-tango/24x24/apps/accessories-calculator.png"));
    BufferedImage q = Encodings.quadrants(32, 24, BufferedImage.TYPE_3BYTE_BGR);
    for (String f : new String[] {"gif", "bmp", "tiff", "png"}) s.add(Encodings.write(q, f));
    s.add(Encodings.jpeg(q, 50));
    s.add(Encodings.cmykJpeg(16, 16));
    return s;
  }

  @Test
  void noInputMakesAnythingButPixelsOrARejection() {
    System.out.println("ImageDecoderFuzzTest seed " + SEED + " (replay: -DargLine=-Dfuzz.seed=N)");
    Random r = new Random(SEED);
    TreeMap<String, Integer> outcomes = new TreeMap<>();
    List<byte[]> inputs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] b = new byte[r.nextInt(64)];
      r.nextBytes(b);
      inputs.add(b);
    }
    for (byte[] real : seeds()) {
      byte[] head = Arrays.copyOf(real, Math.min(real.length, 16));
      for (int i = 0; i < 20; i++) {
        byte[] b = Arrays.copyOf(head, head.length + r.nextInt(200));
        for (int k = head.length; k < b.length; k++) b[k] = (byte) r.nextInt(256);
        inputs.add(b);
      }
      for (int i = 0; i < 25; i++) inputs.add(Arrays.copyOf(real, r.nextInt(real.length)));
      for (int i = 0; i < 25; i++) {
        byte[] b = real.clone();
        int flips = 1 + r.nextInt(8);
        for (int k = 0; k < flips; k++) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        inputs.add(b);
      }
    }
    for (int i = 0; i < inputs.size(); i++) {
      try {
        ImageDecoder.Decoded d = ImageDecoder.decode(inputs.get(i), null, null);
        ImageSignals.measure(d.pixels(), inputs.get(i), d.sourceFormat());
        PerceptualHash.phash(d.pixels());
        outcomes.merge("decoded", 1, Integer::sum);
      } catch (ImageRejected e) {
        outcomes.merge(e.reason(), 1, Integer::sum);
      } catch (RuntimeException e) {
        fail("input " + i + " (seed " + SEED + ") threw " + e, e);
      }
    }
    System.out.println("outcomes " + outcomes);
    assertTrue(outcomes.containsKey(ImageRejected.NOT_AN_IMAGE));
    assertTrue(outcomes.containsKey(ImageRejected.TRUNCATED_IMAGE));
  }
}
