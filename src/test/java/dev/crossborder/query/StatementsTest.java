package dev.crossborder.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementsTest {

  @Test
  void aSemicolonEndsAStatementOutsideQuotesAndComments() {
    assertEquals(List.of("SELECT 1", "SELECT ';' AS a, \"x;y\" AS `b;c`", "SELECT 'it\\'s; fine'",
        "SELECT 2 -- not here; nor here\nFROM t", "SELECT /* ; */ 3"),
        Statements.split("SELECT 1; SELECT ';' AS a, \"x;y\" AS `b;c`;\nSELECT 'it\\'s; fine';"
            + "SELECT 2 -- not here; nor here\nFROM t; SELECT /* ; */ 3;"));
  }

  @Test
  void blanksCommentsAndEmptyStatementsAreNoStatements() {
    assertEquals(List.of("SELECT 1"), Statements.split(";;  SELECT 1 ; ;\n-- the end\n/* really */"));
    assertEquals(List.of(), Statements.split("  -- nothing; at all\n"));
  }

  @Test
  void aScriptsLastStatementMayLackItsSemicolon() {
    assertEquals(List.of("SELECT 1", "SELECT 10 - 2 / 4"), Statements.split("SELECT 1;\nSELECT 10 - 2 / 4\n"));
  }

  @Test
  void linesFedOneByOneWaitForTheSemicolon() {
    Statements statements = new Statements();
    assertEquals(List.of(), statements.feed("SELECT platform_id,\n"));
    assertTrue(statements.hasPending());
    assertEquals(List.of(), statements.feed("  'a;\n"));
    assertEquals(List.of("SELECT platform_id,\n  'a;\nb' FROM market_share"),
        statements.feed("b' FROM market_share; SELECT"));
    assertTrue(statements.hasPending());
    assertEquals(List.of("SELECT 2"), statements.feed(" 2;\n"));
    assertFalse(statements.hasPending());
    statements.feed("-- a comment alone;\n");
    assertFalse(statements.hasPending(), "a comment waits for nothing");
  }
}
