package dev.sluice.quality.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PassagesTest {
  @Test
  void cutsAtLineBreaksUnderTheLimitAndDropsShortRests() {
    String text = "aaaa aaaa\nbbbb bbbb\ncccc\n";
    assertEquals(List.of("aaaa aaaa\nbbbb bbbb", "cccc"), Passages.split(text, 20, 0));
    assertEquals(List.of("aaaa aaaa\nbbbb bbbb"), Passages.split(text, 20, 5));
    // a line longer than the limit is cut at its last space before it
    assertEquals(List.of("one two", "three"), Passages.split("one two three", 9, 0));
    assertEquals(List.of("abcdefgh", "ij"), Passages.split("abcdefghij", 8, 0));
    assertEquals(List.of(), Passages.split("", 10, 0));
  }
}
