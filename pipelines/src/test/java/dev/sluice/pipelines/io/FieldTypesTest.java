package dev.sluice.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** The type rules for carried JSON fields: one value's type, and a column's type from every value seen. */
class FieldTypesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String of(String json) throws Exception {
    return FieldTypes.ofJson(JSON.readTree(json));
  }

  @Test
  void eachJsonValueHasItsType() throws Exception {
    assertEquals("string", of("\"x\""));
    assertEquals("long", of("42"));
    assertEquals("long", of("-9223372036854775808"));
    assertEquals("double", of("9223372036854775808"), "past 64 bits: a double");
    assertEquals("double", of("1.5"));
    assertEquals("double", of("1e3"));
    assertEquals("boolean", of("false"));
    assertEquals("list<string>", of("[\"a\", null, \"b\"]"));
    assertEquals("list<double>", of("[1, 2.5]"), "longs with doubles");
    assertEquals("list<long>", of("[1, 2]"));
    assertEquals("list<>", of("[]"));
    assertEquals("list<>", of("[null]"));
    assertEquals("json", of("{\"a\": 1}"), "objects are JSON text");
    assertEquals("json", of("[[1], [2]]"), "nested lists are JSON text");
    assertEquals("json", of("[1, \"a\"]"), "mixed lists are JSON text");
    assertEquals("json", of("[{\"a\": 1}]"));
  }

  @Test
  void aColumnTypeComesFromEveryValueSeen() {
    assertEquals("string", FieldTypes.resolve(Set.of()), "never seen: a column of nulls");
    assertEquals("long", FieldTypes.resolve(Set.of("long")));
    assertEquals("double", FieldTypes.resolve(Set.of("long", "double")));
    assertEquals("json", FieldTypes.resolve(Set.of("long", "string")));
    assertEquals("json", FieldTypes.resolve(Set.of("boolean", "long")));
    assertEquals("json", FieldTypes.resolve(Set.of("json")));
    assertEquals("json", FieldTypes.resolve(Set.of("string", "list<string>")));
    assertEquals("list<double>", FieldTypes.resolve(Set.of("list<long>", "list<double>")));
    assertEquals("list<long>", FieldTypes.resolve(Set.of("list<>", "list<long>")));
    assertEquals("list<string>", FieldTypes.resolve(Set.of("list<>")));
    assertEquals("json", FieldTypes.resolve(Set.of("list<string>", "list<long>")));
    assertEquals("avro:00ab", FieldTypes.resolve(Set.of("avro:00ab")));
    assertEquals("json", FieldTypes.resolve(Set.of("avro:00ab", "avro:00cd")));
  }

  @Test
  void partialsMergeInAnyOrderToTheSameValue() throws Exception {
    FieldTypes a = new FieldTypes();
    a.observe("year", "long");
    a.observe("url", "string");
    FieldTypes b = new FieldTypes();
    b.observe("year", "double");
    b.observe("year", "long");
    b.schema("avro:1", "\"long\"");
    FieldTypes ab = new FieldTypes().merge(a).merge(b);
    FieldTypes ba = new FieldTypes().merge(b).merge(a);
    byte[] x = CoderUtils.encodeToByteArray(FieldTypes.CODER, ab);
    assertEquals(
        List.of(x.length), List.of(CoderUtils.encodeToByteArray(FieldTypes.CODER, ba).length));
    assertEquals(
        java.util.Arrays.toString(x),
        java.util.Arrays.toString(CoderUtils.encodeToByteArray(FieldTypes.CODER, ba)));
    FieldTypes back = CoderUtils.decodeFromByteArray(FieldTypes.CODER, x);
    assertEquals(Set.of("double", "long"), back.types("year"));
    assertEquals(3, back.present("year"));
    assertEquals(1, back.present("url"));
    assertEquals("\"long\"", back.schemaOf("avro:1"));
  }
}
