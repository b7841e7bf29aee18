package dev.sluice.schemas;

import java.util.List;
import java.util.Map;

/**
 * OUT/manifest.json. Keys in snake_case are the contract of ../DESIGN.md: recipe, recipe_sha256, sluice_version,
 * runner, started, finished, counts, stages, shards. Written last and atomically: its presence means the run is
 * complete. {@code augment} (per-op outcome counts of augment.text) and {@code curriculum} (the difficulty
 * components and the reference model's version) are only there when the recipe has those sections;
 * {@code input_fields} says which input field became which column of which type; {@code pii} (only with the
 * recipe's pii section) the replacements and the documents touched per kind: redaction removes nothing, so the
 * counts are unchanged by it; {@code quality_model} (the classifier's and perplexity model's versions, the
 * classifier's weights SHA-256 and held-out metrics, keep rules, the cutoffs the run computed and the documents
 * given each perplexity bucket) only with that recipe section;
 * {@code decontamination} (only with the recipe's {@code decontaminate}) lists the evaluation sets, what was
 * indexed of each and how many documents each removed;
 * {@code warc} (only for {@code input.format: warc}): {@code records}, every WARC record read (the input's documents
 * and dead letters plus the skipped ones), and {@code skipped}, the records left out by rule, by reason (outside
 * the counts).
 */
public record Manifest(
    Map<String, Object> recipe,
    String recipe_sha256,
    String sluice_version,
    String runner,
    String started,
    String finished,
    Counts counts,
    List<Stage> stages,
    List<FileEntry> shards,
    List<FileEntry> removed,
    List<FileEntry> dead_letters,
    Map<String, Long> dead_letter_reasons,
    double wall_seconds,
    long seed,
    Map<String, Long> augment,
    Map<String, Object> curriculum,
    Map<String, InputField> input_fields,
    Map<String, Object> pii,
    Map<String, Object> quality_model,
    Map<String, Object> decontamination,
    Map<String, Object> warc) {

  /** A manifest without the optional text sections ({@code pii}, {@code quality_model}, {@code decontamination}, {@code warc}). */
  public Manifest(
      Map<String, Object> recipe,
      String recipe_sha256,
      String sluice_version,
      String runner,
      String started,
      String finished,
      Counts counts,
      List<Stage> stages,
      List<FileEntry> shards,
      List<FileEntry> removed,
      List<FileEntry> dead_letters,
      Map<String, Long> dead_letter_reasons,
      double wall_seconds,
      long seed,
      Map<String, Long> augment,
      Map<String, Object> curriculum,
      Map<String, InputField> input_fields) {
    this(
        recipe,
        recipe_sha256,
        sluice_version,
        runner,
        started,
        finished,
        counts,
        stages,
        shards,
        removed,
        dead_letters,
        dead_letter_reasons,
        wall_seconds,
        seed,
        augment,
        curriculum,
        input_fields,
        null,
        null,
        null,
        null);
  }

  /**
   * One field of the input carried into the shards and removed/ ({@code input_fields}, by input name): the
   * column it became (renamed when it collides with Sluice's columns or is not a valid column name), its type
   * ({@code string}, {@code long}, {@code double}, {@code boolean}, {@code list<..>}, {@code json} for JSON text,
   * or a Parquet input's own type such as {@code timestamp-micros} or {@code struct<..>}), and how many
   * documents read had a non-null value.
   */
  public record InputField(String column, String type, long present) {}

  /**
   * input + augmented = kept + dead_letter + sum(filtered) + sum(duplicate), always: {@code augmented} counts the
   * augmented copies written (0 without augment.text, where this is the old input = kept + ... ).
   */
  public record Counts(
      long input,
      long kept,
      long dead_letter,
      Map<String, Long> filtered,
      Map<String, Long> duplicate,
      long augmented) {
    public long filteredTotal() {
      return filtered.values().stream().mapToLong(Long::longValue).sum();
    }

    public long duplicateTotal() {
      return duplicate.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean balanced() {
      return input + augmented == kept + dead_letter + filteredTotal() + duplicateTotal();
    }
  }

  /** One step of the flow: documents in and out, and the CPU seconds its code spent (summed over workers). */
  public record Stage(String name, long in, long out, double seconds) {}

  /** A published file, relative to the run directory. */
  public record FileEntry(String path, long rows, long bytes, String sha256) {}
}
