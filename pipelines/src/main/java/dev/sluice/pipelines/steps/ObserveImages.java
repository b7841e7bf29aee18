package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.ImageDoc;
import dev.sluice.report.RunStats;
import java.io.Serializable;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The kept images counted and observed in one pass (on Flink every consumer of the kept images decodes every image
 * again): per bundle, their count and encoded bytes ({@link #COUNTS}, as {@link WriteShards#counts} makes them, for
 * the shard count and the tally) and, with a report, their statistics ({@link #KEPT_STATS}, as {@link Observe#kept}
 * gathers them for text: count, encoded bytes, every signal's histogram ({@code signalsOut["image.<signal>"]}:
 * width, height, file_bytes, blur, ...) and the perceptual clusters' sizes; augmented copies are counted apart
 * from the originals). Where the last step leaves the kept images in its tagged stream, this is an {@link
 * #observer} that the step's own light copy runs, so the runner ships the stream to one consumer fewer.
 */
public final class ObserveImages extends PTransform<PCollection<ImageDoc>, PCollectionTuple> {
  /** Per bundle: "rows" and "bytes" of the kept images. */
  public static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>("kept_counts") {};

  /** Per bundle, with a report: the kept images' statistics (named apart from the analysis' {@link Tags#STATS}). */
  public static final TupleTag<RunStats> KEPT_STATS = new TupleTag<>("kept_stats") {};

  @SuppressWarnings("unchecked")
  static final Fanout.Outputs OUTPUTS =
      Fanout.Outputs.of()
          .and(KEPT_STATS, (Coder<RunStats>) Tags.coder(Tags.STATS))
          .and(COUNTS, KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));

  private final boolean report;

  /** @param report whether to gather the statistics too (else only {@link #COUNTS}) */
  public ObserveImages(boolean report) {
    this.report = report;
  }

  @Override
  public PCollectionTuple expand(PCollection<ImageDoc> images) {
    PCollection<Fanout.Tagged> tagged =
        images.apply("CountObserve", ParDo.of(new KeptFn<>(report, new Unpacked())));
    return report
        ? Fanout.split(tagged, OUTPUTS, COUNTS, KEPT_STATS)
        : Fanout.split(tagged, OUTPUTS, COUNTS);
  }

  /**
   * As this transform, for images that are the {@code part} of a step's tagged stream ({@link Fanout#STREAM}): an
   * observer for the step's light copy ({@link Fanout#splitLeaving(PCollection, Fanout.Outputs,
   * org.apache.beam.sdk.values.TupleTag, Fanout.Observer)}), whose tuple then holds {@link #COUNTS} and {@link
   * #KEPT_STATS}. Without a report an image is counted from its encoding, not decoded.
   */
  public Fanout.Observer observer(Fanout.Part<ImageDoc> part) {
    return new KeptObserver(report, new Encoded(part));
  }

  /** How {@link Kept} reads its input: which elements are kept images, their bytes, the image. */
  interface Images<I> extends Serializable {
    /** The length of the image's own bytes, or -1 when {@code in} is not a kept image. */
    long bytes(I in);

    ImageDoc image(I in);
  }

  static final class Unpacked implements Images<ImageDoc> {
    @Override
    public long bytes(ImageDoc d) {
      return d.bytes().length;
    }

    @Override
    public ImageDoc image(ImageDoc d) {
      return d;
    }
  }

  static final class Encoded implements Images<Fanout.Tagged> {
    private final Fanout.Part<ImageDoc> part;

    Encoded(Fanout.Part<ImageDoc> part) {
      this.part = part;
    }

    @Override
    public long bytes(Fanout.Tagged t) {
      byte[] b = part.encoded(t);
      return b == null ? -1 : ImageDoc.bytesLengthOf(b);
    }

    @Override
    public ImageDoc image(Fanout.Tagged t) {
      return part.decode(t);
    }
  }

  /** What the report keeps of one kept image. */
  static void observe(RunStats s, ImageDoc d) {
    s.docsOut++;
    s.bytesOut += d.bytes().length;
    if (d.augmentedFrom() != null) return;
    if (d.clusterSize() > 1) s.clusterSizes.add(d.clusterSize());
    for (Map.Entry<String, Double> e : d.signals().entrySet())
      RunStats.addTo(s.signalsOut, "image." + e.getKey(), e.getValue());
  }

  /** A bundle's count, bytes and (with a report) statistics of kept images. */
  static final class Kept<I> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final boolean report;
    private final Images<I> images;
    private transient RunStats stats;
    private long rows;
    private long bytes;

    Kept(boolean report, Images<I> images) {
      this.report = report;
      this.images = images;
    }

    void add(I in) {
      long b = images.bytes(in);
      if (b < 0) return;
      rows++;
      bytes += b;
      if (report) {
        if (stats == null) stats = new RunStats();
        observe(stats, images.image(in));
      }
    }

    /** The bundle's elements, and a fresh start for the next bundle. */
    void finish(Fanout.Emitter emit, Consumer<Fanout.Tagged> out) {
      if (rows > 0) {
        out.accept(emit.of(COUNTS, KV.of("rows", rows)));
        out.accept(emit.of(COUNTS, KV.of("bytes", bytes)));
      }
      if (stats != null) out.accept(emit.of(KEPT_STATS, stats));
      rows = 0;
      bytes = 0;
      stats = null;
    }
  }

  static final class KeptObserver implements Fanout.Observer {
    private static final long serialVersionUID = 1L;
    private final Kept<Fanout.Tagged> kept;

    KeptObserver(boolean report, Images<Fanout.Tagged> images) {
      this.kept = new Kept<>(report, images);
    }

    @Override
    public Fanout.Outputs outputs() {
      return OUTPUTS;
    }

    @Override
    public void observe(Fanout.Tagged record) {
      kept.add(record);
    }

    @Override
    public void finish(Fanout.Emitter emit, Consumer<Fanout.Tagged> out) {
      kept.finish(emit, out);
    }
  }

  static final class KeptFn<I> extends DoFn<I, Fanout.Tagged> {
    private final Kept<I> kept;
    private transient Fanout.Emitter emit;

    KeptFn(boolean report, Images<I> images) {
      this.kept = new Kept<>(report, images);
    }

    @Setup
    public void setup() {
      emit = OUTPUTS.emitter();
    }

    @ProcessElement
    public void process(@Element I in) {
      kept.add(in);
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      kept.finish(
          emit, t -> c.output(t, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE));
    }
  }
}
