package dev.sluice.pipelines.io;

import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.ImageDoc;
import dev.sluice.pipelines.model.RemovedDoc;
import dev.sluice.schemas.Schemas;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
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

  public static ShardSink<Doc> documents(String compression) {
    return new AvroSink<>(compression, "Document", ParquetSinks::document);
  }

  public static ShardSink<RemovedDoc> removed(String compression) {
    return new AvroSink<>(compression, "Removed", ParquetSinks::removed);
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
    return new AvroSink<>(compression, "Image", ParquetSinks::image);
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

  private static PlainParquetConfiguration conf() {
    PlainParquetConfiguration c = new PlainParquetConfiguration();
    c.set("parquet.avro.write-old-list-structure", "false");
    return c;
  }

  private static final class AvroSink<T> implements ShardSink<T> {
    private static final long serialVersionUID = 1L;
    private final String compression;
    private final String schemaName;
    private final SerializableFn<T> toRecord;

    AvroSink(String compression, String schemaName, SerializableFn<T> toRecord) {
      this.compression = compression;
      this.schemaName = schemaName;
      this.toRecord = toRecord;
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
          AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
              .withSchema(schema)
              .withConf(CONF)
              .withCompressionCodec(
                  CompressionCodecName.valueOf(compression.toUpperCase(Locale.ROOT)))
              .withDictionaryEncoding(true)
              // free text is almost never repeated: trying a dictionary first only costs time
              .withDictionaryEncoding("text", false)
              .withDictionaryEncoding("excerpt", false)
              .withDictionaryEncoding("image", false)
              .build()) {
        while (rows.hasNext()) w.write(toRecord.apply(rows.next(), schema, cols));
      }
    }
  }

  interface SerializableFn<T> extends java.io.Serializable {
    GenericRecord apply(T row, Schema schema, InputColumns columns);
  }
}
