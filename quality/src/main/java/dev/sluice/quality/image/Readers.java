package dev.sluice.quality.image;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;

/**
 * One ImageIO reader provider per format, chosen once. For JPEG the TwelveMonkeys reader comes first (it
 * decodes CMYK and YCCK, which the JDK's reader refuses, and hands everything else to the JDK's decoder); other
 * formats take the first registered provider. Choosing explicitly keeps the result independent of plugin
 * registration order.
 */
final class Readers {
  private static final Map<ImageFormat, ImageReaderSpi> PROVIDERS =
      new EnumMap<>(ImageFormat.class);

  static {
    ImageIO.scanForPlugins();
    for (ImageFormat f : ImageFormat.values()) {
      ImageReaderSpi chosen = null;
      for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(f.id()); it.hasNext(); ) {
        ImageReaderSpi spi = it.next().getOriginatingProvider();
        if (chosen == null || preferred(spi) && !preferred(chosen)) chosen = spi;
      }
      if (chosen != null) PROVIDERS.put(f, chosen);
    }
  }

  private Readers() {}

  private static boolean preferred(ImageReaderSpi spi) {
    return spi.getClass().getName().startsWith("com.twelvemonkeys.");
  }

  /** A fresh reader for the format, or null when none is installed. */
  static ImageReader create(ImageFormat format) {
    ImageReaderSpi spi = PROVIDERS.get(format);
    if (spi == null) return null;
    try {
      return spi.createReaderInstance();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The provider's class name per format, for tests and the run's metadata. */
  static String providerName(ImageFormat format) {
    ImageReaderSpi spi = PROVIDERS.get(format);
    return spi == null ? null : spi.getClass().getName();
  }
}
