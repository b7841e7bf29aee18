package dev.sluice.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.core.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    assertEquals(
        List.of(dir + "/a/1.jsonl", dir + "/a/2.jsonl.gz", dir + "/c.txt"),
        InputFiles.expand(List.of(dir + "/{a/1.jsonl,c.txt}", dir + "/a/*.gz", dir + "/c.txt")));
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
