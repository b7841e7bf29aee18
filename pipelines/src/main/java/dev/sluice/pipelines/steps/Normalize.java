package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.quality.text.Normalizer;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/** Unicode normalisation and whitespace/control clean-up; a text that normalises to nothing is a dead letter. */
public final class Normalize extends PTransform<PCollection<Doc>, PCollectionTuple> {
  private final Normalizer.Settings settings;

  public Normalize(Normalizer.Settings settings) {
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PCollection<Doc> docs) {
    return Tags.withCoders(docs.apply("NormalizeText",
        ParDo.of(new NormalizeFn(settings)).withOutputTags(Tags.DOCS, TupleTagList.of(Tags.DEAD))));
  }

  static final class NormalizeFn extends DoFn<Doc, Doc> {
    private final Normalizer normalizer;
    private final StageClock clock = new StageClock("normalize");

    NormalizeFn(Normalizer.Settings settings) {
      this.normalizer = new Normalizer(settings);
    }

    @ProcessElement
    public void process(@Element Doc in, MultiOutputReceiver out) {
      long t = clock.start();
      String text = normalizer.normalize(in.text);
      if (text.isEmpty()) {
        out.get(Tags.DEAD).output(DeadLetter.of("normalize", "empty_text",
            "the text is empty after normalisation (only control or zero-width characters)", in.source,
            in.location(), in.pos, in.text));
      } else {
        Doc d = in.copy();
        d.text = text;
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
