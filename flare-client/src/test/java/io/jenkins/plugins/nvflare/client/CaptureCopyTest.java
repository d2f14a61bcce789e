package io.jenkins.plugins.nvflare.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract tests replay a copy of the real CLI captures kept in the module, so the module
 * builds on its own; this test keeps that copy byte-identical to {@code ../shared/nvflare-cli-captures}
 * whenever the shared folder is beside the checkout (as on CI).
 */
class CaptureCopyTest {

    private static final Path COPY = Path.of("src", "test", "resources", "nvflare-cli-captures");

    @Test
    void copyMatchesSharedCapturesByteForByte() throws IOException {
        String shared = System.getProperty("nvflare.shared.captures");
        assumeTrue(
                shared != null && Files.isDirectory(Path.of(shared)),
                "no ../shared/nvflare-cli-captures beside the checkout");
        Path sharedDir = Path.of(shared);

        List<String> sharedFiles = relativeFiles(sharedDir);
        assertEquals(sharedFiles, relativeFiles(COPY), "file list of the capture copy");
        for (String file : sharedFiles) {
            assertArrayEquals(
                    Files.readAllBytes(sharedDir.resolve(file)), Files.readAllBytes(COPY.resolve(file)), file);
        }
    }

    private static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
