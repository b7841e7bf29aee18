package dev.sluice.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.pipelines.recipe.RecipeLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad recipes and bad usage exit 2 before any work, with a message naming the field, value and what is allowed. */
class SluiceCliTest {
  @TempDir Path dir;

  private record Result(int code, String err) {}

  private Result run(String... args) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      return new Result(Sluice.execute(args), buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(old);
    }
  }

  private Path recipe(String yaml) throws IOException {
    Path p = dir.resolve("r.yaml");
    Files.writeString(p, yaml);
    Files.writeString(dir.resolve("in.jsonl"), "{\"id\": \"a\", \"text\": \"hello\"}\n");
    return p;
  }

  @Test
  void badRecipesExitTwoNamingTheField() throws IOException {
    String input = "input: {path: \"" + dir + "/in.jsonl\"}\n";
    Object[][] cases = {
      {
        "name: x\n" + input + "quality: {rules: [gopher]}\n",
        "quality.rules: got 'gopher', expected names from"
      },
      {"name: x\n" + input + "dedup: {near: {bands: 10}}\n", "dedup.near.bands"},
      {
        "name: x\n" + input + "language: {min_confidence: 1.5}\n",
        "language.min_confidence: got 1.5, expected a fraction"
      },
      {"name: x\ninput: {path: \"" + dir + "/nothing-*.jsonl\"}\n", "input.path"},
      {"name: x\n" + input + "output: {compression: lz4}\n", "output.compression: got 'lz4'"},
      {"name: x\n" + input + "colour: blue\n", "colour: got 'colour', expected a top-level key"},
      {"name: x\n" + input + "input2: {}\n", "input2"},
      {"name: x\n" + input + "input: [\n", "valid YAML"},
    };
    for (Object[] c : cases) {
      Result r =
          run("run", recipe((String) c[0]).toString(), "--output", dir.resolve("out").toString());
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains((String) c[1]), "expected '" + c[1] + "' in: " + r.err());
      assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
      assertTrue(!Files.exists(dir.resolve("out")), "no work started");
    }
  }

  @Test
  void difficultyModelTrainsOnceAndRefusesBadInput() throws IOException {
    Path ref = dir.resolve("ref.jsonl");
    Files.writeString(ref, "{\"id\": \"a\", \"text\": \"Call me Ishmael. Some years ago.\"}\n");
    Path model = dir.resolve("m/en.bin");
    assertEquals(0, run("difficulty-model", ref.toString(), "--output", model.toString()).code());
    assertTrue(Files.size(model) > 0);
    Result none = run("difficulty-model", dir + "/nothing-*.jsonl", "--output", model.toString());
    assertEquals(2, none.code());
    assertTrue(none.err().contains("matches no file"), none.err());
    Result order =
        run("difficulty-model", ref.toString(), "--order", "9", "--output", model.toString());
    assertEquals(2, order.code());
    assertTrue(order.err().contains("--order must be in [2, 8]"), order.err());
    Files.writeString(ref, "not json\n");
    Result bad = run("difficulty-model", ref.toString(), "--output", model.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("ref.jsonl"), bad.err());
  }

  @Test
  void qualityModelTrainWritesAVersionedDirectoryAndRefusesBadRecipes() throws IOException {
    StringBuilder good = new StringBuilder();
    StringBuilder raw = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      good.append(
          "{\"text\": \"It was the best of times, it was the worst of times, and the city lay quiet under"
              + " a long grey rain while the ships waited in the harbour for a wind that would not"
              + " come. Chapter "
              + i
              + " begins with a letter, read twice by the fire, that changed nothing and everything.\"}\n");
      raw.append(
          "{\"html\": \"<div class=nav><a>Home</a> | <a>Products</a> | <a>Login</a> | <a>Cart (0)</a></div>"
              + "<ul><li><a>Privacy</a></li><li><a>Terms</a></li><li><a>Cookie settings</a></li></ul>"
              + "<p>Page "
              + i
              + " of 40 | Next &raquo; | Share: Facebook Twitter Email | Subscribe | Accept all cookies</p>"
              + "<footer>Copyright 2026 Example Inc. All rights reserved. Sitemap | Contact | Jobs</footer>\"}\n");
    }
    Files.writeString(dir.resolve("good.jsonl"), good);
    Files.writeString(dir.resolve("raw.jsonl"), raw);
    Path spec = dir.resolve("c.yaml");
    String body =
        "positives: [{path: \""
            + dir
            + "/good.jsonl\"}]\nnegatives: [{path: \""
            + dir
            + "/raw.jsonl\", format: html}]\n"
            + "passages: {min_chars: 50}\nholdout: 0.3\nbootstrap: 100\nfeatures: {bits: 12}\n";
    Files.writeString(spec, "name: tiny\n" + body);
    Path out = dir.resolve("models");
    Result ok = run("quality-model", "train", spec.toString(), "--output", out.toString());
    assertEquals(0, ok.code(), ok.err());
    try (var dirs = Files.list(out)) {
      Path model = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
      assertTrue(model.getFileName().toString().matches("tiny-[0-9a-f]{12}"), model.toString());
      String json = Files.readString(model.resolve("model.json"));
      assertTrue(json.contains("\"auc_ci\""), json);
      assertTrue(json.contains("\"sha256\""), json);
    }
    Files.writeString(spec, "name: tiny\nepochs: 3\n" + body);
    Result bad = run("quality-model", "train", spec.toString(), "--output", out.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("epochs"), bad.err());
    Files.writeString(spec, "name: tiny\n" + body.replace("good.jsonl", "none-*.jsonl"));
    Result none = run("quality-model", "train", spec.toString(), "--output", out.toString());
    assertEquals(2, none.code());
    assertTrue(none.err().contains("positives[0].path"), none.err());
    assertTrue(!none.err().contains("\tat "), "no stack trace: " + none.err());
  }

  @Test
  void badUsageExitsTwo() {
    assertEquals(2, run("run").code());
    assertEquals(2, run("run", "x.yaml", "--runner", "spark").code());
    assertEquals(2, run("frobnicate").code());
  }

  @Test
  void badClusterOptionsExitTwoNamingTheOption() throws IOException {
    Path p = recipe("name: x\ninput: {path: \"" + dir + "/in.jsonl\"}\n");
    String[][] cases = {
      {"--restarts", "-1", "--restarts: got -1, expected 0 (none) or more attempts"},
      {"--restart-delay", "-3", "--restart-delay: got -3, expected seconds"},
      {"--flink-master", "localhost", "--flink-master: got 'localhost', expected HOST:PORT"},
      {"--flink-master", "host:notaport", "--flink-master: got 'host:notaport'"},
    };
    // a job jar is there (bin/sluice builds it); the options are checked before anything is
    // submitted
    System.setProperty("sluice.jobJar", Files.writeString(dir.resolve("job.jar"), "x").toString());
    try {
      for (String[] c : cases) {
        Result r =
            run(
                "run",
                p.toString(),
                "--runner",
                "flink",
                "--output",
                dir.resolve("out").toString(),
                c[0],
                c[1]);
        assertEquals(2, r.code(), r.err());
        assertTrue(
            r.err().contains("sluice: bad option: " + c[2]),
            "expected '" + c[2] + "' in: " + r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(!Files.exists(dir.resolve("out")), "no work started");
      }
    } finally {
      System.clearProperty("sluice.jobJar");
    }
    assertEquals(2, run("run", p.toString(), "--restarts", "abc").code());
  }

  @Test
  void checkRefusesWhatTheRunWouldRefuseInOneLine() throws IOException {
    Path p = recipe("name: x\ninput: {path: \"" + dir + "/in.jsonl\"}\n");
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    String[][] cases = {
      {"--runner", "foo", "bad option: --runner: got 'foo'"},
      {"--parallelism", "-3", "bad option: --parallelism: got -3"},
      {
        "--output",
        file.toString(),
        "bad recipe: output.path: got '" + file + "', expected a folder"
      },
      {"--set", "language.keep=[eng]", "bad recipe: language.keep: got 'eng'"},
      {"--set", "quality.c4.min_sentences=3", "bad recipe: quality.rules: got null"},
      {"--set", "seed=18446744073709551617", "seed: got 18446744073709551617, expected an integer"},
      {"--set", "input.format=image_foldr", "input.format: got 'image_foldr', expected one of ["},
    };
    for (String[] c : cases) {
      for (boolean check : new boolean[] {true, false}) {
        List<String> args = new java.util.ArrayList<>(List.of("run", p.toString(), c[0], c[1]));
        if (check) args.add("--check");
        else if (!c[0].equals("--output")) args.addAll(List.of("--output", dir + "/never"));
        Result r = run(args.toArray(String[]::new));
        assertEquals(2, r.code(), c[0] + " " + c[1] + ": " + r.err());
        assertTrue(r.err().contains(c[2]), "expected '" + c[2] + "' in: " + r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
      }
    }
    assertTrue(!Files.exists(dir.resolve("never")), "no work started");
  }

  @Test
  void setOverridesAcceptYamlValues() throws IOException {
    Path p = recipe("name: x\ninput: {path: \"" + dir + "/in.jsonl\"}\nlanguage: {keep: [en]}\n");
    Recipe r =
        RecipeLoader.load(
            p,
            List.of(
                "language.keep=[en, de]",
                "dedup.near.bands=16",
                "dedup.near.rows=7",
                "output.shard_rows=10"));
    assertEquals(List.of("en", "de"), r.language().keep());
    assertEquals(16, r.dedup().near().bands());
    assertEquals(10, r.output().shardRows());
  }

  @Test
  void checkValidatesARecipeAloneAndTheCardKeysAreChecked() throws IOException {
    String base = "name: x\ninput: {path: \"" + dir + "/in.jsonl\"}\n";
    Result ok = run("run", recipe(base + "card: {license: cc-by-4.0}\n").toString(), "--check");
    assertEquals(0, ok.code(), ok.err());
    assertTrue(!Files.exists(dir.resolve("out")), "--check runs nothing");
    String[][] bad = {
      {"card: {license: cc-by-4}\n", "card.license: got 'cc-by-4', expected one of"},
      {"card: {license: other}\n", "card.license_name"},
      {"card: {licence: mit}\n", "card.licence: got 'licence'"},
    };
    for (String[] c : bad) {
      Result r = run("run", recipe(base + c[0]).toString(), "--check");
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().contains(c[1]), "expected '" + c[1] + "' in: " + r.err());
      assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }
  }
}
