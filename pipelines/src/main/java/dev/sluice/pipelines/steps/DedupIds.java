package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.DeadLetter;
import dev.sluice.pipelines.model.Doc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * One document per id: the first by (source, position) keeps it; every later record with that id is a dead
 * letter ({@code parse.duplicate_id}), so no id is ever both kept and removed, or kept twice.
 */
public final class DedupIds extends PTransform<PCollection<Doc>, PCollectionTuple> {
  static final Comparator<Doc> FIRST = Comparator.comparing((Doc d) -> d.source).thenComparingLong(d -> d.pos);

  @Override
  public PCollectionTuple expand(PCollection<Doc> docs) {
    return Tags.withCoders(docs
        .apply("KeyById", WithKeys.of((Doc d) -> d.id).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), Doc.CODER))
        .apply("GroupById", GroupByKey.create())
        .apply("FirstPerId", ParDo.of(new FirstFn()).withOutputTags(Tags.DOCS, TupleTagList.of(Tags.DEAD))));
  }

  static final class FirstFn extends DoFn<KV<String, Iterable<Doc>>, Doc> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<Doc>> group, MultiOutputReceiver out) {
      List<Doc> all = new ArrayList<>();
      for (Doc d : group.getValue()) all.add(d);
      if (all.size() == 1) {
        out.get(Tags.DOCS).output(all.get(0));
        return;
      }
      all.sort(FIRST);
      Doc first = all.get(0);
      out.get(Tags.DOCS).output(first);
      for (int i = 1; i < all.size(); i++) {
        Doc d = all.get(i);
        out.get(Tags.DEAD).output(DeadLetter.of("parse", "duplicate_id", "id '" + d.id
            + "' was already used by " + first.source + " " + first.location(), d.source, d.location(), d.pos, d.text));
      }
    }
  }
}
