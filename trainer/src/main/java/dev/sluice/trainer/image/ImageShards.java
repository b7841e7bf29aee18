package dev.sluice.trainer.image;

import dev.sluice.trainer.data.DataException;
import dev.sluice.trainer.data.RunData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads the rows of image shards (Image.avsc) a classifier needs — id, the encoded image, label and, when the
 * shard has it, augmented_from — in manifest order, shard by shard, row group by row group. A missing column or a
 * corrupt row group stops with an error naming the file.
 */
final class ImageShards {
  /** One row; {@code splitId} is the original's id for an augmented copy, else the id. */
  record Row(String id, byte[] image, String label, String splitId, Path file) {}

  interface RowSink {
    void accept(Row row) throws IOException;
  }

  private ImageShards() {}

  static void read(RunData run, RowSink sink) throws IOException {
    for (RunData.Shard s : run.shards()) readShard(s.path(), sink);
  }

  private static void readShard(Path path, RowSink sink) throws IOException {
    ParquetFileReader reader;
    try {
      reader =
          new ParquetFileReader(new LocalInputFile(path), ParquetReadOptions.builder().build());
    } catch (IOException | RuntimeException e) {
      throw new DataException(path + ": not a readable Parquet shard (" + e.getMessage() + ")", e);
    }
    try (reader) {
      MessageType file = reader.getFooter().getFileMetaData().getSchema();
      List<Type> fields = new ArrayList<>();
      fields.add(column(path, file, "id"));
      fields.add(column(path, file, "image"));
      fields.add(column(path, file, "label"));
      boolean hasAug = file.containsField("augmented_from");
      if (hasAug) fields.add(column(path, file, "augmented_from"));
      MessageType projection = new MessageType(file.getName(), fields);
      reader.setRequestedSchema(projection);
      for (int g = 0; ; g++) {
        PageReadStore pages;
        RecordReader<Group> records;
        try {
          pages = reader.readNextRowGroup();
          if (pages == null) break;
          records =
              new ColumnIOFactory()
                  .getColumnIO(projection, file)
                  .getRecordReader(pages, new GroupRecordConverter(projection));
        } catch (IOException | RuntimeException e) {
          throw new DataException(
              path + ": corrupt row group " + g + " (" + e.getMessage() + ")", e);
        }
        for (long r = 0; r < pages.getRowCount(); r++) {
          Group row;
          try {
            row = records.read();
          } catch (RuntimeException e) {
            throw new DataException(
                path + ": corrupt data in row group " + g + " near row " + r + " (" + e + ")", e);
          }
          if (row.getFieldRepetitionCount(0) == 0 || row.getFieldRepetitionCount(1) == 0) {
            throw new DataException(
                path + ": row " + r + " of row group " + g + " has no id or image");
          }
          String id = row.getString(0, 0);
          String label = row.getFieldRepetitionCount(2) == 0 ? null : row.getString(2, 0);
          String original = hasAug && row.getFieldRepetitionCount(3) > 0 ? row.getString(3, 0) : id;
          sink.accept(new Row(id, row.getBinary(1, 0).getBytes(), label, original, path));
        }
      }
    }
  }

  private static Type column(Path path, MessageType file, String name) {
    if (!file.containsField(name)) {
      throw new DataException(
          path
              + ": not an image shard, no column '"
              + name
              + "' (columns: "
              + file.getFields().stream().map(Type::getName).toList()
              + ")");
    }
    Type t = file.getType(name);
    if (!t.isPrimitive()
        || t.isRepetition(Type.Repetition.REPEATED)
        || t.asPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY) {
      throw new DataException(path + ": column '" + name + "' is not a string/bytes column");
    }
    return t;
  }
}
