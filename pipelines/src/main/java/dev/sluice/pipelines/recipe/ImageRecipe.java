package dev.sluice.pipelines.recipe;

import dev.sluice.core.config.Config;
import dev.sluice.core.config.DidYouMean;
import dev.sluice.pipelines.io.ImageInput;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated image recipe: {@code input.format} image_folder, webdataset or image_parquet. The sections the pure
 * image classes own (quality.image, dedup.perceptual, augment.image, input.decode) are kept as the recipe wrote
 * them and validated here by those classes' own {@code from(Map)}; each step builds its settings again from the
 * map in its {@code @Setup}, so nothing but plain maps travels to the workers. Text-only keys are recipe errors.
 */
public record ImageRecipe(
    String name,
    long seed,
    ImageInput input,
    Map<String, Object> quality,
    ImageDedupSettings dedup,
    Map<String, Object> augment,
    OutputSettings output,
    Map<String, Object> resolved)
    implements Serializable {

  public static final List<String> KEYS =
      List.of("name", "seed", "input", "quality", "dedup", "augment", "output", "card");

  /** Keys of a text recipe that mean nothing for images: each is an error naming what images use instead. */
  private static final Map<String, String> TEXT_ONLY =
      Map.of(
          "language", "language ID is for text recipes",
          "normalize", "text normalisation is for text recipes",
          "curriculum", "curriculum (difficulty scores) is for text recipes",
          "ledger", "the partition ledger is for text recipes");

  /** True when the recipe's input.format is an image format: it then runs as an image recipe. */
  public static boolean isImage(Map<String, Object> map) {
    return map.get("input") instanceof Map<?, ?> in
        && ImageInput.FORMATS.contains(String.valueOf(in.get("format")));
  }

  public static ImageRecipe from(Map<String, Object> map) {
    Config c = Config.of("", map);
    for (String key : map.keySet()) {
      if (TEXT_ONLY.containsKey(key)) {
        throw new Config.ConfigException(
            key, key, "no '" + key + "' in an image recipe (" + TEXT_ONLY.get(key) + ")");
      }
      if (!KEYS.contains(key)) {
        throw new Config.ConfigException(
            key,
            key,
            "a top-level key of an image recipe from " + KEYS + DidYouMean.hint(key, KEYS));
      }
    }
    String name = c.getString("name", null);
    if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
      throw new Config.ConfigException("name", name, "a name of letters, digits, '.', '_' or '-'");
    }
    Map<String, Object> quality = only(c, "quality", "image", "quality.rules and text rule sets");
    Map<String, Object> augment = only(c, "augment", "image", "augment.text");
    ImageChecks.quality(quality);
    ImageChecks.augment(augment);
    ImageInput input = ImageInput.from(c.getSection("input"));
    ImageChecks.decode(input.decode());
    return new ImageRecipe(
        name,
        c.getLong("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE),
        input,
        quality,
        c.has("dedup") ? ImageDedupSettings.from(c.getSection("dedup")) : null,
        augment,
        OutputSettings.from(c.getSection("output"), name),
        map);
  }

  /**
   * The one sub-section {@code key} an image recipe may have in {@code section} (quality.image, augment.image), or
   * null; any other key there is a text-only setting and an error.
   */
  private static Map<String, Object> only(Config c, String section, String key, String textKeys) {
    Map<String, Object> s = c.getSection(section);
    if (s == null) return null;
    for (String k : s.keySet()) {
      if (!k.equals(key)) {
        throw new Config.ConfigException(
            section + "." + k,
            k,
            "only '"
                + section
                + "."
                + key
                + "' in an image recipe ("
                + textKeys
                + " are for text recipes)");
      }
    }
    Object v = s.get(key);
    if (v == null) return null;
    if (!(v instanceof Map<?, ?> m))
      throw new Config.ConfigException(section + "." + key, v, "a mapping of keys to values");
    @SuppressWarnings("unchecked")
    Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) m);
    return out;
  }

  /** The recipe's keys (for messages). */
  static Set<String> textOnly() {
    return TEXT_ONLY.keySet();
  }
}
