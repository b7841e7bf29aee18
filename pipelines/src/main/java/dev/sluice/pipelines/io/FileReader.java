package dev.sluice.pipelines.io;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads one input file into documents and dead letters with the recipe's {@link InputFormat}. What every format
 * shares is here and in {@link Records}: a missing, unreadable or empty file is one dead letter; a file that fails
 * part-way (a truncated .gz, a corrupt Parquet page) keeps every record read before the failure and dead-letters
 * the rest with the file and the position; a file without a single record is reported.
 */
public final class FileReader {
  public static final String STAGE = "read";
  private final InputSettings settings;
  private final InputFormat format;
  private final RecordParser parser;
  private FieldTypes observed = new FieldTypes();

  public FileReader(InputSettings settings) {
    this.settings = settings;
    this.format = InputFormats.named(settings.format());
    this.parser = new RecordParser(settings);
  }

  /**
   * Why a listed file could not be opened, for its dead letter: a symbolic link to a missing target, or a name that
   * the JVM's file-name encoding cannot carry (its undecodable bytes became U+FFFD when the folder was listed, so
   * the name no longer reaches the file) are said so.
   */
  public static String unreadable(String file, Exception e) {
    String why = "cannot read the file: " + e;
    if (file.indexOf('\uFFFD') >= 0) {
      return why
          + " (its name is not valid in the JVM's file-name encoding, "
          + System.getProperty("sun.jnu.encoding")
          + ": rename it, or run under a locale whose encoding covers it)";
    }
    try {
      Path p = Path.of(file);
      if (Files.isSymbolicLink(p) && !Files.exists(p)) {
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Path at = p;
            Files.isSymbolicLink(at);
            at = at.resolveSibling(Files.readSymbolicLink(at))) {
          if (!seen.add(at.toAbsolutePath().normalize())) {
            return "the file is a symbolic link in a loop (following it leads back to " + at + ")";
          }
        }
        return "the file is a symbolic link to a missing target, " + Files.readSymbolicLink(p);
      }
    } catch (IOException | RuntimeException ignored) {
      // the plain reason stands
    }
    return why;
  }

  /**
   * False, after one dead letter of the read stage, when the file is missing, unreadable or empty; the checks
   * every input file passes before its format reads it.
   */
  public static boolean usable(String file, Consumer<DeadLetter> dead) {
    Path path;
    long size;
    try {
      path = Path.of(file);
      size = Files.size(path);
    } catch (IOException | java.nio.file.InvalidPathException e) {
      dead.accept(
          DeadLetter.of(
              STAGE, "unreadable_file", unreadable(file, e), file, "file", 0, (byte[]) null));
      return false;
    }
    if (size == 0) {
      dead.accept(
          DeadLetter.of(STAGE, "empty_file", "the file is empty", file, "file", 0, (byte[]) null));
      return false;
    }
    if (!Files.isReadable(path)) {
      dead.accept(
          DeadLetter.of(
              STAGE,
              "unreadable_file",
              "the file is not readable (permissions)",
              file,
              "file",
              0,
              (byte[]) null));
      return false;
    }
    return true;
  }

  /**
   * Reads {@code file} with a format that never skips a record by rule.
   *
   * @throws IllegalArgumentException for {@code warc}, which skips records by rule (requests, non-HTML, ...) that
   *     someone must count: use {@link #read(String, Consumer, Consumer, Consumer)}
   */
  public void read(String file, Consumer<Doc> docs, Consumer<DeadLetter> dead) {
    if (format.name().equals(WarcFormat.NAME))
      throw new IllegalArgumentException(
          "format warc skips records by rule (requests, non-HTML, ...) and cannot be read where"
              + " skips are not counted (an evaluation set, say): "
              + file);
    read(
        file,
        docs,
        dead,
        reason -> {
          throw new IllegalStateException(
              "format "
                  + format.name()
                  + " skipped a record ("
                  + reason
                  + ") with no one counting");
        });
  }

  /**
   * Reads {@code file}; {@code skipped} gets the reason of each record the format leaves out by rule (only the
   * warc format does), for the manifest.
   */
  public void read(
      String file, Consumer<Doc> docs, Consumer<DeadLetter> dead, Consumer<String> skipped) {
    if (!usable(file, dead)) return;
    Records records = new Records(file, settings, parser, docs, dead, observed, skipped);
    try {
      format.read(file, records);
    } catch (IOException e) {
      Records.Position at = records.position();
      dead.accept(
          DeadLetter.of(
              STAGE,
              format.failureReason(e),
              String.format(
                  Locale.ROOT,
                  "reading stopped at %s: %s; the %d records before it were kept",
                  at.description(),
                  e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName(),
                  records.count()),
              file,
              at.location(),
              at.pos(),
              at.pending()));
      return;
    }
    if (records.count() == 0 && records.skippedCount() == 0 && !records.fileRejected()) {
      dead.accept(
          DeadLetter.of(STAGE, "empty_file", format.emptyDetail(), file, "file", 0, (byte[]) null));
    }
  }

  /** The types of the input fields of every document read since the last call (then starts afresh). */
  public FieldTypes takeObserved() {
    FieldTypes out = observed;
    observed = new FieldTypes();
    return out;
  }

  static boolean isBlank(byte[] b) {
    for (byte x : b) if (x != ' ' && x != '\t' && x != '\r') return false;
    return true;
  }
}
