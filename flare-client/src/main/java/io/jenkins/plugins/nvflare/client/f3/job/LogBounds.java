package io.jenkins.plugins.nvflare.client.f3.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.errors.CliErrors;
import io.jenkins.plugins.nvflare.client.job.LogSince;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bounds {@code nvflare job logs} applies on the client after the server returned whole logs
 * (the server only caps a log at 5 MiB, job_cmds.py:152): {@code --since}, then {@code --tail}, then
 * {@code --max-bytes}, per site (job_cli.py:1988-2193 {@code _apply_job_log_bounds} and helpers).
 * Lines are Python {@code str.splitlines(keepends=True)} lines.
 */
public final class LogBounds {
    /** job_cli.py _DEFAULT_JOB_LOG_TAIL_LINES: the tail used when no bound is given. */
    static final int DEFAULT_TAIL = 500;
    // job_cli.py _JOB_LOG_TS_RE
    private static final Pattern TEXT_TS =
            Pattern.compile("^\\[?(\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?)");
    // Only used for reading; shared instances of a configured ObjectMapper are thread-safe. Like json.loads,
    // a line with anything after the first value is not JSON.
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The bounded logs and what the CLI reports about them. */
    record Bounded(Map<String, Object> logs, Map<String, Object> sites, boolean truncated, boolean sinceApplied) {}

    private LogBounds() {}

    /** job_cli.py _apply_job_log_bounds. */
    static Bounded apply(Map<String, Object> logs, Integer tail, LocalDateTime since, Long maxBytes) {
        Map<String, Object> bounded = new LinkedHashMap<>();
        Map<String, Object> sites = new LinkedHashMap<>();
        boolean anyTruncated = false;
        boolean sinceAppliedAny = false;
        for (Map.Entry<String, Object> e : logs.entrySet()) {
            if (!(e.getValue() instanceof String text)) {
                bounded.put(e.getKey(), e.getValue());
                Map<String, Object> site = new LinkedHashMap<>();
                site.put("available", true);
                site.put("lines", null);
                site.put("logs_truncated", false);
                sites.put(e.getKey(), site);
                continue;
            }
            if (since != null) {
                Since filtered = looksLikeJsonLog(text) ? filterJsonSince(text, since) : filterTextSince(text, since);
                text = filtered.text();
                sinceAppliedAny |= filtered.applied();
            }
            Cut byTail = tail(text, tail);
            Cut byBytes = truncateBytes(byTail.text(), maxBytes);
            boolean truncated = byTail.cut() || byBytes.cut();
            anyTruncated |= truncated;
            String result = byBytes.text();
            bounded.put(e.getKey(), result);
            Map<String, Object> site = new LinkedHashMap<>();
            site.put("available", true);
            site.put("lines", result.isEmpty() ? 0 : splitLines(result).size());
            site.put("bytes", result.getBytes(StandardCharsets.UTF_8).length);
            site.put("logs_truncated", truncated);
            sites.put(e.getKey(), site);
        }
        return new Bounded(bounded, sites, anyTruncated, sinceAppliedAny);
    }

    private record Since(String text, boolean applied) {}

    private record Cut(String text, boolean cut) {}

    /** job_cli.py _tail_log_text. */
    private static Cut tail(String text, Integer tail) {
        List<String> lines = splitLines(text);
        if (tail == null || lines.size() <= tail) {
            return new Cut(text, false);
        }
        if (tail == 0) {
            return new Cut("", !lines.isEmpty());
        }
        return new Cut(String.join("", lines.subList(lines.size() - tail, lines.size())), true);
    }

    /** job_cli.py _truncate_log_bytes: the last N bytes, dropping a split character at the cut. */
    private static Cut truncateBytes(String text, Long maxBytes) {
        if (maxBytes == null) {
            return new Cut(text, false);
        }
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        if (encoded.length <= maxBytes) {
            return new Cut(text, false);
        }
        if (maxBytes == 0) {
            return new Cut("", true);
        }
        int from = (int) (encoded.length - maxBytes);
        try {
            String kept = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.IGNORE)
                    .onUnmappableCharacter(CodingErrorAction.IGNORE)
                    .decode(ByteBuffer.wrap(encoded, from, encoded.length - from))
                    .toString();
            return new Cut(kept, true);
        } catch (CharacterCodingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** job_cli.py _filter_log_since: text lines keep the timestamp of the last line that had one. */
    private static Since filterTextSince(String text, LocalDateTime since) {
        List<String> lines = splitLines(text);
        if (lines.isEmpty()) {
            return new Since(text, false);
        }
        StringBuilder kept = new StringBuilder();
        boolean keep = false;
        boolean sawTimestamp = false;
        for (String line : lines) {
            Matcher m = TEXT_TS.matcher(line);
            LocalDateTime ts = m.find() ? timestampOrNull(m.group(1)) : null;
            if (ts != null) {
                sawTimestamp = true;
                keep = !ts.isBefore(since);
            }
            if (keep) {
                kept.append(line);
            }
        }
        return sawTimestamp ? new Since(kept.toString(), true) : new Since(text, false);
    }

    /** job_cli.py _filter_log_json_since: JSON records without a readable timestamp are dropped. */
    private static Since filterJsonSince(String text, LocalDateTime since) {
        List<String> lines = splitLines(text);
        if (lines.isEmpty()) {
            return new Since(text, false);
        }
        StringBuilder kept = new StringBuilder();
        boolean sawTimestamp = false;
        for (String line : lines) {
            LocalDateTime ts = jsonTimestamp(line);
            if (ts == null) {
                continue;
            }
            sawTimestamp = true;
            if (!ts.isBefore(since)) {
                kept.append(line);
            }
        }
        return sawTimestamp ? new Since(kept.toString(), true) : new Since(text, false);
    }

    private static LocalDateTime jsonTimestamp(String line) {
        JsonNode record = parse(line);
        if (record == null || !record.isObject()) {
            return null;
        }
        for (String key : List.of("asctime", "timestamp", "time")) {
            JsonNode value = record.get(key);
            if (value == null || !truthy(value)) {
                continue;
            }
            LocalDateTime ts = timestampOrNull(value.isTextual() ? value.asText() : value.toString());
            if (ts != null) {
                return ts;
            }
        }
        return null;
    }

    /** job_cli.py _looks_like_json_log: the first non-blank line is a JSON object. */
    static boolean looksLikeJsonLog(String text) {
        for (String line : splitLines(text)) {
            String stripped = line.strip();
            if (!stripped.isEmpty()) {
                JsonNode node = parse(stripped);
                return node != null && node.isObject();
            }
        }
        return false;
    }

    /**
     * {@code --since} as the CLI's argument parser takes it (job_cli.py {@code _log_since_arg}, the {@code type}
     * of {@code --since}): null for none, else the timestamp; a value it refuses is argparse's error
     * ({@link CliErrors#invalidSince}), before anything is sent.
     */
    public static LocalDateTime parseSince(String since) throws FlareException {
        if (since == null) {
            return null;
        }
        try {
            return normalizeTimestamp(since);
        } catch (IllegalArgumentException e) {
            throw CliErrors.invalidSince(e.getMessage());
        }
    }

    /**
     * job_cli.py _normalize_log_timestamp ({@link LogSince#parse}, the rule the forms check too).
     *
     * @throws IllegalArgumentException with the CLI's message when it is not a timestamp
     */
    static LocalDateTime normalizeTimestamp(String value) {
        return LogSince.parse(value);
    }

    private static LocalDateTime timestampOrNull(String value) {
        try {
            return normalizeTimestamp(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Python {@code str.splitlines(keepends=True)}: every line boundary Python knows, kept on its line. */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                i += 2;
                lines.add(text.substring(start, i));
                start = i;
            } else if (isLineBoundary(c)) {
                i++;
                lines.add(text.substring(start, i));
                start = i;
            } else {
                i++;
            }
        }
        if (start < n) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static boolean isLineBoundary(char c) {
        return c == '\n'
                || c == '\r'
                || c == '\u000b'
                || c == '\u000c'
                || c == '\u001c'
                || c == '\u001d'
                || c == '\u001e'
                || c == '\u0085'
                || c == '\u2028'
                || c == '\u2029';
    }

    private static boolean truthy(JsonNode value) {
        if (value.isNull()) {
            return false;
        }
        if (value.isTextual()) {
            return !value.asText().isEmpty();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.asDouble() != 0;
        }
        return !value.isEmpty();
    }

    private static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
