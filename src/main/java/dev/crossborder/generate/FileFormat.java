package dev.crossborder.generate;

import java.util.Locale;

/** File format of the generated shipment files. */
public enum FileFormat {
  PARQUET,
  CSV;

  /**
   * Whether a row can be malformed: a CSV line can carry the wrong number of fields, while a Parquet file
   * of typed string columns always yields whole rows.
   */
  public boolean carriesMalformedRecords() {
    return this == CSV;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
