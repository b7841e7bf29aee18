package dev.sluice.pipelines.io;

import dev.sluice.core.config.DidYouMean;
import dev.sluice.pipelines.model.InputValues;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The columns the input's own fields become in the shards and in removed/, decided once every record has been
 * seen ({@link FieldTypes}), so every shard of a run has the same schema whatever the runner or bundle split.
 * One nullable column per field, after Sluice's own columns, in the order of the input names; its type is
 * {@link FieldTypes#resolve}d from every value seen.
 *
 * <p>Names: a field keeps its name when that is a valid Parquet/Avro name ({@code [A-Za-z_][A-Za-z0-9_]*}) and
 * is not one of Sluice's columns (of the shards or of removed/), compared ignoring case (DuckDB and Spark resolve
 * names without it). Otherwise every other character becomes {@code _} (and a leading digit gets one before it),
 * a name taken (by Sluice, or by another input field) becomes {@code input_<name>}, and a name still taken gets
 * {@code _2}, {@code _3}, ...
 * Fields are named in input-name order, unchanged names first, so the outcome depends on the names alone.
 */
public final class InputColumns implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One carried field: its input name, its column, its type, and how many records had it. */
  public record Column(String input, String column, String type, long present)
      implements Serializable {}

  public static final InputColumns NONE = new InputColumns(List.of(), Map.of(), List.of());

  private final List<Column> columns;
  private final Map<String, String> schemas;
  private final List<String> seen;
  private transient Map<String, Schema> parsed;
  private transient ValueConverter converter;

  InputColumns(List<Column> columns, Map<String, String> schemas, List<String> seen) {
    this.columns = List.copyOf(columns);
    this.schemas = Map.copyOf(schemas);
    this.seen = List.copyOf(seen);
  }

  public List<Column> columns() {
    return columns;
  }

  public boolean isEmpty() {
    return columns.isEmpty();
  }

  /** Avro schemas (JSON) by {@code avro:} type, for the column types and for values written as JSON text. */
  public Map<String, String> schemas() {
    return schemas;
  }

  /** Sluice's own column names (shards and removed/), which input fields never overwrite. */
  public static Set<String> reserved() {
    Set<String> out = new TreeSet<>();
    for (Schema.Field f : ShardSchema.DOCUMENT.getFields()) out.add(f.name());
    for (Schema.Field f : dev.sluice.schemas.Schemas.REMOVED.getFields()) out.add(f.name());
    return out;
  }

  /**
   * The columns for what was seen: every field seen ({@code selection} null), or the listed ones (a listed field
   * no record had is still a column, of nulls, so a run's schema does not depend on which records came in).
   */
  public static InputColumns resolve(
      FieldTypes seen, List<String> selection, Collection<String> reserved) {
    TreeSet<String> names = new TreeSet<>(selection == null ? seen.names() : selection);
    Set<String> taken = new HashSet<>();
    for (String r : reserved) taken.add(r.toLowerCase(Locale.ROOT));
    Map<String, String> column = new TreeMap<>();
    for (String n : names) { // unchanged names first
      if (validName(n) && taken.add(n.toLowerCase(Locale.ROOT))) column.put(n, n);
    }
    for (String n : names) {
      if (column.containsKey(n)) continue;
      String base = sanitize(n);
      if (taken.contains(base.toLowerCase(Locale.ROOT))) base = "input_" + base;
      String c = base;
      for (int k = 2; taken.contains(c.toLowerCase(Locale.ROOT)); k++) c = base + "_" + k;
      taken.add(c.toLowerCase(Locale.ROOT));
      column.put(n, c);
    }
    List<Column> out = new ArrayList<>();
    Map<String, String> schemas = new TreeMap<>();
    for (String n : names) {
      String type = FieldTypes.resolve(seen.types(n));
      if (type.startsWith(FieldTypes.AVRO) && !ValueConverter.carriable(seen.schemaOf(type))) {
        type =
            FieldTypes.JSON; // a MAP or a union of several types: no natural type in every reader
      }
      out.add(new Column(n, column.get(n), type, seen.present(n)));
      for (String t : seen.types(n)) {
        if (t.startsWith(FieldTypes.AVRO)) schemas.put(t, seen.schemaOf(t));
      }
    }
    return new InputColumns(out, schemas, new ArrayList<>(seen.names()));
  }

  /** One line per listed field that no record had (a typo?), with the closest field name seen. */
  public List<String> warnings() {
    List<String> out = new ArrayList<>();
    for (Column c : columns) {
      if (c.present() > 0) continue;
      out.add(
          "input.fields names '"
              + c.input()
              + "', which no record has: its column '"
              + c.column()
              + "' is all null"
              + DidYouMean.hint(c.input(), seen));
    }
    return out;
  }

  /** What the run's work folder keeps of the columns (the manifest and empty shards are made from it). */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("columns", columns);
    m.put("schemas", new TreeMap<>(schemas));
    m.put("seen", seen);
    return m;
  }

  /** Reads what {@link #toJson} wrote; none when the file is missing (nothing was read). */
  @SuppressWarnings("unchecked")
  public static InputColumns read(java.nio.file.Path file) throws java.io.IOException {
    if (!java.nio.file.Files.exists(file)) return NONE;
    Map<String, Object> m =
        new com.fasterxml.jackson.databind.ObjectMapper().readValue(file.toFile(), Map.class);
    List<Column> columns = new ArrayList<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) m.get("columns")) {
      columns.add(
          new Column(
              (String) c.get("input"),
              (String) c.get("column"),
              (String) c.get("type"),
              ((Number) c.get("present")).longValue()));
    }
    return new InputColumns(
        columns, (Map<String, String>) m.get("schemas"), (List<String>) m.get("seen"));
  }

  static boolean validName(String n) {
    return n.matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  static String sanitize(String n) {
    String s = n.replaceAll("[^A-Za-z0-9_]", "_");
    return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
  }

  private Map<String, Schema> parsed() {
    if (parsed == null) {
      Map<String, Schema> m = new LinkedHashMap<>();
      schemas.forEach((t, json) -> m.put(t, ValueConverter.schema(json)));
      parsed = m;
    }
    return parsed;
  }

  /** {@code base} with one nullable column per carried field appended (base itself when there are none). */
  public Schema extend(Schema base) {
    if (columns.isEmpty()) return base;
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : base.getFields()) {
      fields.add(new Schema.Field(f.name(), f.schema(), f.doc(), f.defaultVal()));
    }
    for (Column c : columns) {
      Schema type =
          Schema.createUnion(
              Schema.create(Schema.Type.NULL),
              c.type().startsWith(FieldTypes.AVRO)
                  ? ValueConverter.scoped(parsed().get(c.type()), "dev.sluice.input." + c.column())
                  : avroType(c.type()));
      fields.add(
          new Schema.Field(
              c.column(), type, "input field '" + c.input() + "'", JsonProperties.NULL_VALUE));
    }
    return Schema.createRecord(
        base.getName(), base.getDoc(), base.getNamespace(), base.isError(), fields);
  }

  private Schema avroType(String type) {
    if (type.startsWith("list<")) {
      Schema element = avroType(type.substring(5, type.length() - 1));
      return Schema.createArray(Schema.createUnion(Schema.create(Schema.Type.NULL), element));
    }
    return switch (type) {
      case FieldTypes.LONG -> Schema.create(Schema.Type.LONG);
      case FieldTypes.DOUBLE -> Schema.create(Schema.Type.DOUBLE);
      case FieldTypes.BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
      default -> Schema.create(Schema.Type.STRING); // string, and json (the JSON text)
    };
  }

  /** Puts a document's carried values into {@code r} (whose schema came from {@link #extend}). */
  public void put(GenericRecord r, InputValues values) {
    if (values.size() == 0 || columns.isEmpty()) return;
    if (converter == null) converter = new ValueConverter(parsed());
    for (Column c : columns) {
      int i = values.indexOf(c.input());
      if (i < 0) continue;
      r.put(c.column(), converter.convert(c.type(), values.type(i), values.value(i)));
    }
  }

  /** For the manifest's {@code input_fields}: input name -> {column, type, present}, in input-name order. */
  public Map<String, dev.sluice.schemas.Manifest.InputField> manifest() {
    Map<String, dev.sluice.schemas.Manifest.InputField> out = new LinkedHashMap<>();
    for (Column c : columns) {
      String type =
          c.type().startsWith(FieldTypes.AVRO)
              ? ValueConverter.describe(parsed().get(c.type()))
              : c.type();
      out.put(c.input(), new dev.sluice.schemas.Manifest.InputField(c.column(), type, c.present()));
    }
    return out;
  }
}
