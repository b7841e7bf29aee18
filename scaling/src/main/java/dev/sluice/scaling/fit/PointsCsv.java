package dev.sluice.scaling.fit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the points file of {@code sluice fit}: a CSV with a header naming the columns {@code arm,N,D,loss} (any
 * order; optional {@code seed} and {@code C}; other columns ignored). A row that is not numeric where it must be,
 * or not positive, is refused with its line number and the value.
 */
public final class PointsCsv {
  private PointsCsv() {}

  public static List<Point> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new FitException(file + ": no such file");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new FitException(file + ": not UTF-8 text (" + e.getMessage() + ")");
    }
    return parse(file.toString(), lines);
  }

  static List<Point> parse(String name, List<String> lines) {
    int first = 0;
    while (first < lines.size() && lines.get(first).isBlank()) first++;
    if (first == lines.size())
      throw new FitException(name + ": empty; expected a header arm,N,D,loss");
    String[] header = split(lines.get(first).replaceFirst("^\uFEFF", "")); // a BOM is no name
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      String c = header[i].trim();
      if (c.startsWith("\"")) {
        throw new FitException(
            name + ": quoted header '" + c + "': the points file is plain CSV, no quoting");
      }
      if (col.put(c, i) != null && List.of("arm", "N", "D", "loss", "seed", "C").contains(c)) {
        throw new FitException(name + ": the header names column '" + c + "' twice");
      }
    }
    for (String need : List.of("arm", "N", "D", "loss")) {
      if (!col.containsKey(need)) {
        throw new FitException(
            name
                + ": the header has no column '"
                + need
                + "' (columns: "
                + String.join(",", Arrays.asList(header))
                + "; expected arm,N,D,loss and optionally seed,C)");
      }
    }
    List<Point> out = new ArrayList<>();
    for (int li = first + 1; li < lines.size(); li++) {
      if (lines.get(li).isBlank()) continue;
      String[] f = split(lines.get(li));
      String where = name + " line " + (li + 1);
      if (f.length != header.length) {
        throw new FitException(
            where + ": " + f.length + " fields, the header has " + header.length);
      }
      String arm = f[col.get("arm")].trim();
      if (arm.isEmpty()) throw new FitException(where + ": empty arm");
      if (arm.contains("\"")) {
        throw new FitException(
            where + ": arm " + arm + " is quoted; the points file is plain CSV, no quoting");
      }
      double n = positive(where, "N", f[col.get("N")]);
      double d = positive(where, "D", f[col.get("D")]);
      double loss = positive(where, "loss", f[col.get("loss")]);
      long seed = 0;
      if (col.containsKey("seed") && !f[col.get("seed")].isBlank()) {
        try {
          seed = Long.parseLong(f[col.get("seed")].trim());
        } catch (NumberFormatException e) {
          throw new FitException(
              where + ": seed '" + f[col.get("seed")].trim() + "' is not an integer");
        }
      }
      double c =
          col.containsKey("C") && !f[col.get("C")].isBlank()
              ? positive(where, "C", f[col.get("C")])
              : 6 * n * d;
      out.add(new Point(arm, n, d, loss, seed, c));
    }
    if (out.isEmpty()) throw new FitException(name + ": a header but no points");
    return out;
  }

  /** A decimal number as CSV writers print it (Java's parser also takes 3.0d, 0x1p1, NaN, Infinity). */
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private static double positive(String where, String column, String raw) {
    double v;
    String t = raw.trim();
    if (!DECIMAL.matcher(t).matches() && !t.equalsIgnoreCase("nan") && !t.contains("Infinity")) {
      throw new FitException(where + ": " + column + " '" + t + "' is not a number");
    }
    try {
      v = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new FitException(where + ": " + column + " '" + t + "' is not a number");
    }
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new FitException(
          where
              + ": "
              + column
              + " must be a positive finite number, got "
              + String.format(Locale.ROOT, "%s", raw.trim()));
    }
    return v;
  }

  private static String[] split(String line) {
    return line.split(",", -1);
  }
}
