package dev.sluice.pipelines.run;

import dev.sluice.pipelines.recipe.ImageRecipe;
import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.pipelines.steps.AugmentText;
import dev.sluice.pipelines.steps.Decontaminate;
import dev.sluice.pipelines.steps.RedactPii;
import dev.sluice.quality.decontam.EvalIndex;
import dev.sluice.quality.pii.PiiKind;
import dev.sluice.schemas.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The manifest's numbers from the tally the pipeline wrote: the counts (input + augmented = kept + dead_letter +
 * filtered + duplicate), the funnel of stages, and the augment and curriculum sections.
 */
final class RunAccounting {
  private RunAccounting() {}

  /** augment.text's outcome counts ("synonym.changed", "copy_unchanged", ...), null without augmentation. */
  static Map<String, Long> augmentCounts(Recipe r, Map<String, Long> tally) {
    return r.augment() == null ? null : augmentCounts(tally);
  }

  /** augment.image's counts (copies per op), null without augmentation. */
  static Map<String, Long> imageAugmentCounts(ImageRecipe r, Map<String, Long> tally) {
    return r.augment() == null ? null : augmentCounts(tally);
  }

  private static Map<String, Long> augmentCounts(Map<String, Long> tally) {
    Map<String, Long> out = new TreeMap<>();
    tally.forEach(
        (k, v) -> {
          if (k.startsWith(AugmentText.PREFIX))
            out.put(k.substring(AugmentText.PREFIX.length()), v);
        });
    return out;
  }

  /** The difficulty components and the reference model that scored them; null without a curriculum. */
  static Map<String, Object> curriculum(Recipe r, CurriculumModel reference) {
    if (r.curriculum() == null) return null;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("components", r.curriculum().components());
    out.put("column", "difficulty");
    if (reference != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", reference.model().version());
      m.put("order", reference.model().order());
      m.put("training_docs", reference.model().trainingDocs());
      m.put("training_code_points", reference.model().trainingCodePoints());
      m.put("file", CurriculumModel.DIR + "/" + CurriculumModel.FILE);
      if (r.curriculum().model() != null) m.put("copied_from", r.curriculum().model());
      out.put("model", m);
    }
    return out;
  }

  /**
   * The pii section: per kind the recipe redacts, the replacements made ({@code replaced}) and the documents
   * that had any ({@code documents}), and the documents with any kind ({@code documents_redacted}); counted on
   * every document that reached the step (later duplicates included). Null without the recipe's pii section.
   */
  static Map<String, Object> pii(Recipe r, Map<String, Long> tally) {
    if (r.pii() == null) return null;
    Map<String, Long> replaced = new LinkedHashMap<>();
    Map<String, Long> documents = new LinkedHashMap<>();
    for (PiiKind kind : PiiKind.values()) {
      if (!r.pii().on(kind)) continue;
      replaced.put(kind.key(), tally.getOrDefault(RedactPii.REPLACED + kind.key(), 0L));
      documents.put(kind.key(), tally.getOrDefault(RedactPii.DOCS + kind.key(), 0L));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("replaced", replaced);
    out.put("documents", documents);
    out.put("documents_redacted", tally.getOrDefault(RedactPii.DOCS + RedactPii.ANY, 0L));
    out.put("tokens", tokens(r));
    return out;
  }

  private static Map<String, String> tokens(Recipe r) {
    Map<String, String> out = new LinkedHashMap<>();
    for (PiiKind kind : PiiKind.values()) {
      if (r.pii().on(kind)) out.put(kind.key(), r.pii().tokens().get(kind));
    }
    return out;
  }

  /**
   * The manifest's decontamination section: n, min_words and, per evaluation set in the recipe's order, its files'
   * documents (indexed by n-grams, indexed whole, too short), distinct n-grams and the documents it removed
   * ({@code hits}: each removed document counts for the set of its first match). Null without decontaminate.
   */
  static Map<String, Object> decontamination(Recipe r, EvalIndex index, Map<String, Long> tally) {
    if (r.decontaminate() == null) return null;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ngram", index.n());
    out.put("min_words", index.minWords());
    out.put("removed", tally.getOrDefault("filtered:" + Decontaminate.REASON, 0L));
    Map<String, Object> sets = new LinkedHashMap<>();
    for (EvalIndex.SetStats s : index.stats().values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("documents", s.documents());
      m.put("indexed", s.indexed());
      m.put("whole", s.whole());
      m.put("too_short", s.tooShort());
      m.put("ngrams", s.ngrams());
      m.put("hits", tally.getOrDefault(Decontaminate.REASON + ":" + s.name(), 0L));
      sets.put(s.name(), m);
    }
    out.put("sets", sets);
    return out;
  }

  /**
   * The manifest's {@code warc} section (null unless {@code input.format} is warc): {@code records}, every WARC
   * record read (the input's documents and dead letters plus the skipped ones), and {@code skipped} by reason.
   */
  static Map<String, Object> warc(Recipe r, Map<String, Long> tally, Manifest.Counts c) {
    if (!r.input().format().equals(dev.sluice.pipelines.io.WarcFormat.NAME)) return null;
    String prefix = dev.sluice.pipelines.steps.ReadDocuments.SKIPPED_PREFIX;
    Map<String, Long> skipped = new TreeMap<>();
    tally.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) skipped.put(k.substring(prefix.length()), v);
        });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("records", c.input() + skipped.values().stream().mapToLong(Long::longValue).sum());
    out.put("skipped", skipped);
    return out;
  }

  /** The duplicate kinds a text run's manifest always lists (0 when that step is off). */
  static final List<String> TEXT_DUPLICATES = List.of("exact", "near", "history");

  /** The duplicate kinds an image run's manifest always lists. */
  static final List<String> IMAGE_DUPLICATES = List.of("exact", "perceptual");

  static Manifest.Counts counts(Map<String, Long> tally, List<String> duplicateKinds) {
    Map<String, Long> filtered = new TreeMap<>();
    Map<String, Long> duplicate = new TreeMap<>();
    for (String kind : duplicateKinds) duplicate.put(kind, 0L);
    long dead = 0;
    for (Map.Entry<String, Long> e : tally.entrySet()) {
      String k = e.getKey();
      if (k.startsWith("filtered:")) filtered.put(k.substring(9), e.getValue());
      else if (k.startsWith("duplicate:"))
        duplicate.merge(k.substring(10), e.getValue(), Long::sum);
      else if (k.startsWith("dead_letter:")) dead += e.getValue();
    }
    return new Manifest.Counts(
        tally.getOrDefault("input", 0L),
        tally.getOrDefault("kept", 0L),
        dead,
        filtered,
        duplicate,
        tally.getOrDefault(AugmentText.AUGMENTED, 0L));
  }

  static List<Manifest.Stage> stages(
      Recipe r, Map<String, Long> tally, Manifest.Counts c, Map<String, Long> metrics) {
    long readDead = 0;
    long normDead = 0;
    long augmentDead = 0;
    long dupIds = tally.getOrDefault("dead_letter:parse.duplicate_id", 0L);
    long lang = 0;
    long quality = 0;
    long qualityModel = 0;
    long decontaminated = 0;
    for (Map.Entry<String, Long> e : tally.entrySet()) {
      String k = e.getKey();
      if (k.startsWith("dead_letter:read.")
          || (k.startsWith("dead_letter:parse.") && !k.endsWith(".duplicate_id"))) {
        readDead += e.getValue();
      } else if (k.startsWith("dead_letter:normalize.")) {
        normDead += e.getValue();
      } else if (k.startsWith("dead_letter:augment.")) {
        augmentDead += e.getValue();
      } else if (k.startsWith("filtered:language.")) {
        lang += e.getValue();
      } else if (k.startsWith("filtered:quality_model.")) {
        qualityModel += e.getValue();
      } else if (k.equals("filtered:" + Decontaminate.REASON)) {
        decontaminated += e.getValue();
      } else if (k.startsWith("filtered:")) {
        quality += e.getValue();
      }
    }
    List<Manifest.Stage> out = new ArrayList<>();
    long n = c.input();
    n = stage(out, "read", n, n - readDead, metrics);
    n = stage(out, "dedup_ids", n, n - dupIds, metrics);
    n = stage(out, "normalize", n, n - normDead, metrics);
    if (r.pii() != null) n = stage(out, "pii", n, n, metrics);
    if (r.language() != null) n = stage(out, "language", n, n - lang, metrics);
    n = stage(out, "quality", n, n - quality, metrics);
    if (r.decontaminate() != null) n = stage(out, "decontaminate", n, n - decontaminated, metrics);
    if (r.qualityModel() != null) n = stage(out, "quality_model", n, n - qualityModel, metrics);
    if (r.dedup() != null && r.dedup().exact())
      n = stage(out, "dedup_exact", n, n - c.duplicate().get("exact"), metrics);
    if (r.dedup() != null && r.dedup().near() != null) {
      n = stage(out, "dedup_near", n, n - c.duplicate().get("near"), metrics);
    }
    if (r.dedup() != null && r.dedup().history() != null) {
      n = stage(out, "dedup_history", n, n - c.duplicate().get("history"), metrics);
    }
    if (r.augment() != null) n = stage(out, "augment", n, n - augmentDead + c.augmented(), metrics);
    if (r.curriculum() != null) n = stage(out, "difficulty", n, n, metrics);
    stage(out, "write", n, n, metrics);
    return out;
  }

  /** An image run's funnel: read, dedup_ids, decode, quality, dedup_exact, dedup_perceptual, augment, write. */
  static List<Manifest.Stage> imageStages(
      ImageRecipe r, Map<String, Long> tally, Manifest.Counts c, Map<String, Long> metrics) {
    long readDead = 0;
    long decodeDead = 0;
    long augmentDead = 0;
    long dupIds = tally.getOrDefault("dead_letter:parse.duplicate_id", 0L);
    for (Map.Entry<String, Long> e : tally.entrySet()) {
      String k = e.getKey();
      if (k.startsWith("dead_letter:read.")) readDead += e.getValue();
      else if (k.startsWith("dead_letter:decode.")) decodeDead += e.getValue();
      else if (k.startsWith("dead_letter:augment.")) augmentDead += e.getValue();
    }
    List<Manifest.Stage> out = new ArrayList<>();
    long n = c.input();
    n = stage(out, "read", n, n - readDead, metrics);
    n = stage(out, "dedup_ids", n, n - dupIds, metrics);
    n = stage(out, "decode", n, n - decodeDead, metrics);
    n = stage(out, "quality", n, n - c.filteredTotal(), metrics);
    if (r.dedup() != null && r.dedup().exact())
      n = stage(out, "dedup_exact", n, n - c.duplicate().get("exact"), metrics);
    if (r.dedup() != null && r.dedup().perceptual() != null)
      n = stage(out, "dedup_perceptual", n, n - c.duplicate().get("perceptual"), metrics);
    if (r.augment() != null) n = stage(out, "augment", n, n - augmentDead + c.augmented(), metrics);
    stage(out, "write", n, n, metrics);
    return out;
  }

  private static long stage(
      List<Manifest.Stage> out, String name, long in, long outN, Map<String, Long> metrics) {
    double secs = metrics.getOrDefault("nanos:" + name, 0L) / 1e9;
    if (name.equals("write")) {
      secs +=
          (metrics.getOrDefault("nanos:write_removed", 0L)
                  + metrics.getOrDefault("nanos:write_dead_letters", 0L))
              / 1e9;
    }
    out.add(new Manifest.Stage(name, in, outN, Math.round(secs * 1000) / 1000.0));
    return outN;
  }
}
