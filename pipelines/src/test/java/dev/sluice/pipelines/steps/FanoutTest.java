package dev.sluice.pipelines.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.IdRef;
import dev.sluice.pipelines.model.RemovedDoc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.junit.jupiter.api.Test;

/** Fanout's tagged elements carry each output's own encoding through the runner and back; DedupIds' decisions. */
class FanoutTest {
  private static Doc doc(String id, String source, long pos, String text) {
    return Doc.parsed(id, text, source, "line", pos)
        .withSignals(java.util.Map.of("gopher_quality.word_count", 3.0));
  }

  /** What a consumer of one tag sees: the elements of that tag, decoded, in order. */
  private static <T> List<T> unpack(
      List<Fanout.Tagged> stream,
      Fanout.Outputs outputs,
      TupleTag<T> tag,
      org.apache.beam.sdk.coders.Coder<T> coder)
      throws IOException {
    Fanout.UnpackFn<T> fn = new Fanout.UnpackFn<>(outputs.indexOf(tag), coder);
    List<T> out = new ArrayList<>();
    for (Fanout.Tagged t : stream) {
      // through the runner: the tagged element itself is encoded and decoded once per consumer
      Fanout.Tagged wire =
          CoderUtils.decodeFromByteArray(
              Fanout.CODER, CoderUtils.encodeToByteArray(Fanout.CODER, t));
      fn.process(
          wire,
          new org.apache.beam.sdk.transforms.DoFn.OutputReceiver<T>() {
            @Override
            public void output(T x) {
              out.add(x);
            }

            @Override
            public void outputWithTimestamp(T x, org.joda.time.Instant ts) {
              out.add(x);
            }
          });
    }
    return out;
  }

  @Test
  void eachOutputGetsExactlyItsOwnElementsBack() throws IOException {
    TupleTag<KV<String, String>> pairs = new TupleTag<>("pairs") {};
    KvCoder<String, String> pairCoder = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
    Fanout.Outputs outputs =
        Fanout.Outputs.of(Tags.DOCS, Tags.REMOVED, Tags.DEAD).and(pairs, pairCoder);
    Fanout.Emitter emit = outputs.emitter();
    Doc a =
        doc(
            "a",
            "x.jsonl",
            1,
            "Ünïcödé \ud83d\ude00 text. ".repeat(400)); // longer than the 4 KB buffer
    Doc b = doc("b", "x.jsonl", 2, "");
    RemovedDoc r = RemovedDoc.of(a, RemovedDoc.QUALITY, "c4.too_few_sentences", null, 2);
    DeadLetter dl =
        DeadLetter.of("parse", "bad_json", "line 3: oops", "x.jsonl", "line 3", 3, "{not json");
    List<Fanout.Tagged> stream =
        List.of(
            emit.of(Tags.DOCS, a),
            emit.of(Tags.REMOVED, r),
            emit.of(pairs, KV.of("p", "q")),
            emit.of(Tags.DEAD, dl),
            emit.of(Tags.DOCS, b));

    List<Doc> docs = unpack(stream, outputs, Tags.DOCS, Doc.CODER);
    assertEquals(2, docs.size());
    assertEquals(a.text(), docs.get(0).text());
    assertEquals(a.signals(), docs.get(0).signals());
    assertEquals("b", docs.get(1).id());
    assertEquals(List.of(r), unpack(stream, outputs, Tags.REMOVED, RemovedDoc.CODER));
    assertEquals(List.of(dl), unpack(stream, outputs, Tags.DEAD, DeadLetter.CODER));
    assertEquals(List.of(KV.of("p", "q")), unpack(stream, outputs, pairs, pairCoder));

    // a consumer of the stream itself picks out one output's part: the same elements, nothing of
    // the others
    Fanout.Part<Doc> part = SerializableUtils.clone(outputs.part(Tags.DOCS));
    List<String> ids = new ArrayList<>();
    for (Fanout.Tagged t : stream) {
      Doc d =
          part.decode(
              CoderUtils.decodeFromByteArray(
                  Fanout.CODER, CoderUtils.encodeToByteArray(Fanout.CODER, t)));
      if (d != null) ids.add(d.id() + ":" + d.text().length());
    }
    assertEquals(List.of("a:" + a.text().length(), "b:0"), ids);
  }

  @Test
  void anOutputTheStepDoesNotHaveOrACutElementIsAnError() throws IOException {
    Fanout.Outputs outputs = Fanout.Outputs.of(Tags.DOCS);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            outputs
                .emitter()
                .of(Tags.DEAD, DeadLetter.of("parse", "x", "y", "s", "line 1", 1, "z")));
    assertThrows(IllegalArgumentException.class, () -> Fanout.Outputs.of(Tags.DOCS, Tags.DOCS));
    byte[] whole =
        CoderUtils.encodeToByteArray(Fanout.CODER, new Fanout.Tagged(1, new byte[] {1, 2, 3}));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 1);
    assertThrows(
        java.io.EOFException.class,
        () -> Fanout.CODER.decode(new java.io.ByteArrayInputStream(cut)));
  }

  @Test
  void anObservingLightCopyShowsTheObserverWhatItDropsAndNumbersItsOutputsAfterTheSteps() {
    TupleTag<String> notes = new TupleTag<>("notes") {};
    Fanout.Outputs step = Fanout.Outputs.of(Tags.DOCS, Tags.REMOVED, Tags.DEAD);
    Fanout.Outputs mine = Fanout.Outputs.of().and(notes, StringUtf8Coder.of());
    Fanout.Outputs all = step.plus(mine);
    assertEquals(step.indexOf(Tags.DEAD), all.indexOf(Tags.DEAD));
    assertEquals(3, all.indexOf(notes));
    assertThrows(IllegalArgumentException.class, () -> step.plus(Fanout.Outputs.of(Tags.DEAD)));

    List<Fanout.Tagged> seen = new ArrayList<>();
    Fanout.Observer observer =
        new Fanout.Observer() {
          @Override
          public Fanout.Outputs outputs() {
            return mine;
          }

          @Override
          public void observe(Fanout.Tagged record) {
            seen.add(record);
          }

          @Override
          public void finish(Fanout.Emitter emit, java.util.function.Consumer<Fanout.Tagged> out) {
            out.accept(emit.of(notes, seen.size() + " seen"));
          }
        };
    Fanout.ObservingLightFn fn = new Fanout.ObservingLightFn(all, all.indexOf(Tags.DOCS), observer);
    fn.setup();
    Fanout.Emitter emit = step.emitter();
    DeadLetter dl = DeadLetter.of("parse", "bad_json", "line 3: oops", "x.jsonl", "line 3", 3, "{");
    Fanout.Tagged docA = emit.of(Tags.DOCS, doc("a", "x.jsonl", 1, "a"));
    Fanout.Tagged dead = emit.of(Tags.DEAD, dl);
    Fanout.Tagged docB = emit.of(Tags.DOCS, doc("b", "x.jsonl", 2, "b"));
    List<Fanout.Tagged> light = new ArrayList<>();
    for (Fanout.Tagged t : List.of(docA, dead, docB))
      fn.process(
          t,
          new org.apache.beam.sdk.transforms.DoFn.OutputReceiver<Fanout.Tagged>() {
            @Override
            public void output(Fanout.Tagged x) {
              light.add(x);
            }

            @Override
            public void outputWithTimestamp(Fanout.Tagged x, org.joda.time.Instant ts) {
              light.add(x);
            }
          });
    assertEquals(List.of(docA, docB), seen);
    assertEquals(List.of(dead), light);
    observer.finish(all.emitter(), light::add);
    Fanout.Part<String> notesPart = all.part(notes);
    assertEquals("2 seen", notesPart.decode(light.get(1)));
    assertNull(all.part(Tags.DEAD).decode(light.get(1)));
    assertEquals(dl, all.part(Tags.DEAD).decode(light.get(0)));
  }

  @Test
  void idsThatShareAHashGroupAreEachDecidedOnTheirOwn() throws IOException {
    // one hash group holding two ids (a 64-bit collision): each id keeps its first record by
    // (source, position)
    List<IdRef> group =
        List.of(
            ref("x", "b.jsonl", 1),
            ref("y", "a.jsonl", 9),
            ref("x", "a.jsonl", 5),
            ref("x", "a.jsonl", 7));
    Map<String, String> losers = new HashMap<>();
    DedupIds.losers(
        group, (loser, winner) -> losers.put(loser.recordKey(), DedupIds.detail(loser, winner)));
    assertEquals(2, losers.size());
    IdRef r = ref("x", "b.jsonl", 1);
    assertEquals(
        r,
        CoderUtils.decodeFromByteArray(IdRef.CODER, CoderUtils.encodeToByteArray(IdRef.CODER, r)));

    Doc line7 = doc("x", "a.jsonl", 7, "x in a, line 7");
    Doc inB = doc("x", "b.jsonl", 1, "x in b");
    DeadLetter d7 = DedupIds.check(line7, losers);
    assertEquals("duplicate_id", d7.reason());
    assertEquals("line 7", d7.location());
    assertEquals("id 'x' was already used by a.jsonl line 5", d7.detail());
    assertEquals("{\"id\":\"x\",\"text\":\"x in b\"}", DedupIds.check(inB, losers).raw());
    assertNull(DedupIds.check(doc("x", "a.jsonl", 5, "x in a, line 5"), losers));
    assertNull(DedupIds.check(doc("y", "a.jsonl", 9, "y"), losers));

    List<IdRef> lone = new ArrayList<>();
    DedupIds.losers(List.of(ref("z", "a.jsonl", 1)), (loser, winner) -> lone.add(loser));
    assertEquals(0, lone.size());
    assertNull(DedupIds.check(doc("z", "a.jsonl", 1, "z"), Map.of()));
  }

  private static IdRef ref(String id, String source, long pos) {
    return new IdRef(id, source, "line", pos);
  }
}
