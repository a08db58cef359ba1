package dev.crossborder.model;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;

/**
 * A published table: its name, layer (folder under {@code --output}), grain, meaning and columns in contract
 * order. Writers attach the comments; the data dictionary is generated from the same definitions.
 */
public record TableSpec(String layer, String name, String grain, String comment, List<ColumnSpec> columns,
    List<String> partitionColumns) {

  public TableSpec(String layer, String name, String grain, String comment, List<ColumnSpec> columns) {
    this(layer, name, grain, comment, columns, List.of());
  }

  /** One column of a published table. */
  public record ColumnSpec(String name, DataType type, String comment) {}

  /** Path of the table relative to {@code --output}, e.g. {@code gold/gmv_growth}. */
  public String relativePath() {
    return layer.isEmpty() ? name : layer + "/" + name;
  }

  /**
   * The table's name in a catalog and as a view of the {@code sql} command, one naming for every layer: gold
   * tables by their own name ({@code market_share}), silver ones prefixed ({@code silver_shipment_cube}), the
   * quarantine as {@code quarantine} and the run history as {@code runs}.
   */
  public String catalogName() {
    return switch (layer) {
      case "gold", "" -> name;
      case "runs" -> "runs";
      default -> layer + "_" + name;
    };
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }

  public Optional<ColumnSpec> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }
}
