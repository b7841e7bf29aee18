package dev.sluice.scaling.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One training run of an experiment (a grid point or a tuning candidate) in a folder of its own: its recipe in
 * {@code train.yaml}, its log in {@code train.log}, its outcome in the trainer's {@code result.json}.
 */
final class PointRuns {
  static final String RECIPE = "train.yaml";
  static final String RESULT = "result.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private PointRuns() {}

  /** The result.json of a finished training in {@code dir} with exactly this recipe on this data, or null. */
  static JsonNode finished(Path dir, String yaml, Path data) throws IOException {
    Path recipe = dir.resolve(RECIPE);
    Path result = dir.resolve(RESULT);
    if (!Files.isRegularFile(result) || !Files.isRegularFile(recipe)) return null;
    if (!Files.readString(recipe).equals(yaml)) return null;
    JsonNode r = JSON.readTree(result.toFile());
    // the image trainer's result.json need not say finished or data: it is written at the end, and
    // an image point's recipe names its data in its opening comment
    boolean finished = r.path("finished").asBoolean(!r.has("finished"));
    boolean same = !r.has("data") || data.toString().equals(r.path("data").asText());
    return finished && same ? r : null;
  }

  /**
   * Trains {@code yaml} on {@code data} in {@code dir} from its start (an earlier attempt, with another recipe or
   * killed part-way, is removed first) through {@code sluice train}, scoring it on {@code eval}; returns its
   * result.json.
   */
  static JsonNode train(
      Launcher launcher,
      String what,
      Path dir,
      String yaml,
      Path data,
      String device,
      Map<String, Path> eval)
      throws IOException {
    List<String> extra = new ArrayList<>(List.of("--quiet"));
    eval.forEach((name, d) -> extra.addAll(List.of("--eval", name + "=" + d)));
    return train(launcher, what, dir, yaml, data, device, extra);
  }

  /** As above, with the trainer's other arguments as given (an image point: its --set overrides). */
  static JsonNode train(
      Launcher launcher,
      String what,
      Path dir,
      String yaml,
      Path data,
      String device,
      List<String> extra)
      throws IOException {
    Dirs.delete(dir);
    Files.createDirectories(dir);
    Path recipe = dir.resolve(RECIPE);
    Files.writeString(recipe, yaml);
    List<String> args =
        new ArrayList<>(
            List.of(
                recipe.toString(),
                "--data",
                data.toString(),
                "--output",
                dir.toString(),
                "--device",
                device));
    args.addAll(extra);
    launcher.run(what, dir.resolve("train.log"), "train", args);
    return JSON.readTree(dir.resolve(RESULT).toFile());
  }
}
