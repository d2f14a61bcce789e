package io.jenkins.plugins.nvflare.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.nvflare.client.testing.FakeNvflare;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogTextTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** JobLogs from a capture's data, mapped field by field like the CLI client does. */
    @SuppressWarnings("unchecked")
    private static JobLogs logsOf(String capture) throws Exception {
        JsonNode data =
                MAPPER.readTree(FakeNvflare.resource(capture + ".stdout")).get("data");
        Map<String, String> logs = MAPPER.convertValue(data.get("logs"), LinkedHashMap.class);
        return new JobLogs(
                data.get("job_id").asText(),
                data.get("target").asText(),
                logs,
                data.get("logs_truncated").asBoolean(),
                MAPPER.convertValue(data.get("sites"), LinkedHashMap.class),
                MAPPER.convertValue(data.get("filters"), LinkedHashMap.class),
                Map.of());
    }

    @Test
    void rendersJsonRecordsExactlyLikeTheCliTxtMode() throws Exception {
        // 27-job-logs-all-json rendered must equal 27b-job-logs-all-txt (the same logs in txt mode) minus its
        // "Connecting to FLARE ..." line.
        String txt = new String(FakeNvflare.resource("27b-job-logs-all-txt.stdout"), StandardCharsets.UTF_8);
        String expected = txt.substring(txt.indexOf('\n') + 1);
        assertEquals(expected, LogText.render(logsOf("27-job-logs-all-json")));
    }

    @Test
    void perSiteHeadersServerFirstAndTruncationNotes() throws Exception {
        // 72-logs-logstream-all-json: three sites, tail 3, all truncated.
        String text = LogText.render(logsOf("72-logs-logstream-all-json"));
        List<String> headers = text.lines().filter(l -> l.startsWith("=====")).toList();
        assertEquals(List.of("===== server =====", "===== site-1 =====", "===== site-2 ====="), headers);
        assertTrue(text.contains("2026-11-24 23:22:42,965 - MPM - INFO - MPM: Good Bye!\n"), text);
        assertTrue(
                text.contains(
                        "2026-11-24 23:22:36,208 - InProcessClientAPI - WARNING - ask to stop job: reason: END_RUN received"),
                text);
        // fl_ctx is shown when set, as the CLI does.
        assertTrue(
                text.contains(
                        "- ClientRunner - INFO - [identity=site-1, run=5184dbf1-5717-4843-8eea-e84e68a93ed8] - Firing"),
                text);
        assertEquals(
                3,
                text.lines()
                        .filter(l -> l.equals("(log truncated: last 3 lines)"))
                        .count(),
                text);
    }

    @Test
    void singleSiteStillGetsAHeaderAndDefaultTailIsNamed() throws Exception {
        // 53b-logs-server-tail5-json, and the same with the default tail.
        String text = LogText.render(logsOf("53b-logs-server-tail5-json"));
        assertTrue(
                text.startsWith(
                        "===== server =====\n2026-11-24 23:19:02,370 - ReliableMessage - INFO - ReliableMessage is shutdown\n"),
                text);
        assertTrue(text.endsWith("(log truncated: last 5 lines)\n"), text);

        JobLogs withDefault = new JobLogs(
                "j",
                "server",
                Map.of("server", "plain line"),
                true,
                Map.of(),
                Map.of("tail", 500, "default_tail_applied", true, "max_bytes", 1000),
                Map.of());
        assertEquals(
                "===== server =====\nplain line\n(log truncated: last 500 lines (default), at most 1000 bytes)\n",
                LogText.render(withDefault));
    }

    @Test
    void unavailableSitesAndEmptyLogs() {
        JobLogs logs = new JobLogs(
                "j",
                "all",
                Map.of("server", ""),
                false,
                Map.of(),
                Map.of(),
                Map.of("site-2", "client log stream not available for this job", "site-1", "offline"));
        assertEquals(
                "===== server =====\n(no log content)\n\nUnavailable logs:\nsite-1: offline\n"
                        + "site-2: client log stream not available for this job\n",
                LogText.render(logs));
    }

    @Test
    void nonJsonAndMixedLinesStayAsTheyAre() {
        assertEquals("a plain log\nsecond\n", LogText.renderLogText("a plain log\nsecond"));
        assertEquals(
                "2026 - n - INFO - m\nnot json\n",
                LogText.renderLogText(
                        "{\"asctime\": \"2026\", \"name\": \"n\", \"levelname\": \"INFO\", \"fl_ctx\": \"\", \"message\": \"m\"}\nnot json\n"));
    }

    @Test
    void lastCharsKeepsWholeLinesFromTheEnd() {
        String text = "===== server =====\nline one\nline two\nline three\n";
        assertEquals(text, LogText.lastChars(text, text.length()));
        // 25 characters reach back into "line one"; the cut moves forward to the next line start.
        assertEquals(
                "(first 28 characters left out; 20 of 48 kept)\nline two\nline three\n", LogText.lastChars(text, 25));
        assertEquals(
                "(first 28 characters left out; 20 of 48 kept)\nline two\nline three\n", LogText.lastChars(text, 20));
        assertEquals("(first 37 characters left out; 11 of 48 kept)\nline three\n", LogText.lastChars(text, 19));
        assertEquals("(first 48 characters left out; 0 of 48 kept)\n", LogText.lastChars(text, 0));
    }

    @Test
    void lastCharsCutsALongLastLineInItsMiddle() {
        String text = "short\n" + "x".repeat(100);
        assertEquals("(first 96 characters left out; 10 of 106 kept)\n" + "x".repeat(10), LogText.lastChars(text, 10));
        assertThrows(IllegalArgumentException.class, () -> LogText.lastChars(text, -1));
    }
}
