package dev.sluice.pipelines.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.pipelines.model.InputValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Column names (renames), selection and the values as their columns hold them. */
class InputColumnsTest {
  private static FieldTypes seen(String... nameTypePairs) {
    FieldTypes t = new FieldTypes();
    for (int i = 0; i < nameTypePairs.length; i += 2)
      t.observe(nameTypePairs[i], nameTypePairs[i + 1]);
    return t;
  }

  private static Map<String, String> columns(InputColumns c) {
    Map<String, String> out = new LinkedHashMap<>();
    for (InputColumns.Column x : c.columns()) out.put(x.input(), x.column());
    return out;
  }

  @Test
  void namesThatCollideOrAreNotColumnNamesAreRenamedTheDocumentedWay() {
    FieldTypes t =
        seen(
            "url",
            "string",
            "source",
            "string",
            "Lang",
            "string",
            "input_source",
            "string",
            "meta.url",
            "string",
            "meta_url",
            "string",
            "1st",
            "long",
            "stage",
            "string",
            "id",
            "string",
            "url ",
            "string");
    InputColumns c = InputColumns.resolve(t, null, InputColumns.reserved());
    Map<String, String> want = new LinkedHashMap<>();
    want.put("1st", "_1st");
    want.put("Lang", "input_Lang"); // lang is Sluice's, compared ignoring case
    want.put("id", "input_id"); // the id field is another one (id_field: doc_id, say)
    want.put("input_source", "input_source");
    want.put("meta.url", "input_meta_url"); // meta_url is taken by the input's own meta_url
    want.put("meta_url", "meta_url");
    want.put("source", "input_source_2"); // input_source is taken by the input's own field
    want.put("stage", "input_stage"); // a column of removed/
    want.put("url", "url");
    want.put("url ", "url_"); // only made a valid name: url_ is free
    assertEquals(want, columns(c));
  }

  @Test
  void aListKeepsOnlyItsFieldsAndAFieldNoRecordHasIsANullColumnWithAHint() {
    FieldTypes t = seen("url", "string", "year", "long", "category", "string");
    InputColumns c = InputColumns.resolve(t, List.of("year", "catgory"), InputColumns.reserved());
    assertEquals(Map.of("catgory", "catgory", "year", "year"), columns(c));
    assertEquals("string", c.columns().get(0).type());
    assertEquals(0, c.columns().get(0).present());
    assertEquals(1, c.warnings().size());
    assertTrue(c.warnings().get(0).contains("did you mean 'category'?"), c.warnings().toString());
    assertEquals(List.of(), InputColumns.resolve(t, List.of(), InputColumns.reserved()).columns());
  }

  @Test
  void valuesAreWrittenAsTheirColumnsType() {
    FieldTypes t =
        seen(
            "n",
            "long",
            "n",
            "double",
            "tags",
            "list<long>",
            "tags",
            "list<double>",
            "meta",
            "json",
            "mixed",
            "string",
            "mixed",
            "long",
            "ok",
            "boolean");
    InputColumns c = InputColumns.resolve(t, null, InputColumns.reserved());
    Schema schema = c.extend(Schema.createRecord("R", null, "x", false, List.of()));
    GenericRecord r = new GenericData.Record(schema);
    Map<String, Map.Entry<String, byte[]>> v = new LinkedHashMap<>();
    v.put("n", Map.entry("long", "7".getBytes(UTF_8)));
    v.put("tags", Map.entry("list<long>", "[1,null,3]".getBytes(UTF_8)));
    v.put("meta", Map.entry("json", "{\"a\":[1]}".getBytes(UTF_8)));
    v.put("mixed", Map.entry("string", "say \"hi\"".getBytes(UTF_8)));
    v.put("ok", Map.entry("boolean", "true".getBytes(UTF_8)));
    c.put(r, InputValues.of(v));
    assertEquals(7.0, r.get("n"), "long with double: a double column");
    assertEquals(java.util.Arrays.asList(1.0, null, 3.0), r.get("tags"));
    assertEquals("{\"a\":[1]}", r.get("meta"));
    assertEquals("\"say \\\"hi\\\"\"", r.get("mixed"), "a json column holds JSON text");
    assertEquals(true, r.get("ok"));
    assertEquals(
        "[\"null\",{\"type\":\"array\",\"items\":[\"null\",\"double\"]}]",
        schema.getField("tags").schema().toString());
    Map<String, dev.sluice.schemas.Manifest.InputField> m = c.manifest();
    assertEquals("double", m.get("n").type());
    assertEquals(2, m.get("n").present());
    assertEquals("json", m.get("mixed").type());
  }
}
