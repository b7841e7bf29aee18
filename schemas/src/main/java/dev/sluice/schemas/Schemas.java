package dev.sluice.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** The Avro schemas of every record Sluice persists. The .avsc files beside this class are the source of truth. */
public final class Schemas {
  public static final Schema DOCUMENT = load("Document.avsc");
  public static final Schema REMOVED = load("Removed.avsc");
  public static final Schema DEAD_LETTER = load("DeadLetter.avsc");
  public static final Schema IMAGE = load("Image.avsc");

  private Schemas() {}

  private static Schema load(String name) {
    try (InputStream in = Schemas.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("schema resource missing: " + name);
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
