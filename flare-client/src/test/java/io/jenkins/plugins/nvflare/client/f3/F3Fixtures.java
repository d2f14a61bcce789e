package io.jenkins.plugins.nvflare.client.f3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the openssl-made fixtures in src/test/resources/f3 (see the README there for how they were made). */
final class F3Fixtures {
    private F3Fixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = F3Fixtures.class.getResourceAsStream("/f3/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource f3/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.US_ASCII);
    }
}
