package dev.crossborder.model;

/** Geography levels of the gold tables: {@code geo_code} is a country code, a region id or {@code WORLD}. */
public enum GeoLevel {
  COUNTRY("country"),
  REGION("region"),
  GLOBAL("global");

  public static final String WORLD = "WORLD";

  private final String code;

  GeoLevel(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
