package io.jenkins.plugins.nvflare.client.job;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the FLARE job folder to submit the way {@code nvflare job submit} does: the given folder, or
 * its single non-hidden sub-folder, holding {@code meta.(json|conf|yml|yaml)} and an app with
 * {@code config/config_fed_server.*}. Checking this before submitting turns the CLI's generic
 * "invalid job folder" into a message that names what is missing.
 */
public final class JobFolders {

    private static final List<String> CONFIG_EXTENSIONS = List.of(".json", ".conf", ".yml", ".yaml");

    private JobFolders() {}

    /**
     * Returns the folder FLARE will submit.
     *
     * @throws FlareException {@link ErrorCodes#JOB_FOLDER_INVALID} naming what is missing and where
     */
    public static Path resolve(Path folder) throws FlareException {
        if (folder == null || !Files.exists(folder)) {
            throw invalid("Job folder " + folder + " does not exist.", "Check the jobFolder path; relative paths are resolved against the workspace.");
        }
        if (!Files.isDirectory(folder)) {
            throw invalid("Job folder " + folder + " is not a directory.", "Point jobFolder at the folder that holds meta.json and app/.");
        }
        List<String> missing = missingParts(folder);
        if (missing.isEmpty()) {
            return folder;
        }
        Optional<Path> single = singleSubfolder(folder);
        if (single.isPresent()) {
            List<String> missingInSub = missingParts(single.get());
            if (missingInSub.isEmpty()) {
                return single.get();
            }
            if (missing.size() == 1) {
                // The folder is itself an incomplete job; its sub-folder is just one of its apps.
                throw invalid("Job folder " + folder + " is not a FLARE job: it lacks " + missing.get(0) + ".", HINT);
            }
            throw invalid(
                    "Job folder " + folder + " is not a FLARE job: it lacks " + String.join(" and ", missing)
                            + ", and its only sub-folder " + single.get().getFileName() + " lacks "
                            + String.join(" and ", missingInSub) + ".",
                    HINT);
        }
        throw invalid("Job folder " + folder + " is not a FLARE job: it lacks " + String.join(" and ", missing) + ".", HINT);
    }

    private static final String HINT = "A FLARE job folder holds meta.json (or .conf/.yml/.yaml) and an app folder with "
            + "config/config_fed_server.json, e.g. as written by the FLARE Job API's export_job().";

    private static List<String> missingParts(Path folder) {
        List<String> missing = new ArrayList<>(2);
        if (!hasConfig(folder, "meta")) {
            missing.add("meta.(json|conf|yml|yaml)");
        }
        if (!hasServerApp(folder)) {
            missing.add("an app with config/config_fed_server.(json|conf|yml|yaml)");
        }
        return missing;
    }

    /**
     * The CLI looks at {@code app/} only; FLARE itself also deploys apps named in the meta's deploy
     * map, so any direct sub-folder with a server config counts.
     */
    private static boolean hasServerApp(Path folder) {
        if (hasConfig(folder.resolve("app").resolve("config"), "config_fed_server")) {
            return true;
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory)
                    .anyMatch(app -> hasConfig(app.resolve("config"), "config_fed_server"));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasConfig(Path dir, String baseName) {
        return CONFIG_EXTENSIONS.stream().anyMatch(ext -> Files.isRegularFile(dir.resolve(baseName + ext)));
    }

    private static Optional<Path> singleSubfolder(Path folder) {
        try (Stream<Path> children = Files.list(folder)) {
            List<Path> dirs = children.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(Files::isDirectory)
                    .toList();
            return dirs.size() == 1 ? Optional.of(dirs.get(0)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FlareException invalid(String message, String hint) {
        return FlareException.local(ErrorCodes.JOB_FOLDER_INVALID, message, hint);
    }
}
