package dev.sluice.quality.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The perceptual-dedup ground truth: Tango icons, the same NAME at 16, 22, 24 and 32 px is one group (78 groups,
 * 312 files). Every pair is scored (all pairs are fine for an evaluation of 312 images): a pair inside a group is a
 * positive, any other pair a negative. Prints the precision/recall curve for thresholds 0..20 and each hash choice
 * (the table in docs/images.md) and pins the default setting's figures.
 *
 * <p>{@code mvn -q -B -o -pl quality -am test -Dtest=IconGroundTruthTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
class IconGroundTruthTest {
  record Icon(String group, long phash, long dhash) {}

  record Point(String hash, int threshold, long tp, long fp, long fn) {
    double precision() {
      return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    double recall() {
      return (double) tp / (tp + fn);
    }
  }

  static List<Icon> icons;

  /** The 32 px icon of each group and its own area-averaged resizes to 16, 22 and 24 px: rescaling, no redraw. */
  static List<Icon> rescaled;

  @BeforeAll
  static void hashIcons() throws ImageRejected {
    icons = new ArrayList<>();
    rescaled = new ArrayList<>();
    for (Path p : Samples.files("icons-tango")) {
      Pixels px = ImageDecoder.decode(Samples.bytes(p), p.toString(), null).pixels();
      String name = p.getFileName().toString();
      icons.add(new Icon(name, PerceptualHash.phash(px), PerceptualHash.dhash(px)));
      if (p.toString().contains("/32x32/")) {
        for (int size : new int[] {16, 22, 24, 32}) {
          Pixels r = resize(px, size, size);
          rescaled.add(new Icon(name, PerceptualHash.phash(r), PerceptualHash.dhash(r)));
        }
      }
    }
  }

  /** Area-average resize per channel, rounded to the nearest sample. */
  static Pixels resize(Pixels p, int ow, int oh) {
    int c = p.channels(), n = p.pixelCount();
    byte[] out = new byte[ow * oh * c];
    long div = (long) p.width() * p.height();
    for (int k = 0; k < c; k++) {
      byte[] plane = new byte[n];
      for (int i = 0; i < n; i++) plane[i] = p.data()[i * c + k];
      long[] sums = AreaResize.areaResize(plane, p.width(), p.height(), ow, oh);
      for (int i = 0; i < sums.length; i++) out[i * c + k] = (byte) ((sums[i] + div / 2) / div);
    }
    return new Pixels(ow, oh, c, out);
  }

  static Point measure(PerceptualDedupSettings s) {
    return measure(icons, s);
  }

  static Point measure(List<Icon> icons, PerceptualDedupSettings s) {
    long tp = 0, fp = 0, fn = 0;
    for (int i = 0; i < icons.size(); i++) {
      for (int j = i + 1; j < icons.size(); j++) {
        Icon a = icons.get(i), b = icons.get(j);
        boolean same = a.group().equals(b.group());
        boolean dup = s.duplicates(a.phash(), a.dhash(), b.phash(), b.dhash());
        if (dup && same) tp++;
        else if (dup) fp++;
        else if (same) fn++;
      }
    }
    return new Point(s.hash(), s.threshold(), tp, fp, fn);
  }

  @Test
  void groundTruthHas78GroupsOf4() {
    assertEquals(312, icons.size());
    assertEquals(78, icons.stream().map(Icon::group).distinct().count());
  }

  static String curve(List<Icon> set) {
    StringBuilder table =
        new StringBuilder(
            "| threshold | pHash P | pHash R | dHash P | dHash R | both P | both R |\n");
    table.append("|---|---|---|---|---|---|---|\n");
    for (int t = 0; t <= 20; t++) {
      table.append("| ").append(t);
      for (String h : new String[] {"phash", "dhash", "both"}) {
        Point pt = measure(set, new PerceptualDedupSettings(t, h, t + 1));
        table.append(String.format(Locale.ROOT, " | %.3f | %.3f", pt.precision(), pt.recall()));
      }
      table.append(" |\n");
    }
    return table.toString();
  }

  @Test
  void printsTheCurveAndTheDefaultReachesWhatWasMeasured() {
    System.out.println("Tango icons as drawn at 16/22/24/32 px (78 groups of 4):");
    System.out.print(curve(icons));
    System.out.println("The 32 px icons area-resized to 16/22/24/32 px (78 groups of 4):");
    System.out.print(curve(rescaled));
    Point drawn = measure(icons, PerceptualDedupSettings.defaults());
    Point resized = measure(rescaled, PerceptualDedupSettings.defaults());
    System.out.println("default on drawn icons " + drawn + ", on resized icons " + resized);
    // pHash, threshold 4: every match on the drawn icons is right, but redrawn sizes are rarely
    // within 4 bits
    assertEquals(new Point("phash", 4, 9, 0, 459), drawn);
    // on pure rescaling it finds 92 % of the pairs at 98.6 % precision
    assertEquals(new Point("phash", 4, 429, 6, 39), resized);
    // the conservative alternative docs/images.md offers: the most recall at precision >= 0.99 on
    // re-scaled copies
    Point strict = measure(rescaled, new PerceptualDedupSettings(5, "both", 6));
    System.out.println("both at 5 on resized icons " + strict);
    assertEquals(new Point("both", 5, 333, 2, 135), strict);
  }

  @Test
  void noSettingReachesTheIssueGoalOnTheDrawnIcons() {
    // recall >= 0.95 at precision >= 0.99 (issue 17) is not reached by any hash and threshold 0..32
    // on icons that were drawn separately per size; docs/images.md shows the curve. If this starts
    // failing, update the docs.
    for (String h : new String[] {"phash", "dhash", "both"}) {
      for (int t = 0; t <= 32; t++) {
        Point p = measure(icons, new PerceptualDedupSettings(t, h, t + 1));
        assertTrue(!(p.recall() >= 0.95 && p.precision() >= 0.99), p.toString());
      }
    }
  }
}
