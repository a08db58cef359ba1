package dev.crossborder.pipeline;

import static dev.crossborder.model.Columns.*;
import static org.apache.spark.sql.functions.col;

import dev.crossborder.conform.DeMinimis;
import dev.crossborder.conform.GmvConform;
import dev.crossborder.conform.ShipmentCube;
import dev.crossborder.model.LandingDataset;
import dev.crossborder.model.ParsedColumns;
import dev.crossborder.quality.GmvQuality;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns an expectation's condition may use, per dataset: the contract's names with their typed, conformed
 * values (a text column parsed as the rules parse it), and what the conform stage derives (USD values, the de minimis
 * flag, regions, the customs jurisdiction). Each is a column of the dataset's row-level frame, cast to the type
 * stated here, which is the type the condition is checked against before any data is read. README.md lists them.
 */
public final class ExpectationColumns {
  private ExpectationColumns() {}

  /** One column a condition may use: its name and type, what it holds, and how the row-level frame has it. */
  public record Binding(String name, DataType type, String meaning, Column column) {}

  private static final DataType TEXT = DataTypes.StringType;

  private static final List<Binding> SHIPMENT_COLUMNS = List.of(
      new Binding(SHIPMENT_ID, TEXT, "the shipment's id", col(SHIPMENT_ID)),
      new Binding(SHIP_DATE, DataTypes.DateType, "the ship date", col(ParsedColumns.SHIP_DAY)),
      new Binding(MONTH_START, DataTypes.DateType, "the first day of the ship month", col(MONTH_START)),
      new Binding(PLATFORM_ID, TEXT, "the platform, e.g. temu", col(PLATFORM_ID)),
      new Binding(ORIGIN_COUNTRY, TEXT, "ISO country code of origin", col(ORIGIN_COUNTRY)),
      new Binding(DESTINATION_COUNTRY, TEXT, "ISO country code of destination", col(DESTINATION_COUNTRY)),
      new Binding(FULFILLMENT_MODEL, TEXT, "fully_hosted, semi_hosted, overseas_warehouse or direct_mail",
          col(FULFILLMENT_MODEL)),
      new Binding(DECLARED_VALUE, GmvQuality.LOCAL_AMOUNT, "declared value of one parcel, in currency",
          col(ParsedColumns.VALUE)),
      new Binding(CURRENCY, TEXT, "ISO currency code of declared_value", col(CURRENCY)),
      new Binding(PARCEL_COUNT, DataTypes.LongType, "identical parcels the row stands for (1 when absent)",
          col(ParsedColumns.PARCEL_COUNT)),
      new Binding(WEIGHT_KG, DataTypes.createDecimalType(18, 6), "weight of one parcel in kg (null when absent)",
          col(ParsedColumns.WEIGHT)),
      new Binding(DECLARED_VALUE_USD, DataTypes.createDecimalType(38, 2),
          "declared value of one parcel in USD at the ship month's rate, to the cent",
          col(ShipmentCube.PARCEL_VALUE_USD)),
      new Binding("is_cross_border", DataTypes.BooleanType, "origin and destination differ", DeMinimis.isCrossBorder()),
      new Binding("is_de_minimis", DataTypes.BooleanType,
          "the parcel entered under the destination's de minimis exemption on its ship date", DeMinimis.isDeMinimis()),
      new Binding("origin_region", TEXT, "region of the origin country", col(ParsedColumns.ORIGIN_REGION)),
      new Binding(DESTINATION_REGION, TEXT, "region of the destination country", col(DESTINATION_REGION)),
      new Binding(CUSTOMS_JURISDICTION, TEXT, "customs jurisdiction of the destination (EU for its members)",
          col(DESTINATION_JURISDICTION)));

  private static final List<Binding> GMV_COLUMNS = List.of(
      new Binding(PLATFORM_ID, TEXT, "the platform, e.g. temu", col(PLATFORM_ID)),
      new Binding(COUNTRY_CODE, TEXT, "ISO country code", col(COUNTRY_CODE)),
      new Binding(MONTH, TEXT, "the month as written, yyyy-MM", col(MONTH)),
      new Binding(MONTH_START, DataTypes.DateType, "the first day of the month", col(MONTH_START)),
      new Binding(GMV, GmvQuality.LOCAL_AMOUNT, "GMV in currency", col(GMV_LOCAL)),
      new Binding(CURRENCY, TEXT, "ISO currency code of gmv", col(CURRENCY)),
      new Binding(ORDERS, DataTypes.LongType, "orders (null when absent)", col(ParsedColumns.ORDERS)),
      new Binding(SOURCE, TEXT, "where the figure comes from", col(SOURCE)),
      new Binding(GMV_USD, DataTypes.createDecimalType(20, 2), "GMV in USD at the month's rate, to the cent",
          GmvConform.gmvUsd()),
      new Binding(REGION, TEXT, "region of the country", col(REGION)));

  public static List<Binding> of(LandingDataset dataset) {
    return dataset == LandingDataset.SHIPMENTS ? SHIPMENT_COLUMNS : GMV_COLUMNS;
  }

  /** The names and types a condition of {@code dataset} is checked against. */
  public static StructType schema(LandingDataset dataset) {
    StructType schema = new StructType();
    for (Binding binding : of(dataset)) {
      schema = schema.add(binding.name(), binding.type(), true);
    }
    return schema;
  }

  /** Each name as a column of the dataset's row-level frame, of its stated type. */
  public static Map<String, Column> columns(LandingDataset dataset) {
    Map<String, Column> columns = new LinkedHashMap<>();
    for (Binding binding : of(dataset)) {
      columns.put(binding.name(), binding.column().cast(binding.type()));
    }
    return columns;
  }

  /** Every dataset's schema, for the expectations' checks. */
  public static Map<LandingDataset, StructType> schemas() {
    Map<LandingDataset, StructType> schemas = new LinkedHashMap<>();
    for (LandingDataset dataset : LandingDataset.values()) {
      schemas.put(dataset, schema(dataset));
    }
    return schemas;
  }
}
