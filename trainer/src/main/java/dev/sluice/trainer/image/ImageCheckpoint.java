package dev.sluice.trainer.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.trainer.train.AdamW;
import dev.sluice.trainer.train.Checkpoint;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An image run's checkpoint, in the LM trainer's layout ({@link Checkpoint}: written under a temporary name and
 * renamed, the newest {@code keep} kept): {@code model.params}, {@code optimizer.bin} and {@code state.json}. No
 * data cursor: the batch of a step is a function of the step ({@link ImageBatches}).
 */
final class ImageCheckpoint {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ImageCheckpoint() {}

  /** What state.json holds for an image run: counters, the evaluation history, and the fingerprints. */
  @com.fasterxml.jackson.databind.annotation.JsonNaming(
      com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
  record State(
      long step,
      double wallSeconds,
      double initialValLoss,
      double bestValLoss,
      long bestStep,
      double bestValAccuracy,
      double lastValLoss,
      double lastValAccuracy,
      String recipeSha256,
      String dataManifestSha256) {}

  static State readState(Path dir) throws IOException {
    return JSON.readValue(dir.resolve(Checkpoint.STATE).toFile(), State.class);
  }

  static void save(Path out, int keep, State state, SequentialBlock model, AdamW optimizer)
      throws IOException {
    Checkpoint.write(
        out,
        state.step(),
        keep,
        dir -> {
          try (OutputStream o =
                  new BufferedOutputStream(Files.newOutputStream(dir.resolve(Checkpoint.MODEL)));
              DataOutputStream d = new DataOutputStream(o)) {
            model.saveParameters(d);
          }
          try (OutputStream o =
              new BufferedOutputStream(Files.newOutputStream(dir.resolve(Checkpoint.OPTIMIZER)))) {
            optimizer.save(o);
          }
          JSON.writeValue(dir.resolve(Checkpoint.STATE).toFile(), state);
        });
  }

  static void load(Path dir, SequentialBlock model, AdamW optimizer, NDManager root)
      throws IOException {
    List<NDArray> initial =
        model.getParameters().values().stream().map(Parameter::getArray).toList();
    try (InputStream i =
            new BufferedInputStream(Files.newInputStream(dir.resolve(Checkpoint.MODEL)));
        DataInputStream d = new DataInputStream(i)) {
      model.loadParameters(root, d);
    } catch (ai.djl.MalformedModelException e) {
      throw new IOException(dir.resolve(Checkpoint.MODEL) + ": " + e.getMessage(), e);
    }
    for (Pair<String, Parameter> p : model.getParameters()) {
      if (p.getValue().requiresGradient()) p.getValue().getArray().setRequiresGradient(true);
    }
    initial.forEach(NDArray::close);
    try (InputStream i =
        new BufferedInputStream(Files.newInputStream(dir.resolve(Checkpoint.OPTIMIZER)))) {
      optimizer.load(root, i);
    }
  }
}
