package dev.sluice.quality.dedup;

import java.util.ArrayList;
import java.util.List;

/**
 * The two operations of the large-star / small-star connected-components algorithm (Kiveris et al., "Connected
 * Components in MapReduce and Beyond", SoCC 2014), as pure functions over one node's neighbourhood. A runner
 * applies them alternately, one shuffle each; at convergence every component is a star around its smallest id.
 * Ids compare as strings.
 */
public final class StarComponents {
  private StarComponents() {}

  /** An undirected edge, written as (from, to). */
  public record Edge(String from, String to) {}

  /** Large-star at node u: every strictly larger neighbour is linked to the smallest of u and its neighbours. */
  public static List<Edge> largeStar(String u, Iterable<String> neighbours) {
    String m = u;
    for (String v : neighbours) if (v.compareTo(m) < 0) m = v;
    List<Edge> out = new ArrayList<>();
    for (String v : neighbours) {
      if (v.compareTo(u) > 0) out.add(new Edge(v, m));
    }
    if (!m.equals(u)) out.add(new Edge(u, m));
    return out;
  }

  /**
   * Small-star at node u over its neighbours no larger than u: each of them, and u, is linked to the smallest.
   */
  public static List<Edge> smallStar(String u, Iterable<String> smallerNeighbours) {
    String m = u;
    for (String v : smallerNeighbours) if (v.compareTo(m) < 0) m = v;
    List<Edge> out = new ArrayList<>();
    for (String v : smallerNeighbours) {
      if (!v.equals(m)) out.add(new Edge(v, m));
    }
    if (!u.equals(m)) out.add(new Edge(u, m));
    return out;
  }
}
