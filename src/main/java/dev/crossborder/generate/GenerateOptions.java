package dev.crossborder.generate;

/** Option names of the {@code generate} command beside their defaults: the one place both are stated. */
public final class GenerateOptions {
  private GenerateOptions() {}

  public static final String OUTPUT = "--output";

  public static final String ROWS = "--rows";

  /** The bundled sample's seed (scripts/GenerateSample.java), so the default is as fixed as the sample. */
  public static final String SEED = "--seed";
  public static final String SEED_DEFAULT = "20250829";

  public static final String FORMAT = "--format";
  public static final String FORMAT_DEFAULT = "parquet";

  public static final String TYPED = "--typed";

  public static final String BAD_RATIO = "--bad-ratio";
  public static final String BAD_RATIO_DEFAULT = "0";

  public static final String TEMPLATE = "--template";
  public static final String TEMPLATE_DEFAULT = "datasets/sample";

  public static final String VERBOSE = "--verbose";
}
