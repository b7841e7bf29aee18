package dev.sluice.trainer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.trainer.cli.TrainCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sluice train` with an image recipe, as a user sees it: exit codes and messages. */
class ImageTrainCommandTest {
  @TempDir static Path shared;
  @TempDir Path tmp;
  static Path data;

  @BeforeAll
  static void images() throws IOException {
    System.setProperty("ai.djl.offline", "true");
    data = TestImages.write(shared.resolve("run"), TestImages.stripes(30, 8, 4));
  }

  private record Outcome(int code, String err) {}

  private Outcome train(String yaml, String... extra) throws IOException {
    Path recipe = Files.writeString(tmp.resolve("r.yaml"), yaml);
    List<String> args = new ArrayList<>(List.of(recipe.toString(), "--data", data.toString()));
    args.addAll(List.of("--output", tmp.resolve("out").toString(), "--quiet"));
    args.addAll(List.of(extra));
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = TrainCommand.execute(args.toArray(String[]::new));
      return new Outcome(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(old);
    }
  }

  static final String OK =
      """
      name: cli
      task: image_classification
      model: {kind: mlp, width: 2}
      data: {val_fraction: 0.3, image_size: 8}
      train: {batch_size: 8, steps: 3}
      """;

  @Test
  void anImageRecipeTrainsThroughTheSameCommand() throws IOException {
    Outcome o = train(OK);
    assertEquals(0, o.code(), o.err());
    assertTrue(Files.exists(tmp.resolve("out/result.json")));
  }

  @Test
  void anUnknownTaskIsABadRecipe() throws IOException {
    Outcome o = train(OK.replace("image_classification", "image_captioning"));
    assertEquals(2, o.code());
    assertTrue(o.err().contains("task: got 'image_captioning'"), o.err());
  }

  @Test
  void aBadValueExitsTwoNamingTheField() throws IOException {
    Outcome o = train(OK, "--set", "data.fraction=1.5");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("data.fraction"), o.err());
  }

  @Test
  void textShardsAreNotImageShards() throws IOException {
    Path text =
        dev.sluice.trainer.TestRuns.write(
            tmp.resolve("text"), dev.sluice.trainer.TestRuns.marked(5), 1, 10);
    Path recipe = Files.writeString(tmp.resolve("r.yaml"), OK);
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = TrainCommand.execute(recipe.toString(), "--data", text.toString(), "--quiet");
    } finally {
      System.setErr(old);
    }
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("no column 'image'"), err.toString());
  }
}
