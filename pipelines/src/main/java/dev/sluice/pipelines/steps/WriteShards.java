package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.io.InputColumns;
import dev.sluice.pipelines.io.ShardSink;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.openhft.hashing.LongHashFunction;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Deterministic sharded files: M = max(ceil(rows / shard_rows), ceil(bytes / shard_bytes)) shards (the byte
 * target only when a measure is given, and never more shards than rows), each
 * row in shard {@code xxHash64(sort key) mod M}, rows sorted by the key inside a shard (ties by their encoded
 * bytes). Each shard is written to a hidden temporary name in the target folder and renamed to
 * {@code part-NNNNN-of-MMMMM.ext} only when complete, so a reader never sees a partial shard under a final name.
 * Output: the final file names. Shards that would be empty are not written here; the run fills them in
 * ({@code atLeastOne} and gaps) so M files always exist.
 *
 * <p>Memory: a shard is never held whole. The grouping key carries M, so the writing step needs no side input and
 * Flink chains it to the grouping: the rows stream from Flink's sorted, spillable group into an {@link ExternalSort}
 * that keeps at most {@link #SORT_BUFFER_BYTES} on the heap (a shard of 50,000 documents was one record of hundreds
 * of MB on the wire, decoded whole, and a TaskManager ran out of heap at 1 M input documents).
 */
public final class WriteShards<T> extends PTransform<PCollection<T>, PCollection<String>> {
  private final String dir;
  private final int shardRows;
  private final long shardBytes;
  private final SerializableFunction<T, Long> bytes;
  private final Coder<T> coder;
  private final SerializableFunction<T, String> sortKey;
  private final ShardSink<T> sink;
  private final String stage;
  private final PCollectionView<InputColumns> columns;
  private final PCollection<KV<String, Long>> counted;

  public WriteShards(
      String stage,
      String dir,
      int shardRows,
      Coder<T> coder,
      SerializableFunction<T, String> sortKey,
      ShardSink<T> sink) {
    this(stage, dir, shardRows, 0, null, coder, sortKey, sink);
  }

  /**
   * @param shardBytes also at most this many bytes per shard, as {@code bytes} measures a row (0: rows only)
   */
  public WriteShards(
      String stage,
      String dir,
      int shardRows,
      long shardBytes,
      SerializableFunction<T, Long> bytes,
      Coder<T> coder,
      SerializableFunction<T, String> sortKey,
      ShardSink<T> sink) {
    this.stage = stage;
    this.dir = dir;
    this.shardRows = shardRows;
    this.shardBytes = bytes == null ? 0 : shardBytes;
    this.bytes = bytes;
    this.coder = coder;
    this.sortKey = sortKey;
    this.sink = sink;
    this.columns = null;
    this.counted = null;
  }

  private WriteShards(
      WriteShards<T> o,
      PCollectionView<InputColumns> columns,
      PCollection<KV<String, Long>> counted) {
    this.stage = o.stage;
    this.dir = o.dir;
    this.shardRows = o.shardRows;
    this.shardBytes = o.shardBytes;
    this.bytes = o.bytes;
    this.coder = o.coder;
    this.sortKey = o.sortKey;
    this.sink = o.sink;
    this.columns = columns;
    this.counted = counted;
  }

  /**
   * Writes the input's own fields as the given columns. They are only known once the input is read, and the
   * writing step must stay without a side input (see above): the step that assigns shards, which has side
   * inputs anyway, sends them along once per shard and bundle, ahead of that bundle's rows of the shard.
   */
  public WriteShards<T> withColumns(PCollectionView<InputColumns> view) {
    return new WriteShards<>(this, view, counted);
  }

  /**
   * Takes the rows' count from {@code partials} ({@link #counts} of the same rows, made by the caller) instead of
   * counting them again: a caller that needs the count too (the run's tally) then reads the rows once, not twice.
   * On the Flink runner every extra consumer of a collection is one more encoding and decoding of every row.
   */
  public WriteShards<T> withCounts(PCollection<KV<String, Long>> partials) {
    return new WriteShards<>(this, columns, partials);
  }

  /** Per-bundle partial counts of rows, under "rows", and their bytes as {@code bytes} measures them, "bytes". */
  public static <T> PTransform<PCollection<T>, PCollection<KV<String, Long>>> counts(
      SerializableFunction<T, Long> bytes) {
    return new PTransform<>() {
      @Override
      public PCollection<KV<String, Long>> expand(PCollection<T> rows) {
        return rows.apply(ParDo.of(new CountFn<>(bytes)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
      }
    };
  }

  public static String name(int shard, int of, String ext) {
    return String.format(Locale.ROOT, "part-%05d-of-%05d%s", shard, of, ext);
  }

  /** The rows of a shard kept on the heap while it is sorted; beyond this, sorted runs go to temporary files. */
  public static final long SORT_BUFFER_BYTES = 64L << 20;

  public static int shardCount(long rows, int shardRows) {
    return (int) ((rows + shardRows - 1) / shardRows);
  }

  /** M: enough shards for at most shardRows rows and (when shardBytes > 0) at most shardBytes bytes each. */
  public static int shardCount(long rows, long bytes, int shardRows, long shardBytes) {
    long byBytes = shardBytes > 0 ? (bytes + shardBytes - 1) / shardBytes : 0;
    return (int) Math.max(shardCount(rows, shardRows), Math.min(byBytes, rows));
  }

  @Override
  public PCollection<String> expand(PCollection<T> rows) {
    // one partial count per bundle, summed: Count.globally() would send every row through a combine
    // that the runner sorts (all under one key, so every comparison falls back to decoding both
    // keys)
    PCollection<KV<String, Long>> partials =
        counted != null ? counted : rows.apply("CountRows", counts(bytes));
    return write(rows, countView(partials), new ObjectRows<>(sortKey));
  }

  /**
   * As this transform, for rows that are the {@code part} of a tagged stream ({@link Fanout#STREAM}), encoded by
   * the rows' coder: each row goes to its shard as the bytes it came in, under the sort key {@code keyOf} reads
   * from them (the same as the row's {@code sortKey}), and is decoded once, when it is written. On Flink this saves
   * unpacking the rows into a collection of their own and the shard step's decoding and encoding every row again.
   * Needs the rows' count from the caller ({@link #withCounts}).
   */
  public PTransform<PCollection<Fanout.Tagged>, PCollection<String>> fromStream(
      Fanout.Part<T> part, SerializableFunction<byte[], String> keyOf) {
    if (counted == null) throw new IllegalStateException("rows from a stream need withCounts");
    return new PTransform<>() {
      @Override
      public PCollection<String> expand(PCollection<Fanout.Tagged> stream) {
        return write(stream, countView(counted), new EncodedRows<>(part, keyOf));
      }
    };
  }

  /** The partial counts summed, as the side input that sizes the shards. */
  private static PCollectionView<Map<String, Long>> countView(
      PCollection<KV<String, Long>> partials) {
    return partials.apply("SumRows", Sum.longsPerKey()).apply("AsView", View.asMap());
  }

  private <I> PCollection<String> write(
      PCollection<I> rows, PCollectionView<Map<String, Long>> count, Rows<I, T> framing) {
    List<PCollectionView<?>> views = new ArrayList<>();
    views.add(count);
    if (columns != null) views.add(columns);
    return rows.apply(
            "AssignShard",
            ParDo.of(new AssignFn<>(count, columns, shardRows, shardBytes, framing))
                .withSideInputs(views))
        .setCoder(KvCoder.of(KvCoder.of(VarIntCoder.of(), VarIntCoder.of()), Framed.coder(coder)))
        .apply("GroupShard", GroupByKey.create())
        .apply(
            "WriteShard",
            ParDo.of(new WriteFn<>(stage, dir, coder, sortKey, sink, SORT_BUFFER_BYTES)))
        .setCoder(StringUtf8Coder.of());
  }

  /** Per bundle: rows, and bytes when a measure is given. */
  static final class CountFn<T> extends DoFn<T, KV<String, Long>> {
    private final SerializableFunction<T, Long> bytes;
    private long n;
    private long b;

    CountFn(SerializableFunction<T, Long> bytes) {
      this.bytes = bytes;
    }

    @ProcessElement
    public void process(@Element T row) {
      n++;
      if (bytes != null) b += bytes.apply(row);
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      if (n > 0) {
        c.output(KV.of("rows", n), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
        c.output(KV.of("bytes", b), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
      n = 0;
      b = 0;
    }
  }

  /** What the shard step receives, as a shard's group carries it: a row with its sort key, or null for none. */
  interface Rows<I, T> extends Serializable {
    Framed<T> frame(I in);
  }

  /** Rows as objects, keyed by the sort key. */
  static final class ObjectRows<T> implements Rows<T, T> {
    private final SerializableFunction<T, String> sortKey;

    ObjectRows(SerializableFunction<T, String> sortKey) {
      this.sortKey = sortKey;
    }

    @Override
    public Framed<T> frame(T row) {
      return Framed.row(sortKey.apply(row), row);
    }
  }

  /** Rows as the encoded part of a tagged stream; the stream's other elements are not rows. */
  static final class EncodedRows<T> implements Rows<Fanout.Tagged, T> {
    private final Fanout.Part<T> part;
    private final SerializableFunction<byte[], String> keyOf;

    EncodedRows(Fanout.Part<T> part, SerializableFunction<byte[], String> keyOf) {
      this.part = part;
      this.keyOf = keyOf;
    }

    @Override
    public Framed<T> frame(Fanout.Tagged t) {
      byte[] b = part.encoded(t);
      return b == null ? null : Framed.encoded(keyOf.apply(b), b);
    }
  }

  /** Keys each row with (its shard, the shard count M); the first row of a shard in a bundle after the columns. */
  static final class AssignFn<I, T> extends DoFn<I, KV<KV<Integer, Integer>, Framed<T>>> {
    private static final LongHashFunction XX = LongHashFunction.xx3();
    private final PCollectionView<Map<String, Long>> count;
    private final PCollectionView<InputColumns> columns;
    private transient Set<Integer> announced;
    private transient int shards;
    private final int shardRows;
    private final long shardBytes;
    private final Rows<I, T> rows;

    AssignFn(
        PCollectionView<Map<String, Long>> count,
        PCollectionView<InputColumns> columns,
        int shardRows,
        long shardBytes,
        Rows<I, T> rows) {
      this.count = count;
      this.columns = columns;
      this.shardRows = shardRows;
      this.shardBytes = shardBytes;
      this.rows = rows;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Framed<T> row = rows.frame(c.element());
      if (row == null) return;
      if (shards
          == 0) { // the count is one value for the whole (global) window: read it once a bundle
        Map<String, Long> n = c.sideInput(count);
        shards =
            Math.max(
                1,
                shardCount(
                    n.getOrDefault("rows", 0L),
                    n.getOrDefault("bytes", 0L),
                    shardRows,
                    shardBytes));
      }
      int m = shards;
      long h = XX.hashChars(row.key());
      KV<Integer, Integer> key = KV.of((int) Math.floorMod(h, (long) m), m);
      if (columns != null) {
        if (announced == null) announced = new HashSet<>();
        if (announced.add(key.getKey())) {
          c.output(KV.of(key, Framed.header(c.sideInput(columns))));
        }
      }
      c.output(KV.of(key, row));
    }

    @FinishBundle
    public void finish() {
      announced = null;
      shards = 0;
    }
  }

  static final class WriteFn<T>
      extends DoFn<KV<KV<Integer, Integer>, Iterable<Framed<T>>>, String> {
    private final String stage;
    private final String dir;
    private final Coder<T> coder;
    private final SerializableFunction<T, String> sortKey;
    private final ShardSink<T> sink;
    private final long sortBufferBytes;
    private final StageClock clock;

    WriteFn(
        String stage,
        String dir,
        Coder<T> coder,
        SerializableFunction<T, String> sortKey,
        ShardSink<T> sink,
        long sortBufferBytes) {
      this.stage = stage;
      this.dir = dir;
      this.coder = coder;
      this.sortKey = sortKey;
      this.sink = sink;
      this.sortBufferBytes = sortBufferBytes;
      this.clock = new StageClock(stage);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      long t = clock.start();
      KV<Integer, Integer> shard = c.element().getKey();
      String name = name(shard.getKey(), shard.getValue(), sink.extension());
      Path folder = Path.of(dir);
      Path tmp = folder.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
      long rows;
      try (ExternalSort<T> sorter =
          new ExternalSort<>(
              coder,
              sortKey::apply,
              sortBufferBytes,
              Path.of(System.getProperty("java.io.tmpdir")))) {
        InputColumns columns = null;
        for (Framed<T> f : c.element().getValue()) {
          if (f.isHeader()) columns = f.header();
          else if (f.bytes() != null) sorter.addEncoded(f.key(), f.bytes());
          else sorter.add(f.row());
        }
        rows = sorter.rows();
        Files.createDirectories(folder);
        sink.write(sorter.sorted(), tmp, columns);
        Files.move(
            tmp,
            folder.resolve(name),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException | UncheckedIOException e) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original failure is what matters; the run directory is cleaned on the next run
        }
        IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
        throw new UncheckedIOException("could not write " + folder.resolve(name), cause);
      }
      if (stage.equals("write")) dev.sluice.pipelines.steps.Progress.WRITTEN.add(rows);
      c.output(name);
      clock.stop(t);
    }

    @FinishBundle
    public void finish() {
      clock.flush();
    }
  }
}
