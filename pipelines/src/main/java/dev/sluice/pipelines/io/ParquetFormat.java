package dev.sluice.pipelines.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/** Parquet ({@code input.format: parquet}): one record per row, the text and id in named columns. */
final class ParquetFormat implements InputFormat {
  private static final long serialVersionUID = 1L;

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
    out.trackPosition(
        () -> new Records.Position("row " + (row[0] + 1), "row " + (row[0] + 1), row[0] + 1, null));
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(
                new LocalInputFile(Path.of(file)), new PlainParquetConfiguration())
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
        Object id = schema.getField(idField) == null ? null : r.get(idField);
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
          out.text(row[0], "row", id == null ? null : id.toString(), text.toString(), raw);
        }
      }
    } catch (RuntimeException e) {
      throw new IOException(
          e.getMessage(), e); // a corrupt page or footer: Parquet's decoders throw unchecked
    }
  }
}
