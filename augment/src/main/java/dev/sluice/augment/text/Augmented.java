package dev.sluice.augment.text;

import java.util.List;

/**
 * One augmented copy of a document and what each op did to it.
 *
 * @param text the augmented text
 * @param changed ops (names from {@link AugmentPolicy#OPS}) that changed the text, in application order
 * @param unchanged ops that ran but could not change it (one word, no synonyms, nothing to shuffle...)
 * @param skippedLanguage English-resource ops ({@link AugmentPolicy#ENGLISH_OPS}) not applied because the document
 *     is not English
 */
public record Augmented(
    String text, List<String> changed, List<String> unchanged, List<String> skippedLanguage) {
  public Augmented {
    java.util.Objects.requireNonNull(text, "text");
    changed = List.copyOf(changed);
    unchanged = List.copyOf(unchanged);
    skippedLanguage = List.copyOf(skippedLanguage);
  }
}
