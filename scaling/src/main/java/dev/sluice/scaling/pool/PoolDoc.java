package dev.sluice.scaling.pool;

/**
 * A document of the raw pool or of an evaluation set.
 *
 * @param id unique id
 * @param text the text
 * @param kind where it came from: clean, exact_copy, near_copy, html_boilerplate, fragment, other_language,
 *     template (built-in pool), or input (a user's pool)
 */
public record PoolDoc(String id, String text, String kind) {}
