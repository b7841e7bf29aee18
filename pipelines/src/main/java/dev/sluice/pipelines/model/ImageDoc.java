package dev.sluice.pipelines.model;

import dev.sluice.quality.dedup.KeepPolicy;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;

/**
 * An image in flight, immutable. A reader fills the input's side (id, label, source, location, the encoded bytes);
 * {@link #analysed} adds what decoding found (the bytes to write, their format, shape, signals, hashes); dedup and
 * augmentation add their outcome with {@code with...} copies. Before analysis {@code width} is 0.
 *
 * @param bytes the encoded image: the input's bytes after reading, the bytes to write after analysis
 * @param signals the measured signals by name (blur, brightness, ...), sorted; empty before analysis
 */
public record ImageDoc(
    String id,
    String label,
    String source,
    String location,
    long pos,
    byte[] bytes,
    String format,
    int width,
    int height,
    int channels,
    String sourceFormat,
    long fileBytes,
    SortedMap<String, Double> signals,
    String pixelSha256,
    long phash,
    long dhash,
    int exactDups,
    String clusterId,
    int clusterSize,
    String augmentedFrom,
    List<String> augmentOps)
    implements Serializable, Curated<ImageDoc> {
  public static final Coder<ImageDoc> CODER = new ImageDocCoder();

  /** The id of an image as {@link #CODER} encoded it, without decoding the image. */
  public static String idOf(byte[] encoded) {
    try {
      return ImageDocCoder.idOf(encoded);
    } catch (IOException e) {
      throw new UncheckedIOException("a damaged encoded image", e);
    }
  }

  /** The length of {@link #bytes} of an image as {@link #CODER} encoded it, without decoding the image. */
  public static long bytesLengthOf(byte[] encoded) {
    try {
      return ImageDocCoder.imageLengthOf(encoded);
    } catch (IOException e) {
      throw new UncheckedIOException("a damaged encoded image", e);
    }
  }

  public ImageDoc {
    if (id == null || source == null || location == null || bytes == null) {
      throw new IllegalArgumentException("an image needs an id, a source, a location and bytes");
    }
    signals = Collections.unmodifiableSortedMap(new TreeMap<>(signals));
    augmentOps = List.copyOf(augmentOps);
  }

  /** An input record as a reader found it. */
  public static ImageDoc read(
      String id, String label, String source, String location, long pos, byte[] bytes) {
    return new ImageDoc(
        id,
        label,
        source,
        location,
        pos,
        bytes,
        "",
        0,
        0,
        0,
        "",
        bytes.length,
        new TreeMap<>(),
        "",
        0,
        0,
        0,
        id,
        1,
        null,
        List.of());
  }

  /**
   * The name whose extension claims the image's format: the tar member's name for a WebDataset sample (its id is
   * the key, without extension), a file's path for image_folder; null for a Parquet row, whose id is a name the
   * data gives, not a file's (an id {@code x.jpg} over PNG bytes made the row a wrong_extension dead letter).
   */
  public String claimedName() {
    if (location.startsWith(MEMBER)) return location.substring(MEMBER.length());
    return location.startsWith("row ") ? null : id;
  }

  /** The location prefix of a tar member. */
  public static final String MEMBER = "member ";

  /** What decoding, signals and hashes found; {@code encoded} is what the shard will hold. */
  public ImageDoc analysed(
      byte[] encoded,
      String encodedFormat,
      int w,
      int h,
      int c,
      String srcFormat,
      Map<String, Double> measured,
      String sha,
      long p,
      long d) {
    Builder b = new Builder(this);
    b.bytes = encoded;
    b.format = encodedFormat;
    b.width = w;
    b.height = h;
    b.channels = c;
    b.sourceFormat = srcFormat;
    b.signals = new TreeMap<>(measured);
    b.pixelSha256 = sha;
    b.phash = p;
    b.dhash = d;
    return b.build();
  }

  @Override
  public ImageDoc withExactDups(int removedCopies) {
    Builder b = new Builder(this);
    b.exactDups = removedCopies;
    return b.build();
  }

  @Override
  public ImageDoc withCluster(String newClusterId, int size) {
    if (size < 1) throw new IllegalArgumentException("cluster size " + size);
    Builder b = new Builder(this);
    b.clusterId = newClusterId;
    b.clusterSize = size;
    return b.build();
  }

  /**
   * An augmented copy: its own id, {@code augmentedFrom} this image, the ops that made it, the original's label,
   * source and cluster; {@link #analysed} then gives it its own bytes, shape, signals and hashes.
   */
  public ImageDoc augmentedCopy(String copyId, List<String> ops) {
    Builder b = new Builder(this);
    b.id = copyId;
    b.exactDups = 0;
    b.augmentedFrom = id;
    b.augmentOps = ops;
    return b.build();
  }

  /** A mutable copy of an image's fields: every {@code with...} changes a few and builds a new image. */
  private static final class Builder {
    private String id;
    private String label;
    private String source;
    private String location;
    private long pos;
    private byte[] bytes;
    private String format;
    private int width;
    private int height;
    private int channels;
    private String sourceFormat;
    private long fileBytes;
    private SortedMap<String, Double> signals;
    private String pixelSha256;
    private long phash;
    private long dhash;
    private int exactDups;
    private String clusterId;
    private int clusterSize;
    private String augmentedFrom;
    private List<String> augmentOps;

    private Builder(ImageDoc d) {
      id = d.id;
      label = d.label;
      source = d.source;
      location = d.location;
      pos = d.pos;
      bytes = d.bytes;
      format = d.format;
      width = d.width;
      height = d.height;
      channels = d.channels;
      sourceFormat = d.sourceFormat;
      fileBytes = d.fileBytes;
      signals = d.signals;
      pixelSha256 = d.pixelSha256;
      phash = d.phash;
      dhash = d.dhash;
      exactDups = d.exactDups;
      clusterId = d.clusterId;
      clusterSize = d.clusterSize;
      augmentedFrom = d.augmentedFrom;
      augmentOps = d.augmentOps;
    }

    private ImageDoc build() {
      return new ImageDoc(
          id,
          label,
          source,
          location,
          pos,
          bytes,
          format,
          width,
          height,
          channels,
          sourceFormat,
          fileBytes,
          signals,
          pixelSha256,
          phash,
          dhash,
          exactDups,
          clusterId,
          clusterSize,
          augmentedFrom,
          augmentOps);
    }
  }

  /** The keep policy's view: "quality" is the input's file size, "length" the pixel count. */
  @Override
  public KeepPolicy.Member member() {
    return new KeepPolicy.Member(id, fileBytes, (long) width * height);
  }

  @Override
  public RemovedDoc removed(String stage, String reason, String duplicateOf) {
    return removed(stage, reason, duplicateOf, Double.NaN);
  }

  /** The removal row: the contract columns, no text (chars 0, excerpt empty, lang 'und'). */
  public RemovedDoc removed(String stage, String reason, String duplicateOf, double score) {
    return new RemovedDoc(
        id,
        stage,
        reason,
        duplicateOf,
        score,
        source,
        location,
        0,
        "",
        "und",
        Double.NaN,
        InputValues.NONE);
  }

  @Override
  public String excerpt() {
    return null;
  }
}
