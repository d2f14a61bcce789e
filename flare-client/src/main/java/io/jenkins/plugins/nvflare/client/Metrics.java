package io.jenkins.plugins.nvflare.client;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Training metrics FLARE surfaced from job stats: {@code round}, {@code accuracy}, {@code loss} and
 * any extra keys asked for. Values are numbers or strings, as FLARE reported them.
 */
public record Metrics(Map<String, Object> values) implements Serializable {
    public static final Metrics NONE = new Metrics(Map.of());
    private static final Set<String> STANDARD = Set.of("round", "accuracy", "loss");

    public Metrics {
        values = Immutables.map(values);
    }

    public Object round() {
        return values.get("round");
    }

    public Object accuracy() {
        return values.get("accuracy");
    }

    public Object loss() {
        return values.get("loss");
    }

    /** The metrics other than round, accuracy and loss. */
    public Map<String, Object> extra() {
        Map<String, Object> extra = new LinkedHashMap<>(values);
        extra.keySet().removeAll(STANDARD);
        return Immutables.map(extra);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** A metric's value as a person reads it: 4 significant digits, no trailing zeros; integers and text unchanged. */
    public static String display(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.toString(d);
            }
            return new BigDecimal(d)
                    .round(new MathContext(4))
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return String.valueOf(value);
    }
}
