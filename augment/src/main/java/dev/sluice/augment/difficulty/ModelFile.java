package dev.sluice.augment.difficulty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The saved model: the line {@value DifficultyModel#FORMAT} and a newline, then gzip of the content followed by
 * the content's SHA-256. The content is a pure function of the model (sorted n-grams and words, no timestamps;
 * gzip's header carries no time either), so the same corpus and order give the same bytes, and the version is
 * the start of that hash. A damaged file fails its checksum rather than loading as a different model.
 */
final class ModelFile {
  private ModelFile() {}

  private static final String PREFIX = "sluice-difficulty-model/";
  private static final int HASH_BYTES = 32;

  static byte[] content(long docs, long codePoints, CharNgramModel chars, WordUnigrams words) {
    Binary.Writer out = new Binary.Writer();
    out.varLong(docs);
    out.varLong(codePoints);
    CharNgramCodec.write(chars, out);
    words.writeTo(out);
    return out.toByteArray();
  }

  static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  static String version(int order, byte[] hash) {
    return "kn" + order + "-" + HexFormat.of().formatHex(hash).substring(0, 12);
  }

  /** Writes to a temporary file beside {@code file}, then moves it over {@code file}. */
  static void save(Path file, byte[] content, byte[] hash) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // a name of its own, not createTempFile: that one is private to its owner (0600), and a model
    // is shared
    Path tmp = dir.resolve("." + file.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write((DifficultyModel.FORMAT + "\n").getBytes(StandardCharsets.US_ASCII));
        try (GZIPOutputStream gz = new GZIPOutputStream(new NonClosing(out), 1 << 16)) {
          gz.write(content);
          gz.write(hash);
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static DifficultyModel load(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int nl = -1;
    for (int i = 0; i < Math.min(bytes.length, 64); i++) {
      if (bytes[i] == '\n') {
        nl = i;
        break;
      }
    }
    if (bytes.length == 0) throw bad(file, "the file is empty, not a difficulty model");
    String first = nl < 0 ? "" : new String(bytes, 0, nl, StandardCharsets.ISO_8859_1);
    if (!first.startsWith(PREFIX)) {
      throw bad(
          file,
          "not a difficulty model: it does not begin with the line " + DifficultyModel.FORMAT);
    }
    if (!first.equals(DifficultyModel.FORMAT)) {
      throw bad(
          file,
          "a difficulty model of format "
              + first
              + "; this build reads "
              + DifficultyModel.FORMAT
              + " only");
    }
    byte[] all;
    try (GZIPInputStream gz =
        new GZIPInputStream(
            new ByteArrayInputStream(bytes, nl + 1, bytes.length - nl - 1), 1 << 16)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 3);
      gz.transferTo(out);
      all = out.toByteArray();
    } catch (EOFException e) {
      throw bad(file, "truncated: the compressed data ends early");
    } catch (ZipException e) {
      throw bad(file, "damaged compressed data (" + e.getMessage() + ")");
    }
    if (all.length < HASH_BYTES) throw bad(file, "truncated: no checksum");
    int n = all.length - HASH_BYTES;
    byte[] hash = sha256(Arrays.copyOf(all, n));
    if (!Arrays.equals(hash, 0, HASH_BYTES, all, n, all.length)) {
      throw bad(file, "damaged: the content does not match its SHA-256");
    }
    Binary.Reader in = new Binary.Reader(all, n);
    try {
      long docs = in.varLong("document count", 0, Long.MAX_VALUE);
      long codePoints = in.varLong("code point count", 0, Long.MAX_VALUE);
      CharNgramModel chars = CharNgramCodec.read(in);
      WordUnigrams words = WordUnigrams.readFrom(in);
      if (!in.atEnd()) throw new Binary.Malformed("unexpected bytes after the word table");
      return new DifficultyModel(chars, words, docs, codePoints, version(chars.order(), hash));
    } catch (Binary.Malformed e) {
      throw bad(file, e.getMessage());
    }
  }

  private static IllegalArgumentException bad(Path file, String what) {
    return new IllegalArgumentException(file + ": " + what);
  }

  /** Lets the gzip stream finish without closing the file under it twice. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
