package dev.crossborder.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.JobSucceeded$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Counts the Spark jobs (and their stages and tasks) a benchmark JVM runs, from a listener on the session's
 * SparkContext, instead of counting log lines. Register it right after the session is built, before any work,
 * so that every job of the work is counted. Jobs are also counted by what started them, for a breakdown in the
 * log.
 */
final class SparkJobCounter extends SparkListener {
  private static final int BREAKDOWN_LINES = 15;
  private static final int DESCRIPTION_CHARS = 90;
  private static final Pattern CALL_SITE = Pattern.compile("\\S+ at \\S+:[0-9]+");

  private final SparkSession spark;
  private final AtomicLong jobsStarted = new AtomicLong();
  private final AtomicLong jobsEnded = new AtomicLong();
  private final AtomicLong jobsFailed = new AtomicLong();
  private final AtomicLong stages = new AtomicLong();
  private final AtomicLong tasks = new AtomicLong();
  private final Map<String, AtomicLong> jobsByOrigin = new ConcurrentHashMap<>();

  private SparkJobCounter(SparkSession spark) {
    this.spark = spark;
  }

  /** Starts counting the jobs of {@code spark}'s context. */
  static SparkJobCounter register(SparkSession spark) {
    SparkJobCounter counter = new SparkJobCounter(spark);
    spark.sparkContext().addSparkListener(counter);
    return counter;
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    jobsStarted.incrementAndGet();
    jobsByOrigin.computeIfAbsent(origin(jobStart), o -> new AtomicLong()).incrementAndGet();
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd jobEnd) {
    jobsEnded.incrementAndGet();
    if (jobEnd.jobResult() != JobSucceeded$.MODULE$) {
      jobsFailed.incrementAndGet();
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted stageCompleted) {
    stages.incrementAndGet();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    tasks.incrementAndGet();
  }

  /**
   * What started a job: its description where Spark SQL or Delta set one (numbers taken out of Delta's, so
   * that one line counts a kind of job whatever the table version), else the call site its final stage is
   * named after.
   */
  private static String origin(SparkListenerJobStart jobStart) {
    Properties properties = jobStart.properties();
    String description = properties == null ? null : properties.getProperty("spark.job.description");
    if (description == null) {
      return CollectionConverters.asJava(jobStart.stageInfos()).stream()
          .max(Comparator.comparingInt(StageInfo::stageId))
          .map(StageInfo::name)
          .orElse("?");
    }
    // Spark's file listing jobs put the paths after an HTML line break: only the words before it are kept.
    String oneLine = description.replaceFirst("(?s)<br/>.*", "").replaceAll("\\s+", " ").strip();
    if (CALL_SITE.matcher(oneLine).matches()) {
      return oneLine; // Spark SQL's default description: the call site of the query's action
    }
    String kind = oneLine.replaceAll("[0-9]+", "N");
    return kind.length() <= DESCRIPTION_CHARS ? kind : kind.substring(0, DESCRIPTION_CHARS) + "...";
  }

  /**
   * The counts as {@code key=value} fields for the BENCH-RESULT line, once every event posted so far has
   * reached this listener: the bus delivers them on its own thread, so the last job's end may still be queued
   * when the work returns.
   */
  Map<String, Object> fields() {
    flush();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("spark_jobs", jobsStarted.get());
    fields.put("spark_jobs_ended", jobsEnded.get());
    fields.put("spark_jobs_failed", jobsFailed.get());
    fields.put("spark_stages", stages.get());
    fields.put("spark_tasks", tasks.get());
    return fields;
  }

  /** The most frequent origins of jobs, one {@code BENCH-JOBS count origin} line each, most first. */
  List<String> breakdown() {
    flush();
    return jobsByOrigin.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, AtomicLong> e) -> e.getValue().get()).reversed()
            .thenComparing(Map.Entry::getKey))
        .limit(BREAKDOWN_LINES)
        .map(e -> String.format("BENCH-JOBS %4d %s", e.getValue().get(), e.getKey()))
        .collect(Collectors.toList());
  }

  private void flush() {
    try {
      // Spark's own tests wait on the bus the same way (the method is Spark-private in Scala, public in Java).
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } catch (TimeoutException e) {
      System.err.println("Spark's listener bus did not drain in time: the job counts may be short");
    }
  }
}
