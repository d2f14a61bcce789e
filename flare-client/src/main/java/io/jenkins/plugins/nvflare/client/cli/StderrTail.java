package io.jenkins.plugins.nvflare.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps only the end of a process's stderr (last lines, bounded bytes): enough to explain a crash
 * without holding a chatty CLI's whole diagnostic output in memory.
 */
final class StderrTail {
    static final int MAX_LINES = 20;
    static final int MAX_BYTES = 4096;

    private final Deque<String> lines = new ArrayDeque<>();
    private final StringBuilder current = new StringBuilder();

    /** Reads the stream to its end; returns quietly when the stream breaks (the process died). */
    void consume(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The pipe closes when the process is killed; what we have is the tail.
        }
    }

    synchronized void append(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                pushLine(current.toString());
                current.setLength(0);
            } else if (c != '\r') {
                if (current.length() < MAX_BYTES) {
                    current.append(c);
                }
            }
        }
    }

    private void pushLine(String line) {
        lines.addLast(line);
        while (lines.size() > MAX_LINES) {
            lines.removeFirst();
        }
    }

    /** The last lines of stderr (at most {@value #MAX_LINES} lines and about {@value #MAX_BYTES} bytes). */
    synchronized String text() {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        sb.append(current);
        String all = sb.toString().strip();
        if (all.length() > MAX_BYTES) {
            all = "..." + all.substring(all.length() - MAX_BYTES);
        }
        return all;
    }
}
