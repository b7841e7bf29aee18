package dev.sluice.trainer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.trainer.data.RunData;
import dev.sluice.trainer.data.Tokens;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDataTest {
  @TempDir Path tmp;

  @Test
  void anAugmentedCopyLandsOnItsOriginalsSideAndFraction() throws IOException {
    List<TestImages.Img> imgs = new ArrayList<>(TestImages.stripes(60, 8, 9));
    for (TestImages.Img o : List.copyOf(imgs)) {
      imgs.add(new TestImages.Img(o.id() + "#aug1", o.png(), o.label(), o.id()));
    }
    RunData run = RunData.open(TestImages.write(tmp.resolve("run"), imgs));
    ImageData d = ImageData.load(run, 0.3, 0.5, 8);
    Set<String> val = new HashSet<>(d.validation().ids());
    Set<String> train = new HashSet<>(d.train().ids());
    for (TestImages.Img o : imgs.subList(0, 60)) {
      String copy = o.id() + "#aug1";
      assertEquals(val.contains(o.id()), val.contains(copy), copy);
      assertEquals(train.contains(o.id()), train.contains(copy), copy);
      assertEquals(Tokens.isValidation(o.id(), 0.3), val.contains(o.id()), o.id());
    }
    assertTrue(!val.isEmpty() && !train.isEmpty());
    assertEquals(List.of("0-rows", "1-cols", "2-dots"), d.labels());
    assertEquals(1, d.channels());
  }

  @Test
  void aSmallerFractionTrainsOnASubsetWithTheSameValidation() throws IOException {
    RunData run = RunData.open(TestImages.write(tmp.resolve("r"), TestImages.stripes(120, 8, 3)));
    ImageData half = ImageData.load(run, 0.2, 0.5, 8);
    ImageData all = ImageData.load(run, 0.2, 1.0, 8);
    assertTrue(all.train().ids().containsAll(half.train().ids()));
    assertTrue(half.train().size() < all.train().size());
    assertEquals(all.validation().ids(), half.validation().ids());
  }
}
