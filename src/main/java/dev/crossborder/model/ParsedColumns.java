package dev.crossborder.model;

/**
 * Working columns of the pass over the landing rows: values parsed from their text beside it. The quality
 * rules add and check them, the conform stage reads them; neither stage knows the other, both know these
 * names. None is published: the final selects of the silver tables name what is.
 */
public final class ParsedColumns {
  private ParsedColumns() {}

  /** shipments: ship_date as a DATE (null when it does not parse). */
  public static final String SHIP_DAY = "_ship_day";
  /** shipments: declared_value as a decimal, in the row's currency. */
  public static final String VALUE = "_declared_value";
  /** shipments: parcel_count as a long, 1 when absent. */
  public static final String PARCEL_COUNT = "_parcel_count";
  public static final String WEIGHT = "_weight_kg";
  /** shipments: the origin country's region (null: unknown country). */
  public static final String ORIGIN_REGION = "_origin_region";
  /** gmv: orders as a long. */
  public static final String ORDERS = "_orders";

  /**
   * The value of {@code column} as a typed landing file carries it (a DATE, a DECIMAL, a DOUBLE, an INT...),
   * where the dataset lists the column as typed ({@code LandingDataset.typedColumns}); null where the value came
   * as text, which is then in {@code column} (null there when the value came typed). Its type is the files'
   * own, the same for every row: text-only landings carry a null text column here.
   */
  public static String typedValue(String column) {
    return "_typed_" + column;
  }
}
