package io.jenkins.plugins.nvflare.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlareVersionTest {
    @Test
    void releasesAndDevBuildsAreTheirRelease() {
        FlareVersion dev = FlareVersion.parse("2.9.0dev0+158.gf3b7c1bff.dirty").orElseThrow(); // 00-nvflare-version.txt
        assertEquals(new FlareVersion(2, 9, 0, "2.9.0dev0+158.gf3b7c1bff.dirty"), dev);
        assertTrue(dev.atLeast(FlareVersion.V2_8_0));
        assertTrue(FlareVersion.parse("2.8.1").orElseThrow().atLeast(FlareVersion.V2_8_0));
        assertFalse(FlareVersion.parse("2.7.2").orElseThrow().atLeast(FlareVersion.V2_8_0));
        assertFalse(FlareVersion.BEFORE_2_8.atLeast(FlareVersion.V2_8_0));
        assertEquals(Optional.empty(), FlareVersion.parse("unknown"));
    }

    @Test
    void whatAServerSendsIsBoundedAndPrintable() {
        String text = FlareVersion.parse("2.8.1\u001b[31m" + "x".repeat(500))
                .orElseThrow()
                .text();
        assertEquals(64, text.length());
        assertTrue(text.startsWith("2.8.1?[31m"), text);
    }

    @Test
    void aFeatureAServerLacksIsRefusedNamingBothVersions() throws Exception {
        FlareFeature.JOB_LOGS.require(FlareVersion.parse("2.8.1").orElseThrow(), "the FLARE server");
        FlareException e = assertThrows(
                FlareException.class, () -> FlareFeature.JOB_LOGS.require(FlareVersion.BEFORE_2_8, "the FLARE server"));
        assertEquals(ErrorCodes.FLARE_VERSION_UNSUPPORTED, e.errorCode());
        assertEquals(
                "Job logs (the server's get_job_log command) need NVFlare 2.8.0 or later; the FLARE server is"
                        + " NVFlare older than 2.8.0.",
                e.getMessage());
        assertEquals(ExitCodes.LOCAL, e.exitCode());
    }
}
