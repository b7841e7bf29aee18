package dev.sluice.quality.text;

import dev.sluice.core.config.Config;
import java.io.Serializable;
import java.text.Normalizer.Form;
import java.util.Map;

/**
 * Unicode normalisation, control-character stripping and whitespace clean-up. Line structure is kept (the rule
 * sets read lines and paragraphs): CRLF and CR become LF, runs of horizontal whitespace inside a line become one
 * space, a line's leading indentation is kept as it is (code and {@code <pre>} blocks keep their shape), trailing
 * spaces are trimmed from each line (a line of spaces becomes empty), more than two consecutive newlines become
 * two, and the text is stripped at both ends.
 */
public final class Normalizer implements Serializable {
  private static final long serialVersionUID = 1L;

  public record Settings(String unicode, boolean stripControl, boolean whitespace)
      implements Serializable {
    public static Settings defaults() {
      return new Settings("NFC", true, true);
    }

    public static Settings from(Map<String, Object> section) {
      Config c =
          Config.of("normalize", section).allowOnly("unicode", "strip_control", "whitespace");
      Settings d = defaults();
      return new Settings(
          c.getChoice("unicode", d.unicode, "NFC", "NFKC", "NFD", "NFKD", "none"),
          c.getBool("strip_control", d.stripControl),
          c.getBool("whitespace", d.whitespace));
    }
  }

  private final Settings settings;
  private final Form form;

  public Normalizer(Settings settings) {
    this.settings = settings;
    this.form = settings.unicode.equals("none") ? null : Form.valueOf(settings.unicode);
  }

  public String normalize(String text) {
    String t = text;
    if (form != null && !java.text.Normalizer.isNormalized(t, form)) {
      t = java.text.Normalizer.normalize(t, form);
    }
    if (!settings.stripControl && !settings.whitespace) return t;
    int n = t.length();
    char[] in = t.toCharArray();
    char[] out = new char[n];
    int len = 0;
    boolean pendingSpace = false;
    int newlines = 0;
    int indent = -1; // where the current line's leading white space starts, until a char ends it
    for (int i = 0; i < n; i++) {
      char c = in[i];
      if (c == '\r') {
        if (i + 1 < n && in[i + 1] == '\n') continue;
        c = '\n';
      }
      if (c == '\n') {
        pendingSpace = false;
        indent = -1;
        if (settings.whitespace) {
          newlines++;
          if (newlines > 2) continue;
        }
        out[len++] = '\n';
        continue;
      }
      if (settings.stripControl && isStrippedControl(c)) continue;
      if (settings.whitespace && horizontalSpace(c)) {
        if (len > 0 && out[len - 1] == '\n') {
          if (indent < 0) indent = i; // leading: kept once the line turns out not to be blank
        } else {
          pendingSpace = true;
        }
        continue;
      }
      if (indent >= 0) { // the indentation as given (it is no longer than what it replaces)
        for (int k = indent; k < i; k++) if (horizontalSpace(in[k])) out[len++] = in[k];
        indent = -1;
      } else if (pendingSpace && newlines == 0 && len > 0) {
        out[len++] = ' '; // a run of spaces became one: room left
      }
      pendingSpace = false;
      newlines = 0;
      out[len++] = c;
    }
    String s = new String(out, 0, len);
    return settings.whitespace ? s.strip() : s;
  }

  private static boolean horizontalSpace(char c) {
    return c == ' '
        || c == '\t'
        || (c >= 0x80 && Character.getType(c) == Character.SPACE_SEPARATOR);
  }

  /** C0/C1 controls except tab and newline, and zero-width, soft-hyphen and BOM characters. */
  static boolean isStrippedControl(char c) {
    if (c == '\t' || c == '\n') return false;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
    return c == '\u200b' || c == '\ufeff' || c == '\u00ad' || c == '\u2060';
  }
}
