/**
 * The native FLARE transport: {@link io.jenkins.plugins.nvflare.client.f3.NativeFlareClient} speaks NVFlare's
 * admin protocol from the JVM — what {@code nvflare job} does through {@code flare_api} — with the same results
 * and error codes as the CLI transport, and no Python on the agent. It is the only public entry point; the
 * layers below it, bottom up: {@code msgpack} (fobs payloads), {@code identity} (the kit's key, certificates,
 * TLS and RSA-PSS), {@code sfm} (frames and connections), {@code ws} (the {@code http} scheme's websocket),
 * {@code cell} (CellNet messages), {@code hci} (admin commands), {@code errors} (flare_api exceptions and the
 * CLI's error texts), {@code session} (connect and log in), {@code job} (job commands, waiting, logs) and
 * {@code transfer} (job upload and download). Each package depends only on those before it; the protocol and
 * the NVFlare sources each layer mirrors are described in {@code docs/native-transport.md}.
 */
package io.jenkins.plugins.nvflare.client.f3;
