package dev.crossborder.config;

/** Table format of the published output. */
public enum OutputFormat {
  DELTA,
  PARQUET
}
