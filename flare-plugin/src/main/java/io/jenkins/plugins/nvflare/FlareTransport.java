package io.jenkins.plugins.nvflare;

import hudson.AbortException;
import hudson.util.ListBoxModel;
import java.util.Locale;

/**
 * How a step talks to FLARE: through NVFlare's {@code nvflare} CLI on the agent (the default), or
 * natively from the agent's JVM with FLARE's admin protocol (no Python needed; see the README for
 * what it does not do yet).
 */
enum FlareTransport {
    CLI("cli", "nvflare CLI on the agent"),
    NATIVE("native", "Native (no Python on the agent)");

    private final String value;
    private final String displayName;

    FlareTransport(String value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    /** The value as written in a Jenkinsfile or the configuration ({@code cli}, {@code native}). */
    String value() {
        return value;
    }

    /** Reads a configured value; null or blank means "not set". */
    static FlareTransport parse(String value) throws AbortException {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (FlareTransport t : values()) {
            if (t.value.equals(v)) {
                return t;
            }
        }
        throw new AbortException("[FLARE] Unknown transport '" + value.trim() + "': use 'cli' or 'native'.");
    }

    /**
     * What a setter stores: a known transport in its canonical spelling (so the dropdown shows it), anything
     * else (e.g. {@code ${FLARE_TRANSPORT}}) as written, blank as null.
     */
    static String normalize(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        for (FlareTransport t : values()) {
            if (t.value.equalsIgnoreCase(v)) {
                return t.value;
            }
        }
        return v;
    }

    /** The dropdown; {@code inheritLabel} names the empty choice (the global default) when not null. */
    static ListBoxModel items(String inheritLabel) {
        ListBoxModel items = new ListBoxModel();
        if (inheritLabel != null) {
            items.add(inheritLabel, "");
        }
        for (FlareTransport t : values()) {
            items.add(t.displayName, t.value);
        }
        return items;
    }
}
