package dev.sluice.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirTest {
  @TempDir Path dir;

  private void write(String rel, String content) throws IOException {
    Files.createDirectories(dir.resolve(rel).getParent());
    Files.writeString(dir.resolve(rel), content);
  }

  private void run(String shard, String dead) throws IOException {
    write("shards/part-00000-of-00001.parquet", shard);
    write("dead-letters/part-00000-of-00001.jsonl", dead);
    write(
        "manifest.json",
        """
        {"recipe": {"name": "t"}, "recipe_sha256": "x", "sluice_version": "0.1.0", "runner": "embedded",
         "counts": {"input": 3, "kept": 2, "dead_letter": 1, "filtered": {}, "duplicate": {"exact": 0}},
         "stages": [], "future_key": 1,
         "shards": [{"path": "shards/part-00000-of-00001.parquet", "rows": 2, "bytes": 4,
                     "sha256": "%s"}],
         "removed": [],
         "dead_letters": [{"path": "dead-letters/part-00000-of-00001.jsonl", "rows": 1, "bytes": %d}]}
        """
            .formatted(
                RunDir.sha256(dir.resolve("shards/part-00000-of-00001.parquet")), dead.length()));
  }

  @Test
  void readsTheManifestFilesAndDeadLetters() throws IOException {
    run(
        "PAR1",
        "{\"stage\":\"parse\",\"reason\":\"malformed_json\",\"detail\":\"d\",\"source\":\"a.jsonl\","
            + "\"location\":\"line 2\",\"raw\":\"{x\",\"raw_base64\":null,\"raw_truncated\":false}\n");
    RunDir r = RunDir.open(dir);
    assertEquals(3, r.manifest().counts().input());
    assertEquals(1, r.shards().size());
    assertEquals(dir.resolve("shards/part-00000-of-00001.parquet"), r.shards().get(0).path());
    assertEquals(2, r.shards().get(0).rows());
    RunDir.DeadLetter d = r.readDeadLetters().get(0);
    assertEquals("malformed_json", d.reason());
    assertEquals("line 2", d.location());
    r.verifyChecksums();
    Files.delete(dir.resolve("dead-letters/part-00000-of-00001.jsonl"));
    RunDir shardsOnly =
        RunDir.open(dir); // a copy of the shards and the manifest is enough to train on
    assertEquals(1, shardsOnly.shards().size());
    assertTrue(
        assertThrows(RunDir.NotARunException.class, shardsOnly::deadLetters)
            .getMessage()
            .contains("missing"));
  }

  @Test
  void refusesWhatIsNotAFinishedRunNamingThePath() throws IOException {
    RunDir.NotARunException none =
        assertThrows(RunDir.NotARunException.class, () -> RunDir.open(dir));
    assertTrue(none.getMessage().contains("no manifest"), none.getMessage());
    run("PAR1", "{}\n");
    write("shards/part-00000-of-00001.parquet", "PA");
    RunDir.NotARunException cut =
        assertThrows(RunDir.NotARunException.class, () -> RunDir.open(dir));
    assertTrue(cut.getMessage().contains("is 2 bytes but the manifest says 4"), cut.getMessage());
    write("shards/part-00000-of-00001.parquet", "PAR2");
    RunDir changed = RunDir.open(dir);
    assertTrue(
        assertThrows(RunDir.NotARunException.class, changed::verifyChecksums)
            .getMessage()
            .contains("sha256"));
    Files.delete(dir.resolve("shards/part-00000-of-00001.parquet"));
    assertTrue(
        assertThrows(RunDir.NotARunException.class, () -> RunDir.open(dir))
            .getMessage()
            .contains("missing"));
    write("manifest.json", "{not json");
    assertTrue(
        assertThrows(RunDir.NotARunException.class, () -> RunDir.open(dir))
            .getMessage()
            .contains("unreadable"));
  }
}
