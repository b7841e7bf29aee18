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

  /** The documents samples/quality/classifier.yaml names: Moby Dick and SOTU against the Apache manual pages. */
  static List<LabelledFiles.Document> documents() throws IOException {
    Path r = root();
    List<LabelledFiles.Document> docs = new ArrayList<>();
    ClassifierSpec.Source text = new ClassifierSpec.Source("", "text", false);
    docs.addAll(
        LabelledFiles.read(
            text,
            List.of(
                r.resolve("samples/text/en/moby-dick.jsonl"),
                r.resolve("samples/text/en/sotu-every5y.jsonl")),
            true));
    docs.addAll(
        LabelledFiles.read(
            new ClassifierSpec.Source("", "html", true),
            List.of(r.resolve("samples/html/apache-manual.jsonl")),
            false));
    return docs;
  }
}
