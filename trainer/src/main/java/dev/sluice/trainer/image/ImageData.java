package dev.sluice.trainer.image;

import dev.sluice.quality.image.Pixels;
import dev.sluice.trainer.data.DataException;
import dev.sluice.trainer.data.RunData;
import dev.sluice.trainer.data.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The images of a run directory, decoded once and resized to the recipe's square size, split by id hash:
 * validation when SHA-256(id) says so ({@link Tokens#isValidation}, the LM trainer's split), and of the rest the
 * share {@code data.fraction} chosen by a second, independent hash — so a smaller fraction is a subset of a larger
 * one. An augmented copy is placed by its original's id (augmented_from) on both counts.
 */
record ImageData(List<String> labels, int channels, Split train, Split validation) {

  /** Images of one side of the split, in manifest order; labels index {@link #labels}. */
  record Split(List<String> ids, List<Pixels> pixels, int[] labels) {
    int size() {
      return ids.size();
    }
  }

  static ImageData load(RunData run, double valFraction, double fraction, int size)
      throws IOException {
    TreeSet<String> labels = new TreeSet<>();
    List<Item> train = new ArrayList<>();
    List<Item> val = new ArrayList<>();
    long[] nullLabels = {0};
    ImageShards.read(
        run,
        row -> {
          if (row.label() == null) {
            nullLabels[0]++;
            return;
          }
          labels.add(row.label());
          boolean isVal = Tokens.isValidation(row.splitId(), valFraction);
          if (!isVal && !inFraction(row.splitId(), fraction)) return;
          (isVal ? val : train).add(new Item(row.id(), decode(row, size), row.label()));
        });
    if (nullLabels[0] > 0) {
      throw new DataException(
          run.dir()
              + ": "
              + nullLabels[0]
              + " image(s) have no label (null label column): a classifier needs every image labelled");
    }
    if (train.isEmpty()) {
      throw new DataException(
          run.dir() + ": no training image (data.fraction or data.val_fraction leave none)");
    }
    if (val.isEmpty()) {
      throw new DataException(
          run.dir() + ": no validation image: raise data.val_fraction (" + valFraction + ")");
    }
    List<String> sorted = List.copyOf(labels);
    int channels = Math.max(maxChannels(train), maxChannels(val));
    return new ImageData(
        sorted, channels, split(train, sorted, channels), split(val, sorted, channels));
  }

  /** Every image of an evaluation run directory, with labels indexed by the training labels. */
  static Split loadAll(RunData run, List<String> labels, int channels, int size)
      throws IOException {
    List<Item> all = new ArrayList<>();
    long[] nullLabels = {0};
    ImageShards.read(
        run,
        row -> {
          if (row.label() == null) {
            nullLabels[0]++;
            return;
          }
          if (!labels.contains(row.label())) {
            throw new DataException(
                row.file()
                    + ": image "
                    + row.id()
                    + " has label '"
                    + row.label()
                    + "', which training never saw (training labels: "
                    + labels
                    + ")");
          }
          all.add(new Item(row.id(), decode(row, size), row.label()));
        });
    if (nullLabels[0] > 0) {
      throw new DataException(
          run.dir() + ": " + nullLabels[0] + " image(s) have no label (null label column)");
    }
    if (all.isEmpty()) throw new DataException(run.dir() + ": no image to evaluate on");
    return split(all, labels, channels);
  }

  /** Whether the training image {@code id} is in the used share: its own hash, independent of the split's. */
  static boolean inFraction(String id, double fraction) {
    if (fraction >= 1) return true;
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(("fraction\u0000" + id).getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) v = (v << 8) | (h[i] & 0xFF);
      return (v >>> 11) * 0x1.0p-53 < fraction;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Item(String id, Pixels pixels, String label) {}

  private static Pixels decode(ImageShards.Row row, int size) throws IOException {
    Pixels p;
    try {
      p = PixelDecoding.decode(row.image(), row.id());
    } catch (IOException | RuntimeException e) {
      throw new DataException(
          row.file() + ": image " + row.id() + " cannot be decoded (" + e.getMessage() + ")", e);
    }
    return Resize.square(p, size);
  }

  private static int maxChannels(List<Item> items) {
    int c = 1;
    for (Item i : items) c = Math.max(c, i.pixels().channels());
    return c;
  }

  private static Split split(List<Item> items, List<String> labels, int channels) {
    List<String> ids = new ArrayList<>(items.size());
    List<Pixels> pixels = new ArrayList<>(items.size());
    int[] y = new int[items.size()];
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      ids.add(it.id());
      Pixels p = it.pixels();
      pixels.add(channels == 3 ? p.toRgb() : p.toGray());
      y[i] = labels.indexOf(it.label());
    }
    return new Split(List.copyOf(ids), List.copyOf(pixels), y);
  }
}
