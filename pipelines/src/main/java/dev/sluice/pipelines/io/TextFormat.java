package dev.sluice.pipelines.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Plain text ({@code input.format: text}; plain, .gz or .zst): with {@code text_mode: file} the whole file is one
 * document (a UTF-8 BOM dropped), with {@code text_mode: paragraph} each blank-line-separated block is one.
 */
final class TextFormat implements InputFormat {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "text";
  }

  @Override
  public String emptyDetail() {
    return "the file has only whitespace";
  }

  @Override
  public void read(String file, Records out) throws IOException {
    int max = out.settings().maxDocBytes();
    try (InputStream in = out.open()) {
      if (out.settings().textMode().equals("file")) {
        byte[] all = in.readNBytes(max + 1);
        if (all.length > max) {
          out.reject(
              "too_large", "the file is over input.max_doc_bytes (" + max + ")", "file", 1, all);
          return;
        }
        if (all.length >= 3
            && (all[0] & 0xFF) == 0xEF
            && (all[1] & 0xFF) == 0xBB
            && (all[2] & 0xFF) == 0xBF) {
          all = Arrays.copyOfRange(all, 3, all.length);
        }
        String text = out.decode(all);
        if (text == null) {
          out.reject("invalid_utf8", "the file is not valid UTF-8", "file", 1, all);
          return;
        }
        out.text(1, "file", null, text, all);
        return;
      }
      LineReader lines = new LineReader(in, max);
      ByteArrayOutputStream block = new ByteArrayOutputStream();
      long[] blockNo = {0};
      out.trackPosition(
          () ->
              new Records.Position(
                  "decompressed byte " + lines.offset() + " after block " + blockNo[0],
                  "byte " + lines.offset(),
                  blockNo[0] + 1,
                  lines.pendingBytes()));
      byte[] b;
      while (true) {
        b = lines.next();
        if (b == null || FileReader.isBlank(b)) {
          if (block.size() > 0) {
            blockNo[0]++;
            out.bytes(blockNo[0], "block", null, block.toByteArray());
            block.reset();
          }
          if (b == null) break;
          continue;
        }
        if (block.size() > 0) block.write('\n');
        if (block.size() <= max) block.write(b);
      }
    }
  }
}
