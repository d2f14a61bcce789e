package io.jenkins.plugins.nvflare.client.f3.hci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Shapes from nvflare/fuel/hci/proto.py Buffer and hci/server/login.py handle_cert_login. */
class F3HciTest {

    @Test
    void requestJsonMatchesTheBufferLayout() {
        String json = new HciRequest("list_jobs -n 5", "sess-token", Map.of("cmd_timeout", 30))
                .toJson(LocalDateTime.of(2026, 11, 25, 4, 31, 35, 123_456_000));
        assertEquals(
                "{\"time\":\"2026-11-25 04:31:35.123456\",\"data\":[{\"type\":\"command\",\"data\":\"list_jobs -n 5\"},"
                        + "{\"type\":\"token\",\"data\":\"sess-token\"}],\"meta\":{\"cmd_timeout\":30}}",
                json);
    }

    @Test
    void loginRequestHasNoTokenItem() {
        String json =
                new HciRequest("_cert_login admin@nvidia.com", null, null).toJson(LocalDateTime.of(2026, 1, 1, 0, 0));
        assertEquals(
                "{\"time\":\"2026-01-01 00:00:00.000000\",\"data\":[{\"type\":\"command\",\"data\":"
                        + "\"_cert_login admin@nvidia.com\"}],\"meta\":{}}",
                json);
        assertThrows(IllegalArgumentException.class, () -> new HciRequest(" ", null, null));
    }

    @Test
    void parsesTokenReply() throws Exception {
        HciReply r = HciReply.parse("{\"time\":\"t\",\"data\":[{\"type\":\"token\",\"data\":\"abc\"}],\"meta\":{}}");
        assertEquals(Optional.of("abc"), r.token());
        assertEquals(Optional.empty(), r.loginRejection());
    }

    @Test
    void parsesLoginRejections() throws Exception {
        assertEquals(
                new HciReply.LoginRejection("AUTH_UNKNOWN_STUDY", "unknown study 'x'"),
                reject("REJECT: AUTH_UNKNOWN_STUDY: unknown study 'x'"));
        assertEquals(new HciReply.LoginRejection(null, "bad cert"), reject("REJECT: bad cert"));
        assertEquals(new HciReply.LoginRejection(null, ""), reject("REJECT"));
    }

    @Test
    void parsesStatusErrorsAndTables() throws Exception {
        HciReply r = HciReply.parse("{\"data\":[{\"type\":\"error\",\"data\":\"Job abc does not exist\"},"
                + "{\"type\":\"table\",\"rows\":[[\"Job ID\",\"Name\"],[\"1\",\"hello\"]]},"
                + "{\"type\":\"success\",\"data\":\"done\"}],"
                + "\"meta\":{\"status\":\"invalid_job_id\",\"info\":\"Job abc does not exist\"}}");
        assertEquals(Optional.of("invalid_job_id"), r.status());
        assertEquals(List.of("Job abc does not exist"), r.errors());
        assertEquals(List.of("done"), r.messages());
        assertEquals(
                List.of(List.of("Job ID", "Name"), List.of("1", "hello")),
                r.items().get(1).data());
    }

    @Test
    void rejectsRepliesThatAreNotTheProtocol() {
        assertThrows(HciProtocolException.class, () -> HciReply.parse("not json"));
        assertThrows(HciProtocolException.class, () -> HciReply.parse("{\"meta\":{}}"));
        assertThrows(HciProtocolException.class, () -> HciReply.parse("{\"data\":[{\"data\":\"x\"}]}"));
    }

    private static HciReply.LoginRejection reject(String text) throws Exception {
        return HciReply.parse("{\"data\":[{\"type\":\"string\",\"data\":\"" + text + "\"}]}")
                .loginRejection()
                .orElseThrow();
    }
}
