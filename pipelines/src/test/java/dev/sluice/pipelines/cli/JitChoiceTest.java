package dev.sluice.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.pipelines.recipe.ImageRecipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JitChoiceTest {
  @TempDir Path dir;

  @Test
  void largeInputsRestartWithTheLauncherFlagsAndCompressedFilesCountFourTimes() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    String plain = Files.write(in.resolve("a.jsonl"), new byte[1000]).toString();
    String packed = Files.write(in.resolve("b.jsonl.ZST"), new byte[100]).toString();
    List<String> sizes = new java.util.ArrayList<>();
    InputFiles.Sizer over999 = JitChoice.over(999, Long.MAX_VALUE, JitChoice.TEXT);
    assertNull(
        InputFiles.sized(
            List.of(plain, packed), (f, bytes) -> sizes.add(f) && over999.add(f, bytes)));
    assertEquals(
        List.of(plain), sizes, "past the limit after the first file: the second is not sized");
    assertEquals(
        List.of(plain, packed),
        InputFiles.sized(
            List.of(plain, packed), JitChoice.over(1400, Long.MAX_VALUE, JitChoice.TEXT)),
        "1,000 + 4 x 100 bytes: at the limit");
    try {
      assertNull(JitChoice.sizer(JitChoice.TEXT), "no launcher flags: stay in this JVM");
      System.setProperty(JitChoice.LARGE_INPUT_JIT, "-XX:A=1,-XX:B=2");
      assertEquals(List.of("-XX:A=1", "-XX:B=2"), JitChoice.largeInputFlags());
      for (List<String> input :
          List.of(List.of(in.toString()), List.of(in + "/*"), List.of(plain, packed))) {
        System.setProperty("sluice.c1MaxInputBytes", "1399");
        assertNull(
            InputFiles.expand(input, false, JitChoice.sizer(JitChoice.TEXT)),
            input + ": over the limit, the listing stops (relaunch)");
        System.setProperty("sluice.c1MaxInputBytes", "1400");
        assertEquals(
            List.of(plain, packed),
            InputFiles.expand(input, false, JitChoice.sizer(JitChoice.TEXT)),
            input + ": at the limit C1 stays, with the whole listing");
      }
      // images: a Parquet file or gzipped tar of JPEGs hardly shrinks, so it counts at its size
      String images = Files.write(in.resolve("c.parquet"), new byte[500]).toString();
      List<String> both = List.of(plain, images);
      System.setProperty("sluice.c1MaxInputBytes", "1499");
      assertNull(InputFiles.expand(both, false, JitChoice.sizer(JitChoice.IMAGES)));
      System.setProperty("sluice.c1MaxInputBytes", "1500");
      assertEquals(both, InputFiles.expand(both, false, JitChoice.sizer(JitChoice.IMAGES)));
      assertNull(
          InputFiles.expand(both, false, JitChoice.sizer(JitChoice.TEXT)),
          "the same files as text: the Parquet file counts four times");
    } finally {
      System.clearProperty(JitChoice.LARGE_INPUT_JIT);
      System.clearProperty("sluice.c1MaxInputBytes");
    }
  }

  @Test
  void manyImagesRestartWhateverTheirBytesWhereTheRecipeSaysFiles() throws IOException {
    Path in = Files.createDirectories(dir.resolve("images/cats"));
    List<String> files = new java.util.ArrayList<>();
    for (String name : List.of("a.png", "b.png", "c.png")) {
      files.add(Files.write(in.resolve(name), new byte[10]).toString());
    }
    List<String> folder = List.of(dir.resolve("images").toString());
    try {
      System.setProperty(JitChoice.LARGE_INPUT_JIT, "-XX:A=1");
      assertNull(
          InputFiles.expand(folder, true, JitChoice.sizer(JitChoice.IMAGES, 2)),
          "three files, more than two: relaunch, though 30 bytes are far under the byte limit");
      assertEquals(files, InputFiles.expand(folder, true, JitChoice.sizer(JitChoice.IMAGES, 3)));
      assertEquals(files, InputFiles.expand(folder, true, JitChoice.sizer(JitChoice.IMAGES)));
      System.setProperty("sluice.c1MaxInputBytes", "29");
      assertNull(
          InputFiles.expand(folder, true, JitChoice.sizer(JitChoice.IMAGES, 100)),
          "a file cap leaves the byte limit in force");
      assertEquals(JitChoice.DEFAULT_C1_MAX_DEDUP_IMAGES, JitChoice.c1MaxDedupImages());
    } finally {
      System.clearProperty(JitChoice.LARGE_INPUT_JIT);
      System.clearProperty("sluice.c1MaxInputBytes");
    }
  }

  @Test
  void onlyAnImageFolderWithPerceptualDedupIsCountedByFiles() throws IOException {
    Path images = Files.createDirectories(dir.resolve("pics"));
    Path tar = Files.write(dir.resolve("a.tar"), new byte[0]);
    Object[][] cases = {
      {"image_folder", images, Map.of("perceptual", Map.of()), true},
      {"image_folder", images, Map.of("perceptual", true), true},
      {"image_folder", images, Map.of("exact", true, "perceptual", false), false},
      {"image_folder", images, Map.of("exact", true), false},
      {"image_folder", images, null, false},
      {"webdataset", tar, Map.of("perceptual", Map.of()), false},
      {"image_parquet", tar, Map.of("perceptual", Map.of()), false},
    };
    for (Object[] c : cases) {
      Map<String, Object> recipe = new LinkedHashMap<>();
      recipe.put("name", "r");
      recipe.put("input", Map.of("format", c[0], "path", c[1].toString()));
      if (c[2] != null) recipe.put("dedup", c[2]);
      recipe.put("output", Map.of("path", dir.resolve("out").toString()));
      assertEquals(c[3], RunCommand.perceptualFolder(ImageRecipe.from(recipe)), c[0] + " " + c[2]);
    }
  }

  @Test
  void smallLocalTextInputsRunOnOneWorkerUnlessTheUserSaysOtherwise() throws IOException {
    String small = Files.write(dir.resolve("s.jsonl"), new byte[1000]).toString();
    String big =
        Files.write(
                dir.resolve("big.jsonl.gz"),
                new byte[(int) (RunCommand.ONE_WORKER_MAX_BYTES / 4 + 1)])
            .toString();
    assertEquals(1, RunCommand.workers(0, "embedded", List.of(small)));
    assertEquals(0, RunCommand.workers(0, "direct", List.of(small)), "measured on embedded only");
    assertEquals(
        0, RunCommand.workers(0, "embedded", List.of(small, big)), "over 1 MiB: one per core");
    assertEquals(2, RunCommand.workers(2, "embedded", List.of(small)), "--parallelism wins");
    assertEquals(
        0, RunCommand.workers(0, "flink", List.of(small)), "a cluster keeps its own default");
  }
}
