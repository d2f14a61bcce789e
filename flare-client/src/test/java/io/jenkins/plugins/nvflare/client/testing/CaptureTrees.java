package io.jenkins.plugins.nvflare.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Recreates a job folder that {@code nvflare job download} produced in a captured run, from the
 * capture's file listing ({@code 28-job-download-tree.txt}, {@code 73-download-logstream-tree.txt}):
 * files get their captured content where a sample was kept ({@code 28-download-samples/}) and a
 * short placeholder otherwise. Lets tests run artifact discovery and archiving on the real layout.
 */
public final class CaptureTrees {

    private CaptureTrees() {}

    /**
     * Writes the captured download under {@code outputDir} (as {@code outputDir/<job id>/...}, where
     * the CLI puts it) and returns the job folder.
     *
     * @param treeCapture e.g. {@code "28-job-download-tree.txt"}
     */
    public static Path materialize(String treeCapture, Path outputDir) throws IOException {
        List<String> lines = new String(FakeNvflare.resource(treeCapture), StandardCharsets.UTF_8)
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
        String jobDir = lines.stream()
                .filter(l -> l.matches(".*/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(/.*)?"))
                .map(l -> l.replaceFirst("(.*/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}).*", "$1"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(treeCapture + " lists no job folder"));
        Path jobRoot = outputDir.resolve(jobDir.substring(jobDir.lastIndexOf('/') + 1));
        Files.createDirectories(jobRoot);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith(jobDir + "/")) {
                continue;
            }
            String rel = line.substring(jobDir.length() + 1);
            boolean isDir = i + 1 < lines.size() && lines.get(i + 1).startsWith(line + "/");
            Path target = jobRoot.resolve(rel);
            if (isDir) {
                Files.createDirectories(target);
            } else {
                Files.createDirectories(target.getParent());
                Files.write(target, content(rel));
            }
        }
        return jobRoot;
    }

    private static byte[] content(String rel) throws IOException {
        String sample = FakeNvflare.CAPTURES + "28-download-samples/" + rel.replace('/', '_');
        try (InputStream in = CaptureTrees.class.getResourceAsStream(sample)) {
            if (in != null) {
                return in.readAllBytes();
            }
        }
        return ("placeholder for " + rel + " (not kept in the capture)\n").getBytes(StandardCharsets.UTF_8);
    }
}
