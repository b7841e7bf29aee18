package dev.sluice.bench;

import dev.sluice.pipelines.io.EvalSets;
import dev.sluice.pipelines.io.FileReader;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.pipelines.recipe.RecipeLoader;
import dev.sluice.quality.decontam.EvalIndex;
import dev.sluice.quality.dedup.ExactKey;
import dev.sluice.quality.dedup.MinHasher;
import dev.sluice.quality.dedup.NearDedupConfig;
import dev.sluice.quality.dedup.Shingles;
import dev.sluice.quality.lang.LanguageIdentifier;
import dev.sluice.quality.rules.QualityScore;
import dev.sluice.quality.rules.Rejection;
import dev.sluice.quality.rules.RuleSet;
import dev.sluice.quality.rules.Scored;
import dev.sluice.quality.text.Normalizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Single-thread throughput of each pure stage on the bench corpus, without Beam: what one core does per stage
 * when nothing else runs. Complements the end-to-end pipeline figure (which adds shuffles and the runner).
 */
public final class StageBench {
  private StageBench() {}

  public static void main(String[] args) throws Exception {
    // args: RECIPE [REPS [key=value ...]]: the overrides as --set takes them
    Recipe r =
        RecipeLoader.load(
            Path.of(args[0]), List.of(args).subList(Math.min(2, args.length), args.length));
    List<String> files = dev.sluice.pipelines.io.InputFiles.expand(r.input().paths());
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    for (int rep = 0; rep < reps; rep++) {
      List<Doc> docs = new ArrayList<>();
      long t = System.nanoTime();
      FileReader reader = new FileReader(r.input());
      for (String f : files) reader.read(f, docs::add, d -> {});
      report("read+parse", docs.size(), t);

      Normalizer norm = new Normalizer(r.normalize());
      t = System.nanoTime();
      docs.replaceAll(d -> d.withText(norm.normalize(d.text())));
      report("normalize", docs.size(), t);

      LanguageIdentifier lid = LanguageIdentifier.get();
      t = System.nanoTime();
      for (int i = 0; i < Math.min(5000, docs.size()); i++) {
        LanguageIdentifier.Guess g = lid.identify(docs.get(i).text());
        docs.set(i, docs.get(i).withLanguage(g.lang(), g.confidence()));
      }
      report("language (first 5000)", Math.min(5000, docs.size()), t);

      List<Doc> kept = new ArrayList<>();
      t = System.nanoTime();
      for (Doc d : docs) {
        Scored s = new Scored(d.text());
        Rejection x = null;
        for (RuleSet rule : r.quality()) {
          x = rule.apply(s);
          if (x != null) break;
        }
        if (x == null) {
          kept.add(d.withText(s.text()).withQuality(QualityScore.of(s.text(), d.langScore())));
        }
      }
      report("quality rules", docs.size(), t);

      if (r.decontaminate() != null) {
        t = System.nanoTime();
        EvalIndex index = EvalSets.load(r.decontaminate().spec());
        report(
            "decontam: index the eval sets",
            (int) index.stats().values().stream().mapToLong(EvalIndex.SetStats::documents).sum(),
            t);
        EvalIndex.Matcher m = index.matcher();
        int hits = 0;
        t = System.nanoTime();
        for (Doc d : docs) if (m.firstMatch(d.text()) != null) hits++;
        report("decontam: match every doc", docs.size(), t);
        t = System.nanoTime();
        for (Doc d : kept) if (m.firstMatch(d.text()) != null) hits++;
        report("decontam: match kept docs", kept.size(), t);
        System.out.println("  (" + index.ngrams() + " eval n-grams; " + hits + " hits in all)");
      }

      t = System.nanoTime();
      kept.replaceAll(d -> d.withExactKey(ExactKey.of(d.text())));
      report("exact key", kept.size(), t);

      NearDedupConfig near =
          r.dedup() != null && r.dedup().near() != null
              ? r.dedup().near()
              : NearDedupConfig.defaults();
      MinHasher h = new MinHasher(near);
      long sink = 0;
      try (Shingles sh = new Shingles(near.shingle())) {
        t = System.nanoTime();
        for (Doc d : kept) sink += h.bandKeys(h.signature(sh.hashes(d.text())))[0];
        report("minhash signature + bands", kept.size(), t);
      }
      System.out.println(
          String.format(
              Locale.ROOT,
              "  (%d docs read, %d pass quality; checksum %d)",
              docs.size(),
              kept.size(),
              sink & 0xff));
    }
  }

  private static void report(String stage, int docs, long t0) {
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.println(
        String.format(
            Locale.ROOT, "  %-28s %8d docs %8.3f s %10.0f docs/s", stage, docs, s, docs / s));
  }
}
