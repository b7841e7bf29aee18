package dev.sluice.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
  @TempDir Path dir;

  private void touch(String rel) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "{}");
  }

  @Test
  void globsDirectoriesAndListsExpandSortedAndDistinct() throws IOException {
    for (String f :
        List.of(
            "a/1.jsonl",
            "a/2.jsonl.gz",
            "a/b/3.jsonl",
            "a/.hidden.jsonl",
            "a/.cache/4.jsonl",
            "a/b/.git/5.jsonl",
            "a/b/.6.jsonl",
            "c.txt")) {
      touch(f);
    }
    assertEquals(List.of(dir + "/a/1.jsonl"), InputFiles.expand(List.of(dir + "/a/*.jsonl")));
    assertEquals(
        List.of(dir + "/a/1.jsonl", dir + "/a/b/3.jsonl"),
        InputFiles.expand(List.of(dir + "/a/**.jsonl")));
    assertEquals(
        List.of(dir + "/a/1.jsonl", dir + "/a/2.jsonl.gz", dir + "/a/b/3.jsonl"),
        InputFiles.expand(List.of(dir + "/a")),
        "a directory: every non-hidden file below it");
    // a hidden folder named as the input itself, or as a glob's base, is walked: only what is below
    // it counts
    assertEquals(List.of(dir + "/a/.cache/4.jsonl"), InputFiles.expand(List.of(dir + "/a/.cache")));
    assertEquals(
        List.of(dir + "/a/.cache/4.jsonl"), InputFiles.expand(List.of(dir + "/a/.cache/*.jsonl")));
    assertEquals(
        List.of(dir + "/a/1.jsonl", dir + "/a/2.jsonl.gz", dir + "/c.txt"),
        InputFiles.expand(List.of(dir + "/{a/1.jsonl,c.txt}", dir + "/a/*.gz", dir + "/c.txt")));
    // one file under two spellings is read once (the second copy's records were duplicate ids)
    assertEquals(
        List.of(dir + "/a/1.jsonl"),
        InputFiles.expand(List.of(dir + "/a/1.jsonl", dir + "/a/./b/../1.jsonl")));
  }

  @Test
  void linksToFoldersAreFollowedAndALoopEnds() throws IOException {
    touch("store/cats/1.png");
    touch("data/dogs/2.png");
    Files.createSymbolicLink(dir.resolve("data/cats"), dir.resolve("store/cats"));
    // a link back to an enclosing folder: walked once, not forever
    Files.createSymbolicLink(dir.resolve("data/dogs/again"), dir.resolve("data"));
    Files.createSymbolicLink(dir.resolve("data/gone.png"), dir.resolve("nowhere.png"));
    // the linked folder's file was missing: a dataset assembled from links lost it without a record
    assertEquals(
        List.of(dir + "/data/cats/1.png", dir + "/data/dogs/2.png"),
        InputFiles.expand(List.of(dir + "/data")));
    assertEquals(
        List.of(dir + "/data/cats/1.png", dir + "/data/dogs/2.png", dir + "/data/gone.png"),
        InputFiles.expand(List.of(dir + "/data"), true),
        "a dangling link is listed for the image reader to dead-letter");
    assertEquals(
        List.of(dir + "/data/cats/1.png"), InputFiles.expand(List.of(dir + "/data/cats/*.png")));
  }

  @Test
  void aSizerCountsEveryListedFileOnceWithItsSizeAndCanStopTheListing() throws IOException {
    touch("a/1.jsonl");
    touch("a/.hidden.jsonl");
    Files.writeString(Files.createDirectories(dir.resolve("a/b")).resolve("3.jsonl"), "{\"x\": 1}");
    Files.createSymbolicLink(dir.resolve("a/gone.png"), dir.resolve("nowhere.png"));
    for (List<String> input : List.of(List.of(dir + "/a"), List.of(dir + "/a/**"))) {
      Map<String, Long> seen = new TreeMap<>();
      List<String> files = InputFiles.expand(input, true, (f, bytes) -> seen.put(f, bytes) != null);
      assertEquals(List.of(dir + "/a/1.jsonl", dir + "/a/b/3.jsonl", dir + "/a/gone.png"), files);
      assertEquals(
          Map.of(dir + "/a/1.jsonl", 2L, dir + "/a/b/3.jsonl", 8L, dir + "/a/gone.png", 0L),
          seen,
          input + ": each file once, a dangling link as 0 bytes");
      int[] counted = {0};
      assertNull(InputFiles.expand(input, true, (f, bytes) -> ++counted[0] == 2));
      assertEquals(2, counted[0], input + ": the listing stops where the sizer says");
    }
    // overlapping paths: a file named by two of them is counted once
    List<String> counted = new java.util.ArrayList<>();
    InputFiles.expand(
        List.of(dir + "/a", dir + "/a/b/*.jsonl", dir + "/a/1.jsonl"),
        false,
        (f, bytes) -> !counted.add(f));
    assertEquals(
        List.of(dir + "/a/1.jsonl", dir + "/a/b/3.jsonl"), counted.stream().sorted().toList());
  }

  @Test
  void aPathThatMatchesNothingIsARecipeError() {
    Config.ConfigException e =
        assertThrows(
            Config.ConfigException.class, () -> InputFiles.expand(List.of(dir + "/none/*.jsonl")));
    assertTrue(
        e.getMessage().startsWith("input.path: got '" + dir + "/none/*.jsonl'"), e.getMessage());
  }
}
