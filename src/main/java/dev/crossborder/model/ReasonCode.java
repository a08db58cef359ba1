package dev.crossborder.model;

/** Why an input row was quarantined (DESIGN.md §4); a row carries every code that applies. */
public enum ReasonCode {
  MALFORMED_RECORD("the record could not be split into the expected fields (too few or too many, or a quote"
      + " left open that reads the lines after it into one field)"),
  MISSING_REQUIRED("a required field is empty"),
  BAD_DATE("a date or month is not a valid calendar value in the expected format"),
  BAD_NUMBER("a number does not parse, is out of its type's range, or breaks its rule (e.g. parcel_count < 1)"),
  NEGATIVE_VALUE("a value that must be >= 0 is negative"),
  UNKNOWN_PLATFORM("platform_id is not in reference/platforms.csv"),
  UNKNOWN_COUNTRY("a country code is not in reference/countries.csv"),
  UNKNOWN_CURRENCY("the currency has no rate at all in reference/fx_rates.csv"),
  FX_RATE_MISSING("the currency has no rate for that month in reference/fx_rates.csv"),
  UNKNOWN_FULFILLMENT_MODEL("fulfillment_model is not one of the known models"),
  DATE_OUT_OF_RANGE("the date is before 2000-01-01 or after the run date"),
  DUPLICATE("an identical copy of a row that was kept"),
  CONFLICTING_DUPLICATE("same key as another row with different values: all copies quarantined");

  private final String description;

  ReasonCode(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
