package io.jenkins.plugins.nvflare.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a step may write: inside the workspace, by its path and after symbolic links (as SCM may check them out). */
class WorkspacePathsTest {

    @TempDir
    Path tmp;

    @Test
    void aPathInsideTheWorkspaceIsKept() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.createDirectories(ws.resolve("logs"));
        assertEquals(ws.resolve("logs/server.txt"), WorkspacePaths.inside(ws, "logs/server.txt", "Log file"));
        assertEquals(ws.resolve("new/dir/out"), WorkspacePaths.inside(ws, "new/dir/out", "Output folder"));
        Path inner = Files.createSymbolicLink(ws.resolve("inner"), ws.resolve("logs"));
        assertEquals(inner.resolve("a.txt"), WorkspacePaths.inside(ws, "inner/a.txt", "Log file"));
    }

    @Test
    void dotDotOutOfTheWorkspaceIsRefused() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        refused(ws, "../elsewhere.txt");
        refused(ws, "/etc/passwd");
    }

    @Test
    void aSymbolicLinkOutOfTheWorkspaceIsRefused() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(ws.resolve("out"), outside);
        Files.createSymbolicLink(ws.resolve("server.txt"), outside.resolve("server.txt"));
        Files.writeString(outside.resolve("server.txt"), "x");
        refused(ws, "out");
        refused(ws, "out/job/result.txt");
        refused(ws, "server.txt");
        Files.createSymbolicLink(ws.resolve("dangling"), tmp.resolve("nowhere/file"));
        refused(ws, "dangling");
    }

    private static void refused(Path ws, String relative) {
        FlareException e = assertThrows(FlareException.class, () -> WorkspacePaths.inside(ws, relative, "Log file"));
        assertEquals(ErrorCodes.UNSAFE_PATH, e.errorCode(), e.getMessage());
    }
}
