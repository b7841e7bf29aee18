package dev.sluice.pipelines.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.openhft.hashing.LongHashFunction;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Turns a carried value, as read ({@code model.InputValues}: a type and bytes), into what its column holds: a
 * JSON value into a string, long, double, boolean or list (or its JSON text, for a {@code json} column); an Avro
 * value (from Parquet) decoded with its schema, as it is, or as the JSON text Avro renders for it when the
 * column is {@code json}. Also the other direction for Parquet: a column's value to Avro bytes and its type.
 */
final class ValueConverter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LongHashFunction XX = LongHashFunction.xx3();
  private final Map<String, Schema> schemas;
  private final Map<String, GenericDatumReader<Object>> readers = new HashMap<>();
  private BinaryDecoder decoder;

  ValueConverter(Map<String, Schema> schemas) {
    this.schemas = schemas;
  }

  Object convert(String column, String type, byte[] value) {
    if (type.startsWith(FieldTypes.AVRO)) {
      Object v = decode(type, value);
      return column.equals(FieldTypes.JSON) ? GenericData.get().toString(v) : v;
    }
    String text = new String(value, StandardCharsets.UTF_8);
    if (column.equals(FieldTypes.JSON)) return type.equals(FieldTypes.STRING) ? quote(text) : text;
    if (column.startsWith("list<")) {
      String element = column.substring(5, column.length() - 1);
      List<Object> out = new ArrayList<>();
      for (JsonNode e : parse(text)) out.add(e.isNull() ? null : scalar(element, e.asText()));
      return out;
    }
    return scalar(column, text);
  }

  private static Object scalar(String column, String text) {
    return switch (column) {
      case FieldTypes.LONG -> Long.parseLong(text);
      case FieldTypes.DOUBLE -> Double.parseDouble(text);
      case FieldTypes.BOOLEAN -> Boolean.parseBoolean(text);
      default -> text;
    };
  }

  private Object decode(String type, byte[] value) {
    GenericDatumReader<Object> r =
        readers.computeIfAbsent(type, t -> new GenericDatumReader<>(schemas.get(t)));
    try {
      decoder = DecoderFactory.get().binaryDecoder(value, decoder);
      return r.read(null, decoder);
    } catch (IOException e) {
      throw new UncheckedIOException("could not decode a carried " + type + " value", e);
    }
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a carried value is not the JSON it was read as", e);
    }
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a String always serialises
    }
  }

  /** A JSON value as carried: its text for a string, else its compact JSON text. */
  static byte[] jsonBytes(JsonNode v) {
    return (v.isTextual() ? v.textValue() : v.toString()).getBytes(StandardCharsets.UTF_8);
  }

  /** The schema without a union with null around it (nullability is the column's, always). */
  static Schema nonNull(Schema s) {
    if (s.getType() != Schema.Type.UNION) return s;
    List<Schema> rest = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
    return rest.size() == 1 ? rest.get(0) : Schema.createUnion(rest);
  }

  /** The {@code avro:} type of a schema: a fingerprint of its full JSON (logical types included). */
  static String typeOf(Schema nonNull) {
    return String.format("%s%016x", FieldTypes.AVRO, XX.hashChars(nonNull.toString()));
  }

  static byte[] avroBytes(Schema nonNull, Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new GenericDatumWriter<Object>(nonNull).write(value, enc);
      enc.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory
    }
    return out.toByteArray();
  }

  /**
   * The schema with every record, enum and fixed type given a namespace of its own place ({@code ns} and the
   * field path), so that two carried columns (from different files, say) whose types share a name cannot clash
   * when they become columns of one shard schema ("Can't redefine"); the values do not depend on names.
   */
  static Schema scoped(Schema s, String ns) {
    Schema out =
        switch (s.getType()) {
          case RECORD -> {
            List<Schema.Field> fields = new ArrayList<>();
            for (Schema.Field f : s.getFields()) {
              fields.add(
                  new Schema.Field(
                      f.name(), scoped(f.schema(), ns + "." + f.name()), f.doc(), f.defaultVal()));
            }
            yield Schema.createRecord(s.getName(), s.getDoc(), ns, s.isError(), fields);
          }
          case ARRAY -> Schema.createArray(scoped(s.getElementType(), ns));
          case MAP -> Schema.createMap(scoped(s.getValueType(), ns));
          case UNION -> Schema.createUnion(s.getTypes().stream().map(t -> scoped(t, ns)).toList());
          case ENUM -> Schema.createEnum(s.getName(), s.getDoc(), ns, s.getEnumSymbols());
          case FIXED -> Schema.createFixed(s.getName(), s.getDoc(), ns, s.getFixedSize());
          default -> s;
        };
    if (out != s && s.getLogicalType() != null) s.getLogicalType().addToSchema(out);
    return out;
  }

  /**
   * False for a schema with a MAP or a union of several types anywhere (datasets has no dtype for them), or with a
   * record or field name that Avro rejects (a Parquet struct {@code file-info}: {@link AvroNames}).
   */
  static boolean carriable(String json) {
    return json != null && carriable(schema(json), 0);
  }

  /** A schema as a carried column registered it: its names are those of the input, valid for Avro or not. */
  @SuppressWarnings("deprecation")
  static Schema schema(String json) {
    return new Schema.Parser().setValidate(false).parse(json);
  }

  private static boolean carriable(Schema s, int depth) {
    if (depth > 32) return false;
    return switch (s.getType()) {
      case MAP -> false;
      case UNION -> {
        Schema n = nonNull(s);
        yield n.getType() != Schema.Type.UNION && carriable(n, depth + 1);
      }
      case ARRAY -> carriable(s.getElementType(), depth + 1);
      case RECORD ->
          AvroNames.valid(s.getName())
              && s.getFields().stream()
                  .allMatch(f -> AvroNames.valid(f.name()) && carriable(f.schema(), depth + 1));
      case ENUM, FIXED -> AvroNames.valid(s.getName());
      default -> true;
    };
  }

  /** A short type for the manifest: {@code timestamp-micros}, {@code list<string>}, {@code struct<a: long>}. */
  static String describe(Schema s) {
    LogicalType l = s.getLogicalType();
    if (l != null) return l.getName();
    return switch (s.getType()) {
      case UNION -> describe(nonNull(s));
      case ARRAY -> "list<" + describe(s.getElementType()) + ">";
      case RECORD ->
          s.getFields().stream()
              .map(f -> f.name() + ": " + describe(f.schema()))
              .collect(Collectors.joining(", ", "struct<", ">"));
      default -> s.getType().getName();
    };
  }
}
