package io.jenkins.plugins.nvflare.client.f3;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.f3.cell.CellRequester;
import io.jenkins.plugins.nvflare.client.f3.hci.HciRequest;
import io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity;
import io.jenkins.plugins.nvflare.client.f3.session.AdminLogin;
import io.jenkins.plugins.nvflare.client.f3.session.AdminSession;
import io.jenkins.plugins.nvflare.client.f3.session.Registration;
import io.jenkins.plugins.nvflare.client.f3.testing.F3Fixtures;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session tokens and the kit's private key never show up in the text of the values that carry them. */
class F3SecretsInTextTest {

    @Test
    void sessionTokensAreNotPrinted() {
        Registration.Session auth = new Registration.Session("admin@nvidia.com", "tok-123", "sig-456", "ssid-1");
        AdminLogin.Session session = new AdminLogin.Session(
                new CellRequester(null, "_admin_" + UUID.randomUUID(), () -> "r", () -> 0.0), auth, "hci-789");
        HciRequest request = new HciRequest("list_jobs", "hci-789", Map.of());
        for (Object value : new Object[] {auth, session, request, new AdminSession.Streaming(session, null)}) {
            String text = value.toString();
            for (String secret : new String[] {"tok-123", "sig-456", "hci-789"}) {
                assertFalse(text.contains(secret), text);
            }
        }
        assertTrue(auth.toString().contains("admin@nvidia.com"), auth.toString());
        assertTrue(request.toString().contains("list_jobs"), request.toString());
    }

    @Test
    void theKitsPrivateKeyIsNotPrinted(@TempDir Path tmp) throws Exception {
        AdminIdentity kit =
                AdminIdentity.load(F3Fixtures.adminKit(tmp, "tcp", 1).resolve("startup"));
        String text = kit.toString();
        assertFalse(text.contains("PRIVATE"), text);
        assertFalse(text.contains(kit.privateKey().toString()), text);
        assertTrue(text.contains("admin@nvidia.com"), text);
    }
}
