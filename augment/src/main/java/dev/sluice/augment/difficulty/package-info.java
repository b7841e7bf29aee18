/**
 * Curriculum difficulty: per-document components (length, word rarity, perplexity under a character n-gram model
 * of a reference corpus, quality) and their combination into a percentile in [0, 1]. Pure Java.
 */
package dev.sluice.augment.difficulty;
