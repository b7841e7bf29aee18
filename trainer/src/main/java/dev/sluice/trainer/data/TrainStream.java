package dev.sluice.trainer.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The training sequences of a run directory, streamed: shards in a seeded order, each shard's row groups in a
 * seeded order, rows in file order, validation documents skipped, tokens packed into sequences, and a bounded
 * shuffle buffer on top. Everything random is a pure function of (seed, epoch), and the whole position — shard,
 * row group, row, offset in the document, the partial sequence, the buffer and its generator — is a
 * {@link #cursor() cursor} that a checkpoint saves, so a resumed run sees exactly the sequences it would have
 * seen. Epochs follow each other without end; the caller decides when to stop.
 */
public final class TrainStream implements AutoCloseable {
  private static final int CURSOR_VERSION = 1;

  private final RunData run;
  private final DataConfig config;
  private final long seed;
  private final int length;
  private final Packer packer;
  private final Curriculum curriculum;
  private final List<Sequence> buffer = new ArrayList<>();

  private int epoch;
  private int[] shardOrder;
  private int shardPos;
  private int[] groupOrder;
  private int groupPos;
  private SplitMix rng;
  private boolean draining;
  private long producedThisEpoch;
  private long consumed;

  private ShardFile shard;
  private ShardFile.RowGroup group;
  private ShardFile.Row doc;
  private int docOffset;

  /** @param length tokens per sequence: the model's context + 1 */
  public TrainStream(RunData run, DataConfig config, long seed, int length) {
    this(run, config, seed, length, null);
  }

  /**
   * @param curriculum competence pacing: a document is packed only while its score is at most the competence
   *     reached after the sequences handed out so far; null packs every document
   */
  public TrainStream(RunData run, DataConfig config, long seed, int length, Curriculum curriculum) {
    this.run = run;
    this.curriculum = curriculum;
    this.config = config;
    this.seed = seed;
    this.length = length;
    this.packer =
        new Packer(length, config.weightColumn() != null, config.difficultyColumn() != null);
    startEpoch(0);
  }

  public int epoch() {
    return epoch;
  }

  /** Sequences handed out since the start (across epochs). */
  public long consumed() {
    return consumed;
  }

  private void startEpoch(int e) {
    epoch = e;
    shardOrder = SplitMix.permutation(run.shards().size(), SplitMix.derive(seed, 1, e));
    shardPos = 0;
    groupOrder = null;
    groupPos = 0;
    rng = new SplitMix(SplitMix.derive(seed, 2, e));
    draining = false;
    producedThisEpoch = 0;
    buffer.clear();
    packer.clear();
    closeShard();
    doc = null;
    docOffset = 0;
  }

  /** The next training sequence. */
  public Sequence next() {
    while (true) {
      if (!draining) {
        Sequence s = produce();
        if (s == null) {
          draining = true;
          continue;
        }
        if (buffer.size() < config.shuffleBuffer()) {
          buffer.add(s);
          continue;
        }
        int j = rng.nextInt(buffer.size());
        Sequence out = buffer.get(j);
        buffer.set(j, s);
        consumed++;
        return out;
      }
      if (buffer.isEmpty()) {
        if (producedThisEpoch == 0) {
          throw new DataException(
              run.dir()
                  + ": no training sequence of "
                  + length
                  + " tokens can be made: "
                  + run.rows()
                  + " documents, val_fraction "
                  + config.valFraction()
                  + (curriculum == null
                      ? " (all text in the validation split, or too little text for one sequence)"
                      : " at curriculum competence "
                          + curriculum.competenceAfter(consumed)
                          + " (too few documents are eligible: raise curriculum.start)"));
        }
        startEpoch(epoch + 1);
        continue;
      }
      int j = rng.nextInt(buffer.size());
      Sequence out = buffer.get(j);
      buffer.set(j, buffer.get(buffer.size() - 1));
      buffer.remove(buffer.size() - 1);
      consumed++;
      return out;
    }
  }

  /** Packs the next sequence from the document stream, or returns null at the end of the epoch. */
  private Sequence produce() {
    while (!packer.full()) {
      if (doc == null) {
        doc = nextTrainDocument();
        docOffset = 0;
        if (doc == null) {
          packer.clear(); // the epoch's last partial sequence is dropped
          return null;
        }
      }
      docOffset = packer.take(doc, docOffset);
      if (docOffset == doc.text().length + 1) doc = null;
    }
    producedThisEpoch++;
    return packer.emit();
  }

  private ShardFile.Row nextTrainDocument() {
    while (true) {
      if (group != null && group.hasNext()) {
        ShardFile.Row row = group.next();
        if (!Tokens.isValidation(row.splitId(), config.valFraction()) && eligible(row)) return row;
        continue;
      }
      if (group != null) {
        group = null;
        groupPos++;
      }
      if (shard != null && groupPos >= groupOrder.length) {
        closeShard();
        shardPos++;
      }
      if (shardPos >= shardOrder.length) return null;
      if (shard == null) {
        openShard();
        continue;
      }
      group = shard.rowGroup(groupOrder[groupPos]);
    }
  }

  private boolean eligible(ShardFile.Row row) {
    if (curriculum == null) return true;
    double score = curriculum.score(row.id(), row.difficulty(), seed);
    return score <= curriculum.competenceAfter(consumed);
  }

  /** The curriculum's competence now (1 without a curriculum). */
  public double competence() {
    return curriculum == null ? 1.0 : curriculum.competenceAfter(consumed);
  }

  private void openShard() {
    int s = shardOrder[shardPos];
    shard = ShardFile.open(run.shards().get(s).path(), config.columns());
    groupOrder = SplitMix.permutation(shard.rowGroups(), SplitMix.derive(seed, 3, epoch, s));
    groupPos = 0;
  }

  private void closeShard() {
    if (shard != null) shard.close();
    shard = null;
    group = null;
  }

  /** The exact position, as bytes a checkpoint stores. */
  public byte[] cursor() {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(CURSOR_VERSION);
      out.writeLong(seed);
      out.writeInt(length);
      out.writeInt(epoch);
      out.writeInt(shardPos);
      out.writeBoolean(shard != null);
      out.writeInt(groupPos);
      out.writeBoolean(group != null);
      out.writeLong(group == null ? 0 : group.position());
      out.writeBoolean(doc != null);
      out.writeInt(docOffset);
      out.writeLong(rng.state());
      out.writeBoolean(draining);
      out.writeLong(producedThisEpoch);
      out.writeLong(consumed);
      packer.write(out);
      out.writeInt(buffer.size());
      for (Sequence s : buffer) {
        for (short t : s.tokens()) out.writeShort(t);
        if (s.weights() != null) for (float w : s.weights()) out.writeFloat(w);
        out.writeDouble(s.difficulty());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Moves to a position saved by {@link #cursor()} with the same run, config, seed and length. */
  public void restore(byte[] cursor) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(cursor))) {
      if (in.readInt() != CURSOR_VERSION)
        throw new DataException("checkpoint data cursor has an unknown version");
      long savedSeed = in.readLong();
      int savedLength = in.readInt();
      if (savedSeed != seed || savedLength != length) {
        throw new DataException(
            "checkpoint data cursor was saved with seed "
                + savedSeed
                + " and sequence length "
                + savedLength
                + ", this run has seed "
                + seed
                + " and length "
                + length);
      }
      startEpoch(in.readInt());
      shardPos = in.readInt();
      boolean shardOpen = in.readBoolean();
      int savedGroupPos = in.readInt();
      boolean groupOpen = in.readBoolean();
      long rowPos = in.readLong();
      boolean docOpen = in.readBoolean();
      docOffset = in.readInt();
      rng = new SplitMix(in.readLong());
      draining = in.readBoolean();
      producedThisEpoch = in.readLong();
      consumed = in.readLong();
      packer.read(in);
      int n = in.readInt();
      boolean weighted = config.weightColumn() != null;
      for (int i = 0; i < n; i++) {
        short[] t = new short[length];
        for (int k = 0; k < length; k++) t[k] = in.readShort();
        float[] w = null;
        if (weighted) {
          w = new float[length];
          for (int k = 0; k < length; k++) w[k] = in.readFloat();
        }
        buffer.add(new Sequence(t, w, in.readDouble()));
      }
      if (shardOpen) {
        openShard();
        groupPos = savedGroupPos;
        if (groupOpen) {
          group = shard.rowGroup(groupOrder[groupPos]);
          if (docOpen) {
            group.skip(rowPos - 1);
            doc = group.next();
          } else {
            group.skip(rowPos);
          }
        }
      }
    } catch (IOException e) {
      throw new DataException(
          "checkpoint data cursor is truncated or corrupt: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closeShard();
  }
}
