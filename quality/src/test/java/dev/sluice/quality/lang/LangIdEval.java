package dev.sluice.quality.lang;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The measurement behind the choice of language identifier: accuracy on the 59-language UDHR samples at three
 * text lengths, and speed, for optimaize (shipped) and Lingua 1.2.2 (high and low accuracy modes).
 * Run: bin/sluice-bench langid.
 */
public final class LangIdEval {
  private LangIdEval() {}

  public static void main(String[] args) throws Exception {
    List<Map<String, Object>> docs = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(Path.of(args[0])))
      docs.add(json.readValue(line, Map.class));
    int[] lengths = {4000, 200, 50};
    System.out.printf(
        Locale.ROOT,
        "%-26s %10s %10s %10s %12s%n",
        "identifier",
        "acc@4000",
        "acc@200",
        "acc@50",
        "docs/s@200");
    long t = System.nanoTime();
    LanguageIdentifier opt = LanguageIdentifier.get();
    double optLoad = (System.nanoTime() - t) / 1e9;
    eval("optimaize 0.6", docs, lengths, s -> opt.identify(s).lang());
    t = System.nanoTime();
    LanguageDetector hi =
        LanguageDetectorBuilder.fromAllLanguages().withPreloadedLanguageModels().build();
    double hiLoad = (System.nanoTime() - t) / 1e9;
    eval("lingua 1.2.2 (high acc.)", docs, lengths, s -> code(hi.detectLanguageOf(s)));
    LanguageDetector lo =
        LanguageDetectorBuilder.fromAllLanguages()
            .withLowAccuracyMode()
            .withPreloadedLanguageModels()
            .build();
    eval("lingua 1.2.2 (low acc.)", docs, lengths, s -> code(lo.detectLanguageOf(s)));
    System.out.printf(
        Locale.ROOT,
        "model load: optimaize %.1f s, lingua %.1f s; heap used %d MB%n",
        optLoad,
        hiLoad,
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
  }

  static String code(Language l) {
    return l == Language.UNKNOWN ? "und" : l.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
  }

  static void eval(
      String name, List<Map<String, Object>> docs, int[] lengths, Function<String, String> f) {
    double[] acc = new double[lengths.length];
    double rate = 0;
    for (int li = 0; li < lengths.length; li++) {
      int ok = 0;
      long t = System.nanoTime();
      int n = 0;
      for (int rep = 0; rep < (lengths[li] == 200 ? 5 : 1); rep++) {
        for (Map<String, Object> d : docs) {
          String text = (String) d.get("text");
          int start =
              lengths[li] >= text.length()
                  ? 0
                  : Math.min(text.length() / 3, text.length() - lengths[li]);
          String s = text.substring(start, Math.min(text.length(), start + lengths[li]));
          String want = ((String) d.get("lang")).split("-")[0];
          String got = f.apply(s).split("-")[0];
          if (rep == 0 && (want.equals(got) || (want.equals("nb") && got.equals("no")))) ok++;
          n++;
        }
      }
      acc[li] = ok / (double) docs.size();
      if (lengths[li] == 200) rate = n / ((System.nanoTime() - t) / 1e9);
    }
    System.out.printf(
        Locale.ROOT, "%-26s %10.3f %10.3f %10.3f %12.0f%n", name, acc[0], acc[1], acc[2], rate);
  }
}
