package io.jenkins.plugins.nvflare.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Job logs as text for a console or a file, like {@code nvflare job logs} in txt mode: a
 * {@code ===== site =====} header per site (server first), JSON log records rendered as
 * {@code asctime - name - levelname - [fl_ctx -] message}, a note where a bound cut a site's log, and
 * the sites whose logs were unavailable. Unlike the CLI, a header is printed for a single site too,
 * so a console always says whose log it shows.
 */
public final class LogText {
    // Only used for reading; shared instances of a configured ObjectMapper are thread-safe.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LogText() {}

    public static String render(JobLogs logs) {
        List<String> sites = new ArrayList<>(logs.logs().keySet());
        if (sites.remove("server")) {
            sites.add(0, "server");
        }
        StringBuilder sb = new StringBuilder();
        boolean anySiteNote = false;
        for (int i = 0; i < sites.size(); i++) {
            String site = sites.get(i);
            if (i > 0) {
                sb.append('\n');
            }
            sb.append("===== ").append(site).append(" =====\n");
            String text = renderLogText(logs.logs().get(site));
            sb.append(text.isEmpty() ? "(no log content)\n" : text);
            if (siteTruncated(logs, site)) {
                sb.append(truncationNote(logs.filters())).append('\n');
                anySiteNote = true;
            }
        }
        if (logs.truncated() && !anySiteNote) {
            sb.append(truncationNote(logs.filters())).append('\n');
        }
        if (!logs.unavailable().isEmpty()) {
            if (!sites.isEmpty()) {
                sb.append('\n');
            }
            sb.append("Unavailable logs:\n");
            logs.unavailable().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> sb.append(e.getKey())
                            .append(": ")
                            .append(e.getValue())
                            .append('\n'));
        }
        return sb.toString();
    }

    /**
     * The end of {@code text}: at most {@code limit} characters, cut at a line start (mid-line only when
     * the last line alone is longer), after a note saying
     * how much was left out; {@code text} itself when it fits. For callers that must keep the text in
     * memory (a Pipeline step's return value) while the whole of it goes to a console or a file.
     */
    public static String lastChars(String text, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        if (text.length() <= limit) {
            return text;
        }
        int start = text.length() - limit;
        int lineStart = text.indexOf('\n', start - 1);
        start = lineStart < 0 ? start : lineStart + 1;
        return "(first " + start + " characters left out; " + (text.length() - start) + " of " + text.length()
                + " kept)\n" + text.substring(start);
    }

    private static boolean siteTruncated(JobLogs logs, String site) {
        return logs.sites().get(site) instanceof Map<?, ?> info && Boolean.TRUE.equals(info.get("logs_truncated"));
    }

    private static String truncationNote(Map<String, Object> filters) {
        StringJoiner bounds = new StringJoiner(", ");
        Object tail = filters.get("tail");
        if (tail != null) {
            bounds.add("last " + tail + " lines"
                    + (Boolean.TRUE.equals(filters.get("default_tail_applied")) ? " (default)" : ""));
        }
        if (filters.get("since") != null) {
            bounds.add("since " + filters.get("since"));
        }
        if (filters.get("max_bytes") != null) {
            bounds.add("at most " + filters.get("max_bytes") + " bytes");
        }
        return "(log truncated" + (bounds.length() == 0 ? "" : ": " + bounds) + ")";
    }

    /** FLARE's {@code _render_log_json_as_text}: JSON records as text lines, other text unchanged. */
    static String renderLogText(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        if (!looksLikeJsonLog(text)) {
            return text.endsWith("\n") ? text : text + "\n";
        }
        List<String> rendered = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.isEmpty()) {
                continue;
            }
            JsonNode record = parse(stripped);
            rendered.add(record != null && record.isObject() ? formatRecord(record) : line);
        }
        return rendered.isEmpty() ? "" : String.join("\n", rendered) + "\n";
    }

    private static boolean looksLikeJsonLog(String text) {
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (!stripped.isEmpty()) {
                JsonNode node = parse(stripped);
                return node != null && node.isObject();
            }
        }
        return false;
    }

    private static String formatRecord(JsonNode record) {
        List<String> parts = new ArrayList<>();
        addPart(parts, first(record, "asctime", "timestamp", "time"));
        addPart(parts, first(record, "name", "fullName"));
        addPart(parts, first(record, "levelname", "level"));
        addPart(parts, first(record, "fl_ctx"));
        addPart(parts, first(record, "message", "msg"));
        return parts.isEmpty() ? record.toString() : String.join(" - ", parts);
    }

    private static void addPart(List<String> parts, String part) {
        if (part != null && !part.isEmpty()) {
            parts.add(part);
        }
    }

    /** Like Python's {@code a or b or c}: the first value that is not empty, null, false or zero. */
    private static String first(JsonNode record, String... keys) {
        for (String key : keys) {
            JsonNode value = record.get(key);
            if (value == null || value.isNull()) {
                continue;
            }
            boolean falsy = (value.isTextual() && value.asText().isEmpty())
                    || (value.isBoolean() && !value.asBoolean())
                    || (value.isNumber() && value.asDouble() == 0)
                    || (value.isContainerNode() && value.isEmpty());
            if (!falsy) {
                return value.isTextual() ? value.asText() : value.toString();
            }
        }
        return null;
    }

    private static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
