package dev.crossborder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layout of README.md ("Layout"), read from the import lines of the main sources: no packages
 * import each other in a circle, quality and conform know nothing of each other, metrics import only model.
 */
class PackageLayoutTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/crossborder");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.crossborder\\.([a-z]+)\\.",
      Pattern.MULTILINE);

  /** Package -> the other project packages its classes import. */
  private static Map<String, Set<String>> imports;

  @BeforeAll
  static void readImports() throws IOException {
    imports = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = SOURCES.relativize(file.getParent()).toString();
        Set<String> used = imports.computeIfAbsent(pkg, p -> new TreeSet<>());
        Matcher matcher = IMPORT.matcher(Files.readString(file));
        while (matcher.find()) {
          if (!matcher.group(1).equals(pkg)) {
            used.add(matcher.group(1));
          }
        }
      }
    }
    assertTrue(imports.size() >= 10, "expected the stage packages under " + SOURCES + ", found " + imports.keySet());
  }

  @Test
  void noPackagesImportEachOtherInACircle() {
    List<String> circles = new ArrayList<>();
    for (String start : imports.keySet()) {
      findCircle(start, start, new ArrayList<>(List.of(start)), circles);
    }
    assertEquals(List.of(), circles);
  }

  private static void findCircle(String start, String at, List<String> path, List<String> circles) {
    for (String next : imports.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        circles.add(String.join(" -> ", path) + " -> " + start);
      } else if (!path.contains(next) && next.compareTo(start) > 0) {
        // Each circle is reported once, from its alphabetically first package.
        path.add(next);
        findCircle(start, next, path, circles);
        path.remove(path.size() - 1);
      }
    }
  }

  @Test
  void qualityAndConformAreColumnBuildersThatKnowNothingOfEachOther() {
    assertTrue(!imports.get("quality").contains("conform"), "quality imports " + imports.get("quality"));
    assertTrue(!imports.get("conform").contains("quality"), "conform imports " + imports.get("conform"));
    assertTrue(imports.get("shipmentpass").containsAll(Set.of("quality", "conform")),
        "the fused pass joins the two stages: " + imports.get("shipmentpass"));
  }

  @Test
  void theShimsOfEverySparkLineImportNothingOfOurs() throws IOException {
    // Each line's copy sits apart from the flow (src/main/shims/<line>/java) and only adapts Spark's API.
    try (Stream<Path> files = Files.walk(Path.of("src/main/shims"))) {
      List<Path> shims = files.filter(f -> f.toString().endsWith(".java")).toList();
      assertTrue(shims.size() >= 2, "a shim per line family: " + shims);
      for (Path shim : shims) {
        assertTrue(!IMPORT.matcher(Files.readString(shim)).find(), shim + " imports a project package");
      }
    }
  }

  @Test
  void metricsImportOnlyTheModel() {
    assertEquals(Set.of("model"), imports.get("metrics"));
  }
}
