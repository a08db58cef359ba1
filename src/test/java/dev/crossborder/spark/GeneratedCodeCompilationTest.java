package dev.crossborder.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GeneratedCodeCompilationTest {
  private static final String MATCH = "*GeneratedIteratorForCodegenStage*.hashAgg_doAggregateWithKeys_*";

  @Test
  void theJvmKeepsC1FromInliningIntoSparksGeneratedStagesOnceHoweverOftenAsked() throws Exception {
    assertTrue(GeneratedCodeCompilation.keepC1FromInliningIntoGeneratedStages());
    assertTrue(GeneratedCodeCompilation.keepC1FromInliningIntoGeneratedStages());

    String directives = GeneratedCodeCompilation.directivesInForce();
    // HotSpot prints each directive as "matching: PATTERNS" followed by its c1 and c2 blocks.
    Matcher ours = Pattern.compile("matching: [^\\n]*" + Pattern.quote(MATCH) + "[^\\n]*\\n c1 directives:\\n"
        + "  inline: -\\*\\.\\*").matcher(directives);
    assertTrue(ours.find(), directives);
    assertTrue(directives.substring(ours.start()).contains("processNext"), directives);
    assertEquals(1, directives.split(Pattern.quote(MATCH), -1).length - 1, "added once: " + directives);
  }
}
