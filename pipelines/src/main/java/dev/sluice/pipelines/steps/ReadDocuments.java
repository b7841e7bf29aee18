package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.io.FieldTypes;
import dev.sluice.pipelines.io.FileReader;
import dev.sluice.pipelines.io.InputSettings;
import dev.sluice.pipelines.model.Doc;
import dev.sluice.pipelines.model.IdRef;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Reads the (already expanded, sorted) input files in parallel. Outputs: dead letters (Tags.DEAD), a reference per
 * document for the duplicate-id check ({@link #IDS}), what it read counted for the tally ({@link #INPUT}), and the
 * tagged stream itself ({@link #TAGGED}) from which the next step takes the documents ({@link #DOCS}): the runner
 * then ships the documents' bytes once, and they are decoded once, by the step that uses them.
 */
public final class ReadDocuments extends PTransform<PBegin, PCollectionTuple> {
  private final List<String> files;
  private final InputSettings settings;

  public ReadDocuments(List<String> files, InputSettings settings) {
    this.files = files;
    this.settings = settings;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollection<Fanout.Tagged> parsed =
        begin
            .apply("ListFiles", Create.of(files).withCoder(StringUtf8Coder.of()))
            .apply("SpreadFiles", Reshuffle.viaRandomKey())
            .apply("ParseFiles", ParDo.of(new ReadFileFn(settings, OUTPUTS)));
    int ids = OUTPUTS.indexOf(IDS);
    int fields = OUTPUTS.indexOf(FIELDS);
    int skippedTag = OUTPUTS.indexOf(SKIPPED);
    Fanout.Part<String> skipped = OUTPUTS.part(SKIPPED);
    // the documents go on in `parsed`; what is counted and unpacked here comes from a copy that
    // holds each document as an empty marker, so that the runner ships a document twice, not five
    // times
    PCollection<Fanout.Tagged> light = Fanout.light(parsed, OUTPUTS, true);
    return Fanout.split(parsed, light, OUTPUTS, Tags.DEAD, IDS, FIELDS)
        .and(
            INPUT,
            light.apply(
                "CountInput",
                Tally.keys(
                    t ->
                        t.tag() == ids || t.tag() == fields
                            ? null
                            : t.tag() == skippedTag
                                ? SKIPPED_PREFIX + skipped.decode(t)
                                : "input")));
  }

  /** One per document: what {@link DedupIds} groups instead of the document. */
  public static final TupleTag<IdRef> IDS = new TupleTag<>("ids") {};

  /** The types of the input fields seen, one partial per bundle (documents only), for {@link ResolveColumns}. */
  public static final TupleTag<FieldTypes> FIELDS = new TupleTag<>("fields") {};

  /**
   * One per record the input format left out by rule (the warc format's requests, images, 404s...): its reason,
   * counted under {@link #SKIPPED_PREFIX}{@code <reason>}, outside the documents' counts.
   */
  public static final TupleTag<String> SKIPPED = new TupleTag<>("skipped") {};

  /** The tally key prefix of the records skipped by rule. */
  public static final String SKIPPED_PREFIX = "skipped:";

  static final Fanout.Outputs OUTPUTS =
      Fanout.Outputs.of(Tags.DOCS, Tags.DEAD)
          .and(IDS, IdRef.CODER)
          .and(FIELDS, FieldTypes.CODER)
          .and(SKIPPED, org.apache.beam.sdk.coders.StringUtf8Coder.of());

  /** Everything read, as tagged elements; the documents are its {@link #DOCS} part. */
  public static final TupleTag<Fanout.Tagged> TAGGED = Fanout.STREAM;

  public static final Fanout.Part<Doc> DOCS = OUTPUTS.part(Tags.DOCS);

  /**
   * Partial counts of records read ("input": documents and dead letters), per bundle, for the tally: counted
   * without decoding them.
   */
  public static final TupleTag<KV<String, Long>> INPUT = new TupleTag<>("input") {};

  static final class ReadFileFn extends DoFn<String, Fanout.Tagged> {
    private final InputSettings settings;
    private final Fanout.Outputs outputs;
    private final StageClock clock = new StageClock("read");
    private transient FileReader reader;
    private transient Fanout.Emitter emit;

    ReadFileFn(InputSettings settings, Fanout.Outputs outputs) {
      this.settings = settings;
      this.outputs = outputs;
    }

    @Setup
    public void setup() {
      reader = new FileReader(settings);
      emit = outputs.emitter();
    }

    @ProcessElement
    public void process(@Element String file, OutputReceiver<Fanout.Tagged> out) {
      long t = clock.start();
      reader.read(
          file,
          d -> {
            Progress.READ.increment();
            out.output(emit.of(Tags.DOCS, d));
            out.output(emit.of(IDS, IdRef.of(d)));
          },
          dl -> {
            Progress.READ.increment();
            out.output(emit.of(Tags.DEAD, dl));
          },
          reason -> out.output(emit.of(SKIPPED, reason)));
      clock.stop(t);
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      FieldTypes seen = reader.takeObserved();
      if (!seen.isEmpty()) {
        c.output(
            emit.of(FIELDS, seen), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
      clock.flush();
    }
  }
}
