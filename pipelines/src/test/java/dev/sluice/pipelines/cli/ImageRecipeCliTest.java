package dev.sluice.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image recipes: the contract recipe checks as valid; text-only and bad keys exit 2 naming the field. */
class ImageRecipeCliTest {
  @TempDir Path dir;

  private record Result(int code, String out) {}

  private Result run(String yaml, String... extra) throws IOException {
    Files.createDirectories(dir.resolve("imgs/a"));
    Files.write(dir.resolve("imgs/a/x.png"), new byte[] {1});
    Path p = dir.resolve("r.yaml");
    Files.writeString(p, yaml.replace("DIR", dir.resolve("imgs").toString()));
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
    System.setErr(ps);
    System.setOut(ps);
    try {
      String[] args = new String[3 + extra.length];
      args[0] = "run";
      args[1] = p.toString();
      args[2] = "--check";
      System.arraycopy(extra, 0, args, 3, extra.length);
      return new Result(Sluice.execute(args), buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
  }

  static final String CONTRACT =
      "name: photos\n"
          + "input: {format: image_folder, path: DIR}\n"
          + "dedup: {exact: true, perceptual: {}}\n"
          + "output: {path: out/photos}\n";

  @Test
  void theContractRecipeIsValid() throws IOException {
    Result r = run(CONTRACT);
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("image recipe 'photos' is valid"), r.out());
  }

  @Test
  void badImageRecipesExitTwoNamingTheField() throws IOException {
    String in = "name: x\ninput: {format: image_folder, path: DIR}\n";
    String[][] cases = {
      {
        in + "language: {keep: [en]}\n",
        "language: got 'language', expected no 'language' in an image recipe"
      },
      {in + "normalize: {unicode: NFC}\n", "normalize"},
      {in + "curriculum: {difficulty: [length]}\n", "curriculum"},
      {
        in + "quality: {rules: [c4]}\n", "quality.rules: got 'rules', expected only 'quality.image'"
      },
      {
        in + "dedup: {near: {}}\n",
        "dedup.near: got 'near', expected no dedup.near in an image recipe"
      },
      {in + "dedup: {perceptual: {threshold: 99}}\n", "dedup.perceptual.threshold: got 99"},
      {in + "dedup: {keep: [biggest]}\n", "dedup.keep: got 'biggest'"},
      {in + "quality: {image: {min_widht: 8}}\n", "quality.image.min_widht"},
      {in + "augment: {image: {copies: -1}}\n", "augment.image.copies"},
      {in + "augment: {text: {copies: 1}}\n", "augment.text"},
      {"name: x\ninput: {format: image_folder, path: DIR, label: grandparent}\n", "input.label"},
      {"name: x\ninput: {format: image_folder, path: DIR/nope}\n", "input.path"},
      {
        "name: x\ninput: {format: webdataset, path: DIR, image_column: img}\n", "input.image_column"
      },
      {
        "name: x\ninput: {format: image_folder, path: DIR, decode: {max_pixels: 0}}\n",
        "input.decode.max_pixels"
      },
    };
    for (String[] c : cases) {
      Result r = run(c[0]);
      assertEquals(2, r.code(), c[0] + "\n" + r.out());
      assertTrue(r.out().contains(c[1]), "expected '" + c[1] + "' in:\n" + r.out());
    }
  }
}
