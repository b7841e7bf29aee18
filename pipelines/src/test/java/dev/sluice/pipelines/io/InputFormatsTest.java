package dev.sluice.pipelines.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.core.config.Config;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputFormatsTest {
  @Test
  void theRegistryNamesEveryFormatOnce() {
    assertEquals(List.of("jsonl", "text", "parquet", "warc"), InputFormats.names());
    for (String name : InputFormats.names()) assertEquals(name, InputFormats.named(name).name());
  }

  @Test
  void anUnknownFormatIsARecipeErrorNamingTheAllowedOnes() {
    Config.ConfigException e =
        assertThrows(
            Config.ConfigException.class,
            () -> InputSettings.from(Map.of("path", "x.jsonl", "format", "jsonlines")));
    assertEquals("input.format", e.field());
    assertEquals(
        "input.format: got 'jsonlines', expected one of [jsonl, text, parquet, warc, image_folder, webdataset, image_parquet]",
        e.getMessage());
    Config.ConfigException near =
        assertThrows(
            Config.ConfigException.class,
            () -> InputSettings.from(Map.of("path", "x.jsonl", "format", "parqet")));
    assertEquals(
        "input.format: got 'parqet', expected one of [jsonl, text, parquet, warc, image_folder, webdataset, image_parquet] (did you mean 'parquet'?)",
        near.getMessage());
    assertEquals("jsonl", InputSettings.from(Map.of("path", "x.jsonl")).format());
  }
}
