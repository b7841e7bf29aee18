package dev.sluice.scaling.fit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The 245 Chinchilla points Epoch AI extracted (test resource chinchilla-epoch/, see its SOURCE.md). */
final class ChinchillaPoints {
  private ChinchillaPoints() {}

  /** All points, D = C / (6 N). */
  static List<Point> all() throws IOException {
    List<Point> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                ChinchillaPoints.class.getResourceAsStream(
                    "/chinchilla-epoch/svg_extracted_data.csv"),
                StandardCharsets.UTF_8))) {
      r.readLine();
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.split(",");
        double n = Double.parseDouble(f[3]);
        double c = Double.parseDouble(f[4]);
        out.add(new Point("chinchilla", n, c / (6 * n), Double.parseDouble(f[6]), 0, c));
      }
    }
    return out;
  }

  /** Epoch's refit set: the five highest-loss points left out. */
  static List<Point> refitSet() throws IOException {
    List<Point> all = new ArrayList<>(all());
    all.sort(Comparator.comparingDouble(Point::loss).reversed());
    return List.copyOf(all.subList(5, all.size()));
  }
}
