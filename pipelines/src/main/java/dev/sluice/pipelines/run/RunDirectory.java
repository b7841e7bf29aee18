package dev.sluice.pipelines.run;

import dev.sluice.core.io.AtomicFiles;
import dev.sluice.core.run.RunDir;
import dev.sluice.pipelines.io.DeadLetterSink;
import dev.sluice.pipelines.io.InputColumns;
import dev.sluice.pipelines.io.ParquetSinks;
import dev.sluice.pipelines.steps.WriteShards;
import dev.sluice.report.DatasetCard;
import dev.sluice.schemas.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/** The run directory's lifecycle: clean before a run, fill empty shards, describe files, publish the manifest. */
public final class RunDirectory {
  public static final String MANIFEST = RunDir.MANIFEST;
  public static final String WORK = ".sluice-work";
  private final Path root;

  public RunDirectory(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path work() {
    return root.resolve(WORK);
  }

  /** Removes a previous run's outputs, the manifest first, so an interrupted clean never looks complete. */
  public void prepare() throws IOException {
    Files.createDirectories(root);
    Files.deleteIfExists(root.resolve(MANIFEST));
    for (String d :
        List.of(
            CurationPipeline.SHARDS,
            CurationPipeline.REMOVED,
            CurationPipeline.DEAD_LETTERS,
            CurriculumModel.DIR,
            WORK)) {
      deleteTree(root.resolve(d));
    }
    Files.deleteIfExists(root.resolve(RunDir.REPORT_HTML));
    Files.deleteIfExists(root.resolve(RunDir.REPORT_JSON));
    Path card = root.resolve(DatasetCard.FILE);
    if (Files.isRegularFile(card) && Files.readString(card).contains(DatasetCard.MARKER))
      Files.delete(card);
    Files.createDirectories(work());
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
    }
  }

  /** Writes an empty file for every shard index in [0, m) that the pipeline did not write (no rows hashed there). */
  public void fillEmpty(String dir, int m, String kind) throws IOException {
    Path folder = root.resolve(dir);
    Files.createDirectories(folder);
    for (int i = 0; i < m; i++) {
      String ext = kind.equals("dead") ? ".jsonl" : ".parquet";
      Path f = folder.resolve(WriteShards.name(i, m, ext));
      if (Files.exists(f)) continue;
      Path tmp = folder.resolve("." + f.getFileName() + ".empty.tmp");
      Files.deleteIfExists(tmp);
      switch (kind) {
        case "docs" ->
            ParquetSinks.documents(compression).write(Collections.emptyIterator(), tmp, columns);
        case "removed" ->
            ParquetSinks.removed(compression).write(Collections.emptyIterator(), tmp, columns);
        case "images" -> ParquetSinks.images(compression).write(Collections.emptyIterator(), tmp);
        default -> new DeadLetterSink().write(Collections.emptyIterator(), tmp);
      }
      Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private String compression = "zstd";
  private InputColumns columns = InputColumns.NONE;

  /** The columns of the input's fields, so that an empty shard has the schema of the others. */
  public RunDirectory withColumns(InputColumns c) {
    this.columns = c;
    return this;
  }

  public RunDirectory withCompression(String c) {
    this.compression = c;
    return this;
  }

  /** Path, rows, bytes and sha256 of every published file in {@code dir}, by name. */
  public List<Manifest.FileEntry> describe(String dir) throws IOException {
    Path folder = root.resolve(dir);
    List<Manifest.FileEntry> out = new ArrayList<>();
    if (!Files.isDirectory(folder)) return out;
    try (Stream<Path> s = Files.list(folder)) {
      for (Path f :
          s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        long rows = f.toString().endsWith(".parquet") ? parquetRows(f) : jsonlRows(f);
        out.add(
            new Manifest.FileEntry(
                root.relativize(f).toString(), rows, Files.size(f), RunDir.sha256(f)));
      }
    }
    return out;
  }

  static long parquetRows(Path f) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(f))) {
      return r.getRecordCount();
    }
  }

  static long jsonlRows(Path f) throws IOException {
    long n = 0;
    try (var lines = Files.lines(f, StandardCharsets.UTF_8)) {
      n = lines.filter(l -> !l.isBlank()).count();
    }
    return n;
  }

  /** Writes manifest.json atomically (temporary name, then rename): the last act of a successful run. */
  public void publish(String json) throws IOException {
    AtomicFiles.write(root.resolve(MANIFEST), json);
  }

  public void cleanWork() throws IOException {
    deleteTree(work());
  }
}
