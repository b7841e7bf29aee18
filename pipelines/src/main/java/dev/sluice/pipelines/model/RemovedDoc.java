package dev.sluice.pipelines.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;

/**
 * A document the curation removed: one row of OUT/removed/. {@code reason} is the manifest counter name without
 * its kind: {@code gopher_quality.word_count_min}, {@code language.not_kept}, {@code exact}, {@code near}. It
 * keeps the document's input fields, so an audit finds a removed document by its url. {@code matched}: for a
 * document removed by decontamination, the evaluation document it shares an n-gram with ({@code set/id}); null
 * otherwise.
 */
public record RemovedDoc(
    String id,
    String stage,
    String reason,
    String duplicateOf,
    double score,
    String source,
    String location,
    int chars,
    String excerpt,
    String lang,
    double langScore,
    InputValues input,
    String matched)
    implements Serializable {
  public static final int EXCERPT_CHARS = 200;
  public static final Coder<RemovedDoc> CODER = new RemovedCoder();

  /** Stage names. */
  public static final String LANGUAGE = "language";

  public static final String QUALITY = "quality";
  public static final String DEDUP_EXACT = "dedup_exact";
  public static final String DEDUP_NEAR = "dedup_near";
  public static final String DECONTAMINATION = "decontamination";

  /** A row without a match (every stage but decontamination). */
  public RemovedDoc(
      String id,
      String stage,
      String reason,
      String duplicateOf,
      double score,
      String source,
      String location,
      int chars,
      String excerpt,
      String lang,
      double langScore,
      InputValues input) {
    this(
        id,
        stage,
        reason,
        duplicateOf,
        score,
        source,
        location,
        chars,
        excerpt,
        lang,
        langScore,
        input,
        null);
  }

  public static RemovedDoc of(
      Doc d, String stage, String reason, String duplicateOf, double score) {
    String t = d.text() == null ? "" : d.text();
    String excerpt = t.length() <= EXCERPT_CHARS ? t : t.substring(0, EXCERPT_CHARS);
    return new RemovedDoc(
        d.id(),
        stage,
        reason,
        duplicateOf,
        score,
        d.source(),
        d.location(),
        t.length(),
        excerpt,
        d.lang(),
        d.langScore(),
        d.input());
  }

  public RemovedDoc withDuplicateOf(String survivor) {
    return new RemovedDoc(
        id, stage, reason, survivor, score, source, location, chars, excerpt, lang, langScore,
        input, matched);
  }

  /** This row naming the evaluation document ({@code set/id}) the removed document matched. */
  public RemovedDoc withMatched(String evalDocument) {
    return new RemovedDoc(
        id,
        stage,
        reason,
        duplicateOf,
        score,
        source,
        location,
        chars,
        excerpt,
        lang,
        langScore,
        input,
        evalDocument);
  }

  public boolean isDuplicate() {
    return duplicateOf != null;
  }

  /** The manifest key: "filtered:<rule>" or "duplicate:<kind>". */
  public String tallyKey() {
    return (isDuplicate() ? "duplicate:" : "filtered:") + reason;
  }

  static final class RemovedCoder extends AtomicCoder<RemovedDoc> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(RemovedDoc r, OutputStream out) throws IOException {
      Wire.writeString(out, r.id());
      Wire.writeString(out, r.stage);
      Wire.writeString(out, r.reason);
      Wire.writeString(out, r.duplicateOf);
      Wire.writeDouble(out, r.score);
      Wire.writeString(out, r.source());
      Wire.writeString(out, r.location);
      Wire.writeVarLong(out, r.chars);
      Wire.writeString(out, r.excerpt);
      Wire.writeString(out, r.lang());
      Wire.writeDouble(out, r.langScore());
      r.input().write(out);
      Wire.writeString(out, r.matched);
    }

    @Override
    public RemovedDoc decode(InputStream in) throws IOException {
      return new RemovedDoc(
          Wire.readString(in),
          Wire.readString(in),
          Wire.readString(in),
          Wire.readString(in),
          Wire.readDouble(in),
          Wire.readString(in),
          Wire.readString(in),
          (int) Wire.readVarLong(in),
          Wire.readString(in),
          Wire.readString(in),
          Wire.readDouble(in),
          InputValues.read(in),
          Wire.readString(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
