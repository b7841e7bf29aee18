package dev.sluice.scaling.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Input that cannot identify the law is refused with a reason, and bad CSV rows are named. */
class DegenerateInputTest {
  @Test
  void allPointsAtOneSizeIsRefused() {
    List<Point> p = new ArrayList<>();
    for (double d : new double[] {1e6, 1e7, 1e8, 1e9, 1e10, 1e11})
      p.add(Point.of("raw", 1e5, d, 3 + 1e3 / d));
    FitException e = assertThrows(FitException.class, () -> ScalingFits.fit(p, 10, 1));
    assertTrue(e.getMessage().contains("same model size N"), e.getMessage());
  }

  @Test
  void tooFewPointsIsRefused() {
    List<Point> p = List.of(Point.of("raw", 1e4, 1e6, 3), Point.of("raw", 1e5, 1e7, 2.5));
    FitException e = assertThrows(FitException.class, () -> ScalingFits.fit(p, 10, 1));
    assertTrue(e.getMessage().contains("cannot fit 5 parameters"), e.getMessage());
  }

  @Test
  void anArmWithOneTokenCountIsRefused() {
    List<Point> p = new ArrayList<>(SyntheticFitTest.draw(1, 1));
    p.add(Point.of("dedup", 1e4, 1e6, 3));
    p.add(Point.of("dedup", 1e5, 1e6, 2.8));
    FitException e = assertThrows(FitException.class, () -> ScalingFits.fit(p, 10, 1));
    assertTrue(e.getMessage().contains("arm dedup has the same token count"), e.getMessage());
  }

  @Test
  void anArmWithFewPointsUsesTheJointModelAndSaysSo() {
    List<Point> p = new ArrayList<>(SyntheticFitTest.draw(1, 1));
    p.add(Point.of("dedup", 1e4, 1e6, 3));
    p.add(Point.of("dedup", 1e5, 1e7, 2.0));
    FitSummary s = ScalingFits.fit(p, 20, 1);
    assertEquals("joint", s.arms().get("dedup").source());
    assertTrue(
        s.warnings().stream().anyMatch(w -> w.startsWith("arm dedup: 2 points")),
        s.warnings().toString());
    assertTrue(s.perBudget().isEmpty());
  }

  @Test
  void csvRowsAreCheckedAndNamed() {
    String h = "arm,N,D,loss";
    assertTrue(msg(List.of(h, "raw,1e5,1e7,abc")).contains("line 2: loss 'abc' is not a number"));
    assertTrue(
        msg(List.of(h, "raw,1e5,1e7,2.5", "raw,-3,1e7,2"))
            .contains("line 3: N must be a positive"));
    assertTrue(msg(List.of("arm,N,loss", "raw,1,2")).contains("no column 'D'"));
    assertTrue(msg(List.of(h, "raw,1e5")).contains("line 2: 2 fields"));
    assertTrue(msg(List.of(h)).contains("no points"));
    List<Point> ok = PointsCsv.parse("p.csv", List.of("loss,D,N,arm,seed", "2.5,1e7,1e5,raw,3"));
    assertEquals(new Point("raw", 1e5, 1e7, 2.5, 3, 6e12), ok.get(0));
  }

  @Test
  void csvShapesThatWereTakenSilentlyAreRefusedOrRead() {
    String h = "arm,N,D,loss";
    assertTrue(msg(List.of(h, "raw,1e5,1e7,2.5,9")).contains("line 2: 5 fields"));
    assertTrue(msg(List.of("arm,N,D,loss,N", "raw,1,2,3,4")).contains("column 'N' twice"));
    assertTrue(msg(List.of(h, "raw,1e5,1e7,3.0d")).contains("'3.0d' is not a number"));
    assertTrue(msg(List.of(h, "raw,0x1p1,1e7,3")).contains("'0x1p1' is not a number"));
    assertTrue(msg(List.of(h, "\"raw\",1e5,1e7,3")).contains("no quoting"));
    assertTrue(msg(List.of(h, "raw,1e5,1e7,NaN")).contains("positive finite"));
    // a byte-order mark before the header is not part of the first column's name
    List<Point> bom = PointsCsv.parse("p.csv", List.of("\uFEFF" + h, "raw,1e5,1e7,.5"));
    assertEquals(0.5, bom.get(0).loss());
  }

  @Test
  void aFileThatIsNotUtf8IsABadFile() throws java.io.IOException {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("points", ".csv");
    try {
      java.nio.file.Files.write(f, "arm,N,D,loss\ncaf\u00e9,1,2,3\n".getBytes("ISO-8859-1"));
      FitException e = assertThrows(FitException.class, () -> PointsCsv.read(f));
      assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    } finally {
      java.nio.file.Files.delete(f);
    }
  }

  private static String msg(List<String> lines) {
    return assertThrows(FitException.class, () -> PointsCsv.parse("p.csv", lines)).getMessage();
  }
}
