package dev.crossborder.testing;

import org.apache.spark.sql.SparkSession;

/** Base of tests that need Spark: they all share {@link SharedSpark#session()}. */
public abstract class SparkTestBase {
  protected static final SparkSession spark = SharedSpark.session();
}
