package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.pipelines.recipe.LanguageSettings;
import dev.sluice.quality.lang.LanguageIdentifier;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Identifies each document's language. Removed: {@code language.not_kept} (a language outside the keep list;
 * score = its confidence) and {@code language.low_confidence} (below min_confidence).
 */
public final class IdentifyLanguage extends PTransform<PCollection<Doc>, PCollectionTuple> {
  private final LanguageSettings settings;

  public IdentifyLanguage(LanguageSettings settings) {
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PCollection<Doc> docs) {
    return Tags.withCoders(docs.apply("DetectLanguage",
        ParDo.of(new LanguageFn(settings)).withOutputTags(Tags.DOCS, TupleTagList.of(Tags.REMOVED))));
  }

  static final class LanguageFn extends DoFn<Doc, Doc> {
    private final LanguageSettings settings;
    private final StageClock clock = new StageClock("language");
    private transient LanguageIdentifier lid;

    LanguageFn(LanguageSettings settings) {
      this.settings = settings;
    }

    @Setup
    public void setup() {
      lid = LanguageIdentifier.get();
    }

    @ProcessElement
    public void process(@Element Doc in, MultiOutputReceiver out) {
      long t = clock.start();
      LanguageIdentifier.Guess g = lid.identify(in.text);
      Doc d = in.copy();
      d.lang = g.lang();
      d.langScore = g.confidence();
      if (!settings.keep().isEmpty() && !settings.keep().contains(g.lang())) {
        out.get(Tags.REMOVED).output(RemovedDoc.of(d, RemovedDoc.LANGUAGE, "language.not_kept", null, g.confidence()));
      } else if (g.confidence() < settings.minConfidence()) {
        out.get(Tags.REMOVED).output(RemovedDoc.of(d, RemovedDoc.LANGUAGE, "language.low_confidence", null,
            g.confidence()));
      } else {
        out.get(Tags.DOCS).output(d);
      }
      clock.stop(t);
    }

    @FinishBundle
    public void finish() {
      clock.flush();
    }
  }
}
