package dev.crossborder.quality;

import dev.crossborder.model.ReasonCode;
import org.apache.spark.sql.Column;

/**
 * A quality rule as data: the reason code it gives and the predicate that is true for a failing row. A null
 * predicate value counts as passing, so each rule only speaks about the fields it checks.
 */
public record Rule(ReasonCode code, Column failsWhen) {}
