package dev.sluice.pipelines.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.schemas.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet allows column names that Avro does not ({@code file-path}, {@code 1st}, a struct field {@code a-b}), and
 * DuckDB, pyarrow and Polars write and read them. Such a file is read whole, its columns renamed as a JSON field's
 * would be, and a struct with such a name inside carried as JSON text; it once failed whole as {@code corrupt_file}.
 * Unsigned integers keep their values (parquet-avro reads them as signed: they wrapped).
 */
class ParquetInputColumnsTest {
  @TempDir Path dir;

  /** Parquet written as DuckDB or pyarrow would, names Avro rejects included (parquet-avro cannot write them). */
  private static void write(Path f, MessageType schema, List<Group> rows) throws IOException {
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(f)).withType(schema).build()) {
      for (Group g : rows) w.write(g);
    }
  }

  private static Manifest run(Path in, Path out) throws IOException {
    return run(in, out, "id");
  }

  private static Manifest run(Path in, Path out, String idField) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "columns");
    m.put("input", Map.of("path", in + "/*", "format", "parquet", "id_field", idField));
    m.put("output", Map.of("path", out.toString()));
    return CurationTest.run(m, out).manifest();
  }

  @Test
  void unsignedIntegersKeepTheirValues() throws IOException {
    MessageType schema =
        Types.buildMessage()
            .required(PrimitiveTypeName.BINARY)
            .as(LogicalTypeAnnotation.stringType())
            .named("text")
            .optional(PrimitiveTypeName.INT32)
            .as(LogicalTypeAnnotation.intType(32, false))
            .named("u32")
            .optional(PrimitiveTypeName.INT64)
            .as(LogicalTypeAnnotation.intType(64, false))
            .named("u64")
            .named("pyarrow_schema");
    Path in = Files.createDirectories(dir.resolve("u"));
    // 4,000,000,000 and 2^64 - 1 as Parquet stores them: the bits of a signed int and long
    write(
        in.resolve("u.parquet"),
        schema,
        List.of(
            new SimpleGroupFactory(schema)
                .newGroup()
                .append("text", "Big unsigned numbers live in this row of the file.")
                .append("u32", (int) 4_000_000_000L)
                .append("u64", -1L)));
    Manifest man = run(in, dir.resolve("u-out"));
    assertEquals("long", man.input_fields().get("u32").type());
    assertEquals("string", man.input_fields().get("u64").type());
    GenericRecord row = CurationTest.rows(dir.resolve("u-out"), man.shards()).get(0);
    assertEquals(4_000_000_000L, row.get("u32"));
    assertEquals("18446744073709551615", row.get("u64").toString());
    // an unsigned id column gives unsigned ids
    Manifest byU64 = run(in, dir.resolve("u-id"), "u64");
    GenericRecord idRow = CurationTest.rows(dir.resolve("u-id"), byU64.shards()).get(0);
    assertEquals("18446744073709551615", idRow.get("id").toString());
  }

  @Test
  void columnsWithNamesAvroRejectsAreReadAndRenamed() throws IOException {
    MessageType schema =
        Types.buildMessage()
            .required(PrimitiveTypeName.BINARY)
            .as(LogicalTypeAnnotation.stringType())
            .named("id")
            .required(PrimitiveTypeName.BINARY)
            .as(LogicalTypeAnnotation.stringType())
            .named("text")
            .optional(PrimitiveTypeName.BINARY)
            .as(LogicalTypeAnnotation.stringType())
            .named("file-path")
            .optional(PrimitiveTypeName.INT64)
            .named("1st")
            .optionalGroup()
            .optional(PrimitiveTypeName.BINARY)
            .as(LogicalTypeAnnotation.stringType())
            .named("a-b")
            .named("info")
            .named("duckdb_schema");
    Path in = Files.createDirectories(dir.resolve("in"));
    SimpleGroupFactory rows = new SimpleGroupFactory(schema);
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Group g =
          rows.newGroup()
              .append("id", "d" + i)
              .append("text", "Document " + i + " says something about the sea and ships.")
              .append("file-path", "crawl/" + i + ".warc")
              .append("1st", (long) i);
      g.addGroup("info").append("a-b", "v" + i);
      groups.add(g);
    }
    write(in.resolve("a.parquet"), schema, groups);
    Path out = dir.resolve("out");
    Manifest man = run(in, out);
    assertEquals(4, man.counts().input(), man.counts().toString());
    assertEquals(4, man.counts().kept(), man.counts().toString());
    assertEquals(0, man.counts().dead_letter(), man.counts().toString());
    assertEquals(
        new Manifest.InputField("file_path", "string", 4), man.input_fields().get("file-path"));
    assertEquals(new Manifest.InputField("_1st", "long", 4), man.input_fields().get("1st"));
    assertEquals(new Manifest.InputField("info", "json", 4), man.input_fields().get("info"));
    GenericRecord row = CurationTest.rows(out, man.shards()).get(2);
    assertEquals("d2", row.get("id").toString());
    assertEquals("crawl/2.warc", row.get("file_path").toString());
    assertEquals(2L, row.get("_1st"));
    assertTrue(row.get("info").toString().contains("\"a-b\": \"v2\""), row.get("info").toString());
  }
}
