package dev.sluice.trainer.data;

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
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * One Parquet shard read a row group at a time with only the columns training needs (id, text, and the optional
 * weight and difficulty columns). Every failure names the file.
 */
public final class ShardFile implements AutoCloseable {
  /**
   * One row: the id, the text as raw UTF-8 bytes (not decoded), weight (1 when absent) and difficulty (NaN), and
   * the id the validation split hashes: the original's for an augmented copy (Sluice's {@code augmented_from}
   * column), so a copy always lands on its original's side of the split.
   */
  public record Row(String id, byte[] text, float weight, double difficulty, String splitId) {
    public Row(String id, byte[] text, float weight, double difficulty) {
      this(id, text, weight, difficulty, id);
    }
  }

  /** Sluice's column naming the original of an augmented copy; read when a shard has it. */
  public static final String AUGMENTED_FROM = "augmented_from";

  private final Path path;
  private final ParquetFileReader reader;
  private final MessageType file;
  private final MessageType projection;
  private final int idCol;
  private final int textCol;
  private final int weightCol;
  private final int difficultyCol;
  private final int augmentedFromCol;

  private ShardFile(Path path, ParquetFileReader reader, Columns columns) {
    this.path = path;
    this.reader = reader;
    this.file = reader.getFooter().getFileMetaData().getSchema();
    List<Type> fields = new ArrayList<>();
    fields.add(field(columns.id(), true));
    fields.add(field(columns.text(), true));
    int w = -1;
    int d = -1;
    if (columns.weight() != null) {
      w = fields.size();
      fields.add(field(columns.weight(), false));
    }
    if (columns.difficulty() != null) {
      if (columns.difficulty().equals(columns.weight())) {
        d = w; // one column serving both roles is read once
      } else {
        d = fields.size();
        fields.add(field(columns.difficulty(), false));
      }
    }
    int a = -1;
    if (file.containsField(AUGMENTED_FROM)
        && file.getType(AUGMENTED_FROM).isPrimitive()
        && !file.getType(AUGMENTED_FROM).isRepetition(Type.Repetition.REPEATED)) {
      a = fields.size();
      fields.add(file.getType(AUGMENTED_FROM));
    }
    this.augmentedFromCol = a;
    this.projection = new MessageType(file.getName(), fields);
    reader.setRequestedSchema(projection);
    this.idCol = 0;
    this.textCol = 1;
    this.weightCol = w;
    this.difficultyCol = d;
  }

  /** Column names to read; weight and difficulty may be null. */
  public record Columns(String id, String text, String weight, String difficulty) {}

  public static ShardFile open(Path path, Columns columns) {
    ParquetFileReader r;
    try {
      r = new ParquetFileReader(new LocalInputFile(path), ParquetReadOptions.builder().build());
    } catch (IOException | RuntimeException e) {
      throw new DataException(path + ": not a readable Parquet shard (" + e.getMessage() + ")", e);
    }
    try {
      return new ShardFile(path, r, columns);
    } catch (RuntimeException e) {
      try {
        r.close();
      } catch (IOException ignored) {
        // the DataException below is the error that matters
      }
      throw e;
    }
  }

  private Type field(String name, boolean binary) {
    if (!file.containsField(name)) {
      throw new DataException(
          path
              + ": shard has no column '"
              + name
              + "' (columns: "
              + file.getFields().stream().map(Type::getName).toList()
              + ")");
    }
    Type t = file.getType(name);
    if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
      throw new DataException(path + ": column '" + name + "' is not a plain value column");
    }
    PrimitiveType.PrimitiveTypeName p = t.asPrimitiveType().getPrimitiveTypeName();
    boolean ok =
        binary
            ? p == PrimitiveType.PrimitiveTypeName.BINARY
            : p == PrimitiveType.PrimitiveTypeName.DOUBLE
                || p == PrimitiveType.PrimitiveTypeName.FLOAT
                || p == PrimitiveType.PrimitiveTypeName.INT32
                || p == PrimitiveType.PrimitiveTypeName.INT64;
    if (!ok) {
      throw new DataException(
          path
              + ": column '"
              + name
              + "' is "
              + p
              + ", expected "
              + (binary ? "a string (BINARY)" : "a number (DOUBLE, FLOAT, INT32 or INT64)"));
    }
    return t;
  }

  public Path path() {
    return path;
  }

  /**
   * Whether {@code column} holds at least one non-null value in this shard, from the footer's null counts (a
   * column chunk without statistics counts as holding values).
   */
  public boolean hasValues(String column) {
    for (var group : reader.getRowGroups()) {
      for (var chunk : group.getColumns()) {
        if (!chunk.getPath().toDotString().equals(column)) continue;
        var stats = chunk.getStatistics();
        if (stats == null || stats.isEmpty() || !stats.isNumNullsSet()) return true;
        if (stats.getNumNulls() < chunk.getValueCount()) return true;
      }
    }
    return false;
  }

  public int rowGroups() {
    return reader.getRowGroups().size();
  }

  public long rowsIn(int rowGroup) {
    return reader.getRowGroups().get(rowGroup).getRowCount();
  }

  /** Reads one row group; its rows are then pulled one by one. */
  public RowGroup rowGroup(int index) {
    try {
      PageReadStore pages = reader.readRowGroup(index);
      if (pages == null) throw new DataException(path + ": row group " + index + " is missing");
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(projection, file);
      return new RowGroup(
          index,
          pages.getRowCount(),
          io.getRecordReader(pages, new GroupRecordConverter(projection)));
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataException d) throw d;
      throw new DataException(
          path + ": corrupt row group " + index + " (" + e.getMessage() + ")", e);
    }
  }

  /** The rows of one row group, in file order. */
  public final class RowGroup {
    private final int index;
    private final long rows;
    private final RecordReader<Group> records;
    private long next;

    private RowGroup(int index, long rows, RecordReader<Group> records) {
      this.index = index;
      this.rows = rows;
      this.records = records;
    }

    public boolean hasNext() {
      return next < rows;
    }

    /** Index of the row {@link #next()} returns. */
    public long position() {
      return next;
    }

    public Row next() {
      Group g;
      try {
        g = records.read();
      } catch (RuntimeException e) {
        throw new DataException(
            path
                + ": corrupt data in row group "
                + index
                + " near row "
                + next
                + " ("
                + e.getMessage()
                + ")",
            e);
      }
      next++;
      if (g.getFieldRepetitionCount(idCol) == 0 || g.getFieldRepetitionCount(textCol) == 0) {
        throw new DataException(
            path + ": row " + (next - 1) + " of row group " + index + " has a null id or text");
      }
      String id = g.getString(idCol, 0);
      byte[] text = g.getBinary(textCol, 0).getBytes();
      float weight =
          weightCol < 0 || g.getFieldRepetitionCount(weightCol) == 0
              ? 1f
              : (float) number(g, weightCol);
      double difficulty =
          difficultyCol < 0 || g.getFieldRepetitionCount(difficultyCol) == 0
              ? Double.NaN
              : number(g, difficultyCol);
      if (!(weight >= 0) || Float.isInfinite(weight)) {
        throw new DataException(
            path
                + ": row "
                + (next - 1)
                + " (id "
                + id
                + ") has weight "
                + weight
                + "; weights must be finite and >= 0");
      }
      String splitId =
          augmentedFromCol < 0 || g.getFieldRepetitionCount(augmentedFromCol) == 0
              ? id
              : g.getString(augmentedFromCol, 0);
      return new Row(id, text, weight, difficulty, splitId);
    }

    /** Skips rows without decoding more than needed. */
    public void skip(long n) {
      for (long i = 0; i < n; i++) {
        if (!hasNext())
          throw new DataException(
              path + ": row group " + index + " has fewer rows than the cursor expects");
        records.read();
        next++;
      }
    }
  }

  private double number(Group g, int col) {
    return switch (projection.getType(col).asPrimitiveType().getPrimitiveTypeName()) {
      case DOUBLE -> g.getDouble(col, 0);
      case FLOAT -> g.getFloat(col, 0);
      case INT32 -> g.getInteger(col, 0);
      case INT64 -> g.getLong(col, 0);
      default -> throw new IllegalStateException();
    };
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new DataException(path + ": close failed: " + e.getMessage(), e);
    }
  }
}
