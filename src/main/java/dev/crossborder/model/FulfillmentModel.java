package dev.crossborder.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a parcel is fulfilled, from fully hosted direct mail to local sellers (DESIGN.md §3). */
public enum FulfillmentModel {
  FULLY_HOSTED,
  SEMI_HOSTED,
  OVERSEAS_HOSTED,
  LOCAL_SELLER,
  MARKETPLACE;

  /** The value in the data: the lower-case name. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static List<String> codes() {
    return Arrays.stream(values()).map(FulfillmentModel::code).toList();
  }
}
