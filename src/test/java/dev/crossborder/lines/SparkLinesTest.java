package dev.crossborder.lines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Spark lines the scripts know (scripts/spark-line.sh) are the ones pom.xml builds, with the same Scala. */
class SparkLinesTest {

  @Test
  void theScriptsKnowEveryLineThePomBuildsWithItsScalaVersion() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    String defaultScala = firstGroup(pom, "<scala.binary.version>([0-9.]+)</scala.binary.version>");
    List<String> pomLines = new ArrayList<>();
    Matcher profile = Pattern.compile("<profile>\\s*<id>spark-([0-9.]+)</id>(.*?)</profile>", Pattern.DOTALL)
        .matcher(pom);
    String script = Files.readString(Path.of("scripts/spark-line.sh"));
    while (profile.find()) {
      String line = profile.group(1);
      pomLines.add(line);
      Matcher scala = Pattern.compile("<scala.binary.version>([0-9.]+)</scala.binary.version>").matcher(profile.group(2));
      String expectedScala = scala.find() ? scala.group(1) : defaultScala;
      Matcher mapped = Pattern.compile("(?m)^\\s*([0-9. |]+)\\)\\s*scala_binary=([0-9.]+)").matcher(script);
      boolean found = false;
      while (mapped.find()) {
        if (List.of(mapped.group(1).replace(" ", "").split("\\|")).contains(line)) {
          assertEquals(expectedScala, mapped.group(2), "Scala of Spark " + line + " in scripts/spark-line.sh");
          found = true;
        }
      }
      assertTrue(found, "scripts/spark-line.sh has no Scala version for Spark " + line);
    }
    assertEquals(pomLines, List.of(firstGroup(script, "SPARK_LINES=\\(([^)]*)\\)").split(" ")));
    assertEquals(firstGroup(pom, "<spark.line>([0-9.]+)</spark.line>"),
        firstGroup(script, "DEFAULT_SPARK_LINE=([0-9.]+)"), "the default line");
  }

  private static String firstGroup(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertTrue(matcher.find(), regex);
    return matcher.group(1);
  }
}
