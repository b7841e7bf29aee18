package dev.sluice.pipelines.steps;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Function;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * Sorts the rows of one shard by (sort key, encoded bytes) in bounded memory, the way Flink's own sorter does for a
 * shuffle: rows are held encoded (not as objects) until they fill {@code budgetBytes}, then that sorted run is
 * spilled to a temporary file and the next one begins; {@link #sorted()} merges the runs and the rows still in
 * memory. A shard of any size therefore costs at most the budget on the heap. The encoded bytes break ties between
 * equal keys, so the order is total and the same on every runner whatever order the rows arrive in.
 */
final class ExternalSort<T> implements Closeable {
  private static final Comparator<Entry> ORDER =
      Comparator.comparing((Entry e) -> e.key)
          .thenComparing((a, b) -> Arrays.compareUnsigned(a.bytes, b.bytes));

  /** Heap cost of an entry beyond its key's chars and its bytes: two objects, two arrays, a list slot. */
  private static final int OVERHEAD = 96;

  private final Coder<T> coder;
  private final Function<T, String> sortKey;
  private final long budgetBytes;
  private final Path tmpDir;
  private final List<Entry> buffer = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private final List<RunReader> open = new ArrayList<>();
  private long buffered;
  private long rows;

  ExternalSort(Coder<T> coder, Function<T, String> sortKey, long budgetBytes, Path tmpDir) {
    this.coder = coder;
    this.sortKey = sortKey;
    this.budgetBytes = budgetBytes;
    this.tmpDir = tmpDir;
  }

  void add(T row) throws IOException {
    addEncoded(sortKey.apply(row), CoderUtils.encodeToByteArray(coder, row));
  }

  /**
   * A row already encoded: its sort key and its bytes as the coder encodes it (outer context), what {@link
   * #add} makes of the row; they are kept as given.
   */
  void addEncoded(String key, byte[] bytes) throws IOException {
    Entry e = new Entry(key, bytes);
    buffer.add(e);
    buffered += 2L * e.key.length() + e.bytes.length + OVERHEAD;
    rows++;
    if (buffered >= budgetBytes) spill();
  }

  long rows() {
    return rows;
  }

  /** How many sorted runs went to disk (0: the shard fit in the budget). */
  int spills() {
    return runs.size();
  }

  private void spill() throws IOException {
    buffer.sort(ORDER);
    Files.createDirectories(tmpDir);
    Path run = Files.createTempFile(tmpDir, "sluice-sort-", ".run");
    runs.add(run);
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
      for (Entry e : buffer) {
        // the key as UTF-16 chars, not UTF-8: it must come back as the same String, lone surrogates
        // and all, or the merge would order it differently from the rows sorted in memory
        out.writeInt(e.key.length());
        out.writeChars(e.key);
        out.writeInt(e.bytes.length);
        out.write(e.bytes);
      }
    }
    buffer.clear();
    buffered = 0;
  }

  /** All rows added, in order; one pass. The temporary files go when this sorter is closed. */
  Iterator<T> sorted() throws IOException {
    buffer.sort(ORDER);
    if (runs.isEmpty()) return decoding(buffer.iterator());
    PriorityQueue<Source> heads = new PriorityQueue<>((a, b) -> ORDER.compare(a.head, b.head));
    Source memory = new Source(buffer.iterator());
    if (memory.advance()) heads.add(memory);
    for (Path run : runs) {
      RunReader reader = new RunReader(run);
      open.add(reader);
      Source s = new Source(reader);
      if (s.advance()) heads.add(s);
    }
    return decoding(
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return !heads.isEmpty();
          }

          @Override
          public Entry next() {
            Source s = heads.poll();
            if (s == null) throw new NoSuchElementException();
            Entry e = s.head;
            if (s.advance()) heads.add(s);
            return e;
          }
        });
  }

  private Iterator<T> decoding(Iterator<Entry> entries) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public T next() {
        try {
          return CoderUtils.decodeFromByteArray(coder, entries.next().bytes);
        } catch (CoderException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (RunReader r : open) {
      try {
        r.close();
      } catch (IOException e) {
        if (first == null) first = e;
      }
    }
    for (Path run : runs) {
      try {
        Files.deleteIfExists(run);
      } catch (IOException e) {
        if (first == null) first = e;
      }
    }
    open.clear();
    runs.clear();
    buffer.clear();
    if (first != null) throw first;
  }

  private record Entry(String key, byte[] bytes) {}

  /** A sorted run's current head during the merge. */
  private static final class Source {
    private final Iterator<Entry> rest;
    private Entry head;

    Source(Iterator<Entry> rest) {
      this.rest = rest;
    }

    boolean advance() {
      head = rest.hasNext() ? rest.next() : null;
      return head != null;
    }
  }

  /** Reads back a spilled run, one entry at a time. */
  private static final class RunReader implements Iterator<Entry>, Closeable {
    private final DataInputStream in;
    private Entry next;

    RunReader(Path run) throws IOException {
      in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
      next = read();
    }

    private Entry read() throws IOException {
      int keyLength;
      try {
        keyLength = in.readInt();
      } catch (EOFException end) {
        return null; // between rows: the run is complete
      }
      try {
        char[] key = new char[length(keyLength)];
        for (int i = 0; i < keyLength; i++) key[i] = in.readChar();
        byte[] bytes = new byte[length(in.readInt())];
        in.readFully(bytes);
        return new Entry(new String(key), bytes);
      } catch (EOFException inside) {
        throw new EOFException("a sorted run ends inside a row");
      }
    }

    private static int length(int n) throws IOException {
      if (n < 0)
        throw new IOException(
            "a sorted run holds a negative length (" + n + "): the file is damaged");
      return n;
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Entry next() {
      if (next == null) throw new NoSuchElementException();
      Entry e = next;
      try {
        next = read();
      } catch (IOException x) {
        throw new UncheckedIOException("could not read back a sorted run", x);
      }
      return e;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
