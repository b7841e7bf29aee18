package dev.sluice.pipelines.recipe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.core.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a recipe YAML, applies {@code --set key=value} overrides (dotted keys, YAML values), and validates it. */
public final class RecipeLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private RecipeLoader() {}

  public static Map<String, Object> read(Path file) {
    try {
      Object parsed = YAML.readValue(Files.readString(file, StandardCharsets.UTF_8), Object.class);
      if (!(parsed instanceof Map<?, ?>)) {
        throw new Config.ConfigException("recipe", file, "a YAML mapping of keys (name, input, ...)");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) parsed;
      return new LinkedHashMap<>(map);
    } catch (NoSuchFileException e) {
      throw new Config.ConfigException("recipe", file.toString(), "an existing YAML file");
    } catch (IOException e) {
      throw new Config.ConfigException("recipe", file.toString(), "valid YAML (" + e.getMessage().lines().findFirst()
          .orElse("") + ")");
    }
  }

  /** Applies one {@code a.b.c=value} override; the value is parsed as YAML ("[en, de]", "0.7", "true"). */
  @SuppressWarnings("unchecked")
  public static void set(Map<String, Object> recipe, String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) throw new Config.ConfigException("--set", assignment, "key=value, e.g. language.min_confidence=0.8");
    String key = assignment.substring(0, eq).trim();
    String raw = assignment.substring(eq + 1);
    Object value;
    try {
      value = raw.isEmpty() ? "" : YAML.readValue(raw, Object.class);
    } catch (IOException e) {
      value = raw;
    }
    String[] parts = key.split("\\.");
    Map<String, Object> node = recipe;
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = node.get(parts[i]);
      if (!(child instanceof Map<?, ?>)) {
        child = new LinkedHashMap<String, Object>();
        node.put(parts[i], child);
      } else if (!(child instanceof LinkedHashMap<?, ?>)) {
        child = new LinkedHashMap<>((Map<String, Object>) child);
        node.put(parts[i], child);
      }
      node = (Map<String, Object>) child;
    }
    node.put(parts[parts.length - 1], value);
  }

  public static Recipe load(Path file, List<String> overrides) {
    Map<String, Object> map = read(file);
    for (String o : overrides) set(map, o);
    substitutePartition(map);
    return Recipe.from(map);
  }

  /** Replaces {partition} in input.path and output.path with input.partition, when it is set. */
  @SuppressWarnings("unchecked")
  static void substitutePartition(Map<String, Object> map) {
    if (!(map.get("input") instanceof Map<?, ?> in) || in.get("partition") == null) return;
    String part = String.valueOf(in.get("partition"));
    Map<String, Object> input = new LinkedHashMap<>((Map<String, Object>) in);
    Object path = input.get("path");
    if (path instanceof String s) input.put("path", s.replace("{partition}", part));
    if (path instanceof List<?> l) input.put("path", l.stream().map(x -> String.valueOf(x).replace("{partition}", part)).toList());
    map.put("input", input);
    if (map.get("output") instanceof Map<?, ?> out && out.get("path") instanceof String op) {
      Map<String, Object> o = new LinkedHashMap<>((Map<String, Object>) out);
      o.put("path", op.replace("{partition}", part));
      map.put("output", o);
    }
  }

  /** The recipe as canonical JSON (sorted keys): what recipe_sha256 hashes. */
  public static String canonicalJson(Map<String, Object> resolved) {
    try {
      return CANONICAL.writeValueAsString(sortDeep(resolved));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Object sortDeep(Object o) {
    if (o instanceof Map<?, ?> m) {
      TreeMap<String, Object> out = new TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), sortDeep(e.getValue()));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object x : l) out.add(sortDeep(x));
      return out;
    }
    return o;
  }
}
