package dev.sluice.pipelines.io;

import dev.sluice.pipelines.model.InputValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.Type;

/**
 * Parquet ({@code input.format: parquet}): one record per row, the text and id in named columns; every other
 * column (that input.fields carries) travels with the document with its Avro type as it is: timestamps, lists
 * and structs included.
 */
final class ParquetFormat implements InputFormat {
  private static final long serialVersionUID = 1L;

  /**
   * A standard three-level LIST (pyarrow, DuckDB, Spark) is read as a list of its elements, not as a list of
   * one-field records: {@code list<string>} stays {@code list<string>} in the shards.
   */
  private static final PlainParquetConfiguration CONF = conf();

  private static PlainParquetConfiguration conf() {
    PlainParquetConfiguration c = new PlainParquetConfiguration();
    c.set("parquet.avro.add-list-element-records", "false");
    return c;
  }

  @Override
  public String name() {
    return "parquet";
  }

  @Override
  public String emptyDetail() {
    return "the Parquet file has no rows";
  }

  @Override
  public String failureReason(Exception e) {
    return "corrupt_file";
  }

  @Override
  public void read(String file, Records out) throws IOException {
    String textField = out.settings().textField();
    String idField = out.settings().idField();
    long[] row = {0};
    Map<Schema, Map<String, Map.Entry<Schema, String>>> types = new HashMap<>();
    Map<String, Integer> unsigned = unsignedColumns(file);
    out.trackPosition(
        () -> new Records.Position("row " + (row[0] + 1), "row " + (row[0] + 1), row[0] + 1, null));
    try (AvroNames lenient = AvroNames.lenient();
        ParquetReader<GenericRecord> reader =
            AvroParquetReader.<GenericRecord>builder(new LocalInputFile(Path.of(file)), CONF)
                .build()) {
      GenericRecord r;
      while ((r = reader.read()) != null) {
        row[0]++;
        Schema schema = r.getSchema();
        if (schema.getField(textField) == null) {
          out.rejectFile(
              "missing_column",
              "no column '"
                  + textField
                  + "'; columns: "
                  + schema.getFields().stream().map(Schema.Field::name).toList());
          return;
        }
        Object text = r.get(textField);
        Object id =
            schema.getField(idField) == null
                ? null
                : unsigned(r.get(idField), unsigned.get(idField));
        byte[] raw = String.valueOf(r).getBytes(StandardCharsets.UTF_8);
        if (text == null) {
          out.reject("missing_text", "'" + textField + "' is null", "row " + row[0], row[0], raw);
        } else if (!(text instanceof CharSequence)) {
          out.reject(
              "text_not_string",
              "'" + textField + "' is not a string column",
              "row " + row[0],
              row[0],
              raw);
        } else {
          String idText = id == null ? null : id.toString();
          out.text(row[0], "row", idText, text.toString(), raw, carried(r, out, types, unsigned));
        }
      }
    } catch (RuntimeException e) {
      throw new IOException(
          e.getMessage(), e); // a corrupt page or footer: Parquet's decoders throw unchecked
    }
  }

  /**
   * The top-level unsigned 32- and 64-bit integer columns and their widths: parquet-avro reads them as a signed
   * int and long, which would wrap values from 2^31 and 2^63 on (4,000,000,000 became -294,967,296). They are
   * carried as {@code long} and as decimal text ({@code string}: no signed type holds every uint64).
   */
  static Map<String, Integer> unsignedColumns(String file) throws IOException {
    Map<String, Integer> out = new HashMap<>();
    try (ParquetFileReader f = ParquetFileReader.open(new LocalInputFile(Path.of(file)))) {
      for (Type t : f.getFileMetaData().getSchema().getFields()) {
        if (t.isPrimitive()
            && t.getLogicalTypeAnnotation() instanceof IntLogicalTypeAnnotation i
            && !i.isSigned()
            && i.getBitWidth() >= 32) {
          out.put(t.getName(), i.getBitWidth());
        }
      }
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e); // not Parquet: a corrupt_file, as the reader says
    }
    return out;
  }

  private static Object unsigned(Object v, Integer bits) {
    if (bits == null || v == null) return v;
    return bits == 32
        ? (Object) Integer.toUnsignedLong((Integer) v)
        : Long.toUnsignedString((Long) v);
  }

  /** The row's carried columns as Avro bytes with their type; the types worked out once per file schema. */
  private static InputValues carried(
      GenericRecord r,
      Records out,
      Map<Schema, Map<String, Map.Entry<Schema, String>>> types,
      Map<String, Integer> unsigned) {
    InputSettings s = out.settings();
    if (!s.carriesAny()) return InputValues.NONE;
    Map<String, Map.Entry<Schema, String>> columns =
        types.computeIfAbsent(
            r.getSchema(),
            schema -> {
              Map<String, Map.Entry<Schema, String>> m = new LinkedHashMap<>();
              for (Schema.Field f : schema.getFields()) {
                if (f.name().equals(s.idField()) || f.name().equals(s.textField())) continue;
                Integer bits = unsigned.get(f.name());
                Schema nonNull =
                    bits == null
                        ? ValueConverter.nonNull(f.schema())
                        : Schema.create(bits == 32 ? Schema.Type.LONG : Schema.Type.STRING);
                String type = ValueConverter.typeOf(nonNull);
                out.schema(type, nonNull.toString());
                m.put(f.name(), Map.entry(nonNull, type));
              }
              return m;
            });
    Map<String, Map.Entry<String, byte[]>> values = new HashMap<>();
    for (Map.Entry<String, Map.Entry<Schema, String>> c : columns.entrySet()) {
      Object v = unsigned(r.get(c.getKey()), unsigned.get(c.getKey()));
      if (v == null) continue;
      String type = c.getValue().getValue();
      if (s.carries(c.getKey())) {
        values.put(c.getKey(), Map.entry(type, ValueConverter.avroBytes(c.getValue().getKey(), v)));
      } else {
        out.seen(c.getKey(), type);
      }
    }
    return InputValues.of(values);
  }
}
