package dev.crossborder.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Spark's own log lines during a run, in a file instead of on the console (the run command without --verbose):
 * a job that fails on a cluster or on a full disk logs hundreds of task-failure stack traces, and the console
 * should end with the job's one line. The job's own warnings (package dev.crossborder) stay on the console too.
 *
 * <p>The file starts in the temporary folder, because the output may not exist yet or may be refused, and
 * {@link #finish} moves it beside the run reports when anything was logged.
 */
public final class SparkLog {
  private static final String JOB_LOGGER = "dev.crossborder";

  private final LoggerContext context;
  private final Path file;
  private final FileAppender appender;
  private final List<Detached> detached = new ArrayList<>();
  private final boolean jobLoggerAdded;
  private boolean finished;

  /** A console appender taken off a logger, with what it needs to go back on. */
  private record Detached(LoggerConfig logger, Appender appender, Level level, Filter filter) {}

  private SparkLog(Path file) {
    this.file = file;
    this.context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    PatternLayout layout = PatternLayout.newBuilder().withConfiguration(config)
        .withPattern("%d{yyyy-MM-dd HH:mm:ss} %p %c{1}: %m%n").build();
    // createOnDemand: no file at all when nothing is logged.
    appender = FileAppender.newBuilder().setName("crossborder-run-log").withFileName(file.toString())
        .withCreateOnDemand(true).setLayout(layout).setConfiguration(config).build();
    appender.start();
    config.addAppender(appender);

    List<LoggerConfig> loggers = new ArrayList<>(config.getLoggers().values());
    loggers.add(config.getRootLogger());
    List<Appender> consoles = new ArrayList<>();
    for (LoggerConfig logger : loggers.stream().distinct().toList()) {
      for (AppenderRef ref : logger.getAppenderRefs()) {
        Appender console = logger.getAppenders().get(ref.getRef());
        if (console instanceof ConsoleAppender) {
          detached.add(new Detached(logger, console, ref.getLevel(), ref.getFilter()));
          consoles.add(console);
          logger.removeAppender(console.getName());
        }
      }
    }
    config.getRootLogger().addAppender(appender, null, null);
    jobLoggerAdded = !config.getLoggers().containsKey(JOB_LOGGER);
    LoggerConfig job = jobLoggerAdded ? new LoggerConfig(JOB_LOGGER, config.getRootLogger().getLevel(), false)
        : config.getLoggerConfig(JOB_LOGGER);
    if (jobLoggerAdded) {
      job.addAppender(appender, null, null);
      consoles.stream().distinct().forEach(console -> job.addAppender(console, null, null));
      config.addLogger(JOB_LOGGER, job);
    }
    context.updateLoggers();
  }

  /** Spark's log lines from now on go to {@code file} (created only when something is logged). */
  public static SparkLog divert(Path file) {
    return new SparkLog(file);
  }

  /** Where a run's log starts: the temporary folder, one file per run id and process. */
  public static Path temporaryFile(String runId) {
    return Path.of(System.getProperty("java.io.tmpdir"), "crossborder-" + runId + "-" + ProcessHandle.current().pid()
        + ".log");
  }

  /**
   * Puts the console back as it was and says where the log is: moved into {@code keepIn} (created when missing)
   * as {@code name} when given and possible, else left where it is when {@code keepAnyway}, else deleted. Empty when nothing was logged
   * or the file was deleted. Only the first call acts.
   */
  public Optional<Path> finish(Optional<Path> keepIn, String name, boolean keepAnyway) {
    if (finished) {
      return Optional.empty();
    }
    finished = true;
    Configuration config = context.getConfiguration();
    config.getRootLogger().removeAppender(appender.getName());
    if (jobLoggerAdded) {
      config.removeLogger(JOB_LOGGER);
    }
    for (Detached console : detached) {
      console.logger().addAppender(console.appender(), console.level(), console.filter());
    }
    context.updateLoggers();
    appender.stop();
    try {
      if (!Files.exists(file) || Files.size(file) == 0) {
        Files.deleteIfExists(file);
        return Optional.empty();
      }
      if (keepIn.isPresent()) {
        try {
          Files.createDirectories(keepIn.get());
          return Optional.of(Files.move(file, keepIn.get().resolve(name), StandardCopyOption.REPLACE_EXISTING));
        } catch (IOException e) {
          // A full or read-only output disk: the log stays in the temporary folder, where it is still useful.
        }
      }
      if (keepAnyway) {
        return Optional.of(file);
      }
      Files.deleteIfExists(file);
      return Optional.empty();
    } catch (IOException e) {
      return keepAnyway ? Optional.of(file) : Optional.empty();
    }
  }
}
