package dev.sluice.augment.difficulty;

import java.io.IOException;
import java.util.function.Consumer;

/** Documents a trainer reads, possibly more than once: an {@code Iterable<String>} or files on disk. */
@FunctionalInterface
interface Corpus {
  void forEach(Consumer<String> doc) throws IOException;
}
