package dev.sluice.pipelines.io;

import java.lang.reflect.Field;
import org.apache.avro.Schema;

/**
 * Reading a Parquet file through parquet-avro turns its schema into an Avro schema, and Avro 1.11 rejects names
 * that Parquet, DuckDB and pyarrow allow ({@code file-path}, {@code my label}, {@code 1st}): the whole file would
 * fail as if corrupt. Inside {@link #lenient()} this thread's Avro name check is off, so such a file reads; its
 * columns are then renamed as a JSON field's would be ({@link InputColumns}), and a struct with such names inside
 * is carried as JSON ({@link ValueConverter#carriable}). The check stays off for the whole read loop, so steps the
 * runner chains onto the reading thread run with it off too: the code parses its schemas with {@link
 * ValueConverter#schema} or builds them from valid names. Avro offers the switch only to its own schema parser, so it
 * is set through its thread-local; where an Avro version lacks it, names are checked as before.
 */
public final class AvroNames implements AutoCloseable {
  private static final ThreadLocal<Boolean> VALIDATE = validateNames();
  private final Boolean before;

  private AvroNames() {
    before = VALIDATE == null ? null : VALIDATE.get();
    if (VALIDATE != null) VALIDATE.set(false);
  }

  /** Avro's name check off on this thread until {@link #close}. */
  public static AvroNames lenient() {
    return new AvroNames();
  }

  /** Whether Avro itself would accept the name ({@code [A-Za-z_][A-Za-z0-9_]*}). */
  public static boolean valid(String name) {
    return InputColumns.validName(name);
  }

  @Override
  public void close() {
    if (VALIDATE != null) VALIDATE.set(before);
  }

  @SuppressWarnings("unchecked")
  private static ThreadLocal<Boolean> validateNames() {
    try {
      Field f = Schema.class.getDeclaredField("validateNames");
      f.setAccessible(true);
      return (ThreadLocal<Boolean>) f.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
