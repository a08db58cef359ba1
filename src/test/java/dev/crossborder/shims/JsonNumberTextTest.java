package dev.crossborder.shims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Numbers keep their text exactly; anything that is not one JSON object stays as it is, for the reader to judge. */
class JsonNumberTextTest {

  @Test
  void topLevelNumbersBecomeTheirExactText() {
    assertEquals("{\"shipment_id\":\"S1\",\"declared_value\":\"18.50\",\"parcel_count\":\"1\",\"weight_kg\":\"0.300\"}",
        JsonNumberText.quoteTopLevelNumbers(
            "{\"shipment_id\":\"S1\",\"declared_value\":18.50,\"parcel_count\":1,\"weight_kg\":0.300}"));
    // 17 significant digits: a double keeps 16, so Spark 3.5 read 75729544684064.98 from this.
    assertEquals("{\"gmv\":\"75729544684064.985\",\"x\":\"-1.5E+3\"}",
        JsonNumberText.quoteTopLevelNumbers("{\"gmv\": 75729544684064.985, \"x\": -1.5E+3}"));
  }

  @Test
  void stringsNullsAndNestedValuesAreCopied() {
    assertEquals("{\"source\":\"bad row: 12, x\",\"orders\":null,\"tags\":[1,2],\"ok\":true}",
        JsonNumberText.quoteTopLevelNumbers("{\"source\":\"bad row: 12, x\",\"orders\":null,\"tags\":[1,2],\"ok\":true}"));
  }

  @Test
  void aLineThatIsNotOneObjectIsLeftAsItIs() {
    for (String line : new String[] {"{\"a\": 1", "[{\"a\": 1}]", "{\"a\": 1} {\"b\": 2}", "not json", "42"}) {
      assertEquals(line, JsonNumberText.quoteTopLevelNumbers(line));
    }
    assertNull(JsonNumberText.quoteTopLevelNumbers(null));
  }
}
