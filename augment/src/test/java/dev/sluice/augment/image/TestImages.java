package dev.sluice.augment.image;

import dev.sluice.augment.seed.AugmentRng;
import dev.sluice.quality.image.Pixels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Images for the tests: generated in code (gradients, a disc, seeded speckle), and one real photo when present. */
final class TestImages {
  /** A real photo from the shared samples kit (read here only: main code never touches ImageIO). */
  static final Path PHOTO =
      Path.of("/work/shared/samples-kit/samples/images/photos/skimage-astronaut.png");

  private TestImages() {}

  /** Smooth gradients in each channel, a bright disc and a little seeded speckle: structure in every region. */
  static Pixels rgb(int w, int h, long seed) {
    AugmentRng rng = new AugmentRng(seed);
    byte[] d = new byte[w * h * 3];
    for (int y = 0, i = 0; y < h; y++) {
      for (int x = 0; x < w; x++, i += 3) {
        int dx = x - w / 3, dy = y - h / 2;
        boolean disc = dx * dx + dy * dy < (w * h) / 16;
        int speckle = rng.nextInt(16);
        d[i] = (byte) Math.min(255, x * 255 / Math.max(1, w - 1) / 2 + (disc ? 120 : 0) + speckle);
        d[i + 1] = (byte) Math.min(255, y * 255 / Math.max(1, h - 1) + speckle);
        d[i + 2] = (byte) Math.min(255, ((x + y) * 7) % 200 + speckle);
      }
    }
    return new Pixels(w, h, 3, d);
  }

  static Pixels gray(int w, int h, long seed) {
    return rgb(w, h, seed).toGray();
  }

  static Pixels constant(int w, int h, int channels, int value) {
    byte[] d = new byte[w * h * channels];
    java.util.Arrays.fill(d, (byte) value);
    return new Pixels(w, h, channels, d);
  }

  /** The photo as RGB pixels, if the samples kit is on this machine. */
  static Optional<Pixels> photo() throws IOException {
    if (!Files.isRegularFile(PHOTO)) return Optional.empty();
    BufferedImage img = ImageIO.read(PHOTO.toFile());
    int w = img.getWidth(), h = img.getHeight();
    byte[] d = new byte[w * h * 3];
    for (int y = 0, i = 0; y < h; y++) {
      for (int x = 0; x < w; x++, i += 3) {
        int argb = img.getRGB(x, y);
        d[i] = (byte) (argb >> 16);
        d[i + 1] = (byte) (argb >> 8);
        d[i + 2] = (byte) argb;
      }
    }
    return Optional.of(new Pixels(w, h, 3, d));
  }

  static double mean(Pixels p) {
    long s = 0;
    for (byte b : p.data()) s += b & 0xFF;
    return s / (double) p.data().length;
  }
}
