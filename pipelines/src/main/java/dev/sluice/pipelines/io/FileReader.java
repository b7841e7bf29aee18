package dev.sluice.pipelines.io;

import com.github.luben.zstd.ZstdInputStream;
import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.recipe.InputSettings;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Reads one input file into documents and dead letters. A file that fails part-way (a truncated .gz, a corrupt
 * Parquet page) keeps every record read before the failure and dead-letters the rest with the file and offset.
 */
public final class FileReader {
  public static final String STAGE = "read";
  private final InputSettings settings;
  private final RecordParser parser;

  public FileReader(InputSettings settings) {
    this.settings = settings;
    this.parser = new RecordParser(settings);
  }

  public void read(String file, Consumer<Doc> docs, Consumer<DeadLetter> dead) {
    Path path = Path.of(file);
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      dead.accept(DeadLetter.of(STAGE, "unreadable_file", "cannot read the file: " + e, file, "file", 0, (byte[]) null));
      return;
    }
    if (size == 0) {
      dead.accept(DeadLetter.of(STAGE, "empty_file", "the file is empty", file, "file", 0, (byte[]) null));
      return;
    }
    if (!Files.isReadable(path)) {
      dead.accept(DeadLetter.of(STAGE, "unreadable_file", "the file is not readable (permissions)", file, "file", 0,
          (byte[]) null));
      return;
    }
    switch (settings.format()) {
      case "jsonl" -> readJsonl(file, docs, dead);
      case "text" -> readText(file, docs, dead);
      case "parquet" -> readParquet(file, docs, dead);
      default -> throw new IllegalStateException(settings.format());
    }
  }

  static InputStream open(String file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(Path.of(file)), 1 << 16);
    String lower = file.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".gz")) return new GZIPInputStream(raw, 1 << 16);
    if (lower.endsWith(".zst") || lower.endsWith(".zstd")) return new ZstdInputStream(raw);
    return raw;
  }

  private void readJsonl(String file, Consumer<Doc> docs, Consumer<DeadLetter> dead) {
    long line = 0;
    long records = 0;
    LineReader lines = null;
    try (InputStream in = open(file)) {
      lines = new LineReader(in, settings.maxDocBytes());
      byte[] b;
      while ((b = lines.next()) != null) {
        line++;
        if (isBlank(b)) continue;
        records++;
        parser.jsonLine(file, line, b, lines.lastLineLength(), docs, dead);
      }
    } catch (IOException e) {
      long offset = lines == null ? 0 : lines.offset();
      byte[] pending = lines == null ? new byte[0] : lines.pendingBytes();
      String reason = e instanceof java.io.EOFException || String.valueOf(e.getMessage()).contains("end of")
          || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("truncated")
          ? "truncated_file" : "corrupt_file";
      dead.accept(DeadLetter.of(STAGE, reason, String.format(Locale.ROOT,
          "reading stopped at decompressed byte %d after line %d: %s; the %d records before it were kept",
          offset, line, e.getMessage(), records), file, "byte " + offset, line + 1, pending));
      return;
    }
    if (records == 0) {
      dead.accept(DeadLetter.of(STAGE, "empty_file", "the file has no records (only blank lines)", file, "file", 0,
          (byte[]) null));
    }
  }

  private void readText(String file, Consumer<Doc> docs, Consumer<DeadLetter> dead) {
    try (InputStream in = open(file)) {
      if (settings.textMode().equals("file")) {
        byte[] all = readCapped(in, settings.maxDocBytes());
        if (all.length > settings.maxDocBytes()) {
          dead.accept(DeadLetter.of(RecordParser.STAGE, "too_large", "the file is over input.max_doc_bytes ("
              + settings.maxDocBytes() + ")", file, "file", 1, all));
          return;
        }
        if (all.length >= 3 && (all[0] & 0xFF) == 0xEF && (all[1] & 0xFF) == 0xBB && (all[2] & 0xFF) == 0xBF) {
          all = java.util.Arrays.copyOfRange(all, 3, all.length);
        }
        String text = parser.decode(all);
        if (text == null) {
          dead.accept(DeadLetter.of(RecordParser.STAGE, "invalid_utf8", "the file is not valid UTF-8", file, "file", 1,
              all));
          return;
        }
        parser.document(file, 1, "file", null, text, all, docs, dead);
        return;
      }
      LineReader lines = new LineReader(in, settings.maxDocBytes());
      ByteArrayOutputStream block = new ByteArrayOutputStream();
      long blockNo = 0;
      byte[] b;
      while (true) {
        b = lines.next();
        if (b == null || isBlank(b)) {
          if (block.size() > 0) {
            blockNo++;
            emitBlock(file, blockNo, block.toByteArray(), docs, dead);
            block.reset();
          }
          if (b == null) break;
          continue;
        }
        if (block.size() > 0) block.write('\n');
        if (block.size() <= settings.maxDocBytes()) block.write(b);
      }
      if (blockNo == 0) {
        dead.accept(DeadLetter.of(STAGE, "empty_file", "the file has only whitespace", file, "file", 0, (byte[]) null));
      }
    } catch (IOException e) {
      dead.accept(DeadLetter.of(STAGE, "truncated_file", "reading failed: " + e.getMessage(), file, "file", 0,
          (byte[]) null));
    }
  }

  private void emitBlock(String file, long blockNo, byte[] bytes, Consumer<Doc> docs, Consumer<DeadLetter> dead) {
    String text = parser.decode(bytes);
    if (text == null) {
      dead.accept(DeadLetter.of(RecordParser.STAGE, "invalid_utf8", "the block is not valid UTF-8", file,
          "block " + blockNo, blockNo, bytes));
      return;
    }
    parser.document(file, blockNo, "block", null, text, bytes, docs, dead);
  }

  private void readParquet(String file, Consumer<Doc> docs, Consumer<DeadLetter> dead) {
    long row = 0;
    try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
        new LocalInputFile(Path.of(file)), new PlainParquetConfiguration()).build()) {
      GenericRecord r;
      while ((r = reader.read()) != null) {
        row++;
        Schema schema = r.getSchema();
        if (schema.getField(settings.textField()) == null) {
          dead.accept(DeadLetter.of(STAGE, "missing_column", "no column '" + settings.textField() + "'; columns: "
              + schema.getFields().stream().map(Schema.Field::name).toList(), file, "file", 0, (byte[]) null));
          return;
        }
        Object text = r.get(settings.textField());
        Object id = schema.getField(settings.idField()) == null ? null : r.get(settings.idField());
        byte[] raw = String.valueOf(r).getBytes(StandardCharsets.UTF_8);
        if (text == null) {
          dead.accept(DeadLetter.of(RecordParser.STAGE, "missing_text", "'" + settings.textField() + "' is null", file,
              "row " + row, row, raw));
          continue;
        }
        if (!(text instanceof CharSequence)) {
          dead.accept(DeadLetter.of(RecordParser.STAGE, "text_not_string", "'" + settings.textField()
              + "' is not a string column", file, "row " + row, row, raw));
          continue;
        }
        parser.document(file, row, "row", id == null ? null : id.toString(), text.toString(), raw, docs, dead);
      }
    } catch (IOException | RuntimeException e) {
      dead.accept(DeadLetter.of(STAGE, "corrupt_file", String.format(Locale.ROOT,
          "Parquet read failed after %d rows: %s", row, e.getMessage()), file, "row " + (row + 1), row + 1,
          (byte[]) null));
      return;
    }
    if (row == 0) {
      dead.accept(DeadLetter.of(STAGE, "empty_file", "the Parquet file has no rows", file, "file", 0, (byte[]) null));
    }
  }

  private static byte[] readCapped(InputStream in, int max) throws IOException {
    return in.readNBytes(max + 1);
  }

  static boolean isBlank(byte[] b) {
    for (byte x : b) if (x != ' ' && x != '\t' && x != '\r') return false;
    return true;
  }
}
