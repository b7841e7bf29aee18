package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.io.EvalSets;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.pipelines.recipe.DecontamSettings;
import dev.sluice.quality.decontam.EvalIndex;

/**
 * Removes a document that shares an n-gram with an evaluation document ({@code filtered:decontamination}); its
 * removed/ row names that evaluation document in {@code matched} ({@code set/id}). The evaluation sets are small:
 * each worker JVM reads them once ({@link EvalSets#shared}) and matches every document against them where it
 * stands, so no step ever gathers the corpus.
 */
public final class Decontaminate implements DocStep {
  private static final long serialVersionUID = 1L;

  /** The manifest's reason (filtered:decontamination) and the prefix of the per-set tally keys. */
  public static final String REASON = "decontamination";

  private final DecontamSettings settings;
  private transient EvalIndex.Matcher matcher;

  public Decontaminate(DecontamSettings settings) {
    this.settings = settings;
  }

  @Override
  public String stage() {
    return "decontaminate";
  }

  @Override
  public void setup() {
    matcher = EvalSets.shared(settings.spec()).matcher();
  }

  @Override
  public void warmUp() {
    EvalSets.shared(settings.spec()); // the evaluation sets' n-gram index, shared by every instance
  }

  @Override
  public Doc apply(Doc in, Out out) {
    EvalIndex.Match m = matcher.firstMatch(in.text());
    if (m == null) return in;
    out.removed(
        RemovedDoc.of(in, RemovedDoc.DECONTAMINATION, REASON, null, Double.NaN)
            .withMatched(m.label()));
    return null;
  }

  /** The tally key of a removed row's evaluation set ({@code decontamination:<set>}), null for other rows. */
  public static String setKey(RemovedDoc r) {
    if (!REASON.equals(r.reason()) || r.matched() == null) return null;
    int slash = r.matched().indexOf('/');
    return REASON + ":" + r.matched().substring(0, slash);
  }
}
