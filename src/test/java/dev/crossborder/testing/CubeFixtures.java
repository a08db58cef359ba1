package dev.crossborder.testing;

import dev.crossborder.model.Columns;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec.ColumnSpec;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.YearMonth;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Small silver {@code shipment_cube} frames on the real schema; every month fully covered. */
public final class CubeFixtures {
  private CubeFixtures() {}

  /** One cube cell; the destination's region and jurisdiction are looked up from a tiny table here. */
  public record Cell(String month, String platform, String origin, String destination, String model, long parcels,
      long crossBorder, long deMinimis, String valueUsd) {}

  public static Cell cell(String month, String platform, String origin, String destination, String model,
      long parcels, long crossBorder, long deMinimis, String valueUsd) {
    return new Cell(month, platform, origin, destination, model, parcels, crossBorder, deMinimis, valueUsd);
  }

  public static Dataset<Row> cube(SparkSession spark, Cell... cells) {
    StructType schema = new StructType();
    for (ColumnSpec column : OutputTables.SHIPMENT_CUBE.columns()) {
      if (!column.name().equals(Columns.RUN_ID)) {
        schema = schema.add(column.name(), column.type(), true);
      }
    }
    return spark.createDataFrame(Arrays.stream(cells).map(c -> RowFactory.create(
        Date.valueOf(c.month() + "-01"), c.platform(), c.origin(), c.destination(),
        c.destination().equals("US") ? "north_america" : "europe",
        c.destination().equals("US") ? "US" : "EU",
        c.model(), c.parcels(), c.crossBorder(), c.deMinimis(),
        new BigDecimal(c.valueUsd()).setScale(2), BigDecimal.ZERO.setScale(2),
        YearMonth.parse(c.month()).lengthOfMonth())).toList(), schema);
  }
}
