package dev.sluice.pipelines.model;

import dev.sluice.quality.dedup.KeepPolicy;

/**
 * What the dedup steps need of a record in flight, text or image: its id, its view for the keep policy, its
 * removal row, and copies that carry the dedup outcome. {@link Doc} and {@link ImageDoc} implement it, so exact and
 * near/perceptual dedup share one survivor choice and one cluster join.
 */
public interface Curated<T> {
  String id();

  /** What the keep policy compares: id, "quality" and "length" (for images: file bytes and pixel count). */
  KeepPolicy.Member member();

  /** This record's removal row. */
  RemovedDoc removed(String stage, String reason, String duplicateOf);

  /** A short excerpt for the report's dedup examples (null when there is no text). */
  String excerpt();

  T withExactDups(int removedCopies);

  T withCluster(String clusterId, int size);
}
