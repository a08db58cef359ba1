package dev.crossborder.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The two application jars of the default line (after `package`): -with-delta carries our classes, Delta and what
 * Delta needs that Spark lacks; -platform-delta our classes without Delta. Neither has anything the cluster already
 * has: a second copy of a Spark, Hadoop or Scala class on a cluster's classpath loads whichever comes first and
 * breaks in ways no local test shows. Their entry point loads on any Java from 8 on, to say which Java it needs.
 */
class ApplicationJarIT {
  private static final Path JAR = Path.of("target", "crossborder-analytics-spark4.2_2.13-with-delta.jar");
  private static final Path PLATFORM_DELTA_JAR = Path.of("target", "crossborder-analytics-spark4.2_2.13-platform-delta.jar");
  private static final String DATA_SOURCE_SERVICE = "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister";

  /** Namespaces whose classes only ever come from Spark's own runtime, never from Delta or from us. */
  static final List<String> RUNTIME_ONLY_NAMESPACES = List.of(
      "org/apache/hadoop/", "scala/", "org/apache/parquet/", "com/fasterxml/jackson/core/",
      "com/fasterxml/jackson/databind/", "com/fasterxml/jackson/module/", "org/slf4j/", "org/apache/logging/",
      "org/apache/log4j/", "io/netty/", "com/google/common/", "org/json4s/", "org/antlr/");

  @Test
  void holdsNoClassThatSparkOrItsDependenciesShip() throws IOException {
    Set<String> sparkClasses = classesOfSparkJarsOnTheClasspath();
    List<String> entries = jarEntries(JAR);
    assertTrue(entries.contains("dev/crossborder/cli/CrossborderAnalytics.class"), "our classes are in the jar");
    assertTrue(entries.contains("org/apache/spark/sql/delta/sources/DeltaDataSource.class"), "Delta is in the jar");

    List<String> strays = classesTheClusterAlreadyHas(entries, sparkClasses::contains);
    assertTrue(strays.isEmpty(), () -> strays.size() + " classes that Spark's runtime already provides are in " + JAR
        + " (check the shade plugin's artifactSet), e.g. " + strays.subList(0, Math.min(20, strays.size())));
  }

  @Test
  void thePlatformDeltaJarLeavesDeltaAndEverythingSparkHasToThePlatform() throws IOException {
    Set<String> sparkClasses = classesOfSparkJarsOnTheClasspath();
    List<String> entries = jarEntries(PLATFORM_DELTA_JAR);
    assertTrue(entries.contains("dev/crossborder/cli/CrossborderAnalytics.class"), "our classes are in the jar");
    assertTrue(entries.contains("picocli/CommandLine.class"), "picocli, which no platform ships, is in the jar");
    List<String> delta = entries.stream()
        .filter(entry -> entry.startsWith("io/delta/") || entry.startsWith("org/apache/spark/sql/delta/")
            || entry.startsWith("io/unitycatalog/"))
        .toList();
    assertEquals(List.of(), delta.subList(0, Math.min(20, delta.size())), "Delta classes in " + PLATFORM_DELTA_JAR);
    assertEquals(List.of(), classesTheClusterAlreadyHas(entries, sparkClasses::contains));
  }

  @Test
  void bothJarsStartAtAnEntryPointThatJava8CanLoad() throws IOException {
    for (Path jar : List.of(JAR, PLATFORM_DELTA_JAR)) {
      try (JarFile file = new JarFile(jar.toFile())) {
        assertEquals("dev.crossborder.cli.Main", file.getManifest().getMainAttributes().getValue("Main-Class"));
        try (InputStream in = file.getInputStream(file.getEntry("dev/crossborder/cli/Main.class"))) {
          byte[] header = in.readNBytes(8);
          int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
          assertEquals(52, major, jar + ": Main.class should be Java 8 bytecode (major 52)");
        }
        try (InputStream in = file.getInputStream(file.getEntry("dev/crossborder/cli/CrossborderAnalytics.class"))) {
          byte[] header = in.readNBytes(8);
          assertEquals(61, ((header[6] & 0xff) << 8) | (header[7] & 0xff), "the rest is Java 17 bytecode");
        }
        String buildFacts = new String(file.getInputStream(file.getEntry("dev/crossborder/spark-line.properties"))
            .readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(buildFacts.contains("spark.line=4.2") && buildFacts.contains("scala.binary.version=2.13"),
            buildFacts);
      }
    }
  }

  @Test
  void keepsDeltasDataSourceRegistration() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      ZipEntry services = jar.getEntry(DATA_SOURCE_SERVICE);
      assertTrue(services != null, DATA_SOURCE_SERVICE + " is missing: format(\"delta\") would not resolve");
      try (InputStream in = jar.getInputStream(services)) {
        List<String> providers = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
            .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertTrue(providers.contains("org.apache.spark.sql.delta.sources.DeltaDataSource"), providers.toString());
      }
    }
  }

  @Test
  void theRuleCatchesSparkHadoopAndScalaClassesButNotDeltasClassesInSparkPackages() {
    Set<String> sparkClasses = Set.of("org/apache/spark/sql/SparkSession.class");
    List<String> entries = List.of(
        "org/apache/spark/sql/SparkSession.class",
        "org/apache/hadoop/fs/Path.class",
        "scala/Option.class",
        "org/apache/spark/sql/catalyst/TimeTravel.class", // Delta's own, in a Spark package
        "org/apache/spark/sql/delta/DeltaLog.class",
        "org/apache/spark/SparkLayout.json", // a resource, not a class
        "dev/crossborder/cli/CrossborderAnalytics.class");

    assertEquals(List.of("org/apache/spark/sql/SparkSession.class", "org/apache/hadoop/fs/Path.class",
        "scala/Option.class"), classesTheClusterAlreadyHas(entries, sparkClasses::contains));
  }

  /**
   * Class entries that a Spark cluster already provides: any class in a runtime-only namespace, and any class under
   * org/apache/spark/ that a Spark jar ships. Delta puts some of its own classes into Spark's packages (catalyst
   * plans, shims); those are Delta's and allowed.
   */
  static List<String> classesTheClusterAlreadyHas(Collection<String> entries, Predicate<String> shippedBySpark) {
    return entries.stream()
        .filter(entry -> entry.endsWith(".class"))
        .filter(entry -> RUNTIME_ONLY_NAMESPACES.stream().anyMatch(entry::startsWith)
            || (entry.startsWith("org/apache/spark/") && shippedBySpark.test(entry)))
        .toList();
  }

  /** Every class in the org.apache.spark jars on the test classpath (Spark is a provided dependency there). */
  private static Set<String> classesOfSparkJarsOnTheClasspath() throws IOException {
    Set<String> classes = new HashSet<>();
    int sparkJars = 0;
    for (String element : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(element).getFileName().toString();
      if (name.startsWith("spark-") && name.endsWith(".jar")) {
        sparkJars++;
        jarEntries(Path.of(element)).stream().filter(entry -> entry.endsWith(".class")).forEach(classes::add);
      }
    }
    assertTrue(sparkJars >= 5 && classes.contains("org/apache/spark/sql/SparkSession.class"),
        "Spark's jars are on the test classpath (found " + sparkJars + ")");
    return classes;
  }

  private static List<String> jarEntries(Path jar) throws IOException {
    assertTrue(Files.isRegularFile(jar), jar + " is missing: this test runs after `mvn package`");
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(ZipEntry::getName).toList();
    }
  }
}
