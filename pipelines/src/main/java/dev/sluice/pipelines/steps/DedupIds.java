package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.io.FieldTypes;
import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.IdRef;
import dev.sluice.pipelines.model.InputValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import net.openhft.hashing.LongHashFunction;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * One document per id: the first by (source, position) keeps it; every later record with that id is a dead
 * letter ({@code parse.duplicate_id}), so no id is ever both kept and removed, or kept twice.
 *
 * <p>Only a reference per record ({@link IdRef}: id, source, position) is grouped; the answer is a map from each
 * losing record ({@link IdRef#recordKey}) to the dead letter's detail, normally empty, which the per-document step
 * reads as a side input ({@link #check}) before any other work. The documents themselves are never shuffled or
 * sorted for this check: sorting all of them by id was a tenth of a bench run. Losers are at most the input's
 * duplicate records, so the answer stays small unless the input is mostly duplicate ids.
 *
 * <p>Grouped by a 64-bit hash of the id, not the id: the runner's sort compares whole encoded keys, and ids share
 * long prefixes ({@code fortune-fortunes-…}). A group may hold several ids whose hashes collide; each id is decided
 * on its own.
 */
public final class DedupIds
    extends PTransform<PCollection<IdRef>, PCollectionView<Map<String, String>>> {
  static final Comparator<IdRef> FIRST =
      Comparator.comparing(IdRef::source).thenComparingLong(IdRef::pos);
  private static final LongHashFunction XX = LongHashFunction.xx3();

  @Override
  public PCollectionView<Map<String, String>> expand(PCollection<IdRef> refs) {
    return refs.apply(
            "KeyById",
            ParDo.of(
                new DoFn<IdRef, KV<Long, IdRef>>() {
                  @ProcessElement
                  public void process(@Element IdRef r, OutputReceiver<KV<Long, IdRef>> out) {
                    out.output(KV.of(XX.hashChars(r.id()), r));
                  }
                }))
        .setCoder(KvCoder.of(BigEndianLongCoder.of(), IdRef.CODER))
        .apply("GroupById", GroupByKey.create())
        .apply(
            "Losers",
            ParDo.of(
                new DoFn<KV<Long, Iterable<IdRef>>, KV<String, String>>() {
                  @ProcessElement
                  public void process(
                      @Element KV<Long, Iterable<IdRef>> group,
                      OutputReceiver<KV<String, String>> out) {
                    losers(
                        group.getValue(),
                        (loser, winner) ->
                            out.output(KV.of(loser.recordKey(), detail(loser, winner))));
                  }
                }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("AsMap", View.asMap());
  }

  /** Decides one hash group: per id, the first record wins; every later one is passed with its winner. */
  static void losers(Iterable<IdRef> group, BiConsumer<IdRef, IdRef> loser) {
    Iterator<IdRef> it = group.iterator();
    if (!it.hasNext()) return;
    IdRef first = it.next();
    if (!it.hasNext()) return; // nearly every group: one record
    Map<String, List<IdRef>> byId = new TreeMap<>();
    byId.computeIfAbsent(first.id(), k -> new ArrayList<>()).add(first);
    while (it.hasNext()) {
      IdRef r = it.next();
      byId.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r);
    }
    for (List<IdRef> all : byId.values()) {
      all.sort(FIRST);
      for (int i = 1; i < all.size(); i++) loser.accept(all.get(i), all.get(0));
    }
  }

  static String detail(IdRef loser, IdRef winner) {
    return "id '"
        + loser.id()
        + "' was already used by "
        + winner.source()
        + " "
        + winner.location();
  }

  /**
   * The dead letter for {@code d} when the check's answer names it as a loser, else null. An empty answer (the
   * usual case) costs nothing per document.
   */
  public static DeadLetter check(Doc d, Map<String, String> losers) {
    if (losers.isEmpty()) return null;
    String detail = losers.get(IdRef.recordKey(d));
    if (detail == null) return null;
    return DeadLetter.of(
        "parse", "duplicate_id", detail, d.source(), d.location(), d.pos(), asRead(d));
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * The record as it was read, for the dead letter's raw: {@code {the fields it carries, "id", "text"}} as
   * JSON (its bytes are gone by the time a duplicate id is known; source and location point at them). A field read
   * from Parquet is left out: its value is Avro, not JSON.
   */
  static String asRead(Doc d) {
    var o = JSON.createObjectNode();
    InputValues in = d.input();
    for (int i = 0; i < in.size(); i++) {
      String type = in.type(i);
      if (type.startsWith(FieldTypes.AVRO)) continue;
      String v = new String(in.value(i), java.nio.charset.StandardCharsets.UTF_8);
      if (type.equals(FieldTypes.STRING)) o.put(in.name(i), v);
      else o.putRawValue(in.name(i), new com.fasterxml.jackson.databind.util.RawValue(v));
    }
    o.put("id", d.id()); // last: a carried field of the same name does not hide the record's own
    o.put("text", d.text());
    return o.toString();
  }
}
