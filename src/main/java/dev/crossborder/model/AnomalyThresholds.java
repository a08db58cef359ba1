package dev.crossborder.model;

/**
 * When a KPI is flagged in {@code kpi_anomalies} (the job's options validate and default them).
 *
 * @param sharePp a platform's market share moving by at least this many percentage points in a year
 * @param yoyMarginPp a quarter's YoY growth this many points outside the range of its 4 previous quarters
 */
public record AnomalyThresholds(double sharePp, double yoyMarginPp) {}
