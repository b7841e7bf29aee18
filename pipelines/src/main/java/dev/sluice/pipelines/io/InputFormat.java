package dev.sluice.pipelines.io;

import java.io.IOException;
import java.io.Serializable;

/**
 * One input format, chosen by the recipe's {@code input.format} through {@link InputFormats}. A format only turns
 * a file's bytes into records: it hands each one to {@link Records} (as text to validate, or as a dead letter with
 * its reason), and everything else about bad input lives in one place for every format: a missing, empty or
 * unreadable file, compressed streams, invalid UTF-8, NUL bytes, over-size or empty records, and a file that fails
 * part-way (the records before the failure are kept, the rest is one dead letter with the file and position)
 * are handled by {@link FileReader} and {@link Records}. Adding {@code warc} or {@code image_folder} is one class
 * implementing this interface and one line in {@link InputFormats}.
 */
public interface InputFormat extends Serializable {
  /** The value of {@code input.format} that selects this format. */
  String name();

  /**
   * Reads one file (it exists, is readable and is not empty) into {@code out}. An IOException or a runtime
   * failure of the file's decoder ends the file: what was handed over is kept, the rest is dead-lettered.
   */
  void read(String file, Records out) throws IOException;

  /** The dead letter's reason for a file that fails part-way: truncated (it ends early) or corrupt. */
  default String failureReason(Exception e) {
    if (e instanceof Records.UnsupportedCompression) return "unsupported_compression";
    String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return e instanceof java.io.EOFException || m.contains("end of") || m.contains("truncated")
        ? "truncated_file"
        : "corrupt_file";
  }

  /** The dead letter's detail for a file that held no record at all. */
  default String emptyDetail() {
    return "the file has no records";
  }
}
