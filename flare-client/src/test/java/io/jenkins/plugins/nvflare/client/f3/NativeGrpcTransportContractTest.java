package io.jenkins.plugins.nvflare.client.f3;

import io.jenkins.plugins.nvflare.client.f3.testing.FakeFlareServer;
import io.jenkins.plugins.nvflare.client.f3.testing.FakeGrpcServer;

/**
 * The shared contract for {@link NativeFlareClient} over FLARE's {@code grpc} scheme: the scenarios of
 * {@link NativeTransportContractTest} (the replayed CLI captures), each session a {@code streamer.Streamer/Stream}
 * call with mutual TLS on a real gRPC server ({@link FakeGrpcServer} in front of the same {@link FakeFlareServer}).
 */
class NativeGrpcTransportContractTest extends NativeTransportContractTest {
    @Override
    String scheme() {
        return "grpc";
    }
}
