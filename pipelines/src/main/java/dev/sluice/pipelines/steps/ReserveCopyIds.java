package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;

/**
 * With augmentation on, a copy of document X gets the id {@code X#aug<k>} ({@link AugmentText#copyId}), so an input
 * whose own id has that shape could collide with a copy: it is a dead letter ({@code augment.reserved_id}). The
 * check runs first among the per-document steps, before dedup: a reserved id that went on to survive dedup and only
 * then left would leave its duplicates in removed/ pointing at an id that is neither kept nor removed.
 */
public final class ReserveCopyIds implements DocStep {
  public static final String STAGE = "augment";
  public static final String REASON = "reserved_id";

  /** The dead letter's detail, for text and images alike. */
  public static String detail(String section) {
    return "ids ending in #aug<k> are reserved for augmented copies when " + section + " is on";
  }

  @Override
  public String stage() {
    return null;
  }

  @Override
  public Doc apply(Doc d, Out out) {
    if (!AugmentText.reserved(d.id())) return d;
    out.dead(
        DeadLetter.of(
            STAGE, REASON, detail("augment.text"), d.source(), d.location(), d.pos(), d.text()));
    return null;
  }
}
