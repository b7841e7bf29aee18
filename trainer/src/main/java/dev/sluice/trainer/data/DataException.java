package dev.sluice.trainer.data;

/** A run directory or shard the trainer cannot use; the message names the file and what is wrong with it. */
public final class DataException extends RuntimeException {
  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
