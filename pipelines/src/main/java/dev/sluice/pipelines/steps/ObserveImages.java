package dev.sluice.pipelines.steps;

import dev.sluice.pipelines.model.ImageDoc;
import dev.sluice.report.RunStats;
import java.util.Map;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Report statistics of the kept images, as {@link Observe#kept} gathers them for text: count, encoded bytes, every
 * signal's histogram ({@code signalsOut["image.<signal>"]}: width, height, file_bytes, blur, ...) and
 * the perceptual clusters' sizes; augmented copies are counted apart from the originals.
 */
public final class ObserveImages {
  private ObserveImages() {}

  public static PCollection<RunStats> kept(PCollection<ImageDoc> images) {
    return images
        .apply(
            "ObserveKept",
            ParDo.of(
                new Observe.StatsFn<ImageDoc>() {
                  @Override
                  void add(RunStats s, ImageDoc d) {
                    s.docsOut++;
                    s.bytesOut += d.bytes().length;
                    if (d.augmentedFrom() != null) return;
                    if (d.clusterSize() > 1) s.clusterSizes.add(d.clusterSize());
                    for (Map.Entry<String, Double> e : d.signals().entrySet())
                      RunStats.addTo(s.signalsOut, "image." + e.getKey(), e.getValue());
                  }
                }))
        .setCoder(SerializableCoder.of(RunStats.class));
  }
}
