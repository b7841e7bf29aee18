package dev.sluice.quality.lang;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObject;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Language identification with a confidence, backed by the optimaize language-detector (n-gram profiles of 71
 * languages; chosen over Lingua by measurement: see BENCHMARKS.md). The detector is loaded once per JVM and is
 * safe to share between threads. Only the first {@value #MAX_CHARS} characters are read.
 */
public final class LanguageIdentifier {
  public static final int MAX_CHARS = 4000;

  /** The code for text whose language could not be identified. */
  public static final String UNKNOWN = "und";

  /** A language code (ISO 639-1 where one exists, e.g. "en", "zh-CN") and its probability. */
  public record Guess(String lang, double confidence) {}

  private static volatile LanguageIdentifier shared;

  private final LanguageDetector detector;
  private final TextObjectFactory texts;

  private LanguageIdentifier() {
    try {
      this.detector =
          LanguageDetectorBuilder.create(NgramExtractors.standard())
              .withProfiles(new LanguageProfileReader().readAllBuiltIn())
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException("could not load the language profiles", e);
    }
    this.texts = CommonTextObjectFactories.forDetectingOnLargeText();
  }

  /** Every code {@link #identify} can answer: the built-in profiles' (sorted) and {@value #UNKNOWN}. */
  public static List<String> codes() {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    for (var l : com.optimaize.langdetect.profiles.BuiltInLanguages.getLanguages()) {
      out.add(l.getLanguage() + (l.getRegion().isPresent() ? "-" + l.getRegion().get() : ""));
    }
    out.add(UNKNOWN);
    return List.copyOf(out);
  }

  public static LanguageIdentifier get() {
    LanguageIdentifier s = shared;
    if (s == null) {
      synchronized (LanguageIdentifier.class) {
        if (shared == null) shared = new LanguageIdentifier();
        s = shared;
      }
    }
    return s;
  }

  public Guess identify(String text) {
    String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    TextObject obj = texts.forText(t);
    List<DetectedLanguage> probs = detector.getProbabilities(obj);
    if (probs.isEmpty()) return new Guess(UNKNOWN, 0.0);
    DetectedLanguage best = probs.get(0);
    String code = best.getLocale().getLanguage();
    if (best.getLocale().getRegion().isPresent())
      code = code + "-" + best.getLocale().getRegion().get();
    return new Guess(code, best.getProbability());
  }
}
