package dev.sluice.scaling.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Opens a report page in headless Chromium and returns the DOM it drew; fails on a console error. Skipped where
 * there is no Chromium, except in CI, which must have it.
 */
final class Chromium {
  private Chromium() {}

  static String dom(Path html, Path dir) throws Exception {
    String chromium = System.getenv().getOrDefault("SLUICE_CHROMIUM", "/usr/bin/chromium");
    if (!new File(chromium).canExecute()) {
      if ("true".equals(System.getenv("CI")))
        throw new AssertionError("CI must have Chromium at " + chromium);
      assumeTrue(false, "no Chromium at " + chromium);
    }
    assertTrue(Files.size(html) < 2 << 20, "one offline file under 2 MB");
    Path err = dir.resolve("chromium.err");
    Process p =
        new ProcessBuilder(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--user-data-dir=" + dir.resolve("profile"),
                "--enable-logging=stderr",
                "--v=0",
                "--window-size=1200,3000",
                "--virtual-time-budget=5000",
                "--dump-dom",
                html.toUri().toString())
            .redirectError(err.toFile())
            .start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium finished");
    for (String line : Files.readString(err).split("\n")) {
      assertFalse(
          line.contains("CONSOLE") && (line.contains("rror") || line.contains("Uncaught")), line);
    }
    return dom;
  }
}
