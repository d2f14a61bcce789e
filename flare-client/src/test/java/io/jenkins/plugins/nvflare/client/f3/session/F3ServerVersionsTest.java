package io.jenkins.plugins.nvflare.client.f3.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.nvflare.client.FlareVersion;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.transfer.UploadKeys;
import org.junit.jupiter.api.Test;

/** The live servers' answers to {@code report_version server} (f3/live/README.md). */
class F3ServerVersionsTest {
    @Test
    void a281ServerReportsItsVersion() throws Exception {
        FlareVersion v = ServerVersions.of(HciReply.parse(F3Fixtures.text("live/v281-report-version.reply.json")));
        assertEquals(new FlareVersion(2, 8, 1, "2.8.1"), v);
        assertEquals(UploadKeys.STREAMER, UploadKeys.forServer(v));
    }

    @Test
    void a272ServerDoesNotKnowTheCommandAndGetsTheOldUploadKeys() throws Exception {
        FlareVersion v = ServerVersions.of(HciReply.parse(F3Fixtures.text("live/v272-report-version.reply.json")));
        assertEquals(FlareVersion.BEFORE_2_8, v);
        assertEquals("FileStreamer.data", UploadKeys.forServer(v).data());
        assertEquals("FileStreamer.eof", UploadKeys.forServer(v).eof());
    }

    @Test
    void anyOtherAnswerMeansTheCommandExists() throws Exception {
        String notAuthorized = "{\"time\": \"t\", \"data\": [{\"type\": \"error\", \"data\": \"not authorized\"}],"
                + " \"meta\": {\"status\": \"not_authorized\", \"info\": \"\"}}";
        assertEquals(ServerVersions.UNREPORTED, ServerVersions.of(HciReply.parse(notAuthorized)));
    }
}
