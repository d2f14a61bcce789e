package io.jenkins.plugins.nvflare.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metric values as a console or page shows them, and the standard metrics apart from the extra ones. */
class MetricsTest {

    @Test
    void floatingPointValuesKeepFourSignificantDigits() {
        assertEquals("0.1235", Metrics.display(0.1234567));
        assertEquals("0.91", Metrics.display(0.91));
        assertEquals("1235", Metrics.display(1234.567));
        assertEquals("0.5", Metrics.display(0.5f));
        assertEquals("8", Metrics.display(8.0));
    }

    @Test
    void integersTextAndNonFiniteValuesAreShownAsTheyAre() {
        assertEquals("2", Metrics.display(2));
        assertEquals("12345678901234567890", Metrics.display(new BigInteger("12345678901234567890")));
        assertEquals("n/a", Metrics.display("n/a"));
        assertEquals("NaN", Metrics.display(Double.NaN));
        assertEquals("Infinity", Metrics.display(Double.POSITIVE_INFINITY));
        assertEquals("null", Metrics.display(null));
    }

    @Test
    void extraMetricsAreThoseOtherThanRoundAccuracyAndLoss() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("loss", 0.12);
        values.put("round", 2);
        values.put("val_f1", 0.5);
        values.put("accuracy", 0.91);
        Metrics m = new Metrics(values);
        assertEquals(2, m.round());
        assertEquals(0.91, m.accuracy());
        assertEquals(0.12, m.loss());
        assertEquals(Map.of("val_f1", 0.5), m.extra());
    }
}
