package dev.crossborder.model;

import static dev.crossborder.model.Columns.*;

import java.util.List;

/**
 * The fact datasets of the landing folder (DESIGN.md §3): their folder, contract columns in order, which of
 * them are required, the key that identifies a record for duplicate detection, and which are free text.
 */
public enum LandingDataset {
  GMV(
      "gmv",
      List.of(PLATFORM_ID, COUNTRY_CODE, MONTH, Columns.GMV, CURRENCY, ORDERS, SOURCE),
      List.of(PLATFORM_ID, COUNTRY_CODE, MONTH, Columns.GMV, CURRENCY),
      List.of(PLATFORM_ID, COUNTRY_CODE, MONTH),
      List.of(SOURCE),
      List.of()),
  SHIPMENTS(
      "shipments",
      List.of(SHIPMENT_ID, SHIP_DATE, PLATFORM_ID, ORIGIN_COUNTRY, DESTINATION_COUNTRY, FULFILLMENT_MODEL,
          DECLARED_VALUE, CURRENCY, PARCEL_COUNT, WEIGHT_KG),
      List.of(SHIPMENT_ID, SHIP_DATE, PLATFORM_ID, ORIGIN_COUNTRY, DESTINATION_COUNTRY, FULFILLMENT_MODEL,
          DECLARED_VALUE, CURRENCY),
      List.of(SHIPMENT_ID),
      List.of(),
      List.of(SHIP_DATE, DECLARED_VALUE, PARCEL_COUNT, WEIGHT_KG));

  private final String folder;
  private final List<String> columns;
  private final List<String> requiredColumns;
  private final List<String> keyColumns;
  private final List<String> freeTextColumns;
  private final List<String> typedColumns;

  LandingDataset(String folder, List<String> columns, List<String> requiredColumns, List<String> keyColumns,
      List<String> freeTextColumns, List<String> typedColumns) {
    this.folder = folder;
    this.columns = columns;
    this.requiredColumns = requiredColumns;
    this.keyColumns = keyColumns;
    this.freeTextColumns = freeTextColumns;
    this.typedColumns = typedColumns;
  }

  /** Folder under {@code --input}, also the {@code dataset} value in the quarantine and run report. */
  public String folder() {
    return folder;
  }

  public List<String> columns() {
    return columns;
  }

  public List<String> requiredColumns() {
    return requiredColumns;
  }

  public List<String> keyColumns() {
    return keyColumns;
  }

  /** Columns of prose (notes, sources), the only ones where a value may hold a line break. */
  public List<String> freeTextColumns() {
    return freeTextColumns;
  }

  /**
   * Columns whose values a typed file (Parquet) may carry as they are, dates and numbers: read into
   * {@link ParsedColumns#typedValue} beside a null text and parsed from there, not from their text. The other
   * columns of a typed file are read as text, as are these in gmv (a few thousand rows, where parsing costs
   * nothing worth a second path).
   */
  public List<String> typedColumns() {
    return typedColumns;
  }
}
