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

  /**
   * Image files of a set that may live in this repository (samples/images/DIR) or only in the samples kit the
   * repository was built from (fashion-mnist-1k, digits-8x8/png); empty when neither has it.
   */
  static List<Path> anywhere(String dir) {
    for (Path base : List.of(root(), Path.of("/work/shared/samples-kit/samples/images"))) {
      Path p = base.resolve(dir);
      if (!Files.isDirectory(p)) continue;
      try (Stream<Path> s = Files.walk(p)) {
        return s.filter(Files::isRegularFile)
            .filter(f -> f.getFileName().toString().endsWith(".png"))
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.of();
  }
}
