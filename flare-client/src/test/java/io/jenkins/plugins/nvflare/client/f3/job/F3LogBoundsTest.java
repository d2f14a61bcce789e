package io.jenkins.plugins.nvflare.client.f3.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client-side bounds of {@code nvflare job logs} (job_cli.py:1988-2193), expected values worked out from the Python. */
class F3LogBoundsTest {

    @Test
    void linesSplitLikePythonSplitlinesKeepends() {
        assertEquals(List.of("a\r\n", "b\r", "c\n", "d\u2028", "e"), LogBounds.splitLines("a\r\nb\rc\nd\u2028e"));
        assertEquals(List.of(), LogBounds.splitLines(""));
    }

    @Test
    void byteBoundDropsACharacterSplitAtTheCut() {
        // "é\n" is c3 a9 0a: the last 2 bytes are a9 0a, and decode(errors="ignore") keeps only "\n".
        LogBounds.Bounded b = LogBounds.apply(Map.of("server", "x\u00e9\n"), null, null, 2L);
        assertEquals(Map.of("server", "\n"), b.logs());
        assertEquals(
                Map.of("available", true, "lines", 1, "bytes", 1, "logs_truncated", true),
                b.sites().get("server"));
    }

    @Test
    void tailZeroEmptiesAndTruncates() {
        LogBounds.Bounded b = LogBounds.apply(Map.of("s", "a\nb\n"), 0, null, null);
        assertEquals(Map.of("s", ""), b.logs());
        assertEquals(
                Map.of("available", true, "lines", 0, "bytes", 0, "logs_truncated", true),
                b.sites().get("s"));
    }

    @Test
    void jsonSinceDropsRecordsWithoutATimestamp() {
        String log = "{\"asctime\": \"2026-11-24 23:18:50,000\", \"message\": \"old\"}\n"
                + "{\"message\": \"no time\"}\n"
                + "{\"asctime\": \"2026-11-24 23:18:52,500\", \"message\": \"new\"}\n";
        LogBounds.Bounded b = LogBounds.apply(Map.of("s", log), null, LocalDateTime.parse("2026-11-24T23:18:51"), null);
        assertEquals(Map.of("s", "{\"asctime\": \"2026-11-24 23:18:52,500\", \"message\": \"new\"}\n"), b.logs());
        assertEquals(true, b.sinceApplied());
        assertEquals(false, b.truncated()); // since alone never marks a log truncated
    }

    @Test
    void sinceWithoutAnyTimestampKeepsTheText() {
        LogBounds.Bounded b =
                LogBounds.apply(Map.of("s", "plain\ntext\n"), null, LocalDateTime.parse("2030-01-01T00:00"), null);
        assertEquals(Map.of("s", "plain\ntext\n"), b.logs());
        assertEquals(false, b.sinceApplied());
    }

    @Test
    void timestampsNormaliseToNaiveUtc() {
        assertEquals(
                LocalDateTime.parse("2026-04-28T08:00"), LogBounds.normalizeTimestamp("2026-04-28T10:00:00+02:00"));
        assertEquals(LocalDateTime.parse("2026-04-28T10:00"), LogBounds.normalizeTimestamp("2026-04-28T10:00:00Z"));
        assertEquals(
                LocalDateTime.parse("2026-11-24T23:18:51.093"),
                LogBounds.normalizeTimestamp("2026-11-24 23:18:51,093"));
        assertEquals(LocalDateTime.parse("2026-04-28T00:00"), LogBounds.normalizeTimestamp("2026-04-28"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LogBounds.normalizeTimestamp("soon"));
        assertEquals("invalid --since timestamp: soon", e.getMessage());
    }
}
