package dev.crossborder.model;

/** Values of {@code origin_scope} in the de minimis rules (DESIGN.md §3): '*' or one origin country. */
public final class OriginScope {
  private OriginScope() {}

  /** A rule for parcels from any origin; a rule naming the origin beats it. */
  public static final String ANY = "*";
}
