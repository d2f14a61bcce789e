package io.jenkins.plugins.nvflare.client.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layouts follow the job folder FLARE stored for hello-numpy (capture 28-job-download-tree.txt, job/tmp.../). */
class JobFoldersTest {

    @TempDir
    Path tmp;

    private static Path job(Path dir, String meta, String serverConfig) throws IOException {
        Files.createDirectories(dir.resolve("app/config"));
        Files.writeString(dir.resolve(meta), "{}");
        Files.writeString(dir.resolve("app/config").resolve(serverConfig), "{}");
        Files.writeString(dir.resolve("app/config/config_fed_client.json"), "{}");
        return dir;
    }

    @Test
    void acceptsAJobFolderWithMetaAndServerConfig() throws Exception {
        Path job = job(tmp.resolve("hello-numpy"), "meta.json", "config_fed_server.json");
        assertEquals(job, JobFolders.resolve(job));
    }

    @Test
    void acceptsEveryConfigFormatFlareReads() throws Exception {
        Path job = job(tmp.resolve("conf"), "meta.conf", "config_fed_server.yaml");
        assertEquals(job, JobFolders.resolve(job));
    }

    @Test
    void descendsIntoTheSingleNonHiddenSubfolderLikeTheCli() throws Exception {
        Path outer = tmp.resolve("export");
        Path inner = job(outer.resolve("hello-numpy"), "meta.json", "config_fed_server.json");
        Files.createDirectories(outer.resolve(".git"));
        Files.writeString(outer.resolve("README.md"), "not a job");
        assertEquals(inner, JobFolders.resolve(outer));
    }

    @Test
    void acceptsAnAppNamedInTheDeployMap() throws Exception {
        Path job = tmp.resolve("multi");
        Files.createDirectories(job.resolve("app_server/config"));
        Files.writeString(job.resolve("meta.json"), "{}");
        Files.writeString(job.resolve("app_server/config/config_fed_server.json"), "{}");
        assertEquals(job, JobFolders.resolve(job));
    }

    @Test
    void namesAMissingMeta() throws Exception {
        Path job = job(tmp.resolve("nometa"), "meta.json", "config_fed_server.json");
        Files.delete(job.resolve("meta.json"));
        FlareException e = assertThrows(FlareException.class, () -> JobFolders.resolve(job));
        assertEquals(ErrorCodes.JOB_FOLDER_INVALID, e.errorCode());
        assertTrue(e.getMessage().contains("lacks meta.(json|conf|yml|yaml)"), e.getMessage());
        assertTrue(!e.getMessage().contains("config_fed_server"), e.getMessage());
        assertTrue(e.hint().contains("meta.json"), e.hint());
    }

    @Test
    void namesAMissingServerConfig() throws Exception {
        Path job = job(tmp.resolve("noserver"), "meta.json", "config_fed_server.json");
        Files.delete(job.resolve("app/config/config_fed_server.json"));
        FlareException e = assertThrows(FlareException.class, () -> JobFolders.resolve(job));
        assertTrue(e.getMessage().contains("lacks an app with config/config_fed_server"), e.getMessage());
        assertTrue(!e.getMessage().contains("meta.("), e.getMessage());
    }

    @Test
    void namesWhatTheOnlySubfolderLacks() throws Exception {
        Path outer = tmp.resolve("outer");
        Files.createDirectories(outer.resolve("inner/app/config"));
        Files.writeString(outer.resolve("inner/meta.json"), "{}");
        FlareException e = assertThrows(FlareException.class, () -> JobFolders.resolve(outer));
        assertTrue(e.getMessage().contains("its only sub-folder inner lacks an app with config/config_fed_server"), e.getMessage());
    }

    @Test
    void rejectsMissingFolderAndPlainFile() throws Exception {
        FlareException missing = assertThrows(FlareException.class, () -> JobFolders.resolve(tmp.resolve("nope")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        FlareException notDir = assertThrows(FlareException.class, () -> JobFolders.resolve(file));
        assertTrue(notDir.getMessage().contains("is not a directory"), notDir.getMessage());
        assertEquals(ErrorCodes.JOB_FOLDER_INVALID, notDir.errorCode());
    }
}
