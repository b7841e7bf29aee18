package dev.sluice.quality.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's sample images (samples/images), found from the module directory the tests run in. */
final class Samples {
  private Samples() {}

  static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path s = p.resolve("samples/images");
      if (Files.isDirectory(s.resolve("photos"))) return s;
    }
    throw new IllegalStateException(
        "samples/images not found above " + Path.of("").toAbsolutePath());
  }

  /** Every regular image file under samples/images/DIR, sorted by path (SOURCES.csv and the like left out). */
  static List<Path> files(String dir) {
    try (Stream<Path> s = Files.walk(root().resolve(dir))) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".csv"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kit's other sets (fashion, digits), which this repository does not copy; null when the kit is absent. */
  static Path kit(String dir) {
    Path p = Path.of("/work/shared/samples-kit/samples/images").resolve(dir);
    return Files.isDirectory(p) ? p : null;
  }
}
