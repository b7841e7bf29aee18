package dev.sluice.trainer.image;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;

/**
 * Fashion-MNIST's IDX files (as Debian's {@code dataset-fashion-mnist} ships them, gzipped) to an image folder tree
 * {@code OUT/{train,test}/LABEL/NNNNN.png}, labels named as in samples/images/fashion-mnist-1k ({@code 0-t-shirt}
 * … {@code 9-ankle-boot}), NNNNN the image's index in its IDX file. JDK only, so bin/fetch-fashion-mnist runs it
 * as a single source file without a build. Idempotent: a split whose {@code .complete} marker exists is skipped,
 * and each PNG is written under a temporary name and renamed.
 *
 * <p>Usage: {@code java FashionMnistFolders.java IDX_DIR OUT_DIR}
 */
public final class FashionMnistFolders {
  static final String[] LABELS = {
    "0-t-shirt", "1-trouser", "2-pullover", "3-dress", "4-coat",
    "5-sandal", "6-shirt", "7-sneaker", "8-bag", "9-ankle-boot"
  };

  private FashionMnistFolders() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: FashionMnistFolders IDX_DIR OUT_DIR");
      System.exit(2);
    }
    Path idx = Path.of(args[0]);
    Path out = Path.of(args[1]);
    split(
        idx.resolve("train-images-idx3-ubyte.gz"),
        idx.resolve("train-labels-idx1-ubyte.gz"),
        out.resolve("train"));
    split(
        idx.resolve("t10k-images-idx3-ubyte.gz"),
        idx.resolve("t10k-labels-idx1-ubyte.gz"),
        out.resolve("test"));
  }

  static void split(Path images, Path labels, Path out) throws IOException {
    Path marker = out.resolve(".complete");
    if (Files.exists(marker)) {
      System.out.println(out + ": already complete");
      return;
    }
    try (DataInputStream im = open(images);
        DataInputStream lb = open(labels)) {
      if (im.readInt() != 0x803) throw new IOException(images + ": not an IDX image file");
      if (lb.readInt() != 0x801) throw new IOException(labels + ": not an IDX label file");
      int n = im.readInt();
      int rows = im.readInt();
      int cols = im.readInt();
      if (lb.readInt() != n) throw new IOException(labels + ": label count differs from " + images);
      for (String l : LABELS) Files.createDirectories(out.resolve(l));
      byte[] px = new byte[rows * cols];
      for (int i = 0; i < n; i++) {
        im.readFully(px);
        int label = lb.readUnsignedByte();
        if (label >= LABELS.length) throw new IOException(labels + ": label " + label + " at " + i);
        Path file = out.resolve(LABELS[label]).resolve(String.format(Locale.ROOT, "%05d.png", i));
        if (Files.exists(file)) continue;
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, cols, rows, px);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        if (!ImageIO.write(img, "png", tmp.toFile())) throw new IOException("no PNG writer");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(marker, n + " images\n");
      System.out.println(out + ": " + n + " images");
    }
  }

  private static DataInputStream open(Path p) throws IOException {
    InputStream in = Files.newInputStream(p);
    return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(in, 1 << 16)));
  }
}
