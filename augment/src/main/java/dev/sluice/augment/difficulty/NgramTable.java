package dev.sluice.augment.difficulty;

/**
 * An open-addressing map from packed n-gram keys to a count and, optionally, two more longs: no boxing, one array,
 * so a lookup touches one cache line. A slot is {@code stride} longs: the key, then {@code (count << 1) | 1} (the
 * low bit marks the slot used, so any long is a valid key and a count of 0 can be stored), then the extras.
 * Linear probing from a multiplicative hash mapped onto any number of slots (Lemire's multiply-shift), so a table
 * built for a known size has exactly two slots a key rather than whatever a power of two gives. Half full, most
 * lookups end at their first probe, which keeps the probe loop's exit (a branch that waits on a cache miss)
 * predictable; at 70% full, scoring was about a fifth slower. A table that grows (counting) doubles at 3/4.
 */
final class NgramTable {
  private static final long PHI = 0x9E3779B97F4A7C15L;

  private final int stride;
  private final int strideShift;
  private long[] data;
  private int slots;
  private int size;

  /** A table of 2 longs a slot (key, count) or 4 (key, count, two extras), sized for {@code expected} keys. */
  NgramTable(int stride, int expected) {
    if (stride != 2 && stride != 4)
      throw new IllegalArgumentException("stride must be 2 or 4: " + stride);
    this.stride = stride;
    this.strideShift = stride == 2 ? 1 : 2;
    allocate(expected * 2L + 4);
  }

  private void allocate(long slots) {
    if (slots * stride > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("n-gram table too large: " + slots + " slots");
    }
    this.slots = (int) slots;
    data = new long[this.slots * stride];
  }

  /**
   * The slot a key hashes to. A single multiply would leave the high bits, which pick the slot, blind to a key's
   * first symbol (its top bits); deriving a lower order by walking a table in slot order then fed keys in hash
   * order and built long probe runs (order 7 trained in 4 s instead of 0.4). So mix both ways first.
   */
  private int home(long key) {
    long h = (key ^ (key >>> 32)) * PHI;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    return (int) (((h >>> 32) * slots) >>> 32);
  }

  int size() {
    return size;
  }

  /** The index of {@code key}'s slot, or -1. */
  int find(long key) {
    long[] d = data;
    int b = home(key) << strideShift;
    while (true) {
      if (d[b + 1] == 0) return -1;
      if (d[b] == key) return b;
      b += stride;
      if (b == d.length) b = 0;
    }
  }

  /** The index of {@code key}'s slot, made with count 0 and zero extras if absent. */
  int insert(long key) {
    int b = find(key);
    if (b >= 0) return b;
    if (size + 1 > slots / 4 * 3) grow();
    b = free(key);
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
    allocate(slots * 2L);
    for (int b = 0; b < old.length; b += stride) {
      if (old[b + 1] != 0) System.arraycopy(old, b, data, free(old[b]), stride);
    }
  }

  /** The first unused slot on {@code key}'s probe path. */
  private int free(long key) {
    int b = home(key) << strideShift;
    while (data[b + 1] != 0) {
      b += stride;
      if (b == data.length) b = 0;
    }
    return b;
  }
}
