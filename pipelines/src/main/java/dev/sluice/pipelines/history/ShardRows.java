package dev.sluice.pipelines.history;

import dev.sluice.schemas.Manifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/** Streams (id, text) of a published run's shards, one row at a time (the history index is fed from it). */
public final class ShardRows {
  private ShardRows() {}

  public static Iterable<String[]> idAndText(Path runDir, List<Manifest.FileEntry> shards) {
    return () ->
        new Iterator<>() {
          private int next;
          private ParquetReader<GenericRecord> reader;
          private GenericRecord row = advance();

          private GenericRecord advance() {
            try {
              while (true) {
                if (reader != null) {
                  GenericRecord r = reader.read();
                  if (r != null) return r;
                  reader.close();
                  reader = null;
                }
                if (next >= shards.size()) return null;
                reader =
                    AvroParquetReader.<GenericRecord>builder(
                            new LocalInputFile(runDir.resolve(shards.get(next++).path())),
                            new PlainParquetConfiguration())
                        .build();
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }

          @Override
          public boolean hasNext() {
            return row != null;
          }

          @Override
          public String[] next() {
            if (row == null) throw new NoSuchElementException();
            String[] out = {row.get("id").toString(), row.get("text").toString()};
            row = advance();
            return out;
          }
        };
  }
}
