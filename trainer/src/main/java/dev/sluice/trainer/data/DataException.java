package dev.sluice.trainer.data;

import dev.sluice.core.cli.UsageException;

/** A run directory or shard the trainer cannot use; the message names the file and what is wrong with it. */
public final class DataException extends UsageException {
  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
