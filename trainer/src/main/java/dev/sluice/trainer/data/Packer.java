package dev.sluice.trainer.data;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Packs document tokens (bytes + separator) into fixed-length sequences; the partial one is part of the cursor. */
final class Packer {
  private final int length;
  private final boolean weighted;
  private final boolean withDifficulty;
  private short[] tokens;
  private float[] weights;
  private int filled;
  private double difficultySum;

  Packer(int length, boolean weighted, boolean withDifficulty) {
    this.length = length;
    this.weighted = weighted;
    this.withDifficulty = withDifficulty;
    reset();
  }

  private void reset() {
    tokens = new short[length];
    weights = weighted ? new float[length] : null;
    filled = 0;
    difficultySum = 0;
  }

  /**
   * Copies tokens of {@code doc} starting at {@code offset} (offset == doc.length is the separator) until the
   * document or the sequence ends; returns the new offset.
   */
  int take(ShardFile.Row doc, int offset) {
    byte[] text = doc.text();
    int n = Math.min(length - filled, text.length + 1 - offset);
    for (int i = 0; i < n; i++) {
      int pos = offset + i;
      tokens[filled + i] =
          pos == text.length ? (short) Tokens.SEPARATOR : (short) (text[pos] & 0xFF);
    }
    if (weighted) java.util.Arrays.fill(weights, filled, filled + n, doc.weight());
    if (withDifficulty) difficultySum += doc.difficulty() * n;
    filled += n;
    return offset + n;
  }

  boolean full() {
    return filled == length;
  }

  Sequence emit() {
    Sequence s =
        new Sequence(tokens, weights, withDifficulty ? difficultySum / length : Double.NaN);
    reset();
    return s;
  }

  void clear() {
    reset();
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(filled);
    for (int i = 0; i < filled; i++) out.writeShort(tokens[i]);
    if (weighted) for (int i = 0; i < filled; i++) out.writeFloat(weights[i]);
    out.writeDouble(difficultySum);
  }

  void read(DataInputStream in) throws IOException {
    reset();
    filled = in.readInt();
    for (int i = 0; i < filled; i++) tokens[i] = in.readShort();
    if (weighted) for (int i = 0; i < filled; i++) weights[i] = in.readFloat();
    difficultySum = in.readDouble();
  }
}
