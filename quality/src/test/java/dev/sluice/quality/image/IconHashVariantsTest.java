package dev.sluice.quality.image;

import static dev.sluice.quality.image.HashVariants.Component.ahash;
import static dev.sluice.quality.image.HashVariants.Component.dhash;
import static dev.sluice.quality.image.HashVariants.Component.phash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.quality.image.HashVariants.Component;
import dev.sluice.quality.image.HashVariants.Crop;
import dev.sluice.quality.image.HashVariants.Img;
import dev.sluice.quality.image.HashVariants.Plane;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Would another cheap, standard hash design reach the goal (recall ≥ 0.95 at precision ≥ 0.99) on the
 * Tango icons? Each variant of {@link HashVariants} is scored like {@link IconGroundTruthTest}: all pairs of the
 * 312 drawn icons, and of the 32 px icons area-resized to 16/22/24/32 px. A variant with several 64-bit
 * components calls a pair a duplicate when every component is within t (MAX) or the distances sum to at most t
 * (SUM). Printed: the most recall at precision ≥ 0.99 on each set, the best F1 on the drawn icons, and at the
 * resized set's operating threshold the duplicate pairs among the 19 photos and the Fashion-MNIST 1k (where the
 * samples kit has it). The table is docs/images.md's "Variants tried".
 *
 * <p>{@code mvn -q -B -o -pl quality -am test -Dtest=IconHashVariantsTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
class IconHashVariantsTest {
  enum Rule {
    MAX,
    SUM
  }

  record Variant(String name, Rule rule, List<Component> parts) {}

  record Point(int t, long tp, long fp, long fn) {
    double precision() {
      return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    double recall() {
      return (double) tp / (tp + fn);
    }

    double f1() {
      double p = precision(), r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "t=%d P %.3f R %.3f", t, precision(), recall());
    }
  }

  static final List<Variant> VARIANTS =
      List.of(
          v("pHash 32 (shipped)", Rule.MAX, phash(Plane.LUMA, Crop.NONE, 32)),
          v("dHash (shipped)", Rule.MAX, dhash(Plane.LUMA, Crop.NONE)),
          v("pHash base 16", Rule.MAX, phash(Plane.LUMA, Crop.NONE, 16)),
          v("pHash base 8", Rule.MAX, phash(Plane.LUMA, Crop.NONE, 8)),
          v("pHash 32, alpha box", Rule.MAX, phash(Plane.LUMA, Crop.ALPHA_BOX, 32)),
          v("pHash 16, alpha box", Rule.MAX, phash(Plane.LUMA, Crop.ALPHA_BOX, 16)),
          v("pHash 16, non-white box", Rule.MAX, phash(Plane.LUMA, Crop.NONWHITE_BOX, 16)),
          v("pHash 32, moment box", Rule.MAX, phash(Plane.LUMA, Crop.MOMENTS, 32)),
          v("dHash, alpha box", Rule.MAX, dhash(Plane.LUMA, Crop.ALPHA_BOX)),
          v("aHash 8x8", Rule.MAX, ahash(Plane.LUMA, Crop.NONE)),
          v("aHash 8x8, alpha box", Rule.MAX, ahash(Plane.LUMA, Crop.ALPHA_BOX)),
          v("pHash 16 of alpha", Rule.MAX, phash(Plane.ALPHA, Crop.NONE, 16)),
          v(
              "max(luma, alpha) pHash 16",
              Rule.MAX,
              phash(Plane.LUMA, Crop.NONE, 16),
              phash(Plane.ALPHA, Crop.NONE, 16)),
          v("pHash 16 of B-Y", Rule.MAX, phash(Plane.BY, Crop.NONE, 16)),
          v("max(R, G, B) pHash 16", Rule.MAX, rgb(Crop.NONE)),
          v("sum(R, G, B) pHash 16", Rule.SUM, rgb(Crop.NONE)),
          v("max(R, G, B) pHash 16, moment box", Rule.MAX, rgb(Crop.MOMENTS)),
          v(
              "sum(luma, B-Y) pHash 16",
              Rule.SUM,
              phash(Plane.LUMA, Crop.NONE, 16),
              phash(Plane.BY, Crop.NONE, 16)),
          v(
              "max(pHash 16, dHash)",
              Rule.MAX,
              phash(Plane.LUMA, Crop.NONE, 16),
              dhash(Plane.LUMA, Crop.NONE)),
          v(
              "sum(pHash 16, dHash)",
              Rule.SUM,
              phash(Plane.LUMA, Crop.NONE, 16),
              dhash(Plane.LUMA, Crop.NONE)),
          v(
              "sum(pHash 32, dHash)",
              Rule.SUM,
              phash(Plane.LUMA, Crop.NONE, 32),
              dhash(Plane.LUMA, Crop.NONE)),
          v(
              "max(pHash 16, dHash), alpha box",
              Rule.MAX,
              phash(Plane.LUMA, Crop.ALPHA_BOX, 16),
              dhash(Plane.LUMA, Crop.ALPHA_BOX)));

  static List<Img> drawn, resized, photos, fashion;

  @BeforeAll
  static void load() {
    drawn = new ArrayList<>();
    resized = new ArrayList<>();
    for (Path p : Samples.files("icons-tango")) {
      Img im = HashVariants.load(Samples.bytes(p), p.getFileName().toString());
      drawn.add(im);
      if (p.toString().contains("/32x32/")) {
        for (int size : new int[] {16, 22, 24, 32}) resized.add(HashVariants.resized(im, size));
      }
    }
    photos = loadAll(Samples.files("photos"));
    fashion = loadAll(Samples.anywhere("fashion-mnist-1k"));
  }

  private static List<Img> loadAll(List<Path> files) {
    return files.stream().map(p -> HashVariants.load(Samples.bytes(p), p.toString())).toList();
  }

  @Test
  void theShippedDesignIsWhatTheVariantsAreComparedWith() {
    for (Img im : drawn) {
      Pixels px = toPixels(im);
      assertEquals(PerceptualHash.phash(px), HashVariants.hash(im, VARIANTS.get(0).parts().get(0)));
      assertEquals(PerceptualHash.dhash(px), HashVariants.hash(im, VARIANTS.get(1).parts().get(0)));
    }
  }

  @Test
  void noVariantReachesTheGoalOnTheDrawnIcons() {
    StringBuilder table =
        new StringBuilder(
            "| variant | drawn: most R at P ≥ 0.99 | drawn: best F1 | resized: most R at P ≥ 0.99 |"
                + " photo pairs at that t | Fashion-MNIST pairs at that t |\n|---|---|---|---|---|---|\n");
    for (Variant v : VARIANTS) {
      List<Point> d = curve(drawn, v), r = curve(resized, v);
      Point dBest = mostRecall(d), rBest = mostRecall(r);
      Point f1 = d.stream().max((a, b) -> Double.compare(a.f1(), b.f1())).orElseThrow();
      String photoPairs = rBest == null ? "–" : String.valueOf(pairsWithin(photos, v, rBest.t()));
      String fashionPairs =
          rBest == null || fashion.isEmpty()
              ? "–"
              : String.valueOf(pairsWithin(fashion, v, rBest.t()));
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s |%n",
              v.name(),
              dBest == null ? "none" : dBest,
              f1,
              rBest == null ? "none" : rBest,
              photoPairs,
              fashionPairs));
      assertTrue(dBest == null || dBest.recall() < 0.95, v.name() + " reaches the goal: " + dBest);
    }
    System.out.print(table);
  }

  @Test
  void theDefaultMergesNoPhotosAndFewFashionImages() {
    // the shipped default, pHash at threshold 4: no two of the 19 photos; among the Fashion-MNIST
    // 1k (when the kit is present) 49 pairs, 42 of them within one class: look-alike silhouettes on
    // black (sneakers, ankle boots, coats), 7 across classes (pullover ~ coat, sandal ~ sneaker)
    Variant shipped = VARIANTS.get(0);
    int t = PerceptualDedupSettings.DEFAULT_THRESHOLD;
    assertEquals(0, pairsWithin(photos, shipped, t));
    if (!fashion.isEmpty()) assertEquals(49, pairsWithin(fashion, shipped, t));
  }

  private static Variant v(String name, Rule rule, Component... parts) {
    return new Variant(name, rule, List.of(parts));
  }

  private static Component[] rgb(Crop crop) {
    return new Component[] {
      phash(Plane.R, crop, 16), phash(Plane.G, crop, 16), phash(Plane.B, crop, 16)
    };
  }

  private static Pixels toPixels(Img im) {
    byte[] data = new byte[im.w() * im.h() * 3];
    for (int i = 0; i < data.length; i++) data[i] = (byte) im.rgb()[i % 3][i / 3];
    return new Pixels(im.w(), im.h(), Pixels.RGB, data);
  }

  static int distance(long[] a, long[] b, Rule rule) {
    int max = 0, sum = 0;
    for (int k = 0; k < a.length; k++) {
      int d = Long.bitCount(a[k] ^ b[k]);
      max = Math.max(max, d);
      sum += d;
    }
    return rule == Rule.MAX ? max : sum;
  }

  /** Precision and recall at every threshold 0..64 x components. */
  static List<Point> curve(List<Img> set, Variant v) {
    List<long[]> h = set.stream().map(im -> HashVariants.hashes(im, v.parts())).toList();
    int tmax = 64 * v.parts().size();
    long[] same = new long[tmax + 1], other = new long[tmax + 1];
    long positives = 0;
    for (int i = 0; i < h.size(); i++) {
      for (int j = i + 1; j < h.size(); j++) {
        boolean pos = set.get(i).group().equals(set.get(j).group());
        int d = distance(h.get(i), h.get(j), v.rule());
        if (pos) positives++;
        (pos ? same : other)[d]++;
      }
    }
    List<Point> out = new ArrayList<>();
    long tp = 0, fp = 0;
    for (int t = 0; t <= tmax; t++) {
      tp += same[t];
      fp += other[t];
      out.add(new Point(t, tp, fp, positives - tp));
    }
    return out;
  }

  /** The threshold with the most recall at precision ≥ 0.99 (the lowest such); null when none reaches it. */
  static Point mostRecall(List<Point> curve) {
    Point best = null;
    for (Point p : curve) {
      if (p.precision() >= 0.99 && (best == null || p.recall() > best.recall())) best = p;
    }
    return best;
  }

  static long pairsWithin(List<Img> set, Variant v, int t) {
    List<long[]> h = set.stream().map(im -> HashVariants.hashes(im, v.parts())).toList();
    long n = 0;
    for (int i = 0; i < h.size(); i++) {
      for (int j = i + 1; j < h.size(); j++) if (distance(h.get(i), h.get(j), v.rule()) <= t) n++;
    }
    return n;
  }
}
