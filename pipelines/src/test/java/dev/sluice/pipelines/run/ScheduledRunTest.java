package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.run.RunDir;
import dev.sluice.pipelines.cli.Sluice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduler calls the same command every night: a published partition is a no-op, --force replaces it with the
 * same bytes, a new partition adds a ledger entry, and a run that fails leaves the ledger as it was.
 */
class ScheduledRunTest {
  @TempDir Path dir;

  private Path recipe() throws IOException {
    Path samples =
        Path.of(System.getProperty("sluice.root", ".."))
            .resolve("samples/text/en/fortunes-en.jsonl");
    List<String> lines = Files.readAllLines(samples);
    for (String day : List.of("d1", "d2")) {
      Files.createDirectories(dir.resolve("in/" + day));
      int from = day.equals("d1") ? 0 : 300;
      Files.write(dir.resolve("in/" + day + "/a.jsonl"), lines.subList(from, from + 300));
    }
    Path r = dir.resolve("nightly.yaml");
    Files.writeString(
        r,
        String.join(
            "\n",
            "name: nightly-test",
            "input: {path: \"" + dir + "/in/{partition}/*.jsonl\", partition: d1}",
            "quality: {rules: [gopher_quality], gopher_quality: {min_doc_words: 10}}",
            "dedup: {exact: true}",
            "output: {path: \"" + dir + "/out/{partition}\"}",
            "ledger: " + dir + "/out/ledger.json",
            ""));
    return r;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> ledger() throws IOException {
    return new ObjectMapper().readValue(dir.resolve("out/ledger.json").toFile(), Map.class);
  }

  @Test
  void publishedPartitionsAreNoOpsUntilForced() throws IOException {
    Path r = recipe();
    assertEquals(0, Sluice.execute("run", r.toString(), "--no-report"));
    Path manifest = dir.resolve("out/d1/manifest.json");
    String sha = RunDir.sha256(manifest);
    assertEquals(sha, ledger().get("d1").get("manifest_sha256"));
    Files.setLastModifiedTime(manifest, FileTime.fromMillis(0));

    assertEquals(0, Sluice.execute("run", r.toString(), "--no-report"));
    assertEquals(
        0,
        Files.getLastModifiedTime(manifest).toMillis(),
        "a published partition is not run again");

    String shards = shardHashes(manifest);
    assertEquals(0, Sluice.execute("run", r.toString(), "--no-report", "--force"));
    assertTrue(Files.getLastModifiedTime(manifest).toMillis() > 0, "--force runs it again");
    assertEquals(shards, shardHashes(manifest), "and writes the same shards");

    assertEquals(
        0, Sluice.execute("run", r.toString(), "--no-report", "--set", "input.partition=d2"));
    assertEquals(List.of("d1", "d2"), List.copyOf(ledger().keySet()));
    assertTrue(Files.exists(dir.resolve("out/d2/manifest.json")));

    String before = Files.readString(dir.resolve("out/ledger.json"));
    assertEquals(
        2, Sluice.execute("run", r.toString(), "--no-report", "--set", "input.partition=d3"));
    assertEquals(
        before,
        Files.readString(dir.resolve("out/ledger.json")),
        "a failed run leaves the ledger alone");
    assertFalse(Files.exists(dir.resolve("out/d3/manifest.json")));
  }

  private static String shardHashes(Path manifest) throws IOException {
    return new ObjectMapper().readTree(manifest.toFile()).get("shards").toString();
  }
}
