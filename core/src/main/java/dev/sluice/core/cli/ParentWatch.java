package dev.sluice.core.cli;

/**
 * A verb started by another Sluice process (a run relaunched with other JIT flags, or the runs and trainings of
 * {@code sluice scale}) ends the moment its parent does, even on kill -9, so nothing trains or writes on unwatched
 * and a rerun never races an orphan. The parent is named by {@code -Dsluice.parentPid} or, through a launcher
 * script, the environment variable {@code SLUICE_PARENT_PID}.
 */
public final class ParentWatch {
  public static final String PROPERTY = "sluice.parentPid";
  public static final String ENV = "SLUICE_PARENT_PID";

  private ParentWatch() {}

  /** Called first in main. */
  public static void start() {
    String pid = System.getProperty(PROPERTY, System.getenv(ENV));
    if (pid == null || pid.isBlank()) return;
    long parent;
    try {
      parent = Long.parseLong(pid.trim());
    } catch (NumberFormatException e) {
      return;
    }
    ProcessHandle.of(parent)
        .ifPresentOrElse(
            h -> h.onExit().thenRun(() -> Runtime.getRuntime().halt(143)),
            () -> Runtime.getRuntime().halt(143));
  }
}
