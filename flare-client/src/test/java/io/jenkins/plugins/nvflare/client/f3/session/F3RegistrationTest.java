package io.jenkins.plugins.nvflare.client.f3.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.KitCrypto;
import io.jenkins.plugins.nvflare.client.f3.identity.PssSignatures;
import io.jenkins.plugins.nvflare.client.f3.msgpack.Lobs;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class F3RegistrationTest {

    @Test
    void headersNameTheAdminClient() {
        assertEquals(
                List.of("client_name", "client_type", "client_ip", "project_name"),
                List.copyOf(Registration.requestHeaders("admin@nvidia.com", "example_project", "10.0.0.1")
                        .keySet()));
        assertEquals("admin", Registration.requestHeaders("a", "p", "ip").get("client_type"));
    }

    @Test
    void payloadIsAShareableWithPeerContextAndSignedCn(@TempDir Path startup) throws Exception {
        AdminIdentity kit = kit(startup);
        // Round trip through the wire encoding so the assertions see what the server would decode.
        Object decoded = Lobs.decode(Lobs.encode(Registration.payload(kit, "admin@nvidia.com", "srv-nonce-9")));

        Map<?, ?> shareable = (Map<?, ?>) decoded;
        assertEquals("nvflare.apis.shareable.Shareable", shareable.get("__fobs_type__"));
        assertEquals("nvflare.fuel.utils.fobs.decomposer.DictDecomposer", shareable.get("__fobs_dc__"));
        Map<?, ?> data = (Map<?, ?>) shareable.get("__fobs_data__");
        assertEquals(List.of("__headers__", "cert", "signature", "cn"), List.copyOf(data.keySet()));
        assertEquals("admin@nvidia.com", data.get("cn"));
        assertArrayEquals(F3Fixtures.bytes("admin-2048.crt"), (byte[]) data.get("cert"));
        assertTrue(PssSignatures.verify(
                kit.certificate().getPublicKey(),
                "admin@nvidia.comsrv-nonce-9".getBytes(StandardCharsets.UTF_8),
                (byte[]) data.get("signature")));

        Map<?, ?> ctx = (Map<?, ?>) ((Map<?, ?>) data.get("__headers__")).get("__peer_ctx__");
        assertEquals("nvflare.apis.fl_context.FLContext", ctx.get("__fobs_type__"));
        assertEquals("nvflare.apis.utils.decomposers.flare_decomposers.ContextDecomposer", ctx.get("__fobs_dc__"));
        List<?> modelAndProps = (List<?>) ctx.get("__fobs_data__");
        assertNull(modelAndProps.get(0));
        assertEquals(
                Map.of("__identity_name__", Map.of("value", "admin@nvidia.com", "mask", 0L)), modelAndProps.get(1));
    }

    @Test
    void sessionTokenSignedByTheServerIsAccepted() throws Exception {
        Registration.Session s =
                Registration.session(reply(F3Fixtures.text("token.sig.b64")), "admin@nvidia.com", server());
        assertEquals("token-123", s.token());
        assertEquals("ssid-1", s.ssid());
        assertEquals(
                List.of("client_name", "ssid", "__token__", "__token_signature__"),
                List.copyOf(s.headers().keySet()));
        assertEquals("admin@nvidia.com", s.headers().get("client_name"));
    }

    @Test
    void tokenForSomeoneElseOrUnsignedIsRejected() throws Exception {
        assertAuthFailed(reply(F3Fixtures.text("token.sig.b64")), "other@nvidia.com", "signature is invalid");
        assertAuthFailed(reply("NA"), "admin@nvidia.com", "signature is invalid");
        Map<String, Object> noToken = reply("NA");
        noToken.remove("__token__");
        assertAuthFailed(noToken, "admin@nvidia.com", "did not register");
    }

    private static Map<String, Object> reply(String signature) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("__token__", "token-123");
        r.put("__token_signature__", signature);
        r.put("ssid", "ssid-1");
        return r;
    }

    private static void assertAuthFailed(Object payload, String user, String expected) throws Exception {
        X509Certificate server = server();
        FlareException e = assertThrows(FlareException.class, () -> Registration.session(payload, user, server));
        assertEquals(ErrorCodes.AUTH_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static X509Certificate server() throws FlareException {
        return KitCrypto.certificate(F3Fixtures.text("server-3072-by-root.crt"), "server.crt");
    }

    private static AdminIdentity kit(Path startup) throws Exception {
        Files.write(startup.resolve("client.crt"), F3Fixtures.bytes("admin-2048.crt"));
        Files.write(startup.resolve("client.key"), F3Fixtures.bytes("admin-2048.key"));
        Files.write(startup.resolve("rootCA.pem"), F3Fixtures.bytes("root-ca.crt"));
        return AdminIdentity.load(startup);
    }
}
