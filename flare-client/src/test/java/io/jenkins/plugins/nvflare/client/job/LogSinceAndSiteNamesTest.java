package io.jenkins.plugins.nvflare.client.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The rules the forms check and the run time applies alike: {@code --since} and site names. */
class LogSinceAndSiteNamesTest {

    @Test
    void sinceTakesTheCliTimestamps() {
        assertEquals(LocalDateTime.of(2026, 11, 25, 0, 0), LogSince.parse("2026-11-25"));
        assertEquals(LocalDateTime.of(2026, 11, 25, 10, 0), LogSince.parse("2026-11-25T10:00:00"));
        assertEquals(LocalDateTime.of(2026, 11, 25, 10, 0), LogSince.parse("2026-11-25 10:00:00"));
        assertEquals(LocalDateTime.of(2026, 11, 25, 8, 0), LogSince.parse("2026-11-25T10:00:00+02:00"));
        assertEquals(LocalDateTime.of(2026, 11, 25, 10, 0), LogSince.parse("2026-11-25T10:00:00Z"));
        assertEquals(LocalDateTime.of(2026, 11, 25, 10, 0, 0, 500_000_000), LogSince.parse("2026-11-25 10:00:00,5"));
        assertTrue(LogSince.valid("2026-11-25T10:00"));
    }

    @Test
    void sinceRefusesWhatTheCliRefuses() {
        assertFalse(LogSince.valid("yesterday"));
        assertFalse(LogSince.valid(""));
        assertFalse(LogSince.valid(null));
        assertFalse(LogSince.valid("25.11.2026"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogSince.parse("yesterday"));
        assertEquals("invalid --since timestamp: yesterday", e.getMessage());
    }

    @Test
    void siteNamesAreFlareClientNames() {
        for (String ok : new String[] {"server", "all", "site-1", "site_2", "Hospital3"}) {
            assertTrue(SiteNames.valid(ok), ok);
        }
        assertFalse(SiteNames.valid(null));
        for (String bad : new String[] {"site 1", "site.1", "../x", "", "site-1,site-2"}) {
            assertFalse(SiteNames.valid(bad), bad);
        }
    }
}
