/**
 * The {@code grpc} scheme's driver: one bidirectional gRPC call {@code /streamer.Streamer/Stream} whose
 * messages are {@code Frame{int32 seq = 1; bytes data = 2}} (drivers/grpc/streamer.proto), each carrying one
 * SFM frame as a {@link io.jenkins.plugins.nvflare.client.f3.sfm.FrameChannel}. HTTP/2 is OkHttp's (a duplex
 * call, TLS with ALPN {@code h2}, or cleartext HTTP/2 with prior knowledge); the gRPC message framing and the
 * two-field protobuf are this package's own ({@link io.jenkins.plugins.nvflare.client.f3.grpc.GrpcMessages}).
 * Mirrors {@code nvflare/fuel/f3/drivers/grpc_driver.py} and {@code aio_grpc_driver.py} (the same service),
 * whose credentials come from {@code drivers/grpc/utils.py}.
 */
package io.jenkins.plugins.nvflare.client.f3.grpc;
