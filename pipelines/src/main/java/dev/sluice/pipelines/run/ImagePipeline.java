package dev.sluice.pipelines.run;

import dev.sluice.pipelines.io.ImageInput;
import dev.sluice.pipelines.io.ParquetSinks;
import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.ImageDoc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.pipelines.recipe.ImageDedupSettings;
import dev.sluice.pipelines.recipe.ImageRecipe;
import dev.sluice.pipelines.steps.AnalyzeImages;
import dev.sluice.pipelines.steps.AugmentImages;
import dev.sluice.pipelines.steps.AugmentText;
import dev.sluice.pipelines.steps.DedupExact;
import dev.sluice.pipelines.steps.DedupIds;
import dev.sluice.pipelines.steps.DedupPerceptual;
import dev.sluice.pipelines.steps.Fanout;
import dev.sluice.pipelines.steps.Observe;
import dev.sluice.pipelines.steps.ObserveImages;
import dev.sluice.pipelines.steps.ReadDocuments;
import dev.sluice.pipelines.steps.ReadImages;
import dev.sluice.pipelines.steps.Tags;
import dev.sluice.pipelines.steps.Tally;
import dev.sluice.pipelines.steps.WriteShards;
import dev.sluice.quality.image.ImageDecoder;
import dev.sluice.report.RunStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Assembles an image recipe: read, the duplicate-id check, decode + signals + rules + hashes in one ParDo, exact
 * dedup by pixel hash, perceptual dedup, augmentation, then the same writers, statistics and tally as text
 * ({@link CurationPipeline}): the run directory and the manifest's accounting are the same contract.
 */
public final class ImagePipeline {
  private ImagePipeline() {}

  public static void build(
      Pipeline p, ImageRecipe r, List<String> files, Path out, Path work, boolean report) {
    List<PCollection<RemovedDoc>> removed = new ArrayList<>();
    List<PCollection<DeadLetter>> dead = new ArrayList<>();
    List<PCollection<RunStats>> stats = new ArrayList<>();
    List<PCollection<KV<String, Long>>> counts = new ArrayList<>();

    PCollectionTuple read = p.apply("Read", new ReadImages(files, r.input()));
    PCollectionView<Map<String, String>> losers =
        read.has(ReadDocuments.IDS)
            ? read.get(ReadDocuments.IDS).apply("DedupIds", new DedupIds())
            : null;
    ImageDedupSettings dedup = r.dedup();
    boolean exactOn = dedup != null && dedup.exact();
    boolean perceptualOn = dedup != null && dedup.perceptual() != null;
    boolean augmentOn = r.augment() != null;
    // the last step before the writers leaves its kept images in its tagged stream: the light copy
    // that unpacks its small outputs counts and observes them too (`observe`'s observer), and the
    // shard step reads them there (augmentation, not a tagged step, hands over objects)
    Fanout.Part<ImageDoc> lastPart = null;
    ObserveImages observe = new ObserveImages(report);
    boolean analysisLast = !exactOn && !perceptualOn && !augmentOn;
    AnalyzeImages analyze =
        new AnalyzeImages(
            ReadImages.IMAGES,
            ReadImages.DEAD,
            r.input().decode(),
            r.quality(),
            losers,
            report,
            analysisLast ? observe.observer(AnalyzeImages.IMAGES) : null);
    if (augmentOn) analyze.withCopyIdsReserved();
    PCollectionTuple last = read.get(ReadDocuments.TAGGED).apply("AnalyzeImages", analyze);
    if (analysisLast) lastPart = AnalyzeImages.IMAGES;
    dead.add(last.get(Tags.DEAD));
    counts.add(last.get(ReadDocuments.INPUT));
    PCollection<ImageDoc> images = keep(last, removed, stats);
    PCollection<RemovedDoc> exactRemoved = null;
    if (exactOn) {
      PCollection<KV<String, ImageDoc>> keyed =
          images
              .apply(
                  "PixelHash",
                  WithKeys.of((ImageDoc d) -> d.pixelSha256())
                      .withKeyType(TypeDescriptors.strings()))
              .setCoder(KvCoder.of(StringUtf8Coder.of(), ImageDoc.CODER));
      Fanout.Outputs outputs = Fanout.Outputs.of(Tags.IMAGES, Tags.REMOVED);
      boolean exactLast = !perceptualOn && !augmentOn;
      last =
          DedupExact.keepOnePerKey(
              keyed,
              dedup.keep(),
              outputs,
              Tags.IMAGES,
              exactLast ? observe.observer(outputs.part(Tags.IMAGES)) : null);
      if (exactLast) lastPart = outputs.part(Tags.IMAGES);
      images = last.has(Tags.IMAGES) ? last.get(Tags.IMAGES) : null;
      // with perceptual dedup after it, its rows go through that step's join, which points them
      // at the final survivor
      exactRemoved = last.get(Tags.REMOVED);
    }
    if (perceptualOn) {
      last =
          images.apply(
              "DedupPerceptual",
              new DedupPerceptual(
                  dedup.perceptual(),
                  dedup.keep(),
                  exactRemoved,
                  augmentOn ? null : observe.observer(DedupPerceptual.IMAGES)));
      if (!augmentOn) lastPart = DedupPerceptual.IMAGES;
      images = keep(last, removed, stats);
    } else if (exactRemoved != null) {
      removed.add(exactRemoved);
    }
    if (augmentOn) {
      PCollectionTuple augmented =
          images.apply(
              "AugmentImages",
              new AugmentImages(
                  r.augment(), ImageDecoder.Settings.from(r.input().decode()), r.seed(), report));
      images = augmented.get(Tags.IMAGES);
      counts.add(augmented.get(AugmentText.COUNTS));
      if (report) stats.add(augmented.get(Tags.STATS));
    }

    int rows = r.output().shardRows();
    String compression = r.output().compression();
    // one pass over the kept images counts them for both the shard count and the tally, and
    // observes them for the report (each consumer of `images` decodes every image again on Flink);
    // for a stream, the last step's light copy made that pass
    PCollection<Fanout.Tagged> stream = lastPart != null ? last.get(Fanout.STREAM) : null;
    PCollectionTuple observed = stream != null ? last : images.apply("ObserveKept", observe);
    if (report) stats.add(observed.get(ObserveImages.KEPT_STATS));
    PCollection<KV<String, Long>> kept = observed.get(ObserveImages.COUNTS);
    WriteShards<ImageDoc> write =
        new WriteShards<>(
                "write",
                out.resolve(CurationPipeline.SHARDS).toString(),
                rows,
                r.output().shardBytes(),
                (ImageDoc d) -> (long) d.bytes().length,
                ImageDoc.CODER,
                ImageDoc::id,
                ParquetSinks.images(compression, distinctColumns(r)))
            .withCounts(kept);
    if (stream != null) stream.apply("WriteShards", write.fromStream(lastPart, ImageDoc::idOf));
    else images.apply("WriteShards", write);
    CurationPipeline.Audit audit =
        CurationPipeline.writeAudit(removed, dead, out, rows, compression, counts, null, 0);
    if (report) {
      stats.add(Observe.removed(audit.removed(), r.seed()));
      stats.add(Observe.dead(audit.dead(), r.seed()));
      PCollectionList.of(stats)
          .apply("AllStats", Flatten.pCollections())
          .apply("Summarise", new Observe.Write(work.resolve(CurationPipeline.STATS).toString()));
    }
    counts.add(
        kept.apply(
            "KeptTally",
            Tally.renamed(Map.of("rows", "kept"), Map.of("bytes", CurationPipeline.KEPT_BYTES))));
    PCollectionList.of(counts)
        .apply("AllKeys", Flatten.pCollections())
        .apply("Tally", new Tally(work.resolve(CurationPipeline.TALLY).toString()));
  }

  /**
   * The shard columns that the recipe makes differ from row to row, so that the writer does not try a dictionary on
   * them ({@link ParquetSinks#images(String, List)}): the id always; and each kept image is the only survivor of its
   * cluster, an image_folder's files are one image each, and exact dedup leaves one image per pixel hash. An
   * augmented copy shares its original's source and cluster (and may repeat its pixels), so with augmentation only
   * the id is distinct.
   */
  static List<String> distinctColumns(ImageRecipe r) {
    if (r.augment() != null) return List.of("id");
    List<String> columns = new ArrayList<>(List.of("id", "cluster_id"));
    if (r.input().format().equals(ImageInput.FOLDER)) columns.add("source");
    if (r.dedup() != null && r.dedup().exact()) columns.add("pixel_sha256");
    return List.copyOf(columns);
  }

  private static PCollection<ImageDoc> keep(
      PCollectionTuple t,
      List<PCollection<RemovedDoc>> removed,
      List<PCollection<RunStats>> stats) {
    if (t.has(Tags.REMOVED)) removed.add(t.get(Tags.REMOVED));
    if (t.has(Tags.STATS)) stats.add(t.get(Tags.STATS));
    return t.has(Tags.IMAGES) ? t.get(Tags.IMAGES) : null;
  }
}
