package dev.crossborder.bench;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import dev.crossborder.ingest.LandingReader;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.spark.SparkSessions;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark (a), the scan floor: the job's own reader over the landing shipments (the contract columns and the
 * file name, as the pipeline reads them) into Spark's {@code noop} sink, in a session built like the job's.
 * No Spark job over these files can take less; the pipeline's time over this is what its work costs.
 *
 * <p>{@code SparkScanFloor --landing DIR}
 */
public final class SparkScanFloor {
  private SparkScanFloor() {}

  public static void main(String[] args) throws Exception {
    Measurement measurement = Measurement.of("floor");
    BenchOptions options = new BenchOptions(args);
    String landing = options.get("landing");
    SparkSession spark = SparkSessions.forJob("crossborder-bench-floor");
    SparkJobCounter jobs = SparkJobCounter.register(spark);
    measurement.ready();

    LandingDataset shipments = LandingDataset.SHIPMENTS;
    // The row count rides on the scan as an observation, as the pipeline counts rows read: no second pass.
    Observation read = new Observation("rows_read");
    LandingReader.read(spark, landing + "/" + shipments.folder(),
            new LandingReader.Contract(shipments.folder(), shipments.columns(), shipments.requiredColumns()))
        .observe(read, count(lit(1)).as("rows"))
        .write().format("noop").mode("overwrite").save();
    long rows = ((Number) read.getAsJava().get("rows")).longValue();

    measurement.done(rows, jobs::fields);
    spark.stop();
  }
}
