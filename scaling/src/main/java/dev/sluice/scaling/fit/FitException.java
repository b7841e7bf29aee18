package dev.sluice.scaling.fit;

import dev.sluice.core.cli.UsageException;

/** Points the fitter cannot fit honestly (too few, degenerate, malformed); the message says why. */
public final class FitException extends UsageException {
  public FitException(String message) {
    super(message);
  }
}
