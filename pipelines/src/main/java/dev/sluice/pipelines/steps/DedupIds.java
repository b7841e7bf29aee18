package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import net.openhft.hashing.LongHashFunction;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * One document per id: the first by (source, position) keeps it; every later record with that id is a dead
 * letter ({@code parse.duplicate_id}), so no id is ever both kept and removed, or kept twice.
 *
 * <p>Grouped by a 64-bit hash of the id, not the id: the runner sorts by the first 16 bytes of the encoded key and
 * compares whole keys only on a tie, and ids share long prefixes ({@code fortune-fortunes-…}), so string keys sent
 * almost every comparison of the sort to the slow path. A group may hold several ids whose hashes collide; each id
 * is decided on its own.
 */
public final class DedupIds extends PTransform<PCollection<Doc>, PCollectionTuple> {
  static final Comparator<Doc> FIRST = Comparator.comparing((Doc d) -> d.source).thenComparingLong(d -> d.pos);
  static final Fanout.Outputs OUTPUTS = Fanout.Outputs.of(Tags.DOCS, Tags.DEAD);
  private static final LongHashFunction XX = LongHashFunction.xx3();

  @Override
  public PCollectionTuple expand(PCollection<Doc> docs) {
    return Fanout.split(docs
        .apply("KeyById", ParDo.of(new DoFn<Doc, KV<Long, Doc>>() {
          @ProcessElement
          public void process(@Element Doc d, OutputReceiver<KV<Long, Doc>> out) {
            out.output(KV.of(XX.hashChars(d.id), d));
          }
        }))
        .setCoder(KvCoder.of(BigEndianLongCoder.of(), Doc.CODER))
        .apply("GroupById", GroupByKey.create())
        .apply("FirstPerId", ParDo.of(new FirstFn(OUTPUTS))), OUTPUTS);
  }

  static final class FirstFn extends DoFn<KV<Long, Iterable<Doc>>, Fanout.Tagged> {
    private final Fanout.Outputs outputs;
    private transient Fanout.Emitter emit;

    FirstFn(Fanout.Outputs outputs) {
      this.outputs = outputs;
    }

    @Setup
    public void setup() {
      emit = outputs.emitter();
    }

    @ProcessElement
    public void process(@Element KV<Long, Iterable<Doc>> group, OutputReceiver<Fanout.Tagged> out) {
      firstPerId(group.getValue(), d -> out.output(emit.of(Tags.DOCS, d)), d -> out.output(emit.of(Tags.DEAD, d)));
    }
  }

  /** Decides one hash group: per id, the first record goes to {@code kept}, every later one to {@code dead}. */
  static void firstPerId(Iterable<Doc> group, Consumer<Doc> kept, Consumer<DeadLetter> dead) {
    Iterator<Doc> it = group.iterator();
    if (!it.hasNext()) return;
    Doc first = it.next();
    if (!it.hasNext()) { // nearly every group: one record
      kept.accept(first);
      return;
    }
    Map<String, List<Doc>> byId = new TreeMap<>();
    byId.computeIfAbsent(first.id, k -> new ArrayList<>()).add(first);
    while (it.hasNext()) {
      Doc d = it.next();
      byId.computeIfAbsent(d.id, k -> new ArrayList<>()).add(d);
    }
    for (List<Doc> all : byId.values()) {
      all.sort(FIRST);
      Doc winner = all.get(0);
      kept.accept(winner);
      for (int i = 1; i < all.size(); i++) {
        Doc d = all.get(i);
        dead.accept(DeadLetter.of("parse", "duplicate_id", "id '" + d.id + "' was already used by " + winner.source
            + " " + winner.location(), d.source, d.location(), d.pos, d.text));
      }
    }
  }
}
