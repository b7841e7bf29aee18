package dev.sluice.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Thumbnails follow the examples they illustrate through every merge, and only those: the report stays small. */
class RunStatsThumbnailsTest {
  private static final String PNG = "data:image/png;base64,iVBORw0KGgo=";

  private static RunStats removedOne(String id, long rank) {
    RunStats s = new RunStats();
    RunStats.sample(
        s.examples,
        "filtered:image.min_width",
        new RunStats.Example(id, rank, "12x12", 12.0, null, "in/" + id, "file"));
    s.thumbnail(id, PNG);
    return s;
  }

  @Test
  void aMergeKeepsTheThumbnailsOfTheSampledExamplesOnly() {
    RunStats all = new RunStats();
    for (int i = 0; i < RunStats.EXAMPLES + 3; i++) all.merge(removedOne("img" + i, 100 - i));
    // the bottom-k sample keeps the smallest ranks: img3..img7; the others' thumbnails are gone
    Set<String> kept = all.thumbnails.keySet();
    assertEquals(Set.of("img3", "img4", "img5", "img6", "img7"), kept);
    for (RunStats.Example e : all.examples.get("filtered:image.min_width"))
      assertTrue(kept.contains(e.id()));
  }

  @Test
  void clusterMembersAndAugmentedPairsKeepTheirs() {
    RunStats s = new RunStats();
    s.cluster(new RunStats.ClusterExample("a", 2, "a", "32x32", "b", "16x16"));
    s.sampleAugmented(new RunStats.AugmentExample("a#aug0", 1, List.of("flip_h"), "a", "32x32"));
    for (String id : List.of("a", "b", "a#aug0", "stray")) s.thumbnail(id, PNG);
    s.pruneThumbnails();
    assertEquals(Set.of("a", "b", "a#aug0"), s.thumbnails.keySet());
  }

  @Test
  void anOversizeThumbnailIsNotRecorded() {
    RunStats s = removedOne("big", 1);
    s.thumbnails.clear();
    s.thumbnail("big", "data:image/png;base64," + "A".repeat(RunStats.THUMBNAIL_BYTES));
    assertTrue(s.thumbnails.isEmpty());
  }

  @Test
  void theHtmlShowsOnlyDataUriImages() {
    RunStats s = removedOne("x", 1);
    assertTrue(Html.thumbnail(s, "x").startsWith("<img class=\"thumb\""));
    s.thumbnails.put("y", "javascript:alert(1)");
    assertEquals("", Html.thumbnail(s, "y"));
    assertEquals("", Html.thumbnail(s, "unknown"));
  }
}
