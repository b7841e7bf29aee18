package dev.sluice.pipelines.io;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Iterator;

/** Writes one shard's rows, already in their final order, to a file: one pass, never holding them all. */
public interface ShardSink<T> extends Serializable {
  String extension();

  void write(Iterator<T> rows, Path file) throws IOException;

  /** The same, with the columns of the input's own fields (a sink without them ignores them). */
  default void write(Iterator<T> rows, Path file, InputColumns columns) throws IOException {
    write(rows, file);
  }
}
