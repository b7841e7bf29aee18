package dev.sluice.scaling.pool;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * The built-in raw pool: clean English prose (Moby-Dick and State of the Union addresses, cut into ~2,000-character
 * documents at paragraph breaks) with the noise web crawls really have, each kind from real shipped data and at a
 * documented rate (docs/scaling.md, "The raw pool"):
 *
 * <ul>
 *   <li>exact copies of clean documents (re-hosted pages): a share of documents gets 1 + Geometric(1/2) copies;
 *   <li>near copies: a boilerplate line added and 3% of the words swapped for others of the same document;
 *   <li>boilerplate-heavy HTML text: the Apache manual pages with their tags stripped naively (menus, link lists,
 *       footers left in), as a crude extractor leaves them;
 *   <li>short fragments: a sample of fortune cookies (with their natural duplicates);
 *   <li>other languages: the UDHR in every language but English;
 *   <li>repeated templates: shop and cookie-banner pages from three templates with words of the prose filled in.
 * </ul>
 *
 * <p>The clean documents whose id hashes under {@code cleanEvalFraction} are withheld as the clean reference set
 * before any noise is made, so no copy of them is generated. Every random choice comes from {@code seed}.
 */
public final class NoisyProsePool {
  /**
   * Sizes and rates of the built-in pool.
   *
   * @param samples the samples directory (text/en, text/multi, html)
   * @param seed seed of every random choice
   * @param cleanDocs at most this many clean documents (0: all, about 1,400)
   * @param chunkChars target length of a clean document
   * @param exactCopyRate share of clean documents that get exact copies
   * @param nearCopyRate share of clean documents that get a near copy
   * @param fragments fortune cookies sampled
   * @param htmlPages Apache manual pages (at most 88)
   * @param otherLanguages UDHR translations (at most 61)
   * @param templates template pages
   * @param cleanEvalFraction share of clean documents withheld as the clean reference set
   */
  public record Settings(
      Path samples,
      long seed,
      int cleanDocs,
      int chunkChars,
      double exactCopyRate,
      double nearCopyRate,
      int fragments,
      int htmlPages,
      int otherLanguages,
      int templates,
      double cleanEvalFraction) {}

  /** The pool and the clean reference set. */
  public record Built(List<PoolDoc> pool, List<PoolDoc> cleanEval) {}

  private static final String[] BOILERPLATE = {
    "Home | About | Contact | Privacy Policy | Terms of Use",
    "Share this: Facebook Twitter Email Print",
    "Posted by admin in Uncategorized | Leave a comment",
    "This site uses cookies to deliver our services. By using our services, you agree to our use of cookies.",
    "Copyright (c) All rights reserved. Powered by WordPress.",
  };
  private static final Pattern SCRIPT = Pattern.compile("(?is)<(script|style)[^>]*>.*?</\\1>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z])");
  private static final Pattern BLANKS = Pattern.compile("\n[ \t]*(\n[ \t]*)+");

  static final String MOBY = "text/en/moby-dick.jsonl";
  static final String SOTU = "text/en/sotu-every5y.jsonl";
  static final String FORTUNES = "text/en/fortunes-en.jsonl";
  static final String UDHR = "text/multi/udhr.jsonl";
  static final String HTML = "html/apache-manual.jsonl";

  /** The sample files the pool is made from, relative to the samples directory. */
  public static final List<String> FILES = List.of(MOBY, SOTU, FORTUNES, UDHR, HTML);

  private NoisyProsePool() {}

  public static Built build(Settings s) throws IOException {
    List<PoolDoc> clean = new ArrayList<>();
    for (String file : List.of(MOBY, SOTU)) {
      for (PoolDoc d : JsonLines.docs(s.samples().resolve(file), "id", "text", "clean")) {
        clean.addAll(chunks(d, s.chunkChars()));
      }
    }
    if (s.cleanDocs() > 0 && clean.size() > s.cleanDocs()) {
      clean = sample(clean, s.cleanDocs(), s.seed(), "clean");
    }
    List<PoolDoc> cleanEval = new ArrayList<>();
    List<PoolDoc> cleanTrain = new ArrayList<>();
    for (PoolDoc d : clean) {
      (IdHash.below("clean-eval", d.id(), s.cleanEvalFraction()) ? cleanEval : cleanTrain).add(d);
    }
    List<PoolDoc> pool = new ArrayList<>(cleanTrain);
    SplittableRandom rnd = new SplittableRandom(s.seed());
    for (PoolDoc d : cleanTrain) {
      if (rnd.nextDouble() < s.exactCopyRate()) {
        int copies = 1;
        while (copies < 8 && rnd.nextBoolean()) copies++;
        for (int c = 1; c <= copies; c++)
          pool.add(new PoolDoc(d.id() + "~copy" + c, d.text(), "exact_copy"));
      }
      if (rnd.nextDouble() < s.nearCopyRate()) {
        pool.add(new PoolDoc(d.id() + "~near", nearCopy(d.text(), rnd), "near_copy"));
      }
    }
    List<JsonNode> html = JsonLines.objects(s.samples().resolve(HTML));
    for (JsonNode h : html.subList(0, Math.min(s.htmlPages(), html.size()))) {
      pool.add(
          new PoolDoc(
              "html:" + h.get("id").asText(),
              stripTags(h.get("html").asText()),
              "html_boilerplate"));
    }
    List<PoolDoc> fortunes =
        JsonLines.docs(s.samples().resolve(FORTUNES), "id", "text", "fragment");
    pool.addAll(sample(fortunes, s.fragments(), s.seed(), "fragments"));
    List<PoolDoc> udhr = JsonLines.docs(s.samples().resolve(UDHR), "id", "text", "other_language");
    pool.addAll(
        udhr.stream().filter(d -> !d.id().equals("udhr-eng")).limit(s.otherLanguages()).toList());
    pool.addAll(templates(cleanTrain, s.templates(), rnd));
    pool.sort(Comparator.comparing(d -> IdHash.of("order-" + s.seed(), d.id())));
    return new Built(pool, cleanEval);
  }

  /**
   * A document cut at paragraph breaks into pieces of about {@code target} characters (short tails dropped); a
   * paragraph longer than the target (the State of the Union texts have no line breaks at all) is cut at sentence
   * ends.
   */
  static List<PoolDoc> chunks(PoolDoc d, int target) {
    List<PoolDoc> out = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    for (String para : d.text().split("\n\\s*\n")) {
      String p = para.strip();
      if (p.isEmpty()) continue;
      List<String> pieces = p.length() <= target ? List.of(p) : List.of(SENTENCE_END.split(p));
      for (int i = 0; i < pieces.size(); i++) {
        if (b.length() > 0) b.append(i == 0 ? "\n\n" : " ");
        b.append(pieces.get(i));
        if (b.length() >= target) {
          out.add(new PoolDoc(d.id() + "#" + out.size(), b.toString(), "clean"));
          b.setLength(0);
        }
      }
    }
    if (b.length() >= target / 4)
      out.add(new PoolDoc(d.id() + "#" + out.size(), b.toString(), "clean"));
    return out;
  }

  /** {@code n} documents chosen by a seeded hash of their ids, in their original order. */
  static List<PoolDoc> sample(List<PoolDoc> docs, int n, long seed, String salt) {
    if (n >= docs.size()) return docs;
    List<PoolDoc> sorted = new ArrayList<>(docs);
    sorted.sort(Comparator.comparing(d -> IdHash.of(salt + seed, d.id())));
    java.util.Set<PoolDoc> keep = new java.util.HashSet<>(sorted.subList(0, n));
    return docs.stream().filter(keep::contains).toList();
  }

  static String nearCopy(String text, SplittableRandom rnd) {
    String[] words = text.split(" ");
    for (int i = 0; i < words.length; i++) {
      if (rnd.nextDouble() < 0.03) words[i] = words[rnd.nextInt(words.length)];
    }
    String line = BOILERPLATE[rnd.nextInt(BOILERPLATE.length)];
    return rnd.nextBoolean()
        ? line + "\n\n" + String.join(" ", words)
        : String.join(" ", words) + "\n\n" + line;
  }

  /** What a naive extractor leaves of a page: every tag removed, menus and link lists kept. */
  static String stripTags(String html) {
    String t = SCRIPT.matcher(html).replaceAll(" ");
    t = TAG.matcher(t).replaceAll("\n");
    t =
        t.replace("&nbsp;", " ")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#160;", " ")
            .replace("&amp;", "&");
    return BLANKS.matcher(t).replaceAll("\n").strip();
  }

  static List<PoolDoc> templates(List<PoolDoc> clean, int n, SplittableRandom rnd) {
    List<String> words = new ArrayList<>();
    for (PoolDoc d : clean.subList(0, Math.min(50, clean.size()))) {
      for (String w : d.text().split("\\W+"))
        if (w.length() > 4) words.add(w.toLowerCase(Locale.ROOT));
    }
    if (words.isEmpty()) words.add("item");
    List<PoolDoc> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String a = words.get(rnd.nextInt(words.size())), b = words.get(rnd.nextInt(words.size()));
      int price = 5 + rnd.nextInt(95);
      String text =
          switch (i % 3) {
            case 0 ->
                String.format(
                    Locale.ROOT,
                    "Buy %s %s online | Best price $%d.99 | Free shipping on orders over $50"
                        + "\n%s %s reviews | Compare %s prices | Add to cart\nCustomers who bought %s also bought %s."
                        + "\nHome > Shop > %s > %s",
                    a,
                    b,
                    price,
                    a,
                    b,
                    a,
                    a,
                    b,
                    a,
                    b);
            case 1 ->
                String.format(
                    Locale.ROOT,
                    "We value your privacy. We and our %d partners use cookies to "
                        + "personalise content about %s and %s.\nAccept all | Reject all | Manage preferences\n"
                        + "Read our cookie policy and our privacy statement.",
                    price,
                    a,
                    b);
            default ->
                String.format(
                    Locale.ROOT,
                    "%s - %s | Page %d of %d\nLogin | Register | Forgot password?"
                        + "\nTags: %s, %s, %s %s\nRelated: %s %s, %s guide, top 10 %s",
                    a,
                    b,
                    1 + rnd.nextInt(9),
                    10,
                    a,
                    b,
                    a,
                    b,
                    b,
                    a,
                    a,
                    b);
          };
      out.add(new PoolDoc("tmpl-" + i, text, "template"));
    }
    return out;
  }
}
