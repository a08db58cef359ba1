package dev.crossborder.cli;

import dev.crossborder.model.JobException;
import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.publish.DataDictionary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code describe}: prints the data dictionary of the published tables (Markdown); needs no Spark. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = "Print the data dictionary: every published table with its grain, columns, types and meaning.")
final class DescribeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--table", paramLabel = "NAME", description = "Only this table, e.g. gmv_growth.")
  String table;

  @Override
  public Integer call() {
    if (table == null) {
      spec.commandLine().getOut().print(DataDictionary.markdown());
    } else {
      TableSpec match = OutputTables.ALL.stream()
          .filter(t -> t.name().equals(table) || t.relativePath().equals(table))
          .findFirst()
          .orElseThrow(() -> JobException.input("No table '" + table + "'; tables: "
              + String.join(", ", OutputTables.ALL.stream().map(TableSpec::relativePath).toList())));
      spec.commandLine().getOut().print(DataDictionary.markdown(match));
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
