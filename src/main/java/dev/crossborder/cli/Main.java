package dev.crossborder.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Properties;

/**
 * The class spark-submit starts ({@code --class dev.crossborder.cli.Main}). It is compiled for Java 8 (pom.xml), so
 * that any JVM a cluster runs can load it and say in one line why the job cannot run there: a Java older than 17, or
 * a Spark line or Scala version other than the ones this jar was built for, which would otherwise fail with an
 * {@code UnsupportedClassVersionError} or deep inside Spark. Then it hands over to {@link CrossborderAnalytics},
 * through reflection: this class must not link to classes compiled for Java 17.
 */
public final class Main {
  private Main() {}

  static final int REQUIRED_JAVA = 17;
  /** Written by the build (src/main/resources-filtered): the Spark line, Spark and Scala versions, the jar's name. */
  static final String BUILD_PROPERTIES = "/dev/crossborder/spark-line.properties";
  /** Spark's own record of its version, in spark-core. */
  static final String SPARK_VERSION_PROPERTIES = "/spark-version-info.properties";
  /** Scala's, in scala-library. */
  static final String SCALA_VERSION_PROPERTIES = "/library.properties";

  public static void main(String[] args) throws Throwable {
    String problem = whyNotHere(System.getProperty("java.specification.version"), properties(BUILD_PROPERTIES),
        properties(SPARK_VERSION_PROPERTIES).getProperty("version"),
        properties(SCALA_VERSION_PROPERTIES).getProperty("version.number"));
    if (problem != null) {
      System.err.println("Error: " + problem);
      System.exit(2);
    }
    try {
      Class.forName("dev.crossborder.cli.CrossborderAnalytics").getMethod("main", String[].class)
          .invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * Why the job cannot run in this JVM, or null when it can: {@code javaVersion} is java.specification.version
   * ("1.8", "11", "17"); {@code build} the jar's build properties; {@code sparkVersion} and {@code scalaVersion} those
   * on the classpath, or null where they cannot be told (then they are not checked).
   */
  static String whyNotHere(String javaVersion, Properties build, String sparkVersion, String scalaVersion) {
    int java = javaFeature(javaVersion);
    String jar = build.getProperty("jar", "this jar");
    if (java < REQUIRED_JAVA) {
      return "crossborder-analytics needs Java " + REQUIRED_JAVA + " or later; this JVM is Java " + javaVersion
          + ". Run it on a runtime with Java 17 or 21 (docs/platforms.md lists them)";
    }
    String line = build.getProperty("spark.line");
    if (line != null && sparkVersion != null && !line.equals(majorMinor(sparkVersion))) {
      return jar + " is built for Spark " + line + ", but this cluster runs Spark " + sparkVersion + ": use the jar"
          + " of the Spark " + majorMinor(sparkVersion) + " line (docs/platforms.md)";
    }
    String scala = build.getProperty("scala.binary.version");
    if (scala != null && scalaVersion != null && !scala.equals(majorMinor(scalaVersion))) {
      return jar + " is built for Scala " + scala + ", but this cluster's Spark runs on Scala " + scalaVersion
          + ": use the jar for Scala " + majorMinor(scalaVersion) + " (docs/platforms.md)";
    }
    return null;
  }

  /** 8 for "1.8", 11 for "11", 17 for "17"; 0 when unreadable. */
  static int javaFeature(String specificationVersion) {
    String version = specificationVersion == null ? "" : specificationVersion.trim();
    if (version.startsWith("1.")) {
      version = version.substring(2);
    }
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(version.substring(0, end));
  }

  /** "3.5" for "3.5.9", "2.13" for "2.13.18". */
  static String majorMinor(String version) {
    String[] parts = version.trim().split("\\.");
    return parts.length < 2 ? version.trim() : parts[0] + "." + parts[1];
  }

  private static Properties properties(String resource) {
    Properties properties = new Properties();
    try (InputStream in = Main.class.getResourceAsStream(resource)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // unreadable: nothing to check against
    }
    return properties;
  }
}
