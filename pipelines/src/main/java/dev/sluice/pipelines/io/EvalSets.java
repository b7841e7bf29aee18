package dev.sluice.pipelines.io;

import dev.sluice.core.config.Config;
import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.quality.decontam.EvalIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the recipe's evaluation sets ({@code decontaminate.sets}) into an {@link EvalIndex}, with the input
 * formats' own readers. Evaluation files must read cleanly: a missing file, a record that would be a dead letter
 * of a run (bad JSON, invalid UTF-8, no text field), an id twice in one set, or a set without a single document is a recipe error naming
 * the set, the file and the reason, before any work starts; a training run must never pass while quietly
 * checking against half a benchmark.
 *
 * <p>The driver loads the sets once to validate them and to count them for the manifest; each worker JVM loads
 * them once more (the first {@link #shared} call) and its threads share that index.
 */
public final class EvalSets {
  private EvalSets() {}

  /**
   * What to read: the sets by name, in order, and the index's n and min_words (the recipe's
   * {@code decontaminate}).
   */
  public record Spec(Map<String, InputSettings> sets, int ngram, int minWords)
      implements java.io.Serializable {}

  private static Spec cachedFor;
  private static EvalIndex cached;

  /** The index of {@code settings}' sets, read now; also what {@link #shared} hands out in this JVM from now. */
  public static EvalIndex load(Spec settings) {
    EvalIndex.Builder b = new EvalIndex.Builder(settings.ngram(), settings.minWords());
    for (Map.Entry<String, InputSettings> set : settings.sets().entrySet()) {
      b.set(set.getKey());
      read(set.getKey(), set.getValue(), b);
    }
    EvalIndex index = b.build();
    for (EvalIndex.SetStats set : index.stats().values()) {
      if (set.indexed() + set.whole() == 0) {
        // a set that checks nothing would pass every document while the run reports it applied
        throw new Config.ConfigException(
            "decontaminate.sets." + set.name(),
            set.documents()
                + " documents, all shorter than min_words ("
                + settings.minWords()
                + ")",
            "a set with at least one document of min_words words or more");
      }
    }
    synchronized (EvalSets.class) {
      cachedFor = settings;
      cached = index;
    }
    return index;
  }

  /** The index of {@code settings}, read at most once per JVM for the same settings. */
  public static synchronized EvalIndex shared(Spec settings) {
    if (cached == null || !settings.equals(cachedFor)) load(settings);
    return cached;
  }

  private static void read(String name, InputSettings in, EvalIndex.Builder b) {
    String field = "decontaminate.sets." + name;
    List<String> files;
    try {
      files = InputFiles.expand(in.paths());
    } catch (Config.ConfigException e) {
      throw new Config.ConfigException(
          field, String.join(", ", in.paths()), "a path or glob that matches at least one file");
    }
    FileReader reader = new FileReader(in);
    List<DeadLetter> bad = new ArrayList<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    long[] docs = {0};
    for (String file : files) {
      reader.read(
          file,
          d -> {
            if (!ids.add(d.id())) {
              throw new Config.ConfigException(
                  field, d.id(), "document ids unique within the set (" + file + " repeats one)");
            }
            b.add(name, d.id(), d.text());
            docs[0]++;
          },
          bad::add);
      if (!bad.isEmpty()) {
        DeadLetter d = bad.get(0);
        throw new Config.ConfigException(
            field,
            d.source(),
            "an evaluation file that reads cleanly as "
                + in.format()
                + ", but at "
                + d.location()
                + ": "
                + d.reason()
                + " ("
                + d.detail()
                + ")");
      }
    }
    if (docs[0] == 0)
      throw new Config.ConfigException(
          field, String.join(", ", in.paths()), "at least one document");
  }
}
