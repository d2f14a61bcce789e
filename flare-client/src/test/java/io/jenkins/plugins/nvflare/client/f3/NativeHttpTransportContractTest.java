package io.jenkins.plugins.nvflare.client.f3;

import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeWebSocketServer;

/**
 * The shared contract for {@link NativeFlareClient} over FLARE's default {@code http} scheme: the scenarios
 * of {@link NativeTransportContractTest}, each session a websocket on /f3 with mutual TLS
 * ({@link FakeWebSocketServer} in front of the same {@link FakeFlareServer}).
 */
class NativeHttpTransportContractTest extends NativeTransportContractTest {
    @Override
    String scheme() {
        return "http";
    }
}
