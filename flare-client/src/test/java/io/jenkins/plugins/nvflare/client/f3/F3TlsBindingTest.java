package io.jenkins.plugins.nvflare.client.f3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.identity.KitCrypto;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's TLS certificate is bound to the one it proves in the login challenge: a server whose TLS presents
 * another participant's certificate (site-2048-by-root.crt, signed by the same project root CA, so TLS accepts it)
 * while the challenge proves the real server certificate — a participant relaying the connection — is refused
 * before anything is signed for it, on every scheme.
 */
class F3TlsBindingTest {

    private static final String JOB = "e44ccf11-a162-442d-b1b6-cb6d849f89eb";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "http", "grpc"})
    void aServerWhoseTlsIsAnotherParticipantsIsRefused(String scheme) throws Exception {
        try (FakeFlareServer relay = new FakeFlareServer(
                KitCrypto.privateKey(F3Fixtures.text("site-2048.key"), "site.key"),
                KitCrypto.certificate(F3Fixtures.text("site-2048-by-root.crt"), "site.crt"))) {
            int port = relay.serveEachSession(scheme);
            try (NativeFlareClient client = new NativeFlareClient(
                    F3Fixtures.adminKit(tmp.resolve("kit-" + scheme), scheme, port), Duration.ofSeconds(10))) {
                FlareException e = assertThrows(FlareException.class, () -> client.meta(JOB, null));
                assertEquals(ErrorCodes.AUTH_FAILED, e.errorCode(), e.getMessage());
                assertTrue(
                        e.getMessage().contains("the TLS connection is to 'site-1', not to the server 'server'"),
                        e.getMessage());
            }
            assertFalse(
                    relay.log().stream().anyMatch(line -> line.startsWith("register")),
                    "nothing was signed for the relay: " + relay.log());
        }
    }
}
