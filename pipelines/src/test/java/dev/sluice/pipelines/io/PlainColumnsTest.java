package dev.sluice.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.ImageDoc;
import dev.sluice.schemas.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Columns the writer keeps off Parquet's dictionary are plain, columns of repeated values keep theirs, and a column
 * of distinct values comes out byte for byte the same either way (Parquet falls back to plain values on the first
 * page), so leaving the dictionary off such a column saves time and changes no shard.
 */
class PlainColumnsTest {
  @TempDir Path dir;

  private static List<ImageDoc> images(int n) {
    Map<String, Double> signals = new TreeMap<>();
    for (String s : ImageWriteSupportTest.SIGNALS) signals.put(s, 1.0);
    List<ImageDoc> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = String.format("%s/%05d.png", i % 2 == 0 ? "shirt" : "shoe", i);
      out.add(
          new ImageDoc(
              id,
              i % 2 == 0 ? "shirt" : "shoe",
              "/data/fashion/" + "long-folder-name/".repeat(11) + id,
              "file",
              0,
              new byte[] {(byte) i, 1, 2},
              "png",
              28,
              28,
              1,
              "png",
              3,
              new TreeMap<>(signals),
              String.format("%064x", i),
              i,
              -i,
              0,
              id,
              1,
              null,
              List.of()));
    }
    return out;
  }

  private static Map<String, ColumnChunkMetaData> columns(Path file) throws Exception {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
      Map<String, ColumnChunkMetaData> out = new TreeMap<>();
      for (ColumnChunkMetaData c : r.getFooter().getBlocks().get(0).getColumns())
        out.put(c.getPath().toDotString(), c);
      return out;
    }
  }

  private static boolean dictionary(ColumnChunkMetaData c) {
    return c.hasDictionaryPage()
        || c.getEncodings().contains(Encoding.PLAIN_DICTIONARY)
        || c.getEncodings().contains(Encoding.RLE_DICTIONARY);
  }

  /** Rows whose every string column repeats one value: a dictionary would always pay on them. */
  private static List<ImageDoc> repeated(int n) {
    List<ImageDoc> out = new ArrayList<>();
    for (ImageDoc d : images(n))
      out.add(
          ImageDoc.read("same.png", "shirt", "/data/same.png", "file", 0, d.bytes())
              .analysed(d.bytes(), "png", 28, 28, 1, "png", d.signals(), "f".repeat(64), 1, 2)
              .withCluster("same.png", 1));
    return out;
  }

  @Test
  void namedColumnsArePlainEvenWhenTheirValuesRepeatAndTheOthersKeepTheirDictionary()
      throws Exception {
    Path file = dir.resolve("named.parquet");
    ParquetSinks.images("zstd", List.of("id", "source", "cluster_id", "pixel_sha256"))
        .write(repeated(500).iterator(), file);
    Map<String, ColumnChunkMetaData> c = columns(file);
    for (String plain : List.of("id", "image", "source", "cluster_id", "pixel_sha256"))
      assertFalse(dictionary(c.get(plain)), plain + " is written plain: " + c.get(plain));
    for (String kept : List.of("label", "format", "location", "width", "signals.blur"))
      assertTrue(dictionary(c.get(kept)), kept + " keeps its dictionary: " + c.get(kept));
    Path tried = dir.resolve("tried.parquet");
    ParquetSinks.images("zstd", List.of()).write(repeated(500).iterator(), tried);
    for (String c2 : List.of("id", "source", "cluster_id", "pixel_sha256"))
      assertTrue(dictionary(columns(tried).get(c2)), c2 + ": not named, the dictionary pays");
  }

  @Test
  void documentIdsArePlain() throws Exception {
    Path docs = dir.resolve("docs.parquet");
    ParquetSinks.documents("zstd")
        .write(
            java.util.stream.IntStream.range(0, 200)
                .mapToObj(
                    i ->
                        Doc.parsed("same", "text " + (i % 3), "in.jsonl", "line", i)
                            .withExactKey("k"))
                .iterator(),
            docs);
    assertFalse(dictionary(columns(docs).get("id")), "documents' ids are written plain");
    assertTrue(dictionary(columns(docs).get("source")), "a document's source repeats: dictionary");
  }

  @Test
  void everyDistinctColumnTheRecipesNameIsAnImageColumn() {
    List<String> top = Schemas.IMAGE.getFields().stream().map(f -> f.name()).toList();
    for (String c : List.of("id", "cluster_id", "source", "pixel_sha256"))
      assertTrue(
          top.contains(c), c + " is a column of Image.avsc (a misspelt one would be ignored)");
  }

  @Test
  void aColumnOfDistinctValuesIsTheSameWithOrWithoutTheDictionaryAttempt() throws Exception {
    // 45,000 rows: three pages of 20,000 rows per column, so the pages after the first fallback
    // count too, and sources of ~200 characters reach the dictionary's 1 MB limit inside a page
    Path tried = dir.resolve("tried.parquet");
    Path plain = dir.resolve("plain.parquet");
    ParquetSinks.images("zstd", List.of()).write(images(45_000).iterator(), tried);
    ParquetSinks.images("zstd", List.of("id", "source", "cluster_id", "pixel_sha256"))
        .write(images(45_000).iterator(), plain);
    for (String c : List.of("id", "source", "cluster_id", "pixel_sha256"))
      assertFalse(dictionary(columns(tried).get(c)), c + ": the attempt fell back to plain values");
    assertArrayEquals(Files.readAllBytes(tried), Files.readAllBytes(plain));
    assertEquals(45_000, columns(plain).get("id").getValueCount());
  }
}
