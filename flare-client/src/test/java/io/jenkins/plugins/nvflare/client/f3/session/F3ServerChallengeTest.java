package io.jenkins.plugins.nvflare.client.f3.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.identity.KitCrypto;
import io.jenkins.plugins.nvflare.client.f3.identity.PssSignatures;
import io.jenkins.plugins.nvflare.client.f3.msgpack.Fobs;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's answer is built from openssl fixtures: root-ca.crt issued server-3072-by-root.crt; server-challenge.sig = sign("server" + "client-nonce-1"). */
class F3ServerChallengeTest {
    private static final String CLIENT_NONCE = "client-nonce-1";
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void acceptsAGenuineServerAnswerWrappedAsShareable() throws Exception {
        ServerChallenge.Verified v = ServerChallenge.verifyReply(
                shareable(reply("server-3072-by-root.crt", "server-challenge.sig")),
                CLIENT_NONCE,
                "server",
                roots(),
                NOW);
        assertEquals("srv-nonce-9", v.serverNonce());
        assertEquals("server", KitCrypto.commonName(v.serverCertificate()));
    }

    @Test
    void requestHeadersCarryCnAndNonce() {
        assertEquals(
                Map.of("cn", "admin@nvidia.com", "nonce", "n1"),
                ServerChallenge.requestHeaders("admin@nvidia.com", "n1"));
    }

    @Test
    void rejectsAnotherServerIdentity() {
        assertAuthFailed(
                reply("server-3072-by-root.crt", "server-challenge.sig"),
                CLIENT_NONCE,
                "flare.example.com",
                NOW,
                "expected server identity is 'flare.example.com' but got 'server'");
    }

    @Test
    void rejectsACertificateFromAnotherCa() {
        assertAuthFailed(
                reply("server-3072.crt", "server-challenge.sig"),
                CLIENT_NONCE,
                "server",
                NOW,
                "not valid for this project's root CA");
    }

    @Test
    void rejectsAnExpiredChain() {
        assertAuthFailed(
                reply("server-3072-by-root.crt", "server-challenge.sig"),
                CLIENT_NONCE,
                "server",
                Instant.parse("2200-01-01T00:00:00Z"),
                "not valid for this project's root CA");
    }

    @Test
    void rejectsACertificateNotMeantForServers() {
        assertAuthFailed(
                reply("server-3072-clientauth-only.crt", "server-challenge.sig"),
                CLIENT_NONCE,
                "server",
                NOW,
                "does not allow serverAuth");
    }

    @Test
    void rejectsASignatureOverAnotherNonce() {
        assertAuthFailed(
                reply("server-3072-by-root.crt", "server-challenge.sig"),
                "replayed-nonce",
                "server",
                NOW,
                "signature over its identity and our nonce is invalid");
    }

    @Test
    void rejectsIncompleteReplies() {
        Map<String, Object> r = reply("server-3072-by-root.crt", "server-challenge.sig");
        r.remove("cert");
        assertAuthFailed(r, CLIENT_NONCE, "server", NOW, "lacks 'cert'");
        assertAuthFailed(null, CLIENT_NONCE, "server", NOW, "has no data");
    }

    @Test
    void certLoginSignsTheCnAndTheServerNonce(@TempDir Path startup) throws Exception {
        Files.write(startup.resolve("client.crt"), F3Fixtures.bytes("admin-2048.crt"));
        Files.write(startup.resolve("client.key"), F3Fixtures.bytes("admin-2048.key"));
        Files.write(startup.resolve("rootCA.pem"), F3Fixtures.bytes("root-ca.crt"));
        AdminIdentity kit = AdminIdentity.load(startup);

        Map<String, Object> h = CertLogin.headers(kit, "admin@nvidia.com", null);
        assertEquals(List.of("user_name", "cert", "signature", "study"), List.copyOf(h.keySet()));
        assertEquals("default", h.get("study"));
        assertEquals(
                new String(F3Fixtures.bytes("admin-2048.crt"), StandardCharsets.US_ASCII),
                new String((byte[]) h.get("cert"), StandardCharsets.US_ASCII));
        X509Certificate cert = kit.certificate();
        assertTrue(PssSignatures.verify(
                cert.getPublicKey(), "admin@nvidia.com".getBytes(StandardCharsets.UTF_8), (byte[]) h.get("signature")));
        assertTrue(PssSignatures.verify(
                cert.getPublicKey(),
                "admin@nvidia.comsrv-nonce-9".getBytes(StandardCharsets.UTF_8),
                CertLogin.registrationSignature(kit, "srv-nonce-9")));
        assertEquals("_cert_login admin@nvidia.com", CertLogin.command("admin@nvidia.com"));
    }

    private static Map<String, Object> reply(String certFixture, String sigFixture) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("nonce", "srv-nonce-9");
        r.put("signature", F3Fixtures.bytes(sigFixture));
        r.put("cn", "server");
        r.put("cert", F3Fixtures.bytes(certFixture));
        return r;
    }

    /** As DictDecomposer(Shareable) sends it (fobs.py FOBS_TYPE / FOBS_DATA / FOBS_DECOMPOSER). */
    private static Map<String, Object> shareable(Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(Fobs.TYPE, "nvflare.apis.shareable.Shareable");
        m.put(Fobs.DATA, data);
        m.put(Fobs.DECOMPOSER, "nvflare.fuel.utils.fobs.decomposer.DictDecomposer");
        return m;
    }

    private static List<X509Certificate> roots() throws FlareException {
        return KitCrypto.certificates(F3Fixtures.text("root-ca.crt"), "rootCA.pem");
    }

    private static void assertAuthFailed(Object payload, String nonce, String identity, Instant now, String expected) {
        FlareException e = assertThrows(
                FlareException.class, () -> ServerChallenge.verifyReply(payload, nonce, identity, roots(), now));
        assertEquals(ErrorCodes.AUTH_FAILED, e.errorCode());
        assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
    }
}
