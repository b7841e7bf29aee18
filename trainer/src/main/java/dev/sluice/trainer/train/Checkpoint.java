package dev.sluice.trainer.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A checkpoint directory {@code OUT/checkpoints/step-NNNNNNNN/}: {@code model.params} (DJL's parameter format),
 * {@code optimizer.bin} (AdamW moments and step count), {@code data.cursor} (the data position at the start of the current upload group; state.json's
 * {@code cursor_skip} says how many sequences of it training had consumed) and
 * {@code state.json} (counters and the recipe/data fingerprints). It is written under a temporary name and renamed,
 * so a kill leaves either the previous checkpoint or the new one, never half of one.
 */
public final class Checkpoint {
  public static final String MODEL = "model.params";
  public static final String OPTIMIZER = "optimizer.bin";
  public static final String CURSOR = "data.cursor";
  public static final String STATE = "state.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What state.json holds. */
  @com.fasterxml.jackson.databind.annotation.JsonNaming(
      com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record State(
      long step,
      long tokens,
      double wallSeconds,
      double bestValLoss,
      long bestStep,
      double lastValLoss,
      double lastValBpb,
      String recipeSha256,
      String dataManifestSha256,
      long seed,
      int epoch,
      long consumedSequences,
      long cursorSkip) {}

  private Checkpoint() {}

  public static Path dir(Path out) {
    return out.resolve("checkpoints");
  }

  static Path name(Path out, long step) {
    return dir(out).resolve(String.format(java.util.Locale.ROOT, "step-%08d", step));
  }

  /** Writes one checkpoint through {@code writer} into a temp dir, publishes it, and keeps the newest {@code keep}. */
  public static Path write(Path out, long step, int keep, IoWriter writer) throws IOException {
    Path finalDir = name(out, step);
    Path tmp = dir(out).resolve(finalDir.getFileName() + ".tmp");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    writer.write(tmp);
    deleteTree(finalDir);
    try {
      Files.move(tmp, finalDir, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, finalDir);
    }
    List<Path> all = list(out);
    for (int i = 0; i < all.size() - keep; i++) deleteTree(all.get(i));
    return finalDir;
  }

  public interface IoWriter {
    void write(Path dir) throws IOException;
  }

  /** Published checkpoints, oldest first. */
  public static List<Path> list(Path out) throws IOException {
    if (!Files.isDirectory(dir(out))) return List.of();
    try (Stream<Path> s = Files.list(dir(out))) {
      return s.filter(
              p ->
                  p.getFileName().toString().matches("step-\\d{8}")
                      && Files.isRegularFile(p.resolve(STATE)))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    }
  }

  public static Optional<Path> latest(Path out) throws IOException {
    List<Path> all = list(out);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  static void writeState(Path dir, State state) throws IOException {
    JSON.writeValue(dir.resolve(STATE).toFile(), state);
  }

  public static State readState(Path dir) throws IOException {
    return JSON.readValue(dir.resolve(STATE).toFile(), State.class);
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
    }
  }
}
