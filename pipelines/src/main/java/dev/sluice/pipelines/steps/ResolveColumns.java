package dev.sluice.pipelines.steps;

import dev.sluice.core.io.AtomicFiles;
import dev.sluice.pipelines.io.FieldTypes;
import dev.sluice.pipelines.io.InputColumns;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The columns of the input's own fields, for the shard writers: the partial field types of every bundle read
 * are combined (never collected on one machine: each partial holds a handful of types per field name), resolved
 * into {@link InputColumns} (types, renames, input.fields), written to the run's work folder for the manifest,
 * and handed on as a side input. Same input, same columns, whatever the runner or the bundles.
 */
public final class ResolveColumns
    extends PTransform<PCollection<FieldTypes>, PCollectionView<InputColumns>> {
  private static final Coder<InputColumns> CODER = SerializableCoder.of(InputColumns.class);
  private final List<String> selection;
  private final String file;

  /**
   * @param selection input.fields: null for all, else the names
   * @param file where the resolved columns are written (JSON), for the manifest
   */
  public ResolveColumns(List<String> selection, String file) {
    this.selection = selection;
    this.file = file;
  }

  @Override
  public PCollectionView<InputColumns> expand(PCollection<FieldTypes> partials) {
    PCollection<InputColumns> columns =
        partials
            .apply("MergeTypes", Combine.globally(new MergeFn()))
            .setCoder(FieldTypes.CODER)
            .apply("Resolve", ParDo.of(new ResolveFn(selection, file)))
            .setCoder(CODER);
    return columns.apply("AsView", View.asSingleton());
  }

  static final class MergeFn extends Combine.CombineFn<FieldTypes, FieldTypes, FieldTypes> {
    @Override
    public FieldTypes createAccumulator() {
      return new FieldTypes();
    }

    @Override
    public FieldTypes addInput(FieldTypes acc, FieldTypes in) {
      return acc.merge(in);
    }

    @Override
    public FieldTypes mergeAccumulators(Iterable<FieldTypes> accs) {
      FieldTypes out = new FieldTypes();
      for (FieldTypes a : accs) out.merge(a);
      return out;
    }

    @Override
    public FieldTypes extractOutput(FieldTypes acc) {
      return acc;
    }

    @Override
    public Coder<FieldTypes> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry r, Coder<FieldTypes> in) {
      return FieldTypes.CODER;
    }

    @Override
    public Coder<FieldTypes> getDefaultOutputCoder(
        org.apache.beam.sdk.coders.CoderRegistry r, Coder<FieldTypes> in) {
      return FieldTypes.CODER;
    }
  }

  static final class ResolveFn extends DoFn<FieldTypes, InputColumns> {
    private final List<String> selection;
    private final String file;

    ResolveFn(List<String> selection, String file) {
      this.selection = selection;
      this.file = file;
    }

    @ProcessElement
    public void process(@Element FieldTypes seen, OutputReceiver<InputColumns> out) {
      InputColumns columns = InputColumns.resolve(seen, selection, InputColumns.reserved());
      AtomicFiles.writeJson(file, columns.toJson());
      out.output(columns);
    }
  }
}
