package dev.sluice.pipelines.history;

import dev.sluice.quality.dedup.ExactKey;
import dev.sluice.quality.dedup.MinHasher;
import dev.sluice.quality.dedup.NearDedupConfig;
import dev.sluice.quality.dedup.Shingles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The cross-run dedup index: one Lucene document per document kept by an earlier run, with its id, its exact key,
 * its LSH band terms and (stored) its shingle hashes, so a candidate found by a shared band is verified by exact
 * Jaccard before anything is dropped. Readers see the last commit; a run adds its survivors only after its shards
 * are published, so a failed run leaves the index as it was.
 */
public final class HistoryIndex {
  static final String ID = "id";
  static final String EXACT = "exact";
  static final String BAND = "band";
  static final String SHINGLES = "shingles";
  private static final int MAX_CANDIDATES = 20;

  private HistoryIndex() {}

  /** A match: the historical document's id and the Jaccard similarity (1.0 for an exact match). */
  public record Match(String id, double jaccard, boolean exact) {}

  /** Read side, one per worker thread: opened on the index's last commit. */
  public static final class Reader implements Closeable {
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final NearDedupConfig near;
    private final MinHasher hasher;
    private final Shingles shingles;

    public Reader(Path dir, NearDedupConfig near) throws IOException {
      this.reader = DirectoryReader.open(FSDirectory.open(dir));
      this.searcher = new IndexSearcher(reader);
      this.near = near;
      this.hasher = near == null ? null : new MinHasher(near);
      this.shingles = near == null ? null : new Shingles(near.shingle());
    }

    /**
     * The historical document this one duplicates, or null. The document's own id never matches, so re-running a
     * partition whose survivors were already indexed finds the same duplicates as the first run.
     */
    public Match find(String selfId, String text, String exactKey) throws IOException {
      for (ScoreDoc sd : searcher.search(new TermQuery(new Term(EXACT, exactKey)), 2).scoreDocs) {
        String id = searcher.storedFields().document(sd.doc).get(ID);
        if (!id.equals(selfId)) return new Match(id, 1.0, true);
      }
      if (near == null) return null;
      long[] sh = shingles.of(text);
      if (sh.length == 0) return null;
      BooleanQuery.Builder q = new BooleanQuery.Builder();
      HexFormat hex = HexFormat.of();
      for (long b : hasher.bandKeys(hasher.signature(sh))) {
        q.add(new TermQuery(new Term(BAND, hex.toHexDigits(b))), BooleanClause.Occur.SHOULD);
      }
      Match best = null;
      for (ScoreDoc sd : searcher.search(q.build(), MAX_CANDIDATES).scoreDocs) {
        Document d = searcher.storedFields().document(sd.doc);
        double j = Shingles.jaccard(sh, decode(d.getBinaryValue(SHINGLES)));
        String id = d.get(ID);
        if (id.equals(selfId)) continue;
        if (j >= near.verifyJaccard()
            && (best == null
                || j > best.jaccard()
                || (j == best.jaccard() && id.compareTo(best.id()) < 0))) {
          best = new Match(id, j, false);
        }
      }
      return best;
    }

    @Override
    public void close() throws IOException {
      reader.close();
      if (shingles != null) shingles.close();
    }
  }

  /** Adds documents (id, text) and commits once; an id already present is replaced. */
  public static void add(Path dir, NearDedupConfig near, Iterable<String[]> idAndText)
      throws IOException {
    Files.createDirectories(dir);
    NearDedupConfig cfg = near == null ? NearDedupConfig.defaults() : near;
    MinHasher hasher = new MinHasher(cfg);
    HexFormat hex = HexFormat.of();
    try (IndexWriter w = new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig());
        Shingles shingles = new Shingles(cfg.shingle())) {
      for (String[] doc : idAndText) {
        Document d = new Document();
        d.add(new StringField(ID, doc[0], Field.Store.YES));
        d.add(new StringField(EXACT, ExactKey.of(doc[1]), Field.Store.NO));
        long[] sh = shingles.of(doc[1]);
        if (sh.length > 0) {
          for (long b : hasher.bandKeys(hasher.signature(sh))) {
            d.add(new StringField(BAND, hex.toHexDigits(b), Field.Store.NO));
          }
        }
        d.add(new StoredField(SHINGLES, encode(sh)));
        w.updateDocument(new Term(ID, doc[0]), d);
      }
      w.commit();
    }
  }

  /** Removes documents by id (e.g. a takedown request); returns how many were present. */
  public static long remove(Path dir, List<String> ids) throws IOException {
    long before = size(dir);
    try (IndexWriter w = new IndexWriter(FSDirectory.open(dir), new IndexWriterConfig())) {
      List<Term> terms = new ArrayList<>();
      for (String id : ids) terms.add(new Term(ID, id));
      w.deleteDocuments(terms.toArray(Term[]::new));
      w.forceMergeDeletes();
      w.commit();
    }
    return before - size(dir);
  }

  public static long size(Path dir) throws IOException {
    if (!DirectoryReader.indexExists(FSDirectory.open(dir))) return 0;
    try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir))) {
      return r.numDocs();
    }
  }

  public static boolean exists(Path dir) throws IOException {
    return Files.isDirectory(dir) && DirectoryReader.indexExists(FSDirectory.open(dir));
  }

  static BytesRef encode(long[] sh) {
    ByteBuffer b = ByteBuffer.allocate(sh.length * 8);
    for (long x : sh) b.putLong(x);
    return new BytesRef(b.array());
  }

  static long[] decode(BytesRef ref) {
    ByteBuffer b = ByteBuffer.wrap(ref.bytes, ref.offset, ref.length);
    long[] out = new long[ref.length / 8];
    for (int i = 0; i < out.length; i++) out[i] = b.getLong();
    return out;
  }
}
