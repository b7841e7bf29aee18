package dev.sluice.pipelines.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * What the input's fields were seen as: per field name, how many records had a non-null value of each type, and
 * the Avro schema behind each {@code avro:} type. Partial observations (one per bundle of files read) merge
 * commutatively, so the result, and the column types {@link #resolve} derives from it, do not depend on how the
 * runner split the input.
 *
 * <p>The types of a JSON value: {@code string}, {@code long} (an integer that fits 64 bits), {@code double} (any
 * other number), {@code boolean}, {@code list<T>} (an array whose non-null elements all have the scalar type T;
 * longs mixed with doubles make it {@code list<double>}; {@code list<>} when it has none), and {@code json}
 * (an object, or an array of objects, arrays or mixed types). A Parquet column's type is {@code avro:} and a
 * fingerprint of its Avro schema (nullability aside).
 */
public final class FieldTypes implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String STRING = "string";
  public static final String LONG = "long";
  public static final String DOUBLE = "double";
  public static final String BOOLEAN = "boolean";
  public static final String JSON = "json";
  public static final String AVRO = "avro:";

  private final TreeMap<String, TreeMap<String, Long>> fields = new TreeMap<>();
  private final TreeMap<String, String> schemas = new TreeMap<>();

  public void observe(String field, String type) {
    fields.computeIfAbsent(field, k -> new TreeMap<>()).merge(type, 1L, Long::sum);
  }

  /** Registers the Avro schema (JSON) behind an {@code avro:} type. */
  public void schema(String type, String avroJson) {
    schemas.putIfAbsent(type, avroJson);
  }

  public FieldTypes merge(FieldTypes other) {
    other.fields.forEach(
        (f, types) -> {
          TreeMap<String, Long> mine = fields.computeIfAbsent(f, k -> new TreeMap<>());
          types.forEach((t, n) -> mine.merge(t, n, Long::sum));
        });
    other.schemas.forEach(schemas::putIfAbsent);
    return this;
  }

  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /** Field names seen, sorted. */
  public Set<String> names() {
    return fields.keySet();
  }

  /** Types seen for a field, sorted (empty when never seen). */
  public Set<String> types(String field) {
    TreeMap<String, Long> t = fields.get(field);
    return t == null ? Set.of() : t.keySet();
  }

  /** Records with a non-null value of the field. */
  public long present(String field) {
    TreeMap<String, Long> t = fields.get(field);
    return t == null ? 0 : t.values().stream().mapToLong(Long::longValue).sum();
  }

  public String schemaOf(String avroType) {
    return schemas.get(avroType);
  }

  /** Avro schemas by {@code avro:} type. */
  public Map<String, String> schemas() {
    return schemas;
  }

  /** The type of a non-null JSON value. */
  public static String ofJson(JsonNode v) {
    if (v.isTextual()) return STRING;
    if (v.isBoolean()) return BOOLEAN;
    if (v.isIntegralNumber()) return v.canConvertToLong() ? LONG : DOUBLE;
    if (v.isNumber()) return DOUBLE;
    if (v.isArray()) {
      TreeSet<String> elements = new TreeSet<>();
      for (JsonNode e : v) {
        if (e.isNull()) continue;
        if (e.isContainerNode()) return JSON;
        elements.add(ofJson(e));
      }
      String t = scalar(elements);
      return t == null ? JSON : "list<" + t + ">";
    }
    return JSON;
  }

  /**
   * The column type of a field seen as {@code types}: the one type when there is one; long with double is double;
   * lists merge their element types the same way (an empty list fits any list); no type at all (a field listed
   * in input.fields that no record has) is string; anything else is json (the JSON text of each value).
   */
  public static String resolve(Collection<String> types) {
    TreeSet<String> t = new TreeSet<>(types);
    if (t.isEmpty()) return STRING;
    String one = scalar(t);
    if (one != null) return one;
    if (t.stream().allMatch(x -> x.startsWith("list<"))) {
      TreeSet<String> elements = new TreeSet<>();
      for (String x : t) {
        String e = x.substring(5, x.length() - 1);
        if (!e.isEmpty()) elements.add(e);
      }
      String e = elements.isEmpty() ? STRING : scalar(elements);
      return e == null ? JSON : "list<" + e + ">";
    }
    if (t.size() == 1) return t.first(); // one avro type, or json
    return JSON;
  }

  /** The one scalar type of a set of JSON scalar types (long with double: double); null for none or a mix. */
  private static String scalar(TreeSet<String> t) {
    if (t.isEmpty()) return "";
    if (t.size() == 1 && !t.first().startsWith("list<") && !t.first().startsWith(AVRO)) {
      return t.first().equals(JSON) ? null : t.first();
    }
    if (t.equals(new TreeSet<>(Set.of(LONG, DOUBLE)))) return DOUBLE;
    return null;
  }

  public static final Coder<FieldTypes> CODER = new FieldTypesCoder();

  static final class FieldTypesCoder extends AtomicCoder<FieldTypes> {
    private static final long serialVersionUID = 1L;
    private static final Coder<String> S = StringUtf8Coder.of();
    private static final Coder<Long> N = VarLongCoder.of();

    @Override
    public void encode(FieldTypes v, OutputStream out) throws IOException {
      N.encode((long) v.fields.size(), out);
      for (Map.Entry<String, TreeMap<String, Long>> f : v.fields.entrySet()) {
        S.encode(f.getKey(), out);
        N.encode((long) f.getValue().size(), out);
        for (Map.Entry<String, Long> t : f.getValue().entrySet()) {
          S.encode(t.getKey(), out);
          N.encode(t.getValue(), out);
        }
      }
      N.encode((long) v.schemas.size(), out);
      for (Map.Entry<String, String> s : v.schemas.entrySet()) {
        S.encode(s.getKey(), out);
        S.encode(s.getValue(), out);
      }
    }

    @Override
    public FieldTypes decode(InputStream in) throws IOException {
      FieldTypes v = new FieldTypes();
      long n = N.decode(in);
      for (long i = 0; i < n; i++) {
        TreeMap<String, Long> types = v.fields.computeIfAbsent(S.decode(in), k -> new TreeMap<>());
        long k = N.decode(in);
        for (long j = 0; j < k; j++) types.put(S.decode(in), N.decode(in));
      }
      long s = N.decode(in);
      for (long i = 0; i < s; i++) v.schemas.put(S.decode(in), S.decode(in));
      return v;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
