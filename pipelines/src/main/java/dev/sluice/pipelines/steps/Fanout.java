package dev.sluice.pipelines.steps;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.util.VarInt;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Multi-output steps without the runner re-encoding every element for every consumer. Beam's Flink batch
 * translation hands each consumer of a multi-output ParDo the whole tagged stream, encoded once per consumer and
 * decoded by each: a step with four outputs encoded and decoded every document four times. A step written with
 * this class emits one stream of {@link Tagged} elements instead, each encoded once, by its tag's coder, when it is
 * emitted; {@link #split} turns the stream into one PCollection per tag, and each consumer then only copies bytes
 * and decodes nothing but its own elements. The contents of every output are exactly what a multi-output ParDo
 * would have produced.
 *
 * <p>The runner still ships the whole stream to every consumer, documents and images included, which a consumer of
 * the dead letters or the counts never reads. So {@link #split} gives the bulky outputs ({@link Tags#DOCS},
 * {@link Tags#IMAGES}) a consumer each and the small outputs one {@link #light} stream between them: a document
 * crosses two edges instead of one per output.
 */
public final class Fanout {
  private Fanout() {}

  /** One output element: the index of its tag in the step's {@link Outputs}, and its encoding by that tag's coder. */
  public record Tagged(int tag, byte[] bytes) {}

  public static final Coder<Tagged> CODER = new TaggedCoder();

  /**
   * The tagged stream itself, in every {@link #split}'s tuple: for a consumer that takes a bulky output as a
   * {@link Part} of the stream rather than unpacked (one encoding and decoding of every record fewer).
   */
  public static final TupleTag<Tagged> STREAM = new TupleTag<>("tagged") {};

  /** The outputs of one step, in order, each with its coder; shared by the step (to emit) and {@link #split}. */
  public static final class Outputs implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<TupleTag<?>> tags = new ArrayList<>();
    private final List<Coder<?>> coders = new ArrayList<>();

    private Outputs() {}

    /** The given standard tags ({@link Tags}) with their hand-written coders. */
    public static Outputs of(TupleTag<?>... standard) {
      Outputs o = new Outputs();
      for (TupleTag<?> t : standard) o.add(t, Tags.coder(t));
      return o;
    }

    /** These outputs, then {@code more}'s: what a light copy carries when an {@link Observer} adds its own. */
    public Outputs plus(Outputs more) {
      Outputs o = new Outputs();
      for (int i = 0; i < tags.size(); i++) o.add(tags.get(i), coders.get(i));
      for (int i = 0; i < more.tags.size(); i++) o.add(more.tags.get(i), more.coders.get(i));
      return o;
    }

    /** Adds a tag with its own coder. */
    public <T> Outputs and(TupleTag<T> tag, Coder<T> coder) {
      add(tag, coder);
      return this;
    }

    private void add(TupleTag<?> tag, Coder<?> coder) {
      for (TupleTag<?> t : tags) {
        if (t.getId().equals(tag.getId()))
          throw new IllegalArgumentException("output " + tag.getId() + " twice");
      }
      tags.add(tag);
      coders.add(coder);
    }

    int indexOf(TupleTag<?> tag) {
      for (int i = 0; i < tags.size(); i++) if (tags.get(i).getId().equals(tag.getId())) return i;
      throw new IllegalArgumentException("not an output of this step: " + tag.getId());
    }

    /** One output, read straight from the tagged stream by a consumer that takes the stream itself. */
    @SuppressWarnings("unchecked")
    public <T> Part<T> part(TupleTag<T> tag) {
      int i = indexOf(tag);
      return new Part<>(i, (Coder<T>) coders.get(i));
    }

    /** A new emitter for one DoFn instance (not thread-safe: it reuses one buffer). */
    public Emitter emitter() {
      return new Emitter(this);
    }
  }

  /** Encodes elements of a step's outputs into {@link Tagged} values. */
  public static final class Emitter {
    private final Outputs outputs;
    private final BytesOut buffer = new BytesOut();

    private Emitter(Outputs outputs) {
      this.outputs = outputs;
    }

    @SuppressWarnings("unchecked")
    public <T> Tagged of(TupleTag<T> tag, T value) {
      int i = outputs.indexOf(tag);
      buffer.reset();
      try {
        ((Coder<T>) outputs.coders.get(i)).encode(value, buffer);
      } catch (IOException e) {
        throw new UncheckedIOException("could not encode an element of output " + tag.getId(), e);
      }
      return new Tagged(i, buffer.toByteArray());
    }
  }

  /**
   * One output's elements in a tagged stream: a consumer that takes the stream itself (so that the runner ships
   * bytes and the consumer decodes its elements once) picks them out with {@link #decode}.
   */
  public static final class Part<T> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int tag;
    private final Coder<T> coder;
    private transient BytesIn in;

    private Part(int tag, Coder<T> coder) {
      this.tag = tag;
      this.coder = coder;
    }

    /** The element as its output's coder encoded it, when {@code t} belongs to this output; else null. */
    public byte[] encoded(Tagged t) {
      return t.tag() == tag ? t.bytes() : null;
    }

    /** The element, decoded, when {@code t} belongs to this output; null when it belongs to another. */
    public T decode(Tagged t) {
      if (t.tag() != tag) return null;
      if (in == null) in = new BytesIn();
      in.reset(t.bytes());
      try {
        return coder.decode(in);
      } catch (IOException e) {
        throw new UncheckedIOException("could not decode an element of output #" + tag, e);
      }
    }
  }

  /** One PCollection per output of the step that produced {@code tagged}, named after its tag, with its coder. */
  public static PCollectionTuple split(PCollection<Tagged> tagged, Outputs outputs) {
    return split(tagged, outputs, outputs.tags.toArray(new TupleTag<?>[0]));
  }

  /**
   * As {@link #split}, for the given outputs only: an output that is consumed as a {@link Part} of the stream
   * must not also be unpacked (the runner would decode it for nobody). Where two or more small outputs are wanted
   * from a stream that carries a bulky one, they are unpacked from its {@link #light} copy.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static PCollectionTuple split(
      PCollection<Tagged> tagged, Outputs outputs, TupleTag<?>... only) {
    tagged.setCoder(CODER);
    int small = 0;
    for (TupleTag<?> wanted : only) if (!bulky(wanted)) small++;
    PCollection<Tagged> light =
        small >= 2 && outputs.tags.stream().anyMatch(Fanout::bulky)
            ? light(tagged, outputs, false)
            : tagged;
    return split(tagged, light, outputs, only);
  }

  /**
   * As {@link #split}, the small outputs unpacked from {@code light}: a {@link #light} copy of {@code tagged} that
   * the caller also uses itself (to count the records, say), which has set {@code tagged}'s coder.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static PCollectionTuple split(
      PCollection<Tagged> tagged, PCollection<Tagged> light, Outputs outputs, TupleTag<?>... only) {
    PCollectionTuple out = PCollectionTuple.of(STREAM, tagged);
    for (TupleTag<?> wanted : only) {
      int i = outputs.indexOf(wanted);
      TupleTag tag = outputs.tags.get(i);
      Coder coder = outputs.coders.get(i);
      PCollection<Tagged> from = bulky(wanted) ? tagged : light;
      PCollection pc = (PCollection) from.apply(tag.getId(), ParDo.of(new UnpackFn(i, coder)));
      pc.setCoder(coder);
      out = out.and(tag, pc);
    }
    return out;
  }

  /**
   * As {@link #split}, every output but {@code inStream}: the records of that one are left in the stream
   * ({@link #STREAM}) for a consumer that reads them as a {@link Part} (unpacked for nobody, the runner would still
   * decode them all).
   */
  public static PCollectionTuple splitLeaving(
      PCollection<Tagged> tagged, Outputs outputs, TupleTag<?> inStream) {
    return splitLeaving(tagged, outputs, inStream, null);
  }

  /**
   * As {@link #splitLeaving(PCollection, Outputs, TupleTag)}, with {@code observer} (when not null) watching the
   * records left in the stream from the same light copy that carries the small outputs, its own outputs added to
   * the tuple: one consumer of the stream fewer than observing it apart, so the runner ships every record once less.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static PCollectionTuple splitLeaving(
      PCollection<Tagged> tagged, Outputs outputs, TupleTag<?> inStream, Observer observer) {
    int left = outputs.indexOf(inStream);
    List<TupleTag<?>> rest = new ArrayList<>(outputs.tags);
    rest.remove(left);
    if (observer == null) return split(tagged, outputs, rest.toArray(new TupleTag<?>[0]));
    Outputs all = outputs.plus(observer.outputs());
    tagged.setCoder(CODER);
    PCollection<Tagged> light =
        tagged.apply("Light", ParDo.of(new ObservingLightFn(all, left, observer))).setCoder(CODER);
    rest.addAll(observer.outputs().tags);
    return split(tagged, light, all, rest.toArray(new TupleTag<?>[0]));
  }

  /**
   * What a step's light copy ({@link #splitLeaving(PCollection, Outputs, TupleTag, Observer)}) also makes of the
   * records it drops: it sees each of them, and emits its own elements (of {@link #outputs}) per bundle.
   */
  public interface Observer extends Serializable {
    /** Its outputs, emitted in the light copy after the step's own (by an emitter of both). */
    Outputs outputs();

    /** One record of the stream that the light copy drops. */
    void observe(Tagged record);

    /** At the end of a bundle: its elements for the bundle, encoded with {@code emit}, given to {@code out}. */
    void finish(Emitter emit, Consumer<Tagged> out);
  }

  /** A light copy that drops one output's records after showing each to an {@link Observer}. */
  static final class ObservingLightFn extends DoFn<Tagged, Tagged> {
    private final Outputs all;
    private final int observed;
    private final Observer observer;
    private transient Emitter emit;

    ObservingLightFn(Outputs all, int observed, Observer observer) {
      this.all = all;
      this.observed = observed;
      this.observer = observer;
    }

    @Setup
    public void setup() {
      emit = all.emitter();
    }

    @ProcessElement
    public void process(@Element Tagged t, OutputReceiver<Tagged> out) {
      if (t.tag() == observed) observer.observe(t);
      else out.output(t);
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      observer.finish(
          emit, t -> c.output(t, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE));
    }
  }

  /** The outputs whose elements are the records themselves: documents and images. */
  static boolean bulky(TupleTag<?> tag) {
    return tag.getId().equals(Tags.DOCS.getId()) || tag.getId().equals(Tags.IMAGES.getId());
  }

  /**
   * The stream without the bulky outputs' bytes: their elements dropped, or (with {@code markers}) kept as
   * elements of the same tag with no bytes, for a consumer that counts them without reading them.
   */
  public static PCollection<Tagged> light(
      PCollection<Tagged> tagged, Outputs outputs, boolean markers) {
    boolean[] drop = new boolean[outputs.tags.size()];
    for (int i = 0; i < drop.length; i++) drop[i] = bulky(outputs.tags.get(i));
    tagged.setCoder(CODER);
    return tagged
        .apply(markers ? "Markers" : "Light", ParDo.of(new LightFn(drop, markers)))
        .setCoder(CODER);
  }

  static final class LightFn extends DoFn<Tagged, Tagged> {
    private static final byte[] NONE = new byte[0];
    private final boolean[] drop;
    private final boolean markers;

    LightFn(boolean[] drop, boolean markers) {
      this.drop = drop;
      this.markers = markers;
    }

    @ProcessElement
    public void process(@Element Tagged t, OutputReceiver<Tagged> out) {
      if (!drop[t.tag()]) out.output(t);
      else if (markers) out.output(new Tagged(t.tag(), NONE));
    }
  }

  static final class UnpackFn<T> extends DoFn<Tagged, T> {
    private final Part<T> part;

    UnpackFn(int tag, Coder<T> coder) {
      this.part = new Part<>(tag, coder);
    }

    @ProcessElement
    public void process(@Element Tagged t, OutputReceiver<T> out) {
      T value = part.decode(t);
      if (value != null) out.output(value);
    }
  }

  static final class TaggedCoder extends AtomicCoder<Tagged> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(Tagged t, OutputStream out) throws IOException {
      VarInt.encode(t.tag(), out);
      VarInt.encode(t.bytes().length, out);
      out.write(t.bytes());
    }

    @Override
    public Tagged decode(InputStream in) throws IOException {
      int tag = VarInt.decodeInt(in);
      byte[] b = new byte[VarInt.decodeInt(in)];
      if (in.readNBytes(b, 0, b.length) != b.length)
        throw new java.io.EOFException("tagged element cut short");
      return new Tagged(tag, b);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
