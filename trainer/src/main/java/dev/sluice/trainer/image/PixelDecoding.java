package dev.sluice.trainer.image;

import dev.sluice.quality.image.ImageDecoder;
import dev.sluice.quality.image.ImageRejected;
import dev.sluice.quality.image.Pixels;
import java.io.IOException;

/**
 * Encoded image bytes (a shard's {@code image} column) to {@link Pixels}, through the pipeline's own decoder
 * (quality/'s {@link ImageDecoder}, default settings): gray stays one channel, colour is RGB, alpha is composited
 * onto white, EXIF orientation applied — so the trainer sees exactly the pixels curation measured.
 */
final class PixelDecoding {
  private PixelDecoding() {}

  /** Decodes or throws an {@link IOException} naming {@code name} and the decoder's reason. */
  static Pixels decode(byte[] bytes, String name) throws IOException {
    try {
      return ImageDecoder.decode(bytes, name, ImageDecoder.Settings.DEFAULTS).pixels();
    } catch (ImageRejected e) {
      throw new IOException(name + ": " + e.getMessage(), e);
    }
  }
}
