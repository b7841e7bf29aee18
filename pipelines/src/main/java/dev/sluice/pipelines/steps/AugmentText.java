package dev.sluice.pipelines.steps;

import dev.sluice.augment.text.AugmentPolicy;
import dev.sluice.augment.text.Augmented;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.recipe.AugmentSettings;
import dev.sluice.report.RunStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.openhft.hashing.LongHashFunction;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * {@code augment.text}: every kept document goes on, followed by up to {@code copies} augmented copies, each with
 * its own id ({@code <id>#aug<k>}), {@code augmented_from} and the ops that changed it. A copy that no op could
 * change (one word, no synonyms, a language without resources) is not written, only counted: it would be a
 * duplicate of its original. Outputs the documents and partial counts for the tally: {@code augmented} per copy
 * written, {@code augment:copy_unchanged}, {@code augment:copy_repeated} (a copy with the text of an earlier one, not
 * written), and {@code augment:<op>.changed|unchanged|skipped_language} per op and
 * copy, so the manifest's accounting reads input + augmented = kept + filtered + duplicate + dead_letter. An input
 * id shaped like a copy's ({@code ...#aug<k>}) could collide with one: {@link ReserveCopyIds} makes it a dead letter
 * before dedup, so none reaches this step.
 */
public final class AugmentText extends PTransform<PCollection<Doc>, PCollectionTuple> {
  public static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>("augment_counts") {};

  /** A copy no op changed, not written (text: no op applied; images: also every pixel as it was). */
  public static final String COPY_UNCHANGED = "copy_unchanged";

  /** A copy equal to an earlier copy of the same record, not written. */
  public static final String COPY_REPEATED = "copy_repeated";

  /** The tally key of a written copy. */
  public static final String AUGMENTED = "augmented";

  /** The tally keys' prefix for the per-op and unchanged-copy counts. */
  public static final String PREFIX = "augment:";

  private static final int EXCERPT = 400;

  private final AugmentSettings settings;
  private final long seed;
  private final boolean report;

  /** @param report also output per-bundle {@link RunStats} with sampled copies beside their originals */
  public AugmentText(AugmentSettings settings, long seed, boolean report) {
    this.settings = settings;
    this.seed = seed;
    this.report = report;
  }

  /** The id of copy {@code k} (1-based) of a document. */
  public static String copyId(String id, int k) {
    return id + "#aug" + k;
  }

  /** Whether an input id has the shape of a copy's id ({@code ...#aug<digits>}), which could collide with one. */
  public static boolean reserved(String id) {
    int at = id.lastIndexOf("#aug");
    if (at < 0 || at + 4 == id.length()) return false;
    for (int i = at + 4; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  @Override
  public PCollectionTuple expand(PCollection<Doc> docs) {
    PCollectionTuple out =
        docs.apply(
            ParDo.of(new AugmentFn(settings.policy(), settings.copies(), seed, report))
                .withOutputTags(Tags.DOCS, TupleTagList.of(COUNTS).and(Tags.STATS)));
    out.get(Tags.DOCS).setCoder(Doc.CODER);
    out.get(COUNTS).setCoder(Tally.PARTIAL);
    out.get(Tags.STATS).setCoder(SerializableCoder.of(RunStats.class));
    return out;
  }

  static final class AugmentFn extends DoFn<Doc, Doc> {
    private final AugmentPolicy policy;
    private final int copies;
    private final long seed;
    private final boolean report;
    private final StageClock clock = new StageClock("augment");
    private transient Map<String, long[]> counts;
    private transient RunStats stats;

    AugmentFn(AugmentPolicy policy, int copies, long seed, boolean report) {
      this.policy = policy;
      this.copies = copies;
      this.seed = seed;
      this.report = report;
    }

    @ProcessElement
    public void process(@Element Doc d, MultiOutputReceiver out) {
      long t = clock.start();
      if (counts == null) counts = new HashMap<>();
      out.get(Tags.DOCS).output(d);
      List<String> written = new ArrayList<>();
      for (int k = 1; k <= copies; k++) {
        Augmented a = policy.augment(d.text(), d.lang(), seed, d.id(), k);
        for (String op : a.changed()) count(PREFIX + op + ".changed");
        for (String op : a.unchanged()) count(PREFIX + op + ".unchanged");
        for (String op : a.skippedLanguage()) count(PREFIX + op + ".skipped_language");
        // ops that undo each other (a word inserted, then deleted) can also give back the original
        if (a.changed().isEmpty() || a.text().equals(d.text())) {
          count(PREFIX + COPY_UNCHANGED);
          continue;
        }
        if (written.contains(a.text())) {
          count(PREFIX + COPY_REPEATED); // the text of an earlier copy: a duplicate within the run
          continue;
        }
        written.add(a.text());
        count(AUGMENTED);
        String id = copyId(d.id(), k);
        out.get(Tags.DOCS).output(d.augmentedCopy(id, a.text(), a.changed()));
        if (report) {
          if (stats == null) stats = new RunStats();
          stats.sampleAugmented(
              new RunStats.AugmentExample(
                  id,
                  LongHashFunction.xx3(seed).hashChars(id),
                  a.changed(),
                  excerpt(d.text()),
                  excerpt(a.text())));
        }
      }
      clock.stop(t);
    }

    private static String excerpt(String s) {
      if (s.length() <= EXCERPT) return s;
      int end = Character.isHighSurrogate(s.charAt(EXCERPT - 1)) ? EXCERPT - 1 : EXCERPT;
      return s.substring(0, end) + "…";
    }

    private void count(String key) {
      counts.computeIfAbsent(key, x -> new long[1])[0]++;
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      clock.flush();
      if (stats != null) {
        c.output(Tags.STATS, stats, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
        stats = null;
      }
      if (counts == null) return;
      for (Map.Entry<String, long[]> e : counts.entrySet()) {
        c.output(
            COUNTS,
            KV.of(e.getKey(), e.getValue()[0]),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
      }
      counts = null;
    }
  }
}
