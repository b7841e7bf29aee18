package dev.sluice.quality.image;

/**
 * The eight EXIF orientations (TIFF tag 0x0112) as pixel moves: the value says how the stored pixels must be
 * turned to be seen upright, exactly as Pillow's {@code ImageOps.exif_transpose} turns them.
 */
public final class Orientation {
  private Orientation() {}

  /**
   * The upright image. 1 normal; 2 mirrored left-right; 3 turned 180°; 4 mirrored top-bottom; 5 transposed (mirror
   * about the main diagonal); 6 turned 90° clockwise; 7 transversed (mirror about the anti-diagonal); 8 turned 90°
   * counter-clockwise. Any other value leaves the image as it is.
   */
  public static Pixels apply(Pixels p, int orientation) {
    if (orientation < 2 || orientation > 8) return p;
    int w = p.width(), h = p.height(), c = p.channels();
    boolean swap = orientation >= 5;
    int ow = swap ? h : w, oh = swap ? w : h;
    byte[] src = p.data(), out = new byte[src.length];
    int o = 0;
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        int sx, sy;
        switch (orientation) {
          case 2 -> {
            sx = w - 1 - x;
            sy = y;
          }
          case 3 -> {
            sx = w - 1 - x;
            sy = h - 1 - y;
          }
          case 4 -> {
            sx = x;
            sy = h - 1 - y;
          }
          case 5 -> {
            sx = y;
            sy = x;
          }
          case 6 -> {
            sx = y;
            sy = h - 1 - x;
          }
          case 7 -> {
            sx = w - 1 - y;
            sy = h - 1 - x;
          }
          default -> { // 8
            sx = w - 1 - y;
            sy = x;
          }
        }
        int s = (sy * w + sx) * c;
        for (int k = 0; k < c; k++) out[o++] = src[s + k];
      }
    }
    return new Pixels(ow, oh, c, out);
  }
}
