package dev.crossborder.publish;

import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.model.TableSpec.ColumnSpec;
import java.util.stream.Collectors;

/**
 * The data dictionary in Markdown, generated from the same table definitions the writers use
 * ({@link OutputTables}); `describe` prints it and docs/data-dictionary.md embeds it.
 */
public final class DataDictionary {
  private DataDictionary() {}

  /** Every published table. */
  public static String markdown() {
    return OutputTables.ALL.stream().map(DataDictionary::markdown).collect(Collectors.joining("\n"));
  }

  /** One table: path, meaning, grain, partitioning, then its columns with types and meanings. */
  public static String markdown(TableSpec spec) {
    StringBuilder out = new StringBuilder();
    out.append("### `").append(spec.relativePath()).append("`\n\n");
    out.append(spec.comment()).append(".\n\n");
    out.append("Grain: ").append(spec.grain()).append('.');
    if (!spec.partitionColumns().isEmpty()) {
      out.append(" Partitioned by ").append(String.join(", ", spec.partitionColumns())).append('.');
    }
    out.append("\n\n| column | type | meaning |\n|---|---|---|\n");
    for (ColumnSpec column : spec.columns()) {
      out.append("| `").append(column.name()).append("` | ").append(column.type().simpleString())
          .append(" | ").append(column.comment().replace("|", "\\|")).append(" |\n");
    }
    return out.toString();
  }
}
