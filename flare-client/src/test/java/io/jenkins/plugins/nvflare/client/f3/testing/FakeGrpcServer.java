package io.jenkins.plugins.nvflare.client.f3.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.nvflare.client.f3.identity.ConnectionSecurity;
import io.jenkins.plugins.nvflare.client.f3.sfm.FrameChannel;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmCodec;
import io.jenkins.plugins.nvflare.client.f3.sfm.SfmConnection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The transport half of FLARE's {@code grpc} scheme as grpc_driver.py sets it up (Servicer.Stream on
 * streamer.proto's {@code Streamer} service), on a real gRPC server: grpc-java over Netty, with the method
 * {@code streamer.Streamer/Stream} (bidirectional streaming) and a {@code Frame} marshaller written with
 * protobuf-java's own coded streams, independently of the client's codec. TLS as FLARE's
 * {@code get_grpc_server_credentials}: client certificate required ({@code mtls}), not asked for ({@code tls}),
 * or cleartext HTTP/2 ({@code clear}). Any number of calls, taken in order by {@link #accept(Duration)}; each call's
 * request headers and the client certificate it presented are kept for the test to assert.
 */
public final class FakeGrpcServer implements AutoCloseable {
    public static final String METHOD = "streamer.Streamer/Stream";
    /** Room for a 1 MiB upload chunk plus headers, as FakeFlareServer's codec. */
    private static final int MAX_FRAME = 8 << 20;

    /** streamer.proto {@code Frame}, as protoc's generated code would read and write it. */
    public record Frame(int seq, byte[] data) {}

    public static final MethodDescriptor.Marshaller<Frame> FRAME = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(Frame f) {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                CodedOutputStream out = CodedOutputStream.newInstance(bytes);
                if (f.seq() != 0) {
                    out.writeInt32(1, f.seq());
                }
                if (f.data().length > 0) {
                    out.writeBytes(2, ByteString.copyFrom(f.data()));
                }
                out.flush();
                return new ByteArrayInputStream(bytes.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Frame parse(InputStream stream) {
            try {
                CodedInputStream in = CodedInputStream.newInstance(stream);
                in.setSizeLimit(Integer.MAX_VALUE);
                int seq = 0;
                byte[] data = new byte[0];
                for (int tag; (tag = in.readTag()) != 0; ) {
                    switch (tag) {
                        case 8 -> seq = in.readInt32();
                        case 18 -> data = in.readByteArray();
                        default -> in.skipField(tag);
                    }
                }
                return new Frame(seq, data);
            } catch (IOException e) {
                throw Status.INTERNAL.withDescription("bad Frame").withCause(e).asRuntimeException();
            }
        }
    };

    public static final MethodDescriptor<Frame, Frame> STREAM = MethodDescriptor.<Frame, Frame>newBuilder()
            .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
            .setFullMethodName(METHOD)
            .setRequestMarshaller(FRAME)
            .setResponseMarshaller(FRAME)
            .build();

    /** What one call came with. */
    public record CallInfo(Metadata headers, List<Certificate> clientCertificates, boolean tls) {}

    private final Server server;
    private final BlockingQueue<Stream> calls = new LinkedBlockingQueue<>();
    private final List<CallInfo> callInfos = new CopyOnWriteArrayList<>();
    private final List<Integer> clientSeqs = new CopyOnWriteArrayList<>();

    /**
     * @param tls the server's key and certificate and, for {@code mtls}, the client certificates it trusts (as
     *     {@link FakeFlareServer#tls()}); unused when {@code security} is clear
     */
    public FakeGrpcServer(SSLContext tls, ConnectionSecurity security) throws IOException {
        this(tls, security, true);
    }

    /** @param servesStreamer false for a gRPC server without FLARE's service (every call UNIMPLEMENTED) */
    public FakeGrpcServer(SSLContext tls, ConnectionSecurity security, boolean servesStreamer) throws IOException {
        NettyServerBuilder builder =
                NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        if (security != ConnectionSecurity.CLEAR) {
            builder.sslContext(new JdkSslContext(
                    tls,
                    false,
                    null,
                    IdentityCipherSuiteFilter.INSTANCE,
                    new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            "h2"),
                    security == ConnectionSecurity.MTLS ? ClientAuth.REQUIRE : ClientAuth.NONE,
                    new String[] {"TLSv1.3", "TLSv1.2"},
                    false));
        }
        ServerServiceDefinition service = ServerServiceDefinition.builder("streamer.Streamer")
                .addMethod(STREAM, ServerCalls.asyncBidiStreamingCall(this::stream))
                .build();
        if (servesStreamer) {
            builder.addService(ServerInterceptors.intercept(service, new Recorder()));
        }
        builder.maxInboundMessageSize(MAX_FRAME + 64);
        server = builder.build().start();
    }

    public int port() {
        return server.getPort();
    }

    /** The calls received so far, in order. */
    public List<CallInfo> calls() {
        return List.copyOf(callInfos);
    }

    /** The seq of every Frame the client sent, in order. */
    public List<Integer> clientSeqs() {
        return List.copyOf(clientSeqs);
    }

    /** The server's raw frame channel over the client's next call. */
    public FrameChannel acceptChannel(Duration timeout) throws IOException {
        try {
            Stream s = calls.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (s == null) {
                throw new SocketTimeoutException("no gRPC call within " + timeout.toMillis() + " ms");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a gRPC call");
        }
    }

    /** The server's SFM connection over the client's next call (the handshake is still to be done). */
    public SfmConnection accept(Duration timeout) throws IOException {
        return new SfmConnection(acceptChannel(timeout), new SfmCodec(MAX_FRAME));
    }

    private StreamObserver<Frame> stream(StreamObserver<Frame> responses) {
        Stream s = new Stream(responses);
        calls.add(s);
        return s;
    }

    /** Keeps each call's headers and TLS peer. */
    private final class Recorder implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            SSLSession ssl = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
            List<Certificate> peer = List.of();
            if (ssl != null) {
                try {
                    peer = List.of(ssl.getPeerCertificates());
                } catch (SSLPeerUnverifiedException e) {
                    peer = List.of();
                }
            }
            callInfos.add(new CallInfo(headers, peer, ssl != null));
            return next.startCall(call, headers);
        }
    }

    /** One call as a frame channel: the client's Frames in, ours out; closing completes the call with OK. */
    public final class Stream implements StreamObserver<Frame>, FrameChannel {
        private final StreamObserver<Frame> responses;
        private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        private volatile Duration readTimeout = Duration.ofSeconds(10);
        private int seq;
        private boolean done;

        Stream(StreamObserver<Frame> responses) {
            this.responses = responses;
        }

        @Override
        public void onNext(Frame f) {
            clientSeqs.add(f.seq());
            inbox.add(f.data());
        }

        @Override
        public void onError(Throwable t) {
            // The client cancels its call right after half-closing it (as grpc_driver.py's close: the request
            // iterator ends, then channel.close()); the cancel may be seen first. Either way the client is gone.
            Status status = Status.fromThrowable(t);
            inbox.add(
                    status.getCode() == Status.Code.CANCELLED
                            ? Boolean.TRUE
                            : new IOException("gRPC call failed: " + status));
        }

        @Override
        public void onCompleted() {
            inbox.add(Boolean.TRUE); // the client half-closed: end of stream
        }

        @Override
        public synchronized void send(byte[] frame) throws IOException {
            if (done) {
                throw new IOException("the call is over");
            }
            responses.onNext(new Frame(++seq, frame));
        }

        @Override
        public byte[] receive() throws IOException {
            Object e;
            try {
                e = inbox.poll(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
            if (e == null) {
                throw new SocketTimeoutException("no gRPC message within " + readTimeout.toMillis() + " ms");
            }
            if (e instanceof byte[] b) {
                return b;
            }
            inbox.add(e);
            if (e instanceof IOException io) {
                throw io;
            }
            return null;
        }

        @Override
        public Duration readTimeout(Duration timeout) {
            Duration previous = readTimeout;
            readTimeout = timeout;
            return previous;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        /** Ends the call as the server: status OK (or {@code status}), as grpc_driver.py's Stream returning. */
        public synchronized void end(Status status) {
            if (!done) {
                done = true;
                try {
                    if (status.isOk()) {
                        responses.onCompleted();
                    } else {
                        responses.onError(status.asRuntimeException());
                    }
                } catch (IllegalStateException e) {
                    // the call was cancelled by the client already
                }
            }
        }

        @Override
        public void close() {
            end(Status.OK);
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(10, TimeUnit.SECONDS);
    }
}
