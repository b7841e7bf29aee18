package dev.sluice.pipelines.io;

import com.github.luben.zstd.ZstdInputStream;
import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.InputValues;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where an {@link InputFormat} hands the records of one file: the bad-input handling every format shares. Text is
 * validated into a document or a dead letter ({@link RecordParser}: NUL bytes, unpaired surrogates, empty or
 * over-size text, stable ids), raw bytes are decoded strictly as UTF-8, and a record the format itself cannot
 * use becomes a dead letter with the file, its location and its raw bytes. It counts the records, so a file with
 * none is reported once, and keeps where reading stands, so a file that fails part-way is reported with it.
 */
public final class Records {
  /** Where reading stands, for the dead letter of a file that fails part-way. */
  public record Position(String description, String location, long pos, byte[] pending) {}

  private final String file;
  private final InputSettings settings;
  private final RecordParser parser;
  private final Consumer<Doc> docs;
  private final Consumer<DeadLetter> dead;
  private final FieldTypes observed;
  private final Consumer<String> skipped;
  private long count;
  private long skippedCount;
  private boolean fileRejected;
  private Supplier<Position> position =
      () -> new Position("the start of the file", "file", 0, null);

  Records(
      String file,
      InputSettings settings,
      RecordParser parser,
      Consumer<Doc> docs,
      Consumer<DeadLetter> dead,
      FieldTypes observed,
      Consumer<String> skipped) {
    this.skipped = skipped;
    this.file = file;
    this.observed = observed;
    this.settings = settings;
    this.parser = parser;
    this.docs = docs;
    this.dead = dead;
  }

  public String file() {
    return file;
  }

  public InputSettings settings() {
    return settings;
  }

  /**
   * The file's bytes, decompressed when its name ends in .gz, .zst or .zstd, or when its first bytes are a gzip or
   * zstd signature whatever its name. A .gz file may hold several members (all are read); anything after the last
   * one that is not a gzip member is an error ({@link GzipMembers}). A file that starts with the signature of
   * another compressor or archive (bzip2, xz, lz4, zip, 7z) is {@link UnsupportedCompression}: read as text, it
   * would be a dead letter per line of garbage.
   */
  public InputStream open() throws IOException {
    BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(Path.of(file)), 1 << 16);
    String lower = file.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".gz")) return new GzipMembers(raw);
    if (lower.endsWith(".zst") || lower.endsWith(".zstd")) return new ZstdInputStream(raw);
    raw.mark(8);
    byte[] head = raw.readNBytes(6);
    raw.reset();
    if (starts(head, 0x1F, 0x8B)) return new GzipMembers(raw);
    if (starts(head, 0x28, 0xB5, 0x2F, 0xFD)) return new ZstdInputStream(raw);
    String other =
        starts(head, 'B', 'Z', 'h')
                && head.length == 6
                && head[3] >= '1'
                && head[3] <= '9'
                && (head[4] == 0x31 || head[4] == 0x17) // a block's magic, or the stream's end
            ? "bzip2"
            : starts(head, 0xFD, '7', 'z', 'X', 'Z', 0)
                ? "xz"
                : starts(head, 0x04, 0x22, 0x4D, 0x18)
                    ? "lz4"
                    : starts(head, 'P', 'K', 3, 4)
                        ? "zip"
                        : starts(head, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C) ? "7z" : null;
    if (other != null) {
      raw.close();
      throw new UnsupportedCompression(
          "the file is "
              + other
              + "-compressed (by its first bytes); Sluice reads plain, gzip and zstd files:"
              + " decompress it, or recompress it as .gz or .zst");
    }
    return raw;
  }

  private static boolean starts(byte[] head, int... magic) {
    if (head.length < magic.length) return false;
    for (int i = 0; i < magic.length; i++) if ((head[i] & 0xFF) != magic[i]) return false;
    return true;
  }

  /** A file compressed by a tool Sluice does not read: dead letter {@code read.unsupported_compression}. */
  public static final class UnsupportedCompression extends IOException {
    private static final long serialVersionUID = 1L;

    UnsupportedCompression(String message) {
      super(message);
    }
  }

  /** Tells where reading stands whenever a failure needs it (called only then, so it costs nothing per record). */
  public void trackPosition(Supplier<Position> where) {
    this.position = where;
  }

  Position position() {
    return position.get();
  }

  /** A record's text: a document, or a dead letter when the text cannot be one. */
  public void text(long pos, String unit, String id, String text, byte[] raw) {
    count++;
    parser.document(file, pos, unit, id, text, raw, docs, dead);
  }

  /**
   * A record's text and the input fields it carries: a document (its fields counted in the run's field types),
   * or a dead letter when the text cannot be one.
   */
  public void text(long pos, String unit, String id, String text, byte[] raw, InputValues values) {
    if (values.size() == 0) {
      text(pos, unit, id, text, raw);
      return;
    }
    count++;
    parser.document(
        file,
        pos,
        unit,
        id,
        text,
        raw,
        d -> {
          for (int i = 0; i < values.size(); i++) observed.observe(values.name(i), values.type(i));
          docs.accept(d.withInput(values));
        },
        dead);
  }

  /** Counts a field's value the record does not carry (input.fields lists others): for the did-you-mean hint. */
  public void seen(String field, String type) {
    observed.observe(field, type);
  }

  /** Registers the Avro schema behind an {@code avro:} type of a carried value. */
  public void schema(String type, String avroJson) {
    observed.schema(type, avroJson);
  }

  /** A record's raw bytes, decoded strictly as UTF-8 (else an {@code invalid_utf8} dead letter), then as text. */
  public void bytes(long pos, String unit, String id, byte[] raw) {
    String text = parser.decode(raw);
    if (text == null) {
      reject("invalid_utf8", "the " + unit + " is not valid UTF-8", unit + " " + pos, pos, raw);
      return;
    }
    text(pos, unit, id, text, raw);
  }

  /** Decodes strictly; null when the bytes are not valid UTF-8 (for formats that parse the text further). */
  public String decode(byte[] raw) {
    return parser.decode(raw);
  }

  /** A record the format could not use: a dead letter of the parse stage. */
  public void reject(String reason, String detail, String location, long pos, byte[] raw) {
    count++;
    dead.accept(DeadLetter.of(RecordParser.STAGE, reason, detail, file, location, pos, raw));
  }

  /**
   * A record the format reads and leaves out by rule (a WARC request, an image, a 404): counted under
   * {@code reason} in the manifest's section of the format, neither a document nor a dead letter.
   */
  public void skip(String reason) {
    skippedCount++;
    skipped.accept(reason);
  }

  /**
   * A damaged stretch of the file (a truncated or corrupt record) that the format stepped over to read on: a dead
   * letter of the read stage with the file and the byte offset where the damage starts.
   */
  public void damaged(String reason, String detail, long offset, byte[] raw) {
    count++;
    dead.accept(
        DeadLetter.of(FileReader.STAGE, reason, detail, file, "byte " + offset, offset, raw));
  }

  /** A file the format cannot use at all (a missing column, say): one dead letter of the read stage. */
  public void rejectFile(String reason, String detail) {
    fileRejected = true;
    dead.accept(DeadLetter.of(FileReader.STAGE, reason, detail, file, "file", 0, (byte[]) null));
  }

  long count() {
    return count;
  }

  /** Records left out by rule: a file of only those (a WARC of images, say) is not an empty file. */
  long skippedCount() {
    return skippedCount;
  }

  boolean fileRejected() {
    return fileRejected;
  }
}
