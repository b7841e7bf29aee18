package dev.sluice.pipelines.steps;

import dev.sluice.augment.image.ImageAugmentPolicy;
import dev.sluice.pipelines.model.ImageDoc;
import dev.sluice.quality.image.ImageDecoder;
import dev.sluice.quality.image.ImageRejected;
import dev.sluice.quality.image.ImageSignals;
import dev.sluice.quality.image.PerceptualHash;
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
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Offline image augmentation ({@code augment.image}): each kept image goes on, followed by {@code copies} augmented
 * copies from {@link ImageAugmentPolicy} — seeded by (recipe seed, image id, copy), so byte-identical on every
 * runner — each with its own id ({@code <id>#aug<k>}, as text), {@code augmented_from}, the ops applied, PNG
 * bytes, and its own signals, pixel hash and perceptual hashes. The tally counts {@code augmented} copies and each op ({@code augment:<op>}); a copy no op changed is
 * not written ({@code augment:copy_unchanged}, also when the ops left every pixel as it was), nor is one with the
 * pixels of an earlier copy of the same image ({@code augment:copy_repeated}). An input id shaped like a copy's is a dead letter
 * ({@code augment.reserved_id}) before dedup, in {@link AnalyzeImages}, as {@link ReserveCopyIds} does for text.
 */
public final class AugmentImages extends PTransform<PCollection<ImageDoc>, PCollectionTuple> {
  private final HashMap<String, Object> section;
  private final ImageDecoder.Settings decode;
  private final long seed;
  private final boolean report;

  /**
   * @param decode the recipe's {@code input.decode} settings, with which every kept image was decoded: its bytes
   *     are decoded again with them (the pixel limit and EXIF choice the user set) to make the copies
   */
  public AugmentImages(
      Map<String, Object> section, ImageDecoder.Settings decode, long seed, boolean report) {
    this.section = new HashMap<>(section);
    this.decode = decode;
    this.seed = seed;
    this.report = report;
  }

  @Override
  public PCollectionTuple expand(PCollection<ImageDoc> images) {
    PCollectionTuple out =
        images.apply(
            ParDo.of(new AugmentFn(section, decode, seed, report))
                .withOutputTags(Tags.IMAGES, TupleTagList.of(AugmentText.COUNTS).and(Tags.STATS)));
    out.get(Tags.IMAGES).setCoder(ImageDoc.CODER);
    out.get(AugmentText.COUNTS).setCoder(Tally.PARTIAL);
    out.get(Tags.STATS).setCoder(SerializableCoder.of(RunStats.class));
    return out;
  }

  static final class AugmentFn extends DoFn<ImageDoc, ImageDoc> {
    private final HashMap<String, Object> section;
    private final ImageDecoder.Settings decode;
    private final long seed;
    private final boolean report;
    private final StageClock clock = new StageClock("augment");
    private transient ImageAugmentPolicy policy;
    private transient Map<String, long[]> counts;
    private transient RunStats stats;

    AugmentFn(
        HashMap<String, Object> section, ImageDecoder.Settings decode, long seed, boolean report) {
      this.section = section;
      this.decode = decode;
      this.seed = seed;
      this.report = report;
    }

    @Setup
    public void setup() {
      policy = ImageAugmentPolicy.from(section);
    }

    @ProcessElement
    public void process(@Element ImageDoc d, MultiOutputReceiver out) throws ImageRejected {
      long t = clock.start();
      if (counts == null) counts = new HashMap<>();
      out.get(Tags.IMAGES).output(d);
      if (policy.copies() > 0) {
        // the kept bytes decode to exactly the pixels the signals and hashes saw, with the settings
        // they were decoded with; no name is given, since kept bytes are often a PNG re-encoding
        // under the source's name (a BMP, a GIF, a rotated JPEG), which the extension check would
        // reject
        var pixels = ImageDecoder.decode(d.bytes(), null, decode).pixels();
        // the pixel hashes of the copies written so far (their pixels would hold a photo's worth of
        // memory per copy)
        List<String> written = new ArrayList<>();
        for (int k = 1; k <= policy.copies(); k++) {
          ImageAugmentPolicy.Result a = policy.apply(pixels, seed, d.id(), k);
          // an op can leave every pixel as it was (identity, rotate:0, posterize:8, equalize of an
          // equalized image): such a copy would be an exact duplicate of its original (whose pixel
          // hash the analysis took of these same pixels), or of a copy
          String pixelSha = a.ops().isEmpty() ? null : ImageDecoder.pixelSha256(a.pixels());
          if (pixelSha == null || pixelSha.equals(d.pixelSha256())) {
            count(AugmentText.PREFIX + AugmentText.COPY_UNCHANGED);
            continue;
          }
          if (written.contains(pixelSha)) {
            count(AugmentText.PREFIX + AugmentText.COPY_REPEATED);
            continue;
          }
          written.add(pixelSha);
          for (String op : a.ops()) count(AugmentText.PREFIX + opName(op));
          count(AugmentText.AUGMENTED);
          String id = AugmentText.copyId(d.id(), k);
          var p = a.pixels();
          byte[] png = ImageDecoder.encodePng(p);
          byte[] luma = p.luma(); // once for the signals and both hashes, as AnalyzeImages does
          out.get(Tags.IMAGES)
              .output(
                  d.augmentedCopy(id, a.ops())
                      .analysed(
                          png,
                          "png",
                          p.width(),
                          p.height(),
                          p.channels(),
                          d.sourceFormat(),
                          ImageSignals.measure(p, luma, png, "png").asMap(),
                          pixelSha,
                          PerceptualHash.phash(luma, p.width(), p.height()),
                          PerceptualHash.dhash(luma, p.width(), p.height())));
          if (report) {
            if (stats == null) stats = new RunStats();
            stats.sampleAugmented(
                new RunStats.AugmentExample(
                    id, LongHashFunction.xx3(seed).hashChars(id), a.ops(), d.id(), id));
          }
        }
      }
      clock.stop(t);
    }

    /** "rotate:12.5" -> "rotate": the tally counts ops, not magnitudes. */
    static String opName(String op) {
      int colon = op.indexOf(':');
      return colon < 0 ? op : op.substring(0, colon);
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
            AugmentText.COUNTS,
            KV.of(e.getKey(), e.getValue()[0]),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
      }
      counts = null;
    }
  }
}
