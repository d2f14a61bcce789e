package io.jenkins.plugins.nvflare.client.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one value a submit's checks, token check and zip share: what one walk of the folder saw. */
class JobFolderTest {

    @TempDir
    Path tmp;

    private Path job(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("app/config"));
        Files.createDirectories(dir.resolve("app/custom/data/b"));
        Files.createDirectories(dir.resolve("app/custom/data/a"));
        Files.writeString(dir.resolve("meta.json"), "{\"name\": \"j\"}");
        Files.writeString(dir.resolve("app/config/config_fed_server.json"), "{}");
        Files.writeString(dir.resolve("app/config/config_fed_client.json"), "{}");
        Files.writeString(dir.resolve("app/custom/data/b/2.txt"), "22");
        Files.writeString(dir.resolve("app/custom/data/b/1.txt"), "1");
        Files.writeString(dir.resolve("app/custom/data/a/z.txt"), "zzz");
        Files.writeString(dir.resolve("app/custom/client.py"), "print()");
        return dir;
    }

    @Test
    void holdsEveryFileWithItsSizeFolderByFolderEachSortedByName() throws Exception {
        Path dir = job(tmp.resolve("hello"));
        JobFolder job = JobFolders.inspect(dir);

        assertEquals(dir, job.given());
        assertEquals(dir, job.root());
        assertEquals(
                List.of(
                        new JobFolder.JobFile("meta.json", 13),
                        new JobFolder.JobFile("app/config/config_fed_client.json", 2),
                        new JobFolder.JobFile("app/config/config_fed_server.json", 2),
                        new JobFolder.JobFile("app/custom/client.py", 7),
                        new JobFolder.JobFile("app/custom/data/a/z.txt", 3),
                        new JobFolder.JobFile("app/custom/data/b/1.txt", 1),
                        new JobFolder.JobFile("app/custom/data/b/2.txt", 2)),
                job.files());
        assertEquals("", job.top().path());
        assertEquals(
                List.of("config", "custom"),
                job.folder("app").orElseThrow().folders().stream()
                        .map(JobFolder.Folder::name)
                        .toList());
        assertTrue(job.hasFile("app/custom/data/b/1.txt"));
        assertFalse(job.hasFile("app/custom/data/b"));
        assertFalse(job.hasFile("app/nope/x"));
        assertEquals(Optional.empty(), job.folder("app/nope"));
        assertEquals(
                dir.resolve("app/custom/data/a/z.txt"), job.resolve(job.files().get(4)));
    }

    @Test
    void aSingleSubFolderIsTheRootThatIsWalked() throws Exception {
        Path outer = tmp.resolve("export");
        Path inner = job(outer.resolve("hello"));
        Files.writeString(outer.resolve("README.md"), "not part of the job");
        JobFolder job = JobFolders.inspect(outer);
        assertEquals(outer, job.given());
        assertEquals(inner, job.root());
        assertEquals("meta.json", job.files().get(0).path());
        assertFalse(job.files().stream().anyMatch(f -> f.name().equals("README.md")));
    }

    /** The walk happens once, in inspect: the value does not change when the folder does, so checks and zip agree. */
    @Test
    void isASnapshotThatLaterChangesOfTheFolderDoNotReach() throws Exception {
        Path dir = job(tmp.resolve("hello"));
        JobFolder job = JobFolders.inspect(dir);
        Files.writeString(dir.resolve("app/custom/late.txt"), "added after the check");
        Files.writeString(dir.resolve("app/custom/client.py"), "print('longer now')");
        Files.createSymbolicLink(dir.resolve("app/custom/link"), tmp);

        assertFalse(job.hasFile("app/custom/late.txt"));
        assertEquals(7, job.files().get(3).size());
        assertEquals(7, job.files().size());
        // a new inspect sees the change, and refuses the link
        FlareException e = assertThrows(FlareException.class, () -> JobFolders.inspect(dir));
        assertEquals(ErrorCodes.UNSAFE_PATH, e.errorCode());
    }

    /** Special files are neither checked nor zipped; only regular files and folders are part of the value. */
    @Test
    void walkWithoutChecksTakesAnyFolderButStillRefusesLinks() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plain/sub"));
        Files.writeString(dir.resolve("x"), "x");
        JobFolder plain = JobFolders.walk(tmp.resolve("plain"));
        assertEquals(List.of(new JobFolder.JobFile("sub/x", 1)), plain.files());

        Files.createSymbolicLink(dir.resolve("up"), tmp);
        FlareException e = assertThrows(FlareException.class, () -> JobFolders.walk(tmp.resolve("plain")));
        assertEquals(ErrorCodes.UNSAFE_PATH, e.errorCode());
        assertTrue(e.getMessage().contains("sub/up"), e.getMessage());
    }

    @Test
    void theValueIsImmutable() throws Exception {
        JobFolder job = JobFolders.inspect(job(tmp.resolve("hello")));
        assertThrows(
                UnsupportedOperationException.class, () -> job.top().files().clear());
        assertThrows(
                UnsupportedOperationException.class, () -> job.top().folders().clear());
    }
}
