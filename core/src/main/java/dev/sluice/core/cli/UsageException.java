package dev.sluice.core.cli;

/**
 * Something the user can fix: a bad option, recipe value, path or input that is refused before any work. The one
 * exception type that the command line maps to exit code 2 ({@link ExitCodes}); everything else that escapes a
 * verb is a failed run (exit 1) with its stack trace in the log.
 */
public class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }

  /** What kind of mistake, as the words before the message ("bad recipe: "); empty when the message says it all. */
  public String kind() {
    return "";
  }
}
