package dev.sluice.pipelines.io;

import dev.sluice.core.config.Config;
import dev.sluice.core.config.DidYouMean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of input formats by name: the one list {@code input.format} is validated against. */
public final class InputFormats {
  private static final Map<String, InputFormat> BY_NAME = new LinkedHashMap<>();

  static {
    register(new JsonlFormat());
    register(new TextFormat());
    register(new ParquetFormat());
    register(new WarcFormat());
  }

  private InputFormats() {}

  private static void register(InputFormat f) {
    if (BY_NAME.putIfAbsent(f.name(), f) != null)
      throw new IllegalStateException("format " + f.name() + " twice");
  }

  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /** The format named {@code name}; a recipe error naming the allowed ones (and the closest) otherwise. */
  public static InputFormat named(String name) {
    InputFormat f = BY_NAME.get(name);
    if (f == null) {
      // a misspelt image format lands here too (an image recipe is known by its exact format)
      List<String> all = new java.util.ArrayList<>(names());
      all.addAll(ImageInput.FORMATS);
      throw new Config.ConfigException(
          "input.format", name, "one of " + all + DidYouMean.hint(name, all));
    }
    return f;
  }
}
