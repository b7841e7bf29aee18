package dev.sluice.quality.dedup;

import dev.sluice.core.config.Config;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which member of a duplicate group survives: the first by the recipe's ordered criteria. The order always ends
 * with {@code id_asc}, so ties never depend on arrival order.
 */
public final class KeepPolicy implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final List<String> ALLOWED =
      List.of("quality_desc", "quality_asc", "length_desc", "length_asc", "id_asc", "id_desc");

  /** What the policy looks at. */
  public record Member(String id, double quality, long length) implements Serializable {}

  private final List<String> order;

  private KeepPolicy(List<String> order) {
    this.order = order;
  }

  public static KeepPolicy defaults() {
    return of(List.of("quality_desc", "length_desc", "id_asc"));
  }

  public static KeepPolicy of(List<String> keys) {
    List<String> o = new ArrayList<>();
    for (String k : keys) {
      if (!ALLOWED.contains(k))
        throw new Config.ConfigException("dedup.keep", k, "entries from " + ALLOWED);
      o.add(k);
    }
    if (!o.contains("id_asc") && !o.contains("id_desc")) o.add("id_asc");
    return new KeepPolicy(List.copyOf(o));
  }

  public List<String> order() {
    return order;
  }

  public Comparator<Member> comparator() {
    Comparator<Member> c = (a, b) -> 0;
    for (String k : order) {
      c =
          c.thenComparing(
              switch (k) {
                case "quality_desc" ->
                    Comparator.comparingDouble((Member m) -> m.quality()).reversed();
                case "quality_asc" -> Comparator.comparingDouble((Member m) -> m.quality());
                case "length_desc" -> Comparator.comparingLong((Member m) -> m.length()).reversed();
                case "length_asc" -> Comparator.comparingLong((Member m) -> m.length());
                case "id_desc" -> Comparator.comparing((Member m) -> m.id()).reversed();
                default -> Comparator.comparing((Member m) -> m.id());
              });
    }
    return c;
  }

  /** The survivor among {@code members} (not empty). */
  public Member survivor(Iterable<Member> members) {
    Comparator<Member> c = comparator();
    Member best = null;
    for (Member m : members) if (best == null || c.compare(m, best) < 0) best = m;
    return best;
  }
}
