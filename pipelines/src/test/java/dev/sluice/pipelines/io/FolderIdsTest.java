package dev.sluice.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FolderIdsTest {
  /** The id as the reader computed it before: the path relativised and normalised, names joined by '/'. */
  private static String longWay(String folder, String file) {
    Path root = Path.of(folder).toAbsolutePath().normalize();
    return ImageReader.relativeId(root.relativize(Path.of(file).toAbsolutePath().normalize()));
  }

  @Test
  void theTailOfAListedPathIsTheIdTheLongWayGives() {
    List<String> folders =
        List.of("/data/set", "/data/set/", "data/set", "data/./x/../set", "/", ".");
    List<String> tails =
        List.of(
            "a.png",
            "cats/a.png",
            "cats/kittens/a b.png",
            "back\\slash.png",
            "new\nline.png",
            ".hidden/x.png",
            "...png",
            "cats/./a.png",
            "cats/../a.png",
            "./a.png",
            "cats//a.png",
            "cats/..",
            "\u00e9t\u00e9/\ufffd.png");
    for (String folder : folders) {
      FolderIds ids = new FolderIds(folder);
      String listed = Path.of(folder).toString();
      for (String tail : tails) {
        String file = (listed.endsWith("/") ? listed : listed + "/") + tail;
        assertEquals(longWay(folder, file), ids.of(file), folder + " + " + tail);
      }
      assertEquals(longWay(folder, "/elsewhere/b.png"), ids.of("/elsewhere/b.png"));
    }
  }

  @Test
  void onlyPlainNamesTakeTheShortWay() {
    assertTrue(FolderIds.plainNames("x/a/b.png", 2));
    assertTrue(FolderIds.plainNames("x/.a/..b/...", 2));
    for (String bad : List.of("x/", "x/a//b", "x/./b", "x/a/..", "x/a/.", "x/a/", "x/a\0b")) {
      assertFalse(FolderIds.plainNames(bad, 2), bad);
    }
  }
}
