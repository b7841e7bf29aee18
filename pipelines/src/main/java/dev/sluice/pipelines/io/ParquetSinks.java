package dev.sluice.pipelines.io;

import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.ImageDoc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.schemas.Schemas;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/** Parquet shards of kept documents and of removal rows, with the Avro schemas from schemas/. */
public final class ParquetSinks {
  private ParquetSinks() {}

  /**
   * Columns written without a dictionary: free text and image bytes, almost never repeated, and the id, never
   * repeated. Parquet tries a dictionary on each column's first page and falls back to plain values when it does not
   * pay, so on a column of distinct values the attempt only costs time (hashing and holding every value of the page),
   * and the pages come out plain either way. On 28x28 image shards the id, source and cluster id cost ~0.6 us a
   * row together that way ({@code bin/sluice-bench shard-write}, BENCHMARKS.md).
   */
  private static final List<String> PLAIN = List.of("text", "excerpt", "image");

  private static final List<String> ID = List.of("id");

  public static ShardSink<Doc> documents(String compression) {
    return new AvroSink<>(compression, "Document", ParquetSinks::document, plain(ID));
  }

  public static ShardSink<RemovedDoc> removed(String compression) {
    return new AvroSink<>(compression, "Removed", ParquetSinks::removed, plain(ID));
  }

  private static List<String> plain(List<String> distinctColumns) {
    List<String> plain = new ArrayList<>(PLAIN);
    plain.addAll(distinctColumns);
    return List.copyOf(plain);
  }

  static GenericRecord document(Doc d) {
    return document(d, ShardSchema.DOCUMENT, InputColumns.NONE);
  }

  static GenericRecord document(Doc d, Schema schema, InputColumns columns) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("id", d.id());
    r.put("text", d.text());
    r.put("source", d.source());
    r.put("location", d.location());
    r.put("lang", d.lang());
    r.put("lang_score", Double.isNaN(d.langScore()) ? null : d.langScore());
    r.put("quality_score", d.quality());
    r.put("signals", ShardSchema.signals(d.signals()));
    r.put("chars", d.text().length());
    r.put("exact_key", d.exactKey());
    r.put("exact_dups", d.exactDups());
    r.put("cluster_id", d.clusterId() == null ? d.id() : d.clusterId());
    r.put("cluster_size", d.clusterSize());
    r.put("augmented_from", d.augmentedFrom());
    r.put("augment_ops", d.augmentOps());
    r.put("difficulty", Double.isNaN(d.difficulty()) ? null : d.difficulty());
    r.put("difficulty_components", ShardSchema.difficultyComponents(d.difficultyParts()));
    r.put("quality_model_score", nullIfNaN(d.qualityModelScore()));
    r.put("perplexity", nullIfNaN(d.perplexity()));
    r.put("perplexity_bucket", d.perplexityBucket());
    columns.put(r, d.input());
    return r;
  }

  private static Double nullIfNaN(double v) {
    return Double.isNaN(v) ? null : v;
  }

  public static ShardSink<ImageDoc> images(String compression) {
    return images(compression, ID);
  }

  /**
   * Image shards where the recipe makes {@code distinctColumns} differ from row to row (the id always; the source of
   * an image_folder file, for one), written without a dictionary as {@link #PLAIN} is.
   */
  public static ShardSink<ImageDoc> images(String compression, List<String> distinctColumns) {
    return new ImageSink(compression, plain(distinctColumns));
  }

  /**
   * The same shards through parquet-avro's writer: the reference {@link ImageWriteSupport} is held to (and the
   * control of {@code bin/sluice-bench shard-write}).
   */
  public static ShardSink<ImageDoc> imagesViaAvro(
      String compression, List<String> distinctColumns) {
    return new AvroSink<>(compression, "Image", ParquetSinks::image, plain(distinctColumns));
  }

  private static final Schema IMAGE_SIGNALS = Schemas.IMAGE.getField("signals").schema();

  /** An image row; images carry no input fields yet, so the columns are always {@link InputColumns#NONE}. */
  static GenericRecord image(ImageDoc d, Schema schema, InputColumns columns) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("id", d.id());
    r.put("image", java.nio.ByteBuffer.wrap(d.bytes()));
    r.put("format", d.format());
    r.put("width", d.width());
    r.put("height", d.height());
    r.put("channels", d.channels());
    r.put("label", d.label());
    r.put("source", d.source());
    r.put("location", d.location());
    r.put("source_format", d.sourceFormat());
    r.put("file_bytes", d.fileBytes());
    GenericRecord s = new GenericData.Record(IMAGE_SIGNALS);
    for (Schema.Field f : IMAGE_SIGNALS.getFields()) {
      Double v = d.signals().get(f.name());
      if (v == null && f.schema().getType() != Schema.Type.UNION) {
        throw new IllegalStateException("image " + d.id() + " has no signal " + f.name());
      }
      s.put(f.name(), v);
    }
    r.put("signals", s);
    r.put("pixel_sha256", d.pixelSha256());
    r.put("phash", d.phash());
    r.put("dhash", d.dhash());
    r.put("exact_dups", d.exactDups());
    r.put("cluster_id", d.clusterId());
    r.put("cluster_size", d.clusterSize());
    r.put("augmented_from", d.augmentedFrom());
    r.put("augment_ops", d.augmentOps());
    return r;
  }

  static GenericRecord removed(RemovedDoc x, Schema schema, InputColumns columns) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("id", x.id());
    r.put("stage", x.stage());
    r.put("reason", x.reason());
    r.put("duplicate_of", x.duplicateOf());
    r.put("score", Double.isNaN(x.score()) || Double.isInfinite(x.score()) ? null : x.score());
    r.put("source", x.source());
    r.put("location", x.location());
    r.put("chars", x.chars());
    r.put("excerpt", x.excerpt());
    r.put("lang", x.lang());
    r.put("lang_score", Double.isNaN(x.langScore()) ? null : x.langScore());
    r.put("matched", x.matched());
    columns.put(r, x.input());
    return r;
  }

  /** Lists as the standard three-level LIST (pyarrow, DuckDB, Polars and datasets read it natively). */
  private static final PlainParquetConfiguration CONF = conf();

  static PlainParquetConfiguration conf() {
    PlainParquetConfiguration c = new PlainParquetConfiguration();
    c.set("parquet.avro.write-old-list-structure", "false");
    return c;
  }

  private static final class AvroSink<T> implements ShardSink<T> {
    private static final long serialVersionUID = 1L;
    private final String compression;
    private final String schemaName;
    private final SerializableFn<T> toRecord;
    private final List<String> plain;

    AvroSink(
        String compression, String schemaName, SerializableFn<T> toRecord, List<String> plain) {
      this.compression = compression;
      this.schemaName = schemaName;
      this.toRecord = toRecord;
      this.plain = plain;
    }

    @Override
    public String extension() {
      return ".parquet";
    }

    private Schema schema() {
      return switch (schemaName) {
        case "Document" -> ShardSchema.DOCUMENT;
        case "Image" -> Schemas.IMAGE;
        default -> Schemas.REMOVED;
      };
    }

    @Override
    public void write(Iterator<T> rows, Path file) throws IOException {
      write(rows, file, InputColumns.NONE);
    }

    @Override
    public void write(Iterator<T> rows, Path file, InputColumns columns) throws IOException {
      InputColumns cols = columns == null ? InputColumns.NONE : columns;
      Schema schema = cols.extend(schema());
      try (ParquetWriter<GenericRecord> w =
          configured(
                  AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                      .withSchema(schema),
                  compression,
                  plain)
              .build()) {
        while (rows.hasNext()) w.write(toRecord.apply(rows.next(), schema, cols));
      }
    }
  }

  /** The settings every shard writer shares: compression, and dictionaries on all columns but {@code plain}. */
  private static <B extends ParquetWriter.Builder<?, B>> B configured(
      B builder, String compression, List<String> plain) {
    builder
        .withConf(CONF)
        .withCompressionCodec(CompressionCodecName.valueOf(compression.toUpperCase(Locale.ROOT)))
        .withDictionaryEncoding(true);
    for (String column : plain) builder.withDictionaryEncoding(column, false);
    return builder;
  }

  /** Image shards written by {@link ImageWriteSupport}. Images carry no input fields (yet). */
  private static final class ImageSink implements ShardSink<ImageDoc> {
    private static final long serialVersionUID = 1L;
    private final String compression;
    private final List<String> plain;

    ImageSink(String compression, List<String> plain) {
      this.compression = compression;
      this.plain = plain;
    }

    @Override
    public String extension() {
      return ".parquet";
    }

    @Override
    public void write(Iterator<ImageDoc> rows, Path file) throws IOException {
      try (ParquetWriter<ImageDoc> w =
          configured(new ImageWriteSupport.Builder(new LocalOutputFile(file)), compression, plain)
              .build()) {
        while (rows.hasNext()) w.write(rows.next());
      }
    }

    @Override
    public void write(Iterator<ImageDoc> rows, Path file, InputColumns columns) throws IOException {
      if (columns != null && !columns.isEmpty())
        throw new UnsupportedOperationException("image shards carry no input fields");
      write(rows, file);
    }
  }

  interface SerializableFn<T> extends java.io.Serializable {
    GenericRecord apply(T row, Schema schema, InputColumns columns);
  }
}
