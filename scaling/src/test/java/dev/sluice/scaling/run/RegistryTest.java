package dev.sluice.scaling.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry of finished points survives a torn last line and forgets a forced point. */
class RegistryTest {
  static PointResult point(String id) {
    return new PointResult(
        id,
        "raw",
        "s",
        1e10,
        1,
        1000,
        6000,
        10,
        10240,
        6.1e7,
        50000,
        0.2,
        1e5,
        0.1,
        2.5,
        Map.of("clean", 3.1),
        "out/x",
        "sha");
  }

  @Test
  void finishedPointsAreReadBackAndATornLineIsIgnored(@TempDir Path dir) throws Exception {
    Registry<PointResult> r = new Registry<>(dir, PointResult.class);
    r.add(point("raw/s/C1e10/s1"));
    r.add(point("raw/s/C1e10/s2"));
    Files.writeString(
        dir.resolve(Registry.FILE), "{\"id\":\"raw/s/C2e10", StandardOpenOption.APPEND);
    Registry<PointResult> again = new Registry<>(dir, PointResult.class);
    assertTrue(again.has("raw/s/C1e10/s1") && again.has("raw/s/C1e10/s2"));
    assertFalse(again.has("raw/s/C2e10/s1"));
    assertEquals(point("raw/s/C1e10/s1"), again.get("raw/s/C1e10/s1"));
    again.add(point("raw/s/C3e10/s1"));
    assertTrue(
        new Registry<>(dir, PointResult.class).has("raw/s/C3e10/s1"),
        "the torn line was dropped, not glued to the next");
    again.remove("raw/s/C1e10/s1");
    assertEquals(2, new Registry<>(dir, PointResult.class).all().size());
    Files.writeString(
        dir.resolve(Registry.FILE), "not json\n" + Files.readString(dir.resolve(Registry.FILE)));
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            dev.sluice.core.cli.UsageException.class, () -> new Registry<>(dir, PointResult.class));
    assertTrue(e.getMessage().contains("points.jsonl line 1: not a point record"), e.getMessage());
  }
}
