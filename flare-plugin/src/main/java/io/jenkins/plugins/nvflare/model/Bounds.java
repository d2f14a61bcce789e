package io.jenkins.plugins.nvflare.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How much of what FLARE sends a build record keeps: FLARE (or an {@code nvflare} executable) is not trusted to send
 * short texts, and every record is saved in {@code build.xml} and shown on pages.
 */
final class Bounds {

    /** Longest metric name kept; longer ones are dropped (a cut name would merge with another). */
    static final int NAME = 128;
    /** Longest status, outcome, job name, study, site or value kept; longer ones are cut. */
    static final int WORD = 256;
    /** Longest message kept (FLARE's message and hint). */
    static final int MESSAGE = 4096;
    /** Most sites kept per job. */
    static final int SITES = 1000;

    private Bounds() {}

    static String word(String text) {
        return cut(text, WORD);
    }

    static String message(String text) {
        return cut(text, MESSAGE);
    }

    /** The values whose names are not too long. */
    static LinkedHashMap<String, Double> names(Map<String, Double> values) {
        LinkedHashMap<String, Double> kept = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name.length() <= NAME) {
                kept.put(name, value);
            }
        });
        return kept;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
