package io.jenkins.plugins.nvflare.client.job;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.PathParts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The local check of a job folder before it is submitted, made by both transports before anything else
 * (no connection, no upload). It answers with the error code and exit code {@code nvflare job submit} gives
 * for the same folder, in the order the CLI meets the problems (nvflare/tool/job/job_cli.py
 * {@code submit_job} and {@code internal_submit_job}, then the server's
 * nvflare/private/fed/server/job_meta_validator.py), and says more than the CLI where it can:
 * <ol>
 *   <li>not a folder: {@code INVALID_ARGS}, exit 4 ({@code submit_job}: {@code ValueError("invalid job folder: ...")}
 *       reported by cli_output.py {@code output_usage_error});</li>
 *   <li>the folder the CLI submits: the given one, or its single non-hidden sub-folder when that one holds
 *       {@code meta.*} and {@code app/config/config_fed_server.*} ({@code _resolve_job_folder});</li>
 *   <li>symbolic links in it: {@code UNSAFE_PATH}, local. The CLI's {@code shutil.copytree} follows them and
 *       uploads whatever they point to; this project refuses them on both transports (README, "Symbolic links
 *       in job folders");</li>
 *   <li>the JSON configs the CLI parses before it connects ({@link JobJson}): {@code INTERNAL_ERROR}, exit 5, the
 *       code the CLI gives an unparsable {@code meta.json};</li>
 *   <li>what the server refuses after the upload (no meta, no app with a server config, a meta the server
 *       cannot parse): {@code JOB_INVALID}, exit 1 (flare_api {@code InvalidJobDefinition} in
 *       {@code internal_submit_job}).</li>
 * </ol>
 * A FLARE job folder holds {@code meta.(json|conf|yml|yaml)} and an app with {@code config/config_fed_server.*}.
 */
public final class JobFolders {

    /** The extensions the CLI looks for (job_cli.py submit_job {@code _has_job_meta}, {@code _has_server_config}). */
    private static final List<String> CONFIG_EXTENSIONS = List.of(".json", ".conf", ".yml", ".yaml");

    /** cli_errors.py JOB_INVALID. */
    static final String JOB_INVALID_MESSAGE = "Job folder is not a valid NVFlare job.";

    private static final String HINT =
            "A FLARE job folder holds meta.json (or .conf/.yml/.yaml) and an app folder with "
                    + "config/config_fed_server.json, e.g. as written by the FLARE Job API's export_job().";

    private JobFolders() {}

    /**
     * Checks {@code folder} as described above and returns the folder FLARE will get: {@code folder} itself or
     * its single sub-folder. A submit uses {@link #inspect} instead, to share the walk.
     *
     * @throws FlareException as {@link #inspect}
     */
    public static Path resolve(Path folder) throws FlareException {
        return inspect(folder).root();
    }

    /**
     * Checks {@code folder} as described above, walking the folder FLARE will get once, and returns it with what it
     * holds: the one value the submit-token check and the signed zip read after this check.
     *
     * @throws FlareException INVALID_ARGS (exit 4), UNSAFE_PATH (local), INTERNAL_ERROR (exit 5) or JOB_INVALID
     *     (exit 1), naming what is wrong and where
     */
    public static JobFolder inspect(Path folder) throws FlareException {
        if (folder == null || !Files.exists(folder)) {
            throw invalidArgs(
                    folder,
                    "no such folder",
                    "Check the jobFolder path; relative paths are resolved against the workspace.");
        }
        if (!Files.isDirectory(folder)) {
            throw invalidArgs(folder, "not a folder", "Point jobFolder at the folder that holds meta.json and app/.");
        }
        Path submitted = submittedFolder(folder);
        JobFolder job = new JobFolder(folder, submitted, walk(folder, submitted));
        JobJson.checkWhatTheCliParses(job);
        if (!submitted.equals(folder)) {
            // The CLI parses nothing of a sub-folder before the upload: the server parses its meta (JOB_INVALID).
            JobJson.checkMetaTheServerParses(job);
        }
        checkStructure(job);
        return job;
    }

    /**
     * Walks {@code folder} as the job folder FLARE gets, without the checks of {@link #inspect}: for callers that zip a
     * folder they checked otherwise (or that is not a job folder, in tests).
     *
     * @throws FlareException UNSAFE_PATH (local) for a symbolic link, INTERNAL_ERROR (exit 5) for what cannot be read
     */
    public static JobFolder walk(Path folder) throws FlareException {
        return new JobFolder(folder, folder, walk(folder, folder));
    }

    /** job_cli.py submit_job {@code _resolve_job_folder}. */
    private static Path submittedFolder(Path folder) throws FlareException {
        if (hasMeta(folder) && hasConfig(folder.resolve("app").resolve("config"), "config_fed_server")) {
            return folder;
        }
        Optional<Path> single = singleSubfolder(folder);
        if (single.isPresent()
                && hasMeta(single.get())
                && hasConfig(single.get().resolve("app").resolve("config"), "config_fed_server")) {
            return single.get();
        }
        return folder;
    }

    /**
     * Walks the folder submitted once, refusing the folder the user named, the folder submitted, and anything inside
     * it, when it is a symbolic link. The folders above them may be links (e.g. a workspace under a linked home).
     */
    private static JobFolder.Folder walk(Path given, Path submitted) throws FlareException {
        if (Files.isSymbolicLink(given)) {
            throw link(given, given);
        }
        if (Files.isSymbolicLink(submitted)) {
            throw link(submitted, submitted);
        }
        try {
            return FolderWalk.walk(submitted);
        } catch (FolderWalk.LinkFound found) {
            throw link(submitted, found.link());
        } catch (IOException e) {
            // shutil.copytree collects what it cannot read into shutil.Error, which the CLI reports as INTERNAL_ERROR.
            throw new FlareException(
                    ErrorCodes.INTERNAL_ERROR,
                    "Cannot read job folder " + submitted + ": " + e,
                    "nvflare job submit copies the whole job folder and stops with INTERNAL_ERROR (exit 5) on what it "
                            + "cannot read; check the permissions of the job folder.",
                    ExitCodes.INTERNAL_ERROR,
                    null,
                    e);
        }
    }

    private static FlareException link(Path folder, Path link) {
        String target;
        try {
            target = String.valueOf(Files.readSymbolicLink(link));
        } catch (IOException | UnsupportedOperationException e) {
            target = "?";
        }
        String where = link.equals(folder)
                ? "Job folder " + link + " is a symbolic link"
                : "Job folder " + folder + " holds a symbolic link, " + folder.relativize(link);
        return FlareException.local(
                ErrorCodes.UNSAFE_PATH,
                where + " (-> " + target + "). Symbolic links are not "
                        + "submitted: nvflare job submit would upload whatever the link points to, also outside the job "
                        + "folder, so neither transport submits a job folder that holds one.",
                "Replace the link with a copy of what it points to, or remove it.");
    }

    /** The server's JobMetaValidator: no meta (_validate_deploy_map), no server app (_validate_app). */
    private static void checkStructure(JobFolder job) throws FlareException {
        Path folder = job.given();
        Path submitted = job.root();
        List<String> missing = missingParts(job.top());
        if (missing.isEmpty()) {
            return;
        }
        Optional<Path> single = submitted.equals(folder) ? singleSubfolder(folder) : Optional.empty();
        if (single.isPresent() && missing.size() > 1) {
            List<String> missingInSub = missingParts(single.get());
            String sub = PathParts.name(single.get());
            if (missingInSub.isEmpty()) {
                throw jobInvalid("job folder " + folder + " lacks " + String.join(" and ", missing)
                        + "; its only sub-folder " + sub
                        + " is a job, but nvflare job submit descends into it only when"
                        + " its server app is app/ (app/config/config_fed_server.*).");
            }
            throw jobInvalid("job folder " + folder + " lacks " + String.join(" and ", missing)
                    + ", and its only sub-folder " + sub + " lacks " + String.join(" and ", missingInSub) + ".");
        }
        throw jobInvalid("job folder " + submitted + " lacks " + String.join(" and ", missing) + ".");
    }

    /** {@link #missingParts(Path)} from the walk. */
    private static List<String> missingParts(JobFolder.Folder top) {
        List<String> missing = new ArrayList<>(2);
        if (!hasConfig(top, "meta")) {
            missing.add("meta.(json|conf|yml|yaml)");
        }
        boolean serverApp = top.folders().stream()
                .anyMatch(app -> app.folder("config")
                        .filter(config -> hasConfig(config, "config_fed_server"))
                        .isPresent());
        if (!serverApp) {
            missing.add("an app with config/config_fed_server.(json|conf|yml|yaml)");
        }
        return missing;
    }

    private static boolean hasConfig(JobFolder.Folder dir, String baseName) {
        return CONFIG_EXTENSIONS.stream()
                .anyMatch(ext -> dir.file(baseName + ext).isPresent());
    }

    /** Of the only sub-folder, which was not walked: on disk. */
    private static List<String> missingParts(Path folder) {
        List<String> missing = new ArrayList<>(2);
        if (!hasMeta(folder)) {
            missing.add("meta.(json|conf|yml|yaml)");
        }
        if (!hasServerApp(folder)) {
            missing.add("an app with config/config_fed_server.(json|conf|yml|yaml)");
        }
        return missing;
    }

    /**
     * The CLI descends into {@code app/} only; the server deploys every app named in the meta's deploy map, so
     * any direct sub-folder with a server config counts here.
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

    private static boolean hasMeta(Path folder) {
        return hasConfig(folder, "meta");
    }

    private static boolean hasConfig(Path dir, String baseName) {
        return CONFIG_EXTENSIONS.stream().anyMatch(ext -> Files.isRegularFile(dir.resolve(baseName + ext)));
    }

    /** The only non-hidden sub-folder (links to folders count, as for os.path.isdir). */
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

    /**
     * The app folders job_cli.py {@code get_app_dirs_from_job_folder} finds: the parent of every folder below the
     * top whose name ends with {@code config} or {@code custom} (paths relative to the root, with {@code /}).
     */
    static Set<String> appDirs(JobFolder job) {
        Set<String> apps = new LinkedHashSet<>();
        for (JobFolder.Folder child : job.top().folders()) {
            addAppDirs(child, apps);
        }
        return apps;
    }

    private static void addAppDirs(JobFolder.Folder folder, Set<String> apps) {
        for (JobFolder.Folder child : folder.folders()) {
            String name = child.name();
            if (name.endsWith("config") || name.endsWith("custom")) {
                apps.add(folder.path());
            }
            addAppDirs(child, apps);
        }
    }

    private static FlareException invalidArgs(Path folder, String why, String hint) {
        // cli_output.py output_usage_error: "Invalid arguments." + " — " + the ValueError's text
        return new FlareException(
                ErrorCodes.INVALID_ARGS,
                "Invalid arguments. \u2014 invalid job folder: " + folder + " (" + why + ")",
                hint,
                ExitCodes.INVALID_ARGS,
                null);
    }

    static FlareException jobInvalid(String detail) {
        return new FlareException(
                ErrorCodes.JOB_INVALID,
                JOB_INVALID_MESSAGE + " \u2014 " + detail,
                HINT,
                ExitCodes.JOB_OR_SERVER_ERROR,
                null);
    }
}
