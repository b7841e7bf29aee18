package dev.sluice.pipelines.run;

import dev.sluice.core.run.RunDir;
import dev.sluice.pipelines.history.CheckHistory;
import dev.sluice.pipelines.io.DeadLetterSink;
import dev.sluice.pipelines.io.InputColumns;
import dev.sluice.pipelines.io.ParquetSinks;
import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.pipelines.steps.AugmentText;
import dev.sluice.pipelines.steps.Decontaminate;
import dev.sluice.pipelines.steps.DedupExact;
import dev.sluice.pipelines.steps.DedupIds;
import dev.sluice.pipelines.steps.DedupNear;
import dev.sluice.pipelines.steps.DocStep;
import dev.sluice.pipelines.steps.IdentifyLanguage;
import dev.sluice.pipelines.steps.Normalize;
import dev.sluice.pipelines.steps.Observe;
import dev.sluice.pipelines.steps.PerDocument;
import dev.sluice.pipelines.steps.RankQualityModel;
import dev.sluice.pipelines.steps.ReadDocuments;
import dev.sluice.pipelines.steps.RedactPii;
import dev.sluice.pipelines.steps.ReserveCopyIds;
import dev.sluice.pipelines.steps.ResolveColumns;
import dev.sluice.pipelines.steps.ResolveDuplicateChains;
import dev.sluice.pipelines.steps.ScoreDifficulty;
import dev.sluice.pipelines.steps.ScoreQuality;
import dev.sluice.pipelines.steps.ScoreQualityModel;
import dev.sluice.pipelines.steps.Tags;
import dev.sluice.pipelines.steps.Tally;
import dev.sluice.pipelines.steps.WriteShards;
import dev.sluice.report.RunStats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Assembles a recipe into a Beam pipeline: read, the duplicate-id check and the per-document steps (normalise,
 * language, quality, decontamination) fused into one ParDo, exact, near, history, write, tally.
 */
public final class CurationPipeline {
  public static final String SHARDS = RunDir.SHARDS;
  public static final String REMOVED = RunDir.REMOVED;
  public static final String DEAD_LETTERS = RunDir.DEAD_LETTERS;
  public static final String TALLY = "tally.json";
  public static final String STATS = "stats.json";
  public static final String FIELDS = "input-fields.json";

  /** The tally key of the kept documents' text bytes (UTF-8): with shard_bytes, it sets the shard count. */
  public static final String KEPT_BYTES = "bytes:kept";

  private CurationPipeline() {}

  public static void build(
      Pipeline p, Recipe r, List<String> files, Path out, Path work, boolean report) {
    build(p, r, files, out, work, report, null);
  }

  /** @param difficultyModel the curriculum's reference model, when a component needs one */
  public static void build(
      Pipeline p,
      Recipe r,
      List<String> files,
      Path out,
      Path work,
      boolean report,
      ScoreDifficulty.Reference difficultyModel) {
    build(p, r, files, out, work, report, difficultyModel, null);
  }

  /** @param qualityModels quality_model's settled models, when the recipe has that section */
  public static void build(
      Pipeline p,
      Recipe r,
      List<String> files,
      Path out,
      Path work,
      boolean report,
      ScoreDifficulty.Reference difficultyModel,
      ScoreQualityModel.Models qualityModels) {
    List<PCollection<RemovedDoc>> removed = new ArrayList<>();
    List<PCollection<DeadLetter>> dead = new ArrayList<>();
    List<PCollection<RunStats>> stats = new ArrayList<>();
    List<PCollection<KV<String, Long>>> counts = new ArrayList<>();

    PCollectionTuple read = p.apply("Read", new ReadDocuments(files, r.input()));
    dead.add(read.get(Tags.DEAD));
    PCollectionView<InputColumns> columns =
        read.get(ReadDocuments.FIELDS)
            .apply(
                "InputFields",
                new ResolveColumns(r.input().fields(), work.resolve(FIELDS).toString()));
    PCollectionView<Map<String, String>> losers =
        read.get(ReadDocuments.IDS).apply("DedupIds", new DedupIds());
    List<DocStep> perDoc = new ArrayList<>();
    if (r.augment() != null) perDoc.add(new ReserveCopyIds());
    perDoc.add(new Normalize(r.normalize()));
    // redaction first: every later step, and every excerpt of a removed document (removed/, the
    // report), sees only the redacted text
    if (r.pii() != null) perDoc.add(new RedactPii(r.pii()));
    if (report) perDoc.add(Observe.input());
    if (r.language() != null) perDoc.add(new IdentifyLanguage(r.language()));
    perDoc.add(new ScoreQuality(r.quality(), report));
    if (r.decontaminate() != null) perDoc.add(new Decontaminate(r.decontaminate()));
    if (qualityModels != null) {
      perDoc.add(
          new ScoreQualityModel(
              qualityModels.classifier(),
              qualityModels.perplexity(),
              r.qualityModel().minScore(),
              report));
    }
    WarmUp.start(p.getOptions(), perDoc);
    PCollectionTuple cleaned =
        read.get(ReadDocuments.TAGGED)
            .apply("PerDocument", new PerDocument(perDoc, ReadDocuments.DOCS, losers));
    dead.add(cleaned.get(Tags.DEAD));
    PCollection<Doc> docs = keep(cleaned, removed, stats);
    if (qualityModels != null && r.qualityModel().needsRanking()) {
      PCollectionTuple ranked =
          docs.apply(
              "RankQualityModel",
              new RankQualityModel(
                  r.qualityModel(),
                  qualityModels.classifier() != null,
                  qualityModels.cutoffsFile()));
      counts.add(ranked.get(RankQualityModel.COUNTS));
      docs = keep(ranked, removed, stats);
    }
    if (r.dedup() != null) {
      PCollection<RemovedDoc> exactRemoved = null;
      if (r.dedup().exact()) {
        PCollectionTuple exact = docs.apply("DedupExact", new DedupExact(r.dedup().keep(), true));
        docs = exact.get(Tags.DOCS);
        // with near dedup after it, its rows go through that step's join, which points them at the
        // final survivor
        exactRemoved = exact.get(Tags.REMOVED);
      } else {
        docs =
            keep(docs.apply("HashText", new DedupExact(r.dedup().keep(), false)), removed, stats);
      }
      if (r.dedup().near() != null) {
        docs =
            keep(
                docs.apply(
                    "DedupNear", new DedupNear(r.dedup().near(), r.dedup().keep(), exactRemoved)),
                removed,
                stats);
      } else if (exactRemoved != null) {
        removed.add(exactRemoved);
      }
      if (r.dedup().history() != null) {
        docs =
            keep(
                docs.apply(
                    "CheckHistory",
                    new CheckHistory(
                        Path.of(r.dedup().history()).toAbsolutePath().toString(),
                        r.dedup().near())),
                removed,
                stats);
      }
    } else {
      docs = keep(docs.apply("HashText", new DedupExact(null, false)), removed, stats);
    }
    counts.add(cleaned.get(PerDocument.COUNTS));
    if (r.augment() != null) {
      PCollectionTuple augmented =
          docs.apply("AugmentText", new AugmentText(r.augment(), r.seed(), report));
      docs = augmented.get(Tags.DOCS);
      counts.add(augmented.get(AugmentText.COUNTS));
      if (report) stats.add(augmented.get(Tags.STATS));
    }
    if (r.curriculum() != null) {
      docs =
          docs.apply(
              "ScoreDifficulty", new ScoreDifficulty(r.curriculum().components(), difficultyModel));
    }
    if (report) stats.add(Observe.kept(docs));

    int rows = r.output().shardRows();
    String compression = r.output().compression();
    docs.apply(
        "WriteShards",
        new WriteShards<>(
                "write",
                out.resolve(SHARDS).toString(),
                rows,
                r.output().shardBytes(),
                (Doc d) -> Observe.utf8Bytes(d.text()),
                Doc.CODER,
                d -> d.id(),
                ParquetSinks.documents(compression))
            .withColumns(columns));
    // exact -> near chains resolve in near dedup's join; one more round for the history check after
    // them
    boolean historyAfterDedup =
        r.dedup() != null
            && r.dedup().history() != null
            && (r.dedup().exact() || r.dedup().near() != null);
    Audit audit =
        writeAudit(
            removed, dead, out, rows, compression, counts, columns, historyAfterDedup ? 1 : 0);
    if (r.decontaminate() != null)
      counts.add(audit.removed().apply("DecontaminationSets", Tally.keys(Decontaminate::setKey)));
    if (report) {
      stats.add(Observe.removed(audit.removed(), r.seed()));
      stats.add(Observe.dead(audit.dead(), r.seed()));
      PCollectionList.of(stats)
          .apply("AllStats", Flatten.pCollections())
          .apply("Summarise", new Observe.Write(work.resolve(STATS).toString()));
    }
    counts.add(read.get(ReadDocuments.INPUT));
    counts.add(docs.apply("KeptKeys", Tally.keys((Doc d) -> "kept")));
    counts.add(
        docs.apply("KeptBytes", Tally.sum(KEPT_BYTES, (Doc d) -> Observe.utf8Bytes(d.text()))));
    PCollectionList.of(counts)
        .apply("AllKeys", Flatten.pCollections())
        .apply("Tally", new Tally(work.resolve(TALLY).toString()));
  }

  /** Every removed row and every dead letter of a run, each flattened into one collection. */
  record Audit(PCollection<RemovedDoc> removed, PCollection<DeadLetter> dead) {}

  /**
   * Writes removed/ and dead-letters/ (the audit of every decision, text or image) and adds their outcome keys to
   * the tally's {@code counts}. {@code columns}: the input fields removed rows carry (null: none, as for images).
   * {@code chainRounds}: rounds of {@link ResolveDuplicateChains}, which points every duplicate at its final
   * survivor where a dedup step's join has not already (the history check after exact or near dedup).
   */
  static Audit writeAudit(
      List<PCollection<RemovedDoc>> removed,
      List<PCollection<DeadLetter>> dead,
      Path out,
      int rows,
      String compression,
      List<PCollection<KV<String, Long>>> counts,
      PCollectionView<InputColumns> columns,
      int chainRounds) {
    PCollection<RemovedDoc> allRemoved =
        PCollectionList.of(removed).apply("AllRemoved", Flatten.pCollections());
    if (chainRounds > 0) {
      allRemoved =
          allRemoved.apply("ResolveDuplicateChains", new ResolveDuplicateChains(chainRounds));
    }
    WriteShards<RemovedDoc> writeRemoved =
        new WriteShards<>(
            "write_removed",
            out.resolve(REMOVED).toString(),
            rows,
            RemovedDoc.CODER,
            x -> x.id(),
            ParquetSinks.removed(compression));
    allRemoved.apply(
        "WriteRemoved", columns == null ? writeRemoved : writeRemoved.withColumns(columns));
    PCollection<DeadLetter> allDead =
        PCollectionList.of(dead).apply("AllDead", Flatten.pCollections());
    allDead.apply(
        "WriteDeadLetters",
        new WriteShards<>(
            "write_dead_letters",
            out.resolve(DEAD_LETTERS).toString(),
            rows,
            DeadLetter.CODER,
            CurationPipeline::deadLetterKey,
            new DeadLetterSink()));
    counts.add(allRemoved.apply("RemovedKeys", Tally.keys(RemovedDoc::tallyKey)));
    counts.add(allDead.apply("DeadKeys", Tally.keys(DeadLetter::tallyKey)));
    return new Audit(allRemoved, allDead);
  }

  static String deadLetterKey(DeadLetter d) {
    return String.format(
        Locale.ROOT,
        "%s\u0000%019d\u0000%s\u0000%s\u0000%s",
        d.source(),
        d.pos(),
        d.stage(),
        d.reason(),
        d.location());
  }

  private static PCollection<Doc> keep(
      PCollectionTuple t,
      List<PCollection<RemovedDoc>> removed,
      List<PCollection<RunStats>> stats) {
    if (t.has(Tags.REMOVED)) removed.add(t.get(Tags.REMOVED));
    if (t.has(Tags.STATS)) stats.add(t.get(Tags.STATS));
    return t.get(Tags.DOCS);
  }
}
