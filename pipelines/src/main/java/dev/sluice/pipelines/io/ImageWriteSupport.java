package dev.sluice.pipelines.io;

import dev.sluice.pipelines.model.ImageDoc;
import dev.sluice.schemas.Schemas;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes an image row straight from an {@link ImageDoc} into Parquet's record consumer: the calls and the footer
 * that parquet-avro's {@code AvroWriteSupport} makes for Image.avsc (the same Parquet schema, the Avro schema under
 * {@code parquet.avro.schema}, {@code writer.model.name: avro}), so the files are byte for byte the same and Avro
 * readers read them as before, without building a {@code GenericRecord} per row and without the Avro writer's
 * schema walk. That walk is a large polymorphic method which C2 compiled four times over in a 400,000-image run
 * (BENCHMARKS.md). {@code ImageWriteSupportTest} holds the two writers' files equal. A row that cannot be written
 * fails with a message naming the image (parquet-avro's named only the column).
 */
final class ImageWriteSupport extends WriteSupport<ImageDoc> {
  private static final Schema AVRO = Schemas.IMAGE;
  private static final List<Schema.Field> SIGNALS = AVRO.getField("signals").schema().getFields();

  /** Image.avsc as parquet-avro converts it, with lists in the standard three levels. */
  private static final MessageType SCHEMA =
      new AvroSchemaConverter(ParquetSinks.conf()).convert(AVRO);

  /** The top-level fields in the order {@link #write} numbers them; Image.avsc must list the same. */
  static final List<String> FIELDS =
      List.of(
          "id",
          "image",
          "format",
          "width",
          "height",
          "channels",
          "label",
          "source",
          "location",
          "source_format",
          "file_bytes",
          "signals",
          "pixel_sha256",
          "phash",
          "dhash",
          "exact_dups",
          "cluster_id",
          "cluster_size",
          "augmented_from",
          "augment_ops");

  static {
    List<String> avsc = AVRO.getFields().stream().map(Schema.Field::name).toList();
    if (!avsc.equals(FIELDS))
      throw new IllegalStateException(
          "Image.avsc's fields changed: " + avsc + "; update ImageWriteSupport");
    // the list layout write() follows: augment_ops { repeated group list { required element } }
    var ops = SCHEMA.getType("augment_ops").asGroupType();
    if (ops.getFieldCount() != 1
        || !ops.getType(0).getName().equals("list")
        || !ops.getType(0).asGroupType().getType(0).getName().equals("element"))
      throw new IllegalStateException("augment_ops is not a three-level list: " + ops);
  }

  private RecordConsumer out;

  /** A Parquet writer of image rows. */
  static final class Builder extends ParquetWriter.Builder<ImageDoc, Builder> {
    Builder(OutputFile file) {
      super(file);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<ImageDoc> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return new ImageWriteSupport();
    }

    @Override
    protected WriteSupport<ImageDoc> getWriteSupport(ParquetConfiguration conf) {
      return new ImageWriteSupport();
    }
  }

  @Override
  public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
    return init(new PlainParquetConfiguration());
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    Map<String, String> meta = new HashMap<>();
    meta.put("parquet.avro.schema", AVRO.toString());
    return new WriteContext(SCHEMA, meta);
  }

  @Override
  public String getName() {
    return "avro";
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    out = recordConsumer;
  }

  @Override
  public void write(ImageDoc d) {
    // the signals first, as parquet-avro's record was built before any of it was written: a missing
    // one fails before the row starts, and the rows before it stay a valid file
    Double[] signals = new Double[SIGNALS.size()];
    for (int i = 0; i < signals.length; i++) {
      Schema.Field f = SIGNALS.get(i);
      signals[i] = d.signals().get(f.name());
      if (signals[i] == null && f.schema().getType() != Schema.Type.UNION)
        throw new IllegalStateException("image " + d.id() + " has no signal " + f.name());
    }
    out.startMessage();
    string(0, "id", d.id(), d);
    field(1, "image");
    out.addBinary(Binary.fromConstantByteArray(d.bytes()));
    end(1, "image");
    string(2, "format", d.format(), d);
    integer(3, "width", d.width());
    integer(4, "height", d.height());
    integer(5, "channels", d.channels());
    if (d.label() != null) string(6, "label", d.label(), d);
    string(7, "source", d.source(), d);
    string(8, "location", d.location(), d);
    string(9, "source_format", d.sourceFormat(), d);
    field(10, "file_bytes");
    out.addLong(d.fileBytes());
    end(10, "file_bytes");
    field(11, "signals");
    out.startGroup();
    for (int i = 0; i < signals.length; i++) {
      if (signals[i] == null) continue; // an optional signal this image has not
      String name = SIGNALS.get(i).name();
      field(i, name);
      out.addDouble(signals[i]);
      end(i, name);
    }
    out.endGroup();
    end(11, "signals");
    string(12, "pixel_sha256", d.pixelSha256(), d);
    field(13, "phash");
    out.addLong(d.phash());
    end(13, "phash");
    field(14, "dhash");
    out.addLong(d.dhash());
    end(14, "dhash");
    integer(15, "exact_dups", d.exactDups());
    string(16, "cluster_id", d.clusterId(), d);
    integer(17, "cluster_size", d.clusterSize());
    if (d.augmentedFrom() != null) string(18, "augmented_from", d.augmentedFrom(), d);
    field(19, "augment_ops");
    out.startGroup(); // the list; its repeated "list" groups each hold one "element"
    List<String> ops = d.augmentOps();
    if (!ops.isEmpty()) {
      field(0, "list");
      for (String op : ops) {
        out.startGroup();
        string(0, "element", op, d);
        out.endGroup();
      }
      end(0, "list");
    }
    out.endGroup();
    end(19, "augment_ops");
    out.endMessage();
  }

  private void field(int index, String name) {
    out.startField(name, index);
  }

  private void end(int index, String name) {
    out.endField(name, index);
  }

  private void string(int index, String name, String value, ImageDoc d) {
    if (value == null)
      throw new IllegalStateException(
          "image " + d.id() + " has no " + name + " (a required column)");
    out.startField(name, index);
    out.addBinary(Binary.fromString(value));
    out.endField(name, index);
  }

  private void integer(int index, String name, int value) {
    out.startField(name, index);
    out.addInteger(value);
    out.endField(name, index);
  }
}
