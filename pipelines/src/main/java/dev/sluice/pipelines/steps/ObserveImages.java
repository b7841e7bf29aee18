package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.ImageDoc;
import dev.sluice.report.RunStats;
import java.io.Serializable;
import java.util.Map;
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
 * the shard count and the tally) and, with a report, their statistics ({@link Tags#STATS}, as {@link Observe#kept}
 * gathers them for text: count, encoded bytes, every signal's histogram ({@code signalsOut["image.<signal>"]}:
 * width, height, file_bytes, blur, ...) and the perceptual clusters' sizes; augmented copies are counted apart
 * from the originals).
 */
public final class ObserveImages extends PTransform<PCollection<ImageDoc>, PCollectionTuple> {
  /** Per bundle: "rows" and "bytes" of the kept images. */
  public static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<>("kept_counts") {};

  static final Fanout.Outputs OUTPUTS =
      Fanout.Outputs.of(Tags.STATS)
          .and(COUNTS, KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));

  private final boolean report;

  /** @param report whether to gather the statistics too (else only {@link #COUNTS}) */
  public ObserveImages(boolean report) {
    this.report = report;
  }

  @Override
  public PCollectionTuple expand(PCollection<ImageDoc> images) {
    return split(images.apply("CountObserve", ParDo.of(new KeptFn<>(report, new Unpacked()))));
  }

  /**
   * As this transform, for images that are the {@code part} of a tagged stream ({@link Fanout#STREAM}): without a
   * report an image is counted from its encoding, not decoded.
   */
  public PTransform<PCollection<Fanout.Tagged>, PCollectionTuple> fromStream(
      Fanout.Part<ImageDoc> part) {
    return new PTransform<>() {
      @Override
      public PCollectionTuple expand(PCollection<Fanout.Tagged> stream) {
        return split(
            stream.apply("CountObserve", ParDo.of(new KeptFn<>(report, new Encoded(part)))));
      }
    };
  }

  private PCollectionTuple split(PCollection<Fanout.Tagged> tagged) {
    return report
        ? Fanout.split(tagged, OUTPUTS, COUNTS, Tags.STATS)
        : Fanout.split(tagged, OUTPUTS, COUNTS);
  }

  /** How {@link KeptFn} reads its input: which elements are kept images, their bytes, the image. */
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

  static final class KeptFn<I> extends DoFn<I, Fanout.Tagged> {
    private final boolean report;
    private final Images<I> images;
    private transient Fanout.Emitter emit;
    private transient RunStats stats;
    private long rows;
    private long bytes;

    KeptFn(boolean report, Images<I> images) {
      this.report = report;
      this.images = images;
    }

    @Setup
    public void setup() {
      emit = OUTPUTS.emitter();
    }

    @ProcessElement
    public void process(@Element I in) {
      long b = images.bytes(in);
      if (b < 0) return;
      rows++;
      bytes += b;
      if (report) {
        if (stats == null) stats = new RunStats();
        observe(stats, images.image(in));
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      if (rows > 0) {
        output(c, emit.of(COUNTS, KV.of("rows", rows)));
        output(c, emit.of(COUNTS, KV.of("bytes", bytes)));
      }
      if (stats != null) output(c, emit.of(Tags.STATS, stats));
      rows = 0;
      bytes = 0;
      stats = null;
    }

    private void output(FinishBundleContext c, Fanout.Tagged t) {
      c.output(t, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }
  }
}
