package io.jenkins.plugins.nvflare.client;

import java.io.Serializable;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An NVFlare release as far as this library tells them apart: major, minor and patch of a version string such as
 * {@code 2.8.1} or {@code 2.9.0dev0+158.gf3b7c1bff.dirty} (a dev build counts as its release), and how to name it.
 *
 * @param text how messages name it: the version as reported, or what is known (e.g. "older than 2.8.0")
 */
public record FlareVersion(int major, int minor, int patch, String text)
        implements Serializable, Comparable<FlareVersion> {
    /** The first release with {@code report_version}, {@code get_job_log}, submit tokens, studies and the job CLI's JSON contract. */
    public static final FlareVersion V2_8_0 = new FlareVersion(2, 8, 0, "2.8.0");
    /**
     * A server without {@code report_version} ("Unknown command"): a release before 2.8.0. Only 2.7.x is
     * targeted, so it counts as 2.7.0 (all 2.7 releases share the wire details that matter, e.g. upload keys).
     */
    public static final FlareVersion BEFORE_2_8 = new FlareVersion(2, 7, 0, "older than 2.8.0");

    // Leading digits only: "2.9.0dev0+158.g…", "2.8.1rc2", "2.7" all name their release.
    private static final Pattern RELEASE = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})(?:\\.(\\d{1,4}))?");
    private static final int MAX_TEXT = 64;

    public FlareVersion {
        if (text == null || text.isBlank()) {
            text = major + "." + minor + "." + patch;
        }
    }

    /**
     * The release a version string names, if it starts with one. The string comes from the server or the CLI, so
     * it is bounded and reduced to printable ASCII before it can reach a message.
     */
    public static Optional<FlareVersion> parse(String version) {
        if (version == null) {
            return Optional.empty();
        }
        String trimmed = version.strip();
        Matcher m = RELEASE.matcher(trimmed);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return Optional.of(new FlareVersion(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, printable(trimmed)));
    }

    /** Whether this release is {@code other} or later. */
    public boolean atLeast(FlareVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(FlareVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return text;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < MAX_TEXT; i++) {
            char ch = s.charAt(i);
            sb.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
        }
        return sb.toString();
    }
}
