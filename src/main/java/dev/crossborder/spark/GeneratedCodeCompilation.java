package dev.crossborder.spark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pass over the shipments out of HotSpot's interpreter. Spark fuses the pass into one generated method
 * (about 11,000 bytes of bytecode), which HotSpot compiles on-stack while a task loops over its rows; its optimising
 * compiler, C2, gives up on a method that large ("out of nodes"), and C1, with what it inlines into it, may run out
 * of virtual registers too, and then the method stays interpreted for the rest of the run: on the 10 million row
 * typed landing the run took 134 s instead of 66 s (docs/performance.md, stop 38). A compiler directive that keeps
 * C1 from inlining into the generated stage methods lets C1 compile them; it changed nothing measurable on text
 * landings. It is added in this JVM through HotSpot's {@code Compiler.directives_add} diagnostic command, which
 * needs no JVM option, once per JVM.
 */
public final class GeneratedCodeCompilation {
  private static final Logger LOG = LoggerFactory.getLogger(GeneratedCodeCompilation.class);

  /** The generated stage methods that loop over a task's rows: Spark names them so on every line. */
  static final String DIRECTIVE = """
      [{
        match: ["*GeneratedIteratorForCodegenStage*.hashAgg_doAggregateWithKeys_*",
                "*GeneratedIteratorForCodegenStage*.processNext"],
        c1: { inline: "-*.*" }
      }]
      """;

  private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
  private static final Pattern DIRECTIVES_ADDED = Pattern.compile("^\\s*[1-9][0-9]* compiler directives added");
  private static boolean added;

  private GeneratedCodeCompilation() {}

  /**
   * Adds {@link #DIRECTIVE} to this JVM's compiler directives, the first time it is called; true when the JVM has
   * it. False, with the reason logged, on a JVM without HotSpot's diagnostic commands (the job then runs as before).
   */
  public static synchronized boolean keepC1FromInliningIntoGeneratedStages() {
    if (added) {
      return true;
    }
    Path file = null;
    try {
      // The command reads the directives from a file.
      file = Files.createTempFile("crossborder-compiler-directives", ".json");
      Files.writeString(file, DIRECTIVE, StandardCharsets.UTF_8);
      String outcome = String.valueOf(diagnosticCommand("compilerDirectivesAdd", file.toString()));
      added = DIRECTIVES_ADDED.matcher(outcome).find();
      if (!added) {
        LOG.info("HotSpot did not take the compiler directive for Spark's generated code: {}", outcome.strip());
      }
    } catch (JMException | IOException | RuntimeException e) {
      LOG.info("No compiler directive for Spark's generated code in this JVM ({})", e.toString());
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          file.toFile().deleteOnExit();
        }
      }
    }
    return added;
  }

  /** This JVM's compiler directives as HotSpot prints them ({@code jcmd PID Compiler.directives_print}). */
  static String directivesInForce() throws JMException {
    return String.valueOf(diagnosticCommand("compilerDirectivesPrint"));
  }

  private static Object diagnosticCommand(String operation, String... arguments) throws JMException {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    return server.invoke(new ObjectName(DIAGNOSTIC_COMMAND), operation, new Object[] {arguments},
        new String[] {String[].class.getName()});
  }
}
