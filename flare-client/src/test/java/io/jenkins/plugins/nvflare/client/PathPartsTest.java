package io.jenkins.plugins.nvflare.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@link Path#getParent()} and {@link Path#getFileName()} give null, PathParts answers or says why not. */
class PathPartsTest {

    @Test
    void aPathWithFoldersHasItsParentAndItsLastName() {
        Path p = Path.of("flare-results", "5016330c", "workspace.zip");
        assertEquals(Path.of("flare-results", "5016330c"), PathParts.folder(p));
        assertEquals("workspace.zip", PathParts.name(p));
    }

    @Test
    void aBareNameIsInTheCurrentFolderAsPythonsDirnameSays(@TempDir Path dir) throws Exception {
        Path bare = Path.of("flare-results");
        assertEquals(Path.of(""), PathParts.folder(bare));
        assertEquals("", PathParts.folder(bare).toString());
        assertEquals("flare-results", PathParts.name(bare));
        // the empty path is a folder Files can create into: the current one
        assertTrue(Files.isDirectory(Files.createDirectories(PathParts.folder(dir.resolve("x")))));
        assertEquals(
                Path.of("").toAbsolutePath(),
                Files.createDirectories(PathParts.folder(bare)).toAbsolutePath());
    }

    @Test
    void aRootHasNeitherAndSaysSo() {
        Path root = Path.of("").toAbsolutePath().getRoot();
        IllegalArgumentException noName = assertThrows(IllegalArgumentException.class, () -> PathParts.name(root));
        assertEquals(root + " is a file system root: it names no file or folder", noName.getMessage());
        IllegalArgumentException noFolder = assertThrows(IllegalArgumentException.class, () -> PathParts.folder(root));
        assertEquals(root + " is a file system root: no folder holds it", noFolder.getMessage());
    }
}
