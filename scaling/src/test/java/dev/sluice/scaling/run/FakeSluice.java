package dev.sluice.scaling.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A stand-in for bin/sluice in tests of image experiments: {@code run RECIPE --output DIR} writes a manifest, and
 * {@code train RECIPE --data D --output DIR --device cpu --set ...} writes the image trainer's result.json, with a
 * test accuracy that rises with the data fraction and the width and is higher with augmentation (worth 2× the
 * data: err = 0.05 + 2·(k·n)^-0.4 with k = 2 under augmentation). Every call is appended to {@code calls.log}.
 */
public final class FakeSluice {
  private FakeSluice() {}

  public static Path write(Path dir) throws IOException {
    Path script = dir.resolve("fake-sluice");
    Files.writeString(
        script,
        """
        #!/usr/bin/env bash
        set -euo pipefail
        echo "$*" >> "$(dirname "$0")/calls.log"
        verb=$1; shift
        out=""; frac=1; width=8; policy=none; seed=1
        while [[ $# -gt 0 ]]; do
          case "$1" in
            --output) out=$2; shift ;;
            --set) case "$2" in
                     data.fraction=*) frac=${2#*=} ;;
                     model.width=*) width=${2#*=} ;;
                     data.augment.policy=*) policy=${2#*=} ;;
                     seed=*) seed=${2#*=} ;;
                   esac; shift ;;
          esac
          shift
        done
        mkdir -p "$out"
        if [[ $verb == run ]]; then echo '{"counts":{}}' > "$out/manifest.json"; exit 0; fi
        awk -v f="$frac" -v w="$width" -v p="$policy" -v s="$seed" 'BEGIN {
          n = int(f * 6000); k = (p == "none") ? 1 : 2;
          err = 0.05 + 0.4 / w + 2 * (k * n) ^ -0.4; err = err * (1 + 0.004 * ((s * 7919 + n) % 5 - 2));
          printf "{\\"params\\": %d, \\"images\\": 6000, \\"train_images\\": %d, \\"flops\\": 1e9,", w * w * 100, n;
          printf " \\"final_val_loss\\": 0.5, \\"best_val_loss\\": 0.5, \\"final_val_accuracy\\": 0.8,";
          printf " \\"best_val_accuracy\\": 0.8, \\"test_loss\\": 0.5, \\"test_accuracy\\": %.6f,", 1 - err;
          printf " \\"wall_seconds\\": 0.1, \\"images_per_second\\": 1000, \\"device\\": \\"cpu\\", \\"labels\\": 10}\\n"
        }' > "$out/result.json"
        """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  public static long calls(Path dir, String verb) throws IOException {
    Path log = dir.resolve("calls.log");
    if (!Files.exists(log)) return 0;
    return Files.readAllLines(log).stream().filter(l -> l.startsWith(verb + " ")).count();
  }
}
