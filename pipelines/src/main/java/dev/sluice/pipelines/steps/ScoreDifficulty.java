package dev.sluice.pipelines.steps;

import dev.sluice.augment.difficulty.Difficulty;
import dev.sluice.augment.difficulty.DifficultyModel;
import dev.sluice.augment.difficulty.Percentiles;
import dev.sluice.pipelines.model.Doc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * {@code curriculum}: measures each document's difficulty components (the recipe's list, from
 * Difficulty.COMPONENTS; rarity and perplexity under the reference model), then turns them into the
 * {@code difficulty} column: each component's percentile among all documents of the run (mid-rank, so ties
 * share one value), averaged, and that mean ranked again among all documents. The second rank makes the column
 * a percentile itself, uniform on [0, 1]: a curriculum's competence c then admits a share c of the documents (a
 * mean of several percentiles crowds around 0.5, and c = 0.2 admitted 2% of them). Three passes: the components,
 * their sorted values as a side input, the sorted means as another.
 */
public final class ScoreDifficulty extends PTransform<PCollection<Doc>, PCollection<Doc>> {
  /** The reference model's file (absolute) and the version it must have when a worker loads it. */
  public record Reference(String file, String version) implements java.io.Serializable {}

  private final List<String> components;
  private final Reference reference;

  /** @param reference the reference model, or null when no component needs one */
  public ScoreDifficulty(List<String> components, Reference reference) {
    this.components = List.copyOf(components);
    this.reference = reference;
  }

  @Override
  public PCollection<Doc> expand(PCollection<Doc> docs) {
    PCollection<Doc> measured =
        docs.apply("MeasureDifficulty", ParDo.of(new MeasureFn(components, reference)))
            .setCoder(Doc.CODER);
    PCollectionView<double[][]> sorted =
        measured
            .apply("DifficultyParts", ParDo.of(new PartsFn()))
            .setCoder(SortedParts.PARTS_CODER)
            .apply("SortParts", Combine.globally(SortedParts.components()).asSingletonView());
    PCollection<Doc> combined =
        measured
            .apply("CombineDifficulty", ParDo.of(new RankFn(sorted)).withSideInputs(sorted))
            .setCoder(Doc.CODER);
    PCollectionView<double[][]> means =
        combined
            .apply("DifficultyMeans", ParDo.of(new MeanFn()))
            .setCoder(SortedParts.PARTS_CODER)
            .apply("SortMeans", Combine.globally(new SortedParts(1)).asSingletonView());
    return combined
        .apply("RankDifficulty", ParDo.of(new FinalRankFn(means)).withSideInputs(means))
        .setCoder(Doc.CODER);
  }

  static final class MeanFn extends DoFn<Doc, double[]> {
    @ProcessElement
    public void process(@Element Doc d, OutputReceiver<double[]> out) {
      out.output(new double[] {d.difficulty()});
    }
  }

  /** The mean of the component percentiles, ranked among every document's: the difficulty column. */
  static final class FinalRankFn extends DoFn<Doc, Doc> {
    private final PCollectionView<double[][]> means;
    private final StageClock clock = new StageClock("difficulty");

    FinalRankFn(PCollectionView<double[][]> means) {
      this.means = means;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      long t = clock.start();
      double mean = c.element().difficulty();
      c.output(c.element().withDifficulty(Percentiles.rank(c.sideInput(means)[0], mean)));
      clock.stop(t);
    }

    @FinishBundle
    public void finish() {
      clock.flush();
    }
  }

  /** One model per file, version and JVM: a Flink TaskManager runs many instances of the step. */
  private static final Map<Reference, DifficultyModel> MODELS = new ConcurrentHashMap<>();

  static DifficultyModel model(Reference ref) {
    return MODELS.computeIfAbsent(
        ref,
        r -> {
          DifficultyModel m;
          try {
            m = DifficultyModel.load(Path.of(r.file()));
          } catch (IOException e) {
            throw new UncheckedIOException("could not read the difficulty model " + r.file(), e);
          }
          if (!m.version().equals(r.version())) {
            throw new IllegalStateException(
                r.file() + " is model " + m.version() + ", the run settled on " + r.version());
          }
          return m;
        });
  }

  static final class MeasureFn extends DoFn<Doc, Doc> {
    private final List<String> components;
    private final Reference reference;
    private final StageClock clock = new StageClock("difficulty");
    private transient DifficultyModel model;

    MeasureFn(List<String> components, Reference reference) {
      this.components = components;
      this.reference = reference;
    }

    @Setup
    public void setup() {
      if (reference != null) model = model(reference);
    }

    @ProcessElement
    public void process(@Element Doc d, OutputReceiver<Doc> out) {
      long t = clock.start();
      double[] parts = new double[Difficulty.COMPONENTS.size()];
      Arrays.fill(parts, Double.NaN);
      for (String c : components) {
        parts[Difficulty.COMPONENTS.indexOf(c)] =
            switch (c) {
              case "length" -> Difficulty.length(d.text());
              case "rarity" -> model.rarity(d.text());
              case "perplexity" -> model.perplexity(d.text());
              case "quality" -> Difficulty.quality(d.quality());
              default -> throw new IllegalStateException("unknown component " + c);
            };
      }
      out.output(d.withDifficultyParts(parts));
      clock.stop(t);
    }

    @FinishBundle
    public void finish() {
      clock.flush();
    }
  }

  static final class PartsFn extends DoFn<Doc, double[]> {
    @ProcessElement
    public void process(@Element Doc d, OutputReceiver<double[]> out) {
      out.output(d.difficultyParts());
    }
  }

  static final class RankFn extends DoFn<Doc, Doc> {
    private final PCollectionView<double[][]> sorted;
    private final StageClock clock = new StageClock("difficulty");

    RankFn(PCollectionView<double[][]> sorted) {
      this.sorted = sorted;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      long t = clock.start();
      double[][] all = c.sideInput(sorted);
      double[] parts = c.element().difficultyParts();
      double[] ranks = new double[parts.length];
      for (int i = 0; i < parts.length; i++) ranks[i] = Percentiles.rank(all[i], parts[i]);
      c.output(c.element().withDifficulty(Difficulty.combine(ranks)));
      clock.stop(t);
    }

    @FinishBundle
    public void finish() {
      clock.flush();
    }
  }
}
