package dev.sluice.core.cli;

/**
 * A run that could not complete for a reason the message states in one line (a lost TaskManager, an unconverged
 * step, a failed check before publishing). Exit code 1; the stack trace only with {@code --verbose}. Anything else
 * that escapes a verb is a bug: exit 1 with its stack trace ({@link ExitCodes}).
 */
public class RunFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
