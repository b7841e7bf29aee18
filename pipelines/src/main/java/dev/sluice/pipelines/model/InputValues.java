package dev.sluice.pipelines.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The input's own fields that a document carries (every field of its record but the id and the text), as they
 * were read, sorted by name, immutable. Each value keeps the type it was read as and its bytes: for JSON lines a
 * type of {@code io.FieldTypes} ("string", "long", "list<double>", "json", ...) and the value's text (a string
 * as it is, anything else as its JSON text); for Parquet {@code avro:<fingerprint>} and the value's Avro binary
 * encoding. Which column and type a value is written as is only decided once every record has been seen
 * ({@code io.InputColumns}). A null value is not stored: absent and null are the same.
 */
public final class InputValues implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final byte[][] NO_BYTES = new byte[0][];
  public static final InputValues NONE = new InputValues(new String[0], new String[0], NO_BYTES);

  private final String[] names;
  private final String[] types;
  private final byte[][] values;

  private InputValues(String[] names, String[] types, byte[][] values) {
    this.names = names;
    this.types = types;
    this.values = values;
  }

  /** From name -> (type, value bytes); the bytes are not copied. */
  public static InputValues of(Map<String, Map.Entry<String, byte[]>> byName) {
    if (byName.isEmpty()) return NONE;
    TreeMap<String, Map.Entry<String, byte[]>> sorted = new TreeMap<>(byName);
    int n = sorted.size();
    String[] names = new String[n];
    String[] types = new String[n];
    byte[][] values = new byte[n][];
    int i = 0;
    for (Map.Entry<String, Map.Entry<String, byte[]>> e : sorted.entrySet()) {
      names[i] = e.getKey();
      types[i] = e.getValue().getKey();
      values[i++] = e.getValue().getValue();
    }
    return new InputValues(names, types, values);
  }

  public int size() {
    return names.length;
  }

  public String name(int i) {
    return names[i];
  }

  public String type(int i) {
    return types[i];
  }

  /** The value's bytes (shared: do not change them). */
  public byte[] value(int i) {
    return values[i];
  }

  /** Index of the field, or -1. */
  public int indexOf(String name) {
    int i = Arrays.binarySearch(names, name);
    return i < 0 ? -1 : i;
  }

  void write(OutputStream out) throws IOException {
    Wire.writeVarLong(out, names.length);
    for (int i = 0; i < names.length; i++) {
      Wire.writeString(out, names[i]);
      Wire.writeString(out, types[i]);
      Wire.writeVarLong(out, values[i].length);
      out.write(values[i]);
    }
  }

  static InputValues read(InputStream in) throws IOException {
    int n = (int) Wire.readVarLong(in);
    if (n == 0) return NONE;
    String[] names = new String[n];
    String[] types = new String[n];
    byte[][] values = new byte[n][];
    for (int i = 0; i < n; i++) {
      names[i] = Wire.readString(in);
      types[i] = Wire.readString(in);
      values[i] = new byte[(int) Wire.readVarLong(in)];
      Wire.readFully(in, values[i]);
    }
    return new InputValues(names, types, values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputValues v
        && Arrays.equals(names, v.names)
        && Arrays.equals(types, v.types)
        && Arrays.deepEquals(values, v.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(names) * 31 + Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) b.append(", ");
      b.append(names[i]).append(':').append(types[i]);
    }
    return b.append('}').toString();
  }
}
