package dev.sluice.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigListTest {
  static List<String> list(Object value) {
    return Config.of("input", Map.of("path", value)).getStringList("path", List.of());
  }

  @Test
  void aStringListSplitsAtTopLevelCommasOnly() {
    assertEquals(List.of("a.jsonl", "b.jsonl"), list("a.jsonl, b.jsonl"));
    assertEquals(List.of("en", "de"), list("[en,de]"));
    // a glob's alternatives and character classes are one path (they used to be cut at the comma)
    assertEquals(List.of("crawl/{a,b}.warc.gz"), list("crawl/{a,b}.warc.gz"));
    assertEquals(List.of("x/{A,F}/*.gz", "y/[,a]*.txt"), list("x/{A,F}/*.gz, y/[,a]*.txt"));
    assertEquals(List.of("one"), list(List.of("one")));
    assertEquals(List.of(), list(" "));
  }
}
