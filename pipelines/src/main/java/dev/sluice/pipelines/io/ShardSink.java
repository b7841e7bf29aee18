package dev.sluice.pipelines.io;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/** Writes one shard's rows, already in their final order, to a file. */
public interface ShardSink<T> extends Serializable {
  String extension();

  void write(List<T> rows, Path file) throws IOException;
}
