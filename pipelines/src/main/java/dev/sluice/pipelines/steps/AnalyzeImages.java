package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.IdRef;
import dev.sluice.pipelines.model.ImageDoc;
import dev.sluice.quality.image.ImageDecoder;
import dev.sluice.quality.image.ImageRejected;
import dev.sluice.quality.image.ImageRules;
import dev.sluice.quality.image.ImageSignals;
import dev.sluice.quality.image.PerceptualHash;
import dev.sluice.quality.rules.Rejection;
import dev.sluice.report.RunStats;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Everything done to one image, in one ParDo (as {@link PerDocument} for text). It also passes the reader's dead
 * letters on under {@link Tags#DEAD} and counts what the reader read under {@link ReadDocuments#INPUT}, so that no
 * other step consumes the reader's stream only to count it (on Flink each consumer gets every image; {@link
 * ReadImages}). Then, per image: the duplicate-id check, decode ({@link ImageDecoder}: a rejected input is a dead letter of stage {@code decode} with the decoder's reason), the
 * signals ({@link ImageSignals}) and the recipe's quality.image rules ({@link ImageRules}: a failed rule is a removed
 * row and the counter {@code filtered:image.<rule>}), the perceptual hashes, and the bytes the shard will hold: the
 * input's own when it is a JPEG or PNG that decoding did not transform (no EXIF rotation, no alpha), else PNG.
 */
public final class AnalyzeImages extends PTransform<PCollection<Fanout.Tagged>, PCollectionTuple> {
  public static final String STAGE = "decode";
  static final Fanout.Outputs OUTPUTS =
      Fanout.Outputs.of(Tags.IMAGES, Tags.REMOVED, Tags.DEAD, Tags.STATS)
          .and(ReadDocuments.INPUT, Tally.PARTIAL);
  private final Map<String, Object> decode;
  private final Map<String, Object> quality;
  private final PCollectionView<Map<String, String>> losers;
  private final boolean report;
  private final Fanout.Part<ImageDoc> images;
  private final Fanout.Part<DeadLetter> readDead;
  private final Fanout.Observer kept;
  private boolean copyIdsReserved;

  /** The images of this step's tagged stream ({@link Fanout#STREAM}). */
  public static final Fanout.Part<ImageDoc> IMAGES = OUTPUTS.part(Tags.IMAGES);

  /**
   * @param images the images' part of the reader's tagged stream (the stream is taken whole, as {@link
   *     PerDocument} takes it: one encoding and decoding of every image fewer than an unpacked collection)
   * @param readDead the reader's dead letters in the same stream, passed on unchanged among this step's own
   * @param decode input.decode as the recipe wrote it; @param quality quality.image, or null for no rules
   * @param losers the duplicate-id check's answer ({@link DedupIds}), or null where the reader had no ids to check
   * @param kept when not null, the images stay in this step's tagged stream instead of being unpacked under {@link
   *     Tags#IMAGES}, for a next step that reads them as the {@link #IMAGES} part of {@link Fanout#STREAM} (the
   *     runner would otherwise decode the unpacked copy for nobody), and this observer sees them in the light copy
   *     that unpacks the small outputs ({@link Fanout#splitLeaving(PCollection, Fanout.Outputs,
   *     org.apache.beam.sdk.values.TupleTag, Fanout.Observer)})
   */
  public AnalyzeImages(
      Fanout.Part<ImageDoc> images,
      Fanout.Part<DeadLetter> readDead,
      Map<String, Object> decode,
      Map<String, Object> quality,
      PCollectionView<Map<String, String>> losers,
      boolean report,
      Fanout.Observer kept) {
    this.images = images;
    this.readDead = readDead;
    this.decode = decode == null ? new HashMap<>() : new HashMap<>(decode);
    this.quality = quality == null ? null : new HashMap<>(quality);
    this.losers = losers;
    this.report = report;
    this.kept = kept;
  }

  /**
   * With augmentation on: an image whose id has the shape of a copy's ({@code ...#aug<k>}) is a dead letter ({@code
   * augment.reserved_id}) here, before dedup, as {@link ReserveCopyIds} does for text.
   */
  public AnalyzeImages withCopyIdsReserved() {
    this.copyIdsReserved = true;
    return this;
  }

  @Override
  public PCollectionTuple expand(PCollection<Fanout.Tagged> tagged) {
    var analyse = ParDo.of(new AnalyseFn(this));
    PCollection<Fanout.Tagged> out =
        tagged.apply("Analyse", losers == null ? analyse : analyse.withSideInputs(losers));
    return kept != null
        ? Fanout.splitLeaving(out, OUTPUTS, Tags.IMAGES, kept)
        : Fanout.split(out, OUTPUTS);
  }

  static final class AnalyseFn extends DoFn<Fanout.Tagged, Fanout.Tagged> {
    private final Fanout.Part<ImageDoc> images;
    private final Fanout.Part<DeadLetter> readDead;
    private final HashMap<String, Object> decode;
    private final HashMap<String, Object> quality;
    private final PCollectionView<Map<String, String>> losersView;
    private final boolean report;
    private final boolean copyIdsReserved;
    private final StageClock decodeClock = new StageClock(STAGE);
    private final StageClock qualityClock = new StageClock("quality");
    private final StageClock hashClock =
        new StageClock(STAGE); // hashes and re-encoding count as decode
    private transient ImageDecoder.Settings settings;
    private transient ImageRules rules;
    private transient Fanout.Emitter emit;
    private transient Map<String, String> losers;
    private transient RunStats stats;
    private transient int deadTag;

    /** The tally's live counter of records read, bumped per record as {@link Tally#keys} does. */
    private static final Counter READ_COUNTER = Metrics.counter(StageClock.NAMESPACE, "input");

    private long read;

    AnalyseFn(AnalyzeImages t) {
      this.images = t.images;
      this.readDead = t.readDead;
      this.decode = new HashMap<>(t.decode);
      this.quality = t.quality == null ? null : new HashMap<>(t.quality);
      this.losersView = t.losers;
      this.report = t.report;
      this.copyIdsReserved = t.copyIdsReserved;
    }

    @Setup
    public void setup() {
      settings = ImageDecoder.Settings.from(decode);
      rules = quality == null ? null : ImageRules.from(quality);
      emit = OUTPUTS.emitter();
      deadTag = OUTPUTS.indexOf(Tags.DEAD);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      ImageDoc in = images.decode(c.element());
      if (in == null) {
        // the reader's dead letter goes on as it was encoded (the same coder); its other outputs
        // (the references of the duplicate-id check) are not records read
        byte[] dead = readDead.encoded(c.element());
        if (dead != null) {
          read++;
          READ_COUNTER.inc();
          c.output(new Fanout.Tagged(deadTag, dead));
        }
        return;
      }
      read++;
      READ_COUNTER.inc();
      if (losers == null) losers = losersView == null ? Map.of() : c.sideInput(losersView);
      String lost = losers.isEmpty() ? null : losers.get(IdRef.recordKey(in.source(), in.pos()));
      if (lost != null) {
        c.output(emit.of(Tags.DEAD, dead("parse", "duplicate_id", lost, in)));
        return;
      }
      if (copyIdsReserved && AugmentText.reserved(in.id())) {
        String detail = ReserveCopyIds.detail("augment.image");
        c.output(emit.of(Tags.DEAD, dead(ReserveCopyIds.STAGE, ReserveCopyIds.REASON, detail, in)));
        return;
      }
      long t = decodeClock.start();
      var decoded = decodeOrNull(in, c);
      decodeClock.stop(t);
      if (decoded == null) return;
      t = qualityClock.start();
      var pixels = decoded.pixels();
      byte[] luma = pixels.luma(); // once for the signals and both hashes
      var values = ImageSignals.measure(pixels, luma, in.bytes(), decoded.sourceFormat());
      Map<String, Double> signals = values.asMap();
      if (report) {
        RunStats s = stats();
        s.docsIn++;
        s.bytesIn += in.bytes().length;
        for (Map.Entry<String, Double> e : signals.entrySet())
          if (e.getValue() != null)
            RunStats.addTo(s.signalsIn, "image." + e.getKey(), e.getValue());
      }
      Optional<Rejection> rejected = rules == null ? Optional.empty() : rules.check(values);
      qualityClock.stop(t);
      if (rejected.isPresent()) {
        Rejection r = rejected.get();
        String rule = r.rule().startsWith("image.") ? r.rule() : "image." + r.rule();
        c.output(emit.of(Tags.REMOVED, in.removed("quality", rule, null, r.value())));
        return;
      }
      t = hashClock.start();
      String src = decoded.sourceFormat();
      // with exif_orientation off a tagged JPEG is not turned, so its own bytes are kept too
      boolean asIs = (src.equals("jpeg") || src.equals("png")) && decoded.untouched();
      byte[] encoded = asIs ? in.bytes() : ImageDecoder.encodePng(pixels);
      ImageDoc out =
          in.analysed(
              encoded,
              asIs ? src : "png",
              pixels.width(),
              pixels.height(),
              pixels.channels(),
              src,
              signals,
              decoded.pixelSha256(),
              PerceptualHash.phash(luma, pixels.width(), pixels.height()),
              PerceptualHash.dhash(luma, pixels.width(), pixels.height()));
      hashClock.stop(t);
      c.output(emit.of(Tags.IMAGES, out));
    }

    private ImageDecoder.Decoded decodeOrNull(ImageDoc in, ProcessContext c) {
      try {
        return ImageDecoder.decode(in.bytes(), in.claimedName(), settings);
      } catch (ImageRejected e) {
        c.output(emit.of(Tags.DEAD, dead(STAGE, e.reason(), e.detail(), in)));
        return null;
      } catch (RuntimeException e) {
        // a decoder bug must not end the run: the image is a dead letter with what went wrong
        c.output(emit.of(Tags.DEAD, dead(STAGE, "undecodable", "the decoder failed: " + e, in)));
        return null;
      }
    }

    private static DeadLetter dead(String stage, String reason, String detail, ImageDoc in) {
      return DeadLetter.of(stage, reason, detail, in.source(), in.location(), in.pos(), in.bytes());
    }

    private RunStats stats() {
      if (stats == null) stats = new RunStats();
      return stats;
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      losers = null;
      if (read > 0) {
        c.output(
            emit.of(ReadDocuments.INPUT, KV.of("input", read)),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
        read = 0;
      }
      decodeClock.flush();
      qualityClock.flush();
      hashClock.flush();
      if (stats != null) {
        c.output(
            emit.of(Tags.STATS, stats),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
        stats = null;
      }
    }
  }
}
