package dev.crossborder.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossborder.model.OutputTables;
import dev.crossborder.model.TableSpec;
import dev.crossborder.model.TableSpec.ColumnSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dictionary users read is complete and the copy in docs/data-dictionary.md is the generated one. */
class DataDictionaryTest {

  @Test
  void everyTableAndEveryColumnHasAComment() {
    Set<String> paths = new HashSet<>();
    for (TableSpec table : OutputTables.ALL) {
      assertTrue(paths.add(table.relativePath()), "one definition per table: " + table.relativePath());
      assertFalse(table.comment().isBlank(), table.name());
      assertFalse(table.grain().isBlank(), table.name());
      Set<String> names = new HashSet<>();
      for (ColumnSpec column : table.columns()) {
        assertTrue(names.add(column.name()), table.name() + " repeats " + column.name());
        assertTrue(column.comment() != null && column.comment().length() > 5,
            table.name() + "." + column.name() + " needs a comment");
      }
      assertTrue(names.containsAll(table.partitionColumns()), table.name() + " partitions by its own columns");
    }
  }

  @Test
  void theDocsEmbedTheGeneratedDictionary() throws Exception {
    String dictionary = Files.readString(Path.of("docs/data-dictionary.md"));
    String start = "<!-- data-dictionary:start -->\n";
    String end = "<!-- data-dictionary:end -->";
    int from = dictionary.indexOf(start);
    int to = dictionary.indexOf(end);
    assertTrue(from >= 0 && to > from, "docs/data-dictionary.md has the data-dictionary markers");
    assertEquals(DataDictionary.markdown(), dictionary.substring(from + start.length(), to),
        "docs/data-dictionary.md drifted from the code: paste the output of `describe` between the markers");
  }
}
