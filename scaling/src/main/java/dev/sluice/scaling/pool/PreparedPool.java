package dev.sluice.scaling.pool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.sluice.core.io.AtomicFiles;
import dev.sluice.core.run.RunDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The experiment's data before any curation: the raw pool split by id hash into the training pool and a held-out
 * slice, a clean reference set, and the training pool decontaminated against both evaluation sets (every
 * document removed is listed in {@code decontaminated.jsonl} with the evaluation document it copies). Written to
 * {@code OUT/pool/}; {@code pool.json} records the counts, the settings' hash and each file's sha256, and a
 * rerun with the same settings reuses it.
 */
public final class PreparedPool {
  public static final String TRAIN = "train.jsonl";
  public static final String HOLDOUT = "eval-holdout.jsonl";
  public static final String CLEAN = "eval-clean.jsonl";
  public static final String DECONTAMINATED = "decontaminated.jsonl";
  public static final String SUMMARY = "pool.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What pool.json says. */
  @JsonNaming(com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Summary(
      String settingsSha256,
      int raw,
      int train,
      int holdout,
      int clean,
      int decontaminatedExact,
      int decontaminatedNear,
      long trainBytes,
      Map<String, Integer> trainKinds,
      String trainSha256) {}

  private PreparedPool() {}

  /** The summary of the pool prepared in {@code dir}, whatever its settings, or null. */
  public static Summary read(Path dir) throws IOException {
    Path f = dir.resolve(SUMMARY);
    return Files.isRegularFile(f) ? JSON.readValue(f.toFile(), Summary.class) : null;
  }

  /** The summary of a pool prepared earlier with the same settings, or null. */
  public static Summary existing(Path dir, String settingsSha256) throws IOException {
    Path f = dir.resolve(SUMMARY);
    if (!Files.isRegularFile(f)) return null;
    Summary s = JSON.readValue(f.toFile(), Summary.class);
    if (!s.settingsSha256().equals(settingsSha256) || !Files.isRegularFile(dir.resolve(TRAIN)))
      return null;
    return RunDir.sha256(dir.resolve(TRAIN)).equals(s.trainSha256()) ? s : null;
  }

  /**
   * Splits, decontaminates and writes. {@code holdoutFraction} of the raw pool (by id hash) is held out; the
   * clean set is given (built-in pool: withheld clean prose; a user's: their file).
   */
  public static Summary prepare(
      Path dir,
      String settingsSha256,
      List<PoolDoc> raw,
      List<PoolDoc> clean,
      double holdoutFraction,
      double nearThreshold)
      throws IOException {
    List<PoolDoc> holdout = new ArrayList<>();
    List<PoolDoc> candidates = new ArrayList<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (PoolDoc d : raw) {
      if (!ids.add(d.id()))
        throw new dev.sluice.core.cli.UsageException(
            "the raw pool has the id " + d.id() + " twice");
      (IdHash.below("holdout", d.id(), holdoutFraction) ? holdout : candidates).add(d);
    }
    List<PoolDoc> eval = new ArrayList<>(clean);
    eval.addAll(holdout);
    Decontaminator dc = new Decontaminator(eval, nearThreshold);
    List<PoolDoc> train = new ArrayList<>();
    List<PoolDoc> removed = new ArrayList<>();
    int exact = 0, near = 0;
    for (PoolDoc d : candidates) {
      Decontaminator.Hit h = dc.check(d);
      if (h == null) {
        train.add(d);
        continue;
      }
      if (h.how().equals("exact")) exact++;
      else near++;
      removed.add(
          new PoolDoc(
              d.id(),
              String.format(
                  java.util.Locale.ROOT,
                  "%s copy (Jaccard %.3f) of evaluation document %s",
                  h.how(),
                  h.jaccard(),
                  h.evalId()),
              d.kind()));
    }
    Files.createDirectories(dir);
    JsonLines.write(dir.resolve(TRAIN), train);
    JsonLines.write(dir.resolve(HOLDOUT), holdout);
    JsonLines.write(dir.resolve(CLEAN), clean);
    JsonLines.write(dir.resolve(DECONTAMINATED), removed);
    Map<String, Integer> kinds = new TreeMap<>();
    long bytes = 0;
    for (PoolDoc d : train) {
      kinds.merge(d.kind(), 1, Integer::sum);
      bytes += d.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    Summary s =
        new Summary(
            settingsSha256,
            raw.size(),
            train.size(),
            holdout.size(),
            clean.size(),
            exact,
            near,
            bytes,
            kinds,
            RunDir.sha256(dir.resolve(TRAIN)));
    AtomicFiles.write(dir.resolve(SUMMARY), JSON.writeValueAsString(s) + "\n");
    return s;
  }
}
