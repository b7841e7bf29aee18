package dev.sluice.pipelines.io;

import dev.sluice.quality.rules.Signals;
import dev.sluice.schemas.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The schema of the kept-document shards: Document.avsc with its {@code signals} written as a struct that every
 * consumer reads with natural types (Hugging Face {@code datasets} refuses Parquet MAP columns, and DuckDB and
 * Polars see a map as a list of key/value pairs): one nullable struct per rule set of the registry, with one
 * nullable double per signal it declares ({@code signals.gopher_quality.word_count}). A rule set the recipe did
 * not run is null. Built from the rule-set registry, so a new rule set's signals become columns on their own.
 */
public final class ShardSchema {
  /** The {@code signals} struct. */
  public static final Schema SIGNALS = signals();

  /** The kept-document shards' schema. */
  public static final Schema DOCUMENT = document();

  private ShardSchema() {}

  /** Signal names by rule set ("gopher_quality.word_count" -> gopher_quality: [word_count]), registry order. */
  static Map<String, List<String>> byRuleSet() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : Signals.KNOWN) {
      int dot = name.indexOf('.');
      out.computeIfAbsent(name.substring(0, dot), k -> new ArrayList<>())
          .add(name.substring(dot + 1));
    }
    return out;
  }

  private static Schema signals() {
    List<Schema.Field> sets = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : byRuleSet().entrySet()) {
      List<Schema.Field> fields = new ArrayList<>();
      for (String s : e.getValue()) {
        fields.add(
            new Schema.Field(
                s, nullable(Schema.create(Schema.Type.DOUBLE)), null, JsonProperties.NULL_VALUE));
      }
      Schema set =
          Schema.createRecord(
              "signals_" + e.getKey(),
              "signals of rule set " + e.getKey(),
              "dev.sluice.schemas.signals",
              false,
              fields);
      sets.add(
          new Schema.Field(
              e.getKey(),
              nullable(set),
              "null when the recipe did not run " + e.getKey(),
              JsonProperties.NULL_VALUE));
    }
    return Schema.createRecord(
        "Signals",
        "every quality signal measured, one struct per rule set",
        "dev.sluice.schemas.signals",
        false,
        sets);
  }

  private static Schema document() {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : Schemas.DOCUMENT.getFields()) {
      Schema type = f.name().equals("signals") ? SIGNALS : f.schema();
      fields.add(new Schema.Field(f.name(), type, f.doc(), f.defaultVal()));
    }
    return Schema.createRecord(
        Schemas.DOCUMENT.getName(),
        Schemas.DOCUMENT.getDoc(),
        Schemas.DOCUMENT.getNamespace(),
        false,
        fields);
  }

  /** The difficulty_components struct of the Document schema. */
  public static final Schema DIFFICULTY_COMPONENTS =
      DOCUMENT.getField("difficulty_components").schema().getTypes().get(1);

  /**
   * Raw components (in Difficulty.COMPONENTS order, NaN when not measured) as the struct; null when the run has no
   * curriculum (no components).
   */
  public static GenericRecord difficultyComponents(double[] parts) {
    if (parts.length == 0) return null;
    List<String> names = dev.sluice.augment.difficulty.Difficulty.COMPONENTS;
    GenericRecord r = new GenericData.Record(DIFFICULTY_COMPONENTS);
    for (int i = 0; i < parts.length; i++) {
      r.put(names.get(i), Double.isNaN(parts[i]) ? null : parts[i]);
    }
    return r;
  }

  private static Schema nullable(Schema s) {
    return Schema.createUnion(Schema.create(Schema.Type.NULL), s);
  }

  /** A document's signals as the struct; a name outside the registry is a bug, never silently dropped. */
  public static GenericRecord signals(SortedMap<String, Double> signals) {
    GenericRecord out = new GenericData.Record(SIGNALS);
    for (Map.Entry<String, Double> e : signals.entrySet()) {
      String name = e.getKey();
      int dot = name.indexOf('.');
      Schema.Field set = dot < 0 ? null : SIGNALS.getField(name.substring(0, dot));
      Schema setSchema = set == null ? null : set.schema().getTypes().get(1);
      if (setSchema == null || setSchema.getField(name.substring(dot + 1)) == null) {
        throw new IllegalStateException(
            "signal " + name + " is not declared by a registered rule set");
      }
      GenericRecord r = (GenericRecord) out.get(set.name());
      if (r == null) {
        r = new GenericData.Record(setSchema);
        out.put(set.name(), r);
      }
      r.put(name.substring(dot + 1), e.getValue());
    }
    return out;
  }
}
