package io.jenkins.plugins.nvflare.client.f3.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the openssl-made fixtures in src/test/resources/f3 (see the README there for how they were made). */
public final class F3Fixtures {
    private F3Fixtures() {}

    public static byte[] bytes(String name) {
        try (InputStream in = F3Fixtures.class.getResourceAsStream("/f3/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource f3/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.US_ASCII);
    }

    /**
     * An admin kit folder {@code dir/admin@nvidia.com} (fed_admin.json as in 90-admin-kit-layout.txt) with the
     * fixture certificates, connecting to 127.0.0.1:{@code port} with {@code scheme}.
     */
    public static Path adminKit(Path dir, String scheme, int port) throws IOException {
        return adminKit(dir, scheme, port, "mtls");
    }

    /** As {@link #adminKit(Path, String, int)}, with {@code admin.connection_security} = {@code security}. */
    public static Path adminKit(Path dir, String scheme, int port, String security) throws IOException {
        Path kit = dir.resolve("admin@nvidia.com");
        Path startup = Files.createDirectories(kit.resolve("startup"));
        Files.writeString(startup.resolve("fed_admin.json"), """
                {
                  "format_version": 1,
                  "admin": {
                    "project_name": "example_project",
                    "username": "",
                    "server_identity": "server",
                    "scheme": "%s",
                    "host": "127.0.0.1",
                    "port": %d,
                    "connection_security": "%s",
                    "uid_source": "cert",
                    "client_key": "client.key",
                    "client_cert": "client.crt",
                    "ca_cert": "rootCA.pem"
                  }
                }
                """.formatted(scheme, port, security));
        Files.write(startup.resolve("client.crt"), bytes("admin-2048.crt"));
        Files.write(startup.resolve("client.key"), bytes("admin-2048.key"));
        Files.write(startup.resolve("rootCA.pem"), bytes("root-ca.crt"));
        return kit;
    }
}
