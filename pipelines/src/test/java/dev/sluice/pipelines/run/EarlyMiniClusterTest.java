package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.pipelines.io.InputFiles;
import dev.sluice.pipelines.recipe.Recipe;
import dev.sluice.schemas.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's embedded cluster, started ahead of the graph, on one worker, writes what Beam's own local environment
 * writes on two.
 */
class EarlyMiniClusterTest {
  @TempDir static Path dir;

  @BeforeAll
  static void corpus() throws IOException {
    CurationTest.dir =
        dir; // CurationTest's corpus (duplicates, a bad line, a truncated gzip), written here
    CurationTest.corpus();
  }

  @AfterEach
  void release() {
    Runners.release();
  }

  private static Manifest run(Path out, boolean early) throws IOException {
    Recipe r = CurationTest.recipe(out);
    // the early cluster on one worker, as a small CLI run gets it, against Beam's own on two
    PipelineOptions o = Runners.options("embedded", null, early ? 1 : 2);
    if (early) {
      Runners.startEmbeddedCluster(o);
      assertEquals("[auto]", o.as(FlinkPipelineOptions.class).getFlinkMaster());
      assertTrue(EarlyMiniCluster.installed());
    }
    try {
      return Curation.run(r, InputFiles.expand(r.input().paths()), out, "embedded", o).manifest();
    } finally {
      Runners.release();
    }
  }

  @Test
  void writesTheSameShardsAsBeamsLocalEnvironmentOnOneWorker() throws IOException {
    Manifest local = run(dir.resolve("local"), false);
    Manifest early = run(dir.resolve("early"), true);
    assertEquals("embedded", early.runner());
    assertEquals(local.counts(), early.counts());
    assertEquals(
        local.shards().stream().map(Manifest.FileEntry::sha256).toList(),
        early.shards().stream().map(Manifest.FileEntry::sha256).toList());
    assertEquals(
        local.dead_letters().stream().map(Manifest.FileEntry::sha256).toList(),
        early.dead_letters().stream().map(Manifest.FileEntry::sha256).toList());
    // released: the next job in this JVM may create its own environment again
    assertFalse(EarlyMiniCluster.installed());
    assertTrue(ExecutionEnvironment.areExplicitEnvironmentsAllowed());
  }

  @Test
  void aClusterNoJobTookIsClosedAndUninstalled() {
    PipelineOptions o = Runners.options("embedded", null, 1);
    Runners.startEmbeddedCluster(o);
    assertFalse(ExecutionEnvironment.areExplicitEnvironmentsAllowed());
    Runners.release();
    assertFalse(EarlyMiniCluster.installed());
    assertTrue(ExecutionEnvironment.areExplicitEnvironmentsAllowed());
  }

  @Test
  void otherRunnersAreLeftAsTheyAre() {
    PipelineOptions direct = Runners.options("direct", null, 1);
    Runners.startEmbeddedCluster(direct);
    assertFalse(EarlyMiniCluster.installed());
  }
}
