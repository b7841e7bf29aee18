package dev.sluice.quality.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The repository's labelled sample text (samples/), found from the module directory the tests run in. */
final class SampleData {
  private SampleData() {}

  static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples/text/en"))) return p;
    }
    throw new IllegalStateException("samples/ not found above " + Path.of("").toAbsolutePath());
  }

  /** The sample training recipe, samples/quality/classifier.yaml. */
  static ClassifierSpec spec() {
    return ClassifierSpec.from(
        dev.sluice.core.config.RecipeFile.read(
            "classifier", root().resolve("samples/quality/classifier.yaml")));
  }

  private static List<LabelledFiles.Document> documents;

  /**
   * The documents the sample recipe names (its paths are relative to the repository root), read once per test JVM
   * (the HTML pages' extraction takes a few seconds).
   */
  static synchronized List<LabelledFiles.Document> documents() throws IOException {
    if (documents == null) documents = List.copyOf(read());
    return documents;
  }

  private static List<LabelledFiles.Document> read() throws IOException {
    ClassifierSpec spec = spec();
    List<LabelledFiles.Document> docs = new ArrayList<>();
    for (ClassifierSpec.Source s : spec.positives()) {
      docs.addAll(LabelledFiles.read(s, List.of(root().resolve(s.path())), true).documents());
    }
    for (ClassifierSpec.Source s : spec.negatives()) {
      docs.addAll(LabelledFiles.read(s, List.of(root().resolve(s.path())), false).documents());
    }
    return docs;
  }
}
