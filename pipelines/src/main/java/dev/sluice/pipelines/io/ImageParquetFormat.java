package dev.sluice.pipelines.io;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.ImageDoc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Parquet with an image column: binary, or a struct with a {@code bytes} field (Hugging Face datasets' Image
 * feature). The label column (any type, as text) and the id column are optional; without an id the record's id is
 * PATH#ROW (rows from 1; PATH relative to the input path's folder, {@link ImageInput#relativeName}). A row whose image is null or not bytes is a dead letter; a file without the image
 * column is one dead letter naming the columns it has.
 */
final class ImageParquetFormat {
  private ImageParquetFormat() {}

  static void read(
      String file,
      ImageInput input,
      ImageReader.Position at,
      Consumer<ImageDoc> images,
      Consumer<DeadLetter> dead)
      throws IOException {
    String name = input.relativeName(file);
    long row = 0;
    try (AvroNames lenient = AvroNames.lenient();
        ParquetReader<GenericRecord> reader =
            AvroParquetReader.<GenericRecord>builder(
                    new LocalInputFile(Path.of(file)), new PlainParquetConfiguration())
                .build()) {
      GenericRecord r;
      while ((r = reader.read()) != null) {
        row++;
        at.at("row " + row, row);
        Schema schema = r.getSchema();
        if (schema.getField(input.imageColumn()) == null) {
          dead.accept(
              DeadLetter.of(
                  FileReader.STAGE,
                  "missing_column",
                  "no column '"
                      + input.imageColumn()
                      + "'; columns: "
                      + schema.getFields().stream().map(Schema.Field::name).toList(),
                  file,
                  "file",
                  0,
                  (byte[]) null));
          return;
        }
        String wrongType =
            row == 1 ? notBinary(schema.getField(input.imageColumn()).schema()) : null;
        if (wrongType != null) {
          // not one missing_image per row: the column can hold no image at all
          dead.accept(
              DeadLetter.of(
                  FileReader.STAGE,
                  "image_column_type",
                  "'"
                      + input.imageColumn()
                      + "' is a "
                      + wrongType
                      + " column; images are binary, or a struct with a binary 'bytes' field (as"
                      + " Hugging Face datasets writes them)",
                  file,
                  "file",
                  0,
                  (byte[]) null));
          return;
        }
        byte[] bytes = bytes(r.get(input.imageColumn()));
        Object id = schema.getField(input.idColumn()) == null ? null : r.get(input.idColumn());
        String imageId = id == null ? name + "#" + row : text(id);
        if (bytes == null) {
          dead.accept(
              DeadLetter.of(
                  FileReader.STAGE,
                  "missing_image",
                  "'" + input.imageColumn() + "' holds no image bytes in row " + row,
                  file,
                  "row " + row,
                  row,
                  (byte[]) null));
          continue;
        }
        Object label =
            !input.labels() || schema.getField(input.labelColumn()) == null
                ? null
                : r.get(input.labelColumn());
        images.accept(
            ImageDoc.read(
                imageId, label == null ? null : text(label), file, "row " + row, row, bytes));
      }
    } catch (RuntimeException e) {
      throw new IOException(e.getMessage(), e); // Parquet's decoders throw unchecked
    }
  }

  /**
   * An id or label as text: a binary column without a UTF8 annotation (as some writers store strings) is read as
   * UTF-8, or as {@code 0x} and its hex digits when it is not valid UTF-8; any other value by its string form.
   */
  static String text(Object v) {
    byte[] b = v instanceof CharSequence ? null : bytes(v);
    if (b == null) return v.toString();
    String s = utf8(b);
    return s != null ? s : "0x" + java.util.HexFormat.of().formatHex(b);
  }

  /** The bytes as UTF-8 text, or null when they are not valid UTF-8 (no replacement characters). */
  static String utf8(byte[] b) {
    try {
      return java.nio.charset.StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }

  /** Null when the column can hold image bytes ({@link #bytes}); else its type, for the dead letter. */
  static String notBinary(Schema column) {
    Schema s = ValueConverter.nonNull(column);
    if (s.getType() == Schema.Type.UNION) return "union";
    if (s.getType() == Schema.Type.RECORD && s.getField("bytes") != null) {
      return notBinary(s.getField("bytes").schema()) == null
          ? null
          : "struct whose 'bytes' is not binary";
    }
    return s.getType() == Schema.Type.BYTES || s.getType() == Schema.Type.FIXED
        ? null
        : s.getType().getName();
  }

  /** The bytes of a binary value, or of the {@code bytes} field of a struct; null otherwise. */
  static byte[] bytes(Object v) {
    if (v instanceof GenericRecord g && g.getSchema().getField("bytes") != null) v = g.get("bytes");
    if (v instanceof ByteBuffer b) {
      ByteBuffer d = b.duplicate();
      byte[] out = new byte[d.remaining()];
      d.get(out);
      return out;
    }
    if (v instanceof GenericFixed f) return f.bytes().clone();
    if (v instanceof byte[] a) return a.clone();
    return null;
  }
}
