package dev.crossborder.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTextTest {

  @Test
  void theTableAlignsColumnsToTheirWidestCellNumbersToTheRight() {
    String text = ResultText.table(List.of("platform_id", "gmv_usd"), List.of(false, true), List.of(
        List.of("temu", "70000000000.00"),
        Arrays.asList("tiktok_shop", null)));
    assertEquals(String.join("\n",
        "platform_id | gmv_usd",
        "------------+---------------",
        "temu        | 70000000000.00",
        "tiktok_shop |           NULL",
        ""), text);
  }

  @Test
  void aHeaderWiderThanItsCellsSetsTheWidth() {
    String text = ResultText.table(List.of("rank", "x"), List.of(true, false), List.of(List.of("1", "ab")));
    assertEquals("rank | x\n-----+---\n   1 | ab\n", text);
  }

  @Test
  void csvQuotesOnlyFieldsThatNeedItAndLeavesMissingValuesEmpty() {
    String text = ResultText.csv(List.of("source", "n"), List.of(
        List.of("plain", "1"),
        List.of("a, b", "2"),
        List.of("say \"hi\"", "3"),
        Arrays.asList("two\nlines", null)));
    assertEquals("source,n\nplain,1\n\"a, b\",2\n\"say \"\"hi\"\"\",3\n\"two\nlines\",\n", text);
  }
}
