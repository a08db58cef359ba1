package dev.crossborder.testing;

import dev.crossborder.model.Columns;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec.ColumnSpec;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Small silver {@code gmv_monthly} frames on the real schema, already in USD. */
public final class GmvFixtures {
  private GmvFixtures() {}

  /** One month of one platform in one country. */
  public record Month(String platform, String country, String region, String month, String usd) {}

  public static Month month(String platform, String country, String region, String month, String usd) {
    return new Month(platform, country, region, month, usd);
  }

  public static Dataset<Row> gmvMonthly(SparkSession spark, Month... months) {
    StructType schema = new StructType();
    for (ColumnSpec column : OutputTables.GMV_MONTHLY.columns()) {
      if (!column.name().equals(Columns.RUN_ID)) {
        schema = schema.add(column.name(), column.type(), true);
      }
    }
    List<Row> rows = Arrays.stream(months).map(m -> RowFactory.create(
        m.platform(), m.country(), m.region(), Date.valueOf(m.month() + "-01"),
        new BigDecimal(m.usd()).setScale(6), "USD", BigDecimal.ONE.setScale(12), new BigDecimal(m.usd()).setScale(2),
        null, "fixture")).toList();
    return spark.createDataFrame(rows, schema);
  }

  public static BigDecimal usd(String amount) {
    return new BigDecimal(amount);
  }


}
