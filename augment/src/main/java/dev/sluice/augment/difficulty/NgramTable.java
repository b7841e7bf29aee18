package dev.sluice.augment.difficulty;

/**
 * An open-addressing map from packed n-gram keys to a count and, optionally, two more longs: no boxing, one array,
 * so a lookup touches one cache line. A slot is {@code stride} longs: the key, then {@code (count << 1) | 1} (the
 * low bit marks the slot used, so any long is a valid key and a count of 0 can be stored), then the extras.
 * Linear probing on the high bits of a multiplicative hash; at most 3/4 full.
 */
final class NgramTable {
  private static final long PHI = 0x9E3779B97F4A7C15L;

  private final int stride;
  private final int strideShift;
  private long[] data;
  private int shift;
  private int slotMask;
  private int size;

  /** A table of 2 longs a slot (key, count) or 4 (key, count, two extras), sized for {@code expected} keys. */
  NgramTable(int stride, int expected) {
    if (stride != 2 && stride != 4)
      throw new IllegalArgumentException("stride must be 2 or 4: " + stride);
    this.stride = stride;
    this.strideShift = stride == 2 ? 1 : 2;
    int slots = 4;
    while (slots * 3L / 4 < expected) slots <<= 1;
    allocate(slots);
  }

  private void allocate(int slots) {
    if ((long) slots * stride > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("n-gram table too large: " + slots + " slots");
    }
    data = new long[slots * stride];
    slotMask = slots - 1;
    shift = 64 - Integer.numberOfTrailingZeros(slots);
  }

  int size() {
    return size;
  }

  /** The index of {@code key}'s slot, or -1. */
  int find(long key) {
    long[] d = data;
    int s = (int) ((key * PHI) >>> shift);
    while (true) {
      int b = s << strideShift;
      if (d[b + 1] == 0) return -1;
      if (d[b] == key) return b;
      s = (s + 1) & slotMask;
    }
  }

  /** The index of {@code key}'s slot, made with count 0 and zero extras if absent. */
  int insert(long key) {
    int b = find(key);
    if (b >= 0) return b;
    if (size + 1 > (slotMask + 1) / 4 * 3) grow();
    int s = (int) ((key * PHI) >>> shift);
    while (data[(s << strideShift) + 1] != 0) s = (s + 1) & slotMask;
    b = s << strideShift;
    data[b] = key;
    data[b + 1] = 1;
    size++;
    return b;
  }

  void add(long key, long delta) {
    int b = insert(key); // before reading data: inserting may grow it
    data[b + 1] += delta << 1;
  }

  long count(int slot) {
    return data[slot + 1] >>> 1;
  }

  long key(int slot) {
    return data[slot];
  }

  long extra(int slot, int which) {
    return data[slot + 2 + which];
  }

  void setExtra(int slot, int which, long value) {
    data[slot + 2 + which] = value;
  }

  void addExtra(int slot, int which, long delta) {
    data[slot + 2 + which] += delta;
  }

  double extraDouble(int slot, int which) {
    return Double.longBitsToDouble(data[slot + 2 + which]);
  }

  /** One past the last slot index: iterate with {@code for (b = 0; b < end(); b += stride()) if (used(b))}. */
  int end() {
    return data.length;
  }

  int stride() {
    return stride;
  }

  boolean used(int slot) {
    return data[slot + 1] != 0;
  }

  private void grow() {
    long[] old = data;
    allocate((slotMask + 1) * 2);
    for (int b = 0; b < old.length; b += stride) {
      if (old[b + 1] == 0) continue;
      int s = (int) ((old[b] * PHI) >>> shift);
      while (data[(s << strideShift) + 1] != 0) s = (s + 1) & slotMask;
      System.arraycopy(old, b, data, s << strideShift, stride);
    }
  }
}
