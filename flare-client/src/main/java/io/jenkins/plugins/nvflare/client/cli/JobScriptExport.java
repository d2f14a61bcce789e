package io.jenkins.plugins.nvflare.client.cli;

import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.PathParts;
import io.jenkins.plugins.nvflare.client.job.JobFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a FLARE Job Recipe script into a job folder the way NVFlare wants it done now that {@code nvflare job create}
 * is deprecated: {@code python job.py [args] --export --export-dir <dir>} (nvflare/recipe/spec.py consumes the two
 * flags, {@code recipe.execute()} then exports instead of running), run in the script's folder. Both transports
 * submit the exported folder, so both need Python with NVFlare where this runs.
 */
public final class JobScriptExport {

    private JobScriptExport() {}

    /**
     * Runs the export and returns the exported job folder (the one folder {@code exportDir} then holds).
     *
     * @param config the Python to run ({@link CliConfig#executable()}), its environment and deadline; the working
     *     directory is the script's folder
     * @throws FlareException {@link ErrorCodes#PYTHON_NOT_FOUND} when Python cannot be started,
     *     {@link ErrorCodes#JOB_EXPORT_FAILED} when the script fails or exports no job folder (its stderr in the message)
     */
    public static Path export(Path script, List<String> scriptArgs, CliConfig config, Path exportDir)
            throws FlareException, InterruptedException {
        if (!Files.isRegularFile(script, LinkOption.NOFOLLOW_LINKS)) {
            throw failed(
                    "Job script " + script + " does not exist or is not a regular file.",
                    "Give jobScript as the path of the recipe's job.py, relative to the workspace.");
        }
        List<String> argv = new ArrayList<>();
        argv.add(config.executable());
        argv.add(PathParts.name(script));
        argv.addAll(scriptArgs);
        argv.add("--export");
        argv.add("--export-dir");
        argv.add(exportDir.toAbsolutePath().toString());
        CliConfig inScriptFolder =
                config.withWorkingDirectory(script.toAbsolutePath().getParent());
        int exit;
        String stderr;
        try (CliProcess process = start(argv, inScriptFolder)) {
            long deadline = CliProcess.deadlineFromNow(config.commandDeadline());
            while (process.nextLine(deadline) != null) {
                // the script's own output is not the contract; its stderr explains a failure
            }
            exit = process.awaitExit(deadline);
            stderr = process.stderrTail();
        }
        if (exit != 0) {
            boolean noNvflare = stderr.contains("No module named 'nvflare'");
            throw failed(
                    "'" + String.join(" ", argv.subList(0, 2)) + " --export' failed with exit code " + exit
                            + (stderr.isEmpty() ? "." : ":\n" + stderr),
                    noNvflare
                            ? "Install NVFlare for this Python (pip install nvflare), or point 'python' at the one that has it."
                            : "Run 'python job.py --export --export-dir ./fl_job' in the script's folder to see what it does.");
        }
        return exportedFolder(exportDir);
    }

    private static CliProcess start(List<String> argv, CliConfig config) throws FlareException {
        try {
            return CliProcess.start(argv, config, "python " + argv.get(1));
        } catch (FlareException e) {
            if (!ErrorCodes.CLI_NOT_FOUND.equals(e.errorCode())) {
                throw e;
            }
            throw new FlareException(
                    ErrorCodes.PYTHON_NOT_FOUND,
                    "Could not run Python '" + config.executable() + "' to export the job script: "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
                    "Install Python with NVFlare on this agent, or set the step's 'python' to the interpreter that has it.",
                    ExitCodes.LOCAL,
                    Map.of("executable", config.executable()),
                    e);
        }
    }

    /** The job folder the export wrote: {@code exportDir} itself when it holds a job, else its one sub-folder. */
    private static Path exportedFolder(Path exportDir) throws FlareException {
        if (Files.isRegularFile(exportDir.resolve("meta.json"), LinkOption.NOFOLLOW_LINKS)) {
            return exportDir;
        }
        List<Path> folders;
        try (Stream<Path> entries = Files.exists(exportDir) ? Files.list(exportDir) : Stream.empty()) {
            folders = entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .toList();
        } catch (IOException e) {
            throw failed("Could not read the export folder " + exportDir + ": " + e.getMessage(), null);
        }
        if (folders.size() != 1) {
            throw failed(
                    "The job script exported " + folders.size() + " folders to " + exportDir
                            + ", expected one job folder.",
                    "The script must end with recipe.execute() (or recipe.export()) for one recipe.");
        }
        Path job = folders.get(0);
        JobFolders.resolve(job); // the exported folder must be a job folder FLARE accepts
        return job;
    }

    private static FlareException failed(String message, String hint) {
        return new FlareException(ErrorCodes.JOB_EXPORT_FAILED, message, hint, ExitCodes.LOCAL, Map.of());
    }
}
