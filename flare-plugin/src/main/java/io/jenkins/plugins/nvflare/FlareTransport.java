package io.jenkins.plugins.nvflare;

import hudson.AbortException;
import hudson.util.ListBoxModel;
import java.util.Locale;

/**
 * How a step talks to FLARE: natively from the agent's JVM with FLARE's admin protocol (the default: the agent needs
 * only Java), or through NVFlare's {@code nvflare} CLI on the agent (Python with NVFlare there; see the README for
 * when to choose it).
 */
public enum FlareTransport {
    CLI("cli"),
    NATIVE("native");

    /** What a step uses when neither it nor the global configuration chooses. */
    public static final FlareTransport DEFAULT = NATIVE;

    private final String value;

    FlareTransport(String value) {
        this.value = value;
    }

    /** The name the dropdowns show. */
    public String displayName() {
        return this == NATIVE ? Messages.FlareTransport_native() : Messages.FlareTransport_cli();
    }

    /** The value as written in a Jenkinsfile or the configuration ({@code cli}, {@code native}). */
    public String value() {
        return value;
    }

    /** Reads a configured value; null or blank means "not set". */
    public static FlareTransport parse(String value) throws AbortException {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (FlareTransport t : values()) {
            if (t.value.equals(v)) {
                return t;
            }
        }
        throw new AbortException(Messages.FlareTransport_unknown(value.trim()));
    }

    /**
     * What a setter stores: a known transport in its canonical spelling (so the dropdown shows it), anything
     * else (e.g. {@code ${FLARE_TRANSPORT}}) as written, blank as null.
     */
    public static String normalize(String value) {
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
    public static ListBoxModel items(String inheritLabel) {
        ListBoxModel items = new ListBoxModel();
        if (inheritLabel != null) {
            items.add(inheritLabel, "");
        }
        for (FlareTransport t : values()) {
            items.add(t.displayName(), t.value);
        }
        return items;
    }
}
