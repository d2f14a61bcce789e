package io.jenkins.plugins.nvflare.client.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.jenkins.plugins.nvflare.client.ErrorCodes;
import io.jenkins.plugins.nvflare.client.ExitCodes;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JsonProblems;
import io.jenkins.plugins.nvflare.client.PathParts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JSON files of a job folder that {@code nvflare job submit} parses before it connects, checked as Python's
 * {@code json.load} reads them. The CLI's {@code prepare_job_config} (nvflare/tool/job/job_cli.py) runs
 * configer.py {@code build_config_file_indices} over the folder it was given: the first {@code meta.*} of the
 * folder, {@code <app>/config/config_fed_client.*} and {@code config_fed_server.*}, and every config file
 * under {@code <app>/custom/}, for the app folders {@code get_app_dirs_from_job_folder} finds in the folder it
 * submits. Each is loaded by config_indexer.py {@code load_pyhocon_conf}, which turns any failure into
 * {@code RuntimeError("filed to parse file <name>:", e)}; the CLI's global handler (nvflare/cli.py {@code run})
 * reports that as {@code INTERNAL_ERROR}, exit 5. So does this check, naming the file and the problem.
 *
 * <p>Only {@code .json} files are checked ({@code .conf}, {@code .yml} and {@code .yaml} need HOCON and YAML
 * parsers this library does not have): the CLI reports those itself, and over the native transport the server
 * parses meta and app configs after the upload (JOB_INVALID). A {@code custom/} file whose name has more than
 * one dot (e.g. {@code model.v1.json}) is not checked: the CLI looks it up by the name before the first dot
 * (config_factory.py {@code search_config_format}) and fails on the lookup, not on its content.
 */
final class JobJson {
    /** config.py ConfigFormat.config_ext_formats, in the order the CLI tries them. */
    private static final List<String> META_EXTENSIONS = List.of(
            ".json", ".conf", ".yml", ".yaml", ".json.default", ".conf.default", ".yml.default", ".yaml.default");
    /** job_client_const.py APP_CONFIG_FILE_BASE_NAMES. */
    private static final List<String> APP_CONFIGS = List.of("config_fed_client", "config_fed_server");
    /** tool_consts.py NVFLARE_PREFIX: files the CLI skips under custom/. */
    private static final String NVFLARE_PREFIX = ".__nvfl_";

    /** Python's json: NaN and Infinity allowed, duplicate keys allowed, no limits on string and number sizes. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .build();

    private static final String CLI_HINT = "nvflare job submit parses the job's JSON configs (meta.json, the apps' "
            + "config_fed_*.json and custom/*.json) before it connects and stops with INTERNAL_ERROR (exit 5) when one "
            + "is not a JSON object; fix the file.";

    private JobJson() {}

    /** INTERNAL_ERROR (exit 5) for the first file the CLI would fail to parse. */
    static void checkWhatTheCliParses(JobFolder job) throws FlareException {
        Path given = job.given();
        for (Path file : filesTheCliParses(job)) {
            String problem = problem(file);
            if (problem != null) {
                throw new FlareException(
                        ErrorCodes.INTERNAL_ERROR,
                        "nvflare job submit cannot parse " + given.relativize(file) + " of job folder " + given + ": "
                                + problem + ".",
                        CLI_HINT,
                        ExitCodes.INTERNAL_ERROR,
                        null);
            }
        }
    }

    /**
     * JOB_INVALID (exit 1) for a {@code meta.json} of a sub-folder the CLI submits without parsing: the server's
     * job_meta_validator.py {@code _validate_meta} loads it, and its ValueError is an invalid job definition.
     */
    static void checkMetaTheServerParses(JobFolder job) throws FlareException {
        Path meta = firstMeta(job.root());
        if (meta != null && PathParts.name(meta).equals("meta.json")) {
            String problem = problem(meta);
            if (problem != null) {
                throw JobFolders.jobInvalid(meta + " " + problem + ".");
            }
        }
    }

    /**
     * The files the CLI parses, in its order. The apps are found in the folder submitted but looked up in the folder
     * given, as the CLI does; when the two are the same folder (the usual case) the walk answers, else the disk.
     */
    static List<Path> filesTheCliParses(JobFolder job) {
        Path given = job.given();
        boolean walked = given.equals(job.root());
        List<Path> files = new ArrayList<>();
        Path meta = firstMeta(given);
        if (meta != null && PathParts.name(meta).equals("meta.json")) {
            files.add(meta);
        }
        List<Path> custom = new ArrayList<>();
        for (String app : JobFolders.appDirs(job)) {
            for (String base : APP_CONFIGS) {
                String config = app + "/config/" + base + ".json";
                if (walked ? job.hasFile(config) : Files.isRegularFile(given.resolve(config))) {
                    files.add(given.resolve(config));
                }
            }
            List<Path> appCustom = new ArrayList<>();
            if (walked) {
                job.folder(app + "/custom").ifPresent(dir -> addCustom(job, dir, appCustom));
            } else {
                addCustom(given.resolve(app).resolve("custom"), appCustom);
            }
            appCustom.sort(null);
            custom.addAll(appCustom);
        }
        files.addAll(custom);
        return files;
    }

    /** custom/ files named {@code <name>.json} (one dot), which the CLI parses. */
    private static boolean parsedCustom(String name) {
        return name.endsWith(".json") && name.indexOf('.') == name.length() - 5 && !name.startsWith(NVFLARE_PREFIX);
    }

    private static void addCustom(JobFolder job, JobFolder.Folder dir, List<Path> custom) {
        for (JobFolder.JobFile file : dir.files()) {
            if (parsedCustom(file.name())) {
                custom.add(job.resolve(file));
            }
        }
        for (JobFolder.Folder sub : dir.folders()) {
            addCustom(job, sub, custom);
        }
    }

    private static void addCustom(Path customDir, List<Path> custom) {
        if (Files.isDirectory(customDir, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(customDir)) {
                walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                        .filter(f -> parsedCustom(f.getFileName().toString()))
                        .forEach(custom::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // an unreadable folder: the walk reported it already
            }
        }
    }

    /** build_config_file_indices: the first of meta.json, meta.conf, ... that is a file. */
    private static Path firstMeta(Path folder) {
        for (String ext : META_EXTENSIONS) {
            Path meta = folder.resolve("meta" + ext);
            if (Files.isRegularFile(meta)) {
                return meta;
            }
        }
        return null;
    }

    /**
     * What Python's {@code json.load} of the file (UTF-8 text) says, or that it is not a JSON object (which the
     * CLI's {@code ConfigFactory.from_dict} refuses); null when it is a JSON object.
     */
    static String problem(Path file) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
                BufferedReader text = new BufferedReader(new InputStreamReader(
                        in,
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            text.mark(1);
            if (text.read() == '\uFEFF') {
                return "is not valid JSON: Unexpected UTF-8 BOM (decode using utf-8-sig)";
            }
            text.reset();
            try (JsonParser parser = JSON.createParser(text)) {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    return "is not valid JSON: it is empty";
                }
                if (first != JsonToken.START_OBJECT) {
                    return "is not a JSON object (it starts with " + parser.getText() + ")";
                }
                parser.skipChildren();
                if (parser.nextToken() != null) {
                    JsonLocation at = parser.currentTokenLocation();
                    return "is not valid JSON: extra data after the object (line " + at.getLineNr() + ", column "
                            + at.getColumnNr() + ")";
                }
                return null;
            }
        } catch (JsonProcessingException e) {
            return JsonProblems.describe(e);
        } catch (CharacterCodingException e) {
            return "is not UTF-8 text";
        } catch (IOException e) {
            return "cannot be read: " + e.getMessage();
        }
    }
}
