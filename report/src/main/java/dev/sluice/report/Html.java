package dev.sluice.report;

import java.util.Locale;

/**
 * The report pages' shared pieces: number and text formatting (always {@link Locale#ROOT}, so a page is the same
 * bytes on every machine), HTML escaping, section headers, image thumbnails and the stylesheet.
 */
final class Html {
  private Html() {}

  /** Opens a section with its anchor and heading; the caller closes it. */
  static void section(StringBuilder h, String id, String title) {
    h.append("<section id=\"").append(id).append("\"><h2>").append(esc(title)).append("</h2>");
  }

  /** The image's thumbnail, for image runs ("" when the run recorded none for that id). */
  static String thumbnail(RunStats stats, String id) {
    String uri = id == null ? null : stats.thumbnails.get(id);
    if (uri == null || !uri.startsWith("data:image/")) return "";
    return "<img class=\"thumb\" alt=\"" + esc(id) + "\" src=\"" + esc(uri) + "\"><br>";
  }

  /** A right-aligned table cell holding {@code v} with thousands separators. */
  static String num(long v) {
    return "<td class=\"n\">" + fmt(v) + "</td>";
  }

  static String fmt(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }

  static String signed(long v) {
    return String.format(Locale.ROOT, "%+,d", v);
  }

  static String delta(double now, double before) {
    return String.format(
        Locale.ROOT,
        " <span class=\"delta\">(%+.1f points vs baseline)</span>",
        100 * (now - before));
  }

  static String g(double v) {
    if (Double.isNaN(v)) return "—";
    if (Math.abs(v) >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
    return String.format(Locale.ROOT, "%.3g", v);
  }

  static String bytes(long b) {
    if (b < 1024) return b + " B";
    if (b < 1 << 20) return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    if (b < 1L << 30) return String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0);
    return String.format(Locale.ROOT, "%.2f GiB", b / 1073741824.0);
  }

  static String esc(String s) {
    if (s == null) return "";
    StringBuilder o = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> o.append("&lt;");
        case '>' -> o.append("&gt;");
        case '&' -> o.append("&amp;");
        case '"' -> o.append("&quot;");
        case '\'' -> o.append("&#39;");
        default -> o.append(c);
      }
    }
    return o.toString();
  }

  static final String CSS =
      "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;"
          + "color:#1d2330;background:#f6f7f9}header{background:#1d2330;color:#fff;padding:12px 24px;position:sticky;top:0}"
          + "header h1{font-size:18px;margin:0 0 6px}nav a{color:#cfd6e4;margin-right:12px;text-decoration:none;font-size:13px}"
          + "main{max-width:1180px;margin:0 auto;padding:8px 24px}section{background:#fff;border:1px solid #e1e4ea;"
          + "border-radius:8px;padding:12px 18px;margin:16px 0}h2{font-size:17px;margin:4px 0 10px}h3{font-size:14px;"
          + "margin:14px 0 6px}.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #e1e4ea;border-radius:8px;"
          + "padding:10px 14px;min-width:200px}.label{color:#5b6477;font-size:12px}.value{font-size:22px;font-weight:600}"
          + ".note{color:#5b6477;font-size:12px}.pill{display:inline-block;background:#eef1f6;border-radius:10px;"
          + "padding:2px 8px;margin:2px 4px 2px 0;font-size:12px}.flags li{color:#b3261e}.ok{color:#1e7d32}"
          + "table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #eceef2;padding:4px 6px;"
          + "text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}"
          + ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(370px,1fr));gap:12px}figure{margin:0}"
          + "figcaption{font-size:12px;margin-bottom:2px}svg{width:100%;height:auto;font-size:10px;fill:#5b6477}"
          + ".q{font-size:11px;color:#5b6477}img.thumb{max-width:96px;max-height:96px;image-rendering:pixelated;border:1px solid #e1e4ea}pre{white-space:pre-wrap;margin:0;font-size:12px;max-height:9em;overflow:auto}"
          + "code.hash{font-size:11px}.delta{color:#5b6477}.check{color:#5b6477;font-size:12px}footer{text-align:center;"
          + "color:#8a93a6;font-size:12px;padding:16px}details{margin:6px 0}summary{cursor:pointer}";
}
