package io.jenkins.plugins.nvflare.client.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.nvflare.client.PathParts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds the global model, metrics and per-site logs in a downloaded job folder with the rules of
 * {@code nvflare job download} ({@code _discover_job_download_artifacts} in {@code job_cli.py}),
 * so the build archives what FLARE itself reports. Two additions cover jobs the CLI reports as
 * missing artifacts: {@code models/server.npy} of numpy jobs as the global model, and a site's
 * {@code log.json} when it has no {@code log.txt}.
 *
 * <p>Symbolic links are never followed and nothing outside the root is returned: a downloaded
 * result is untrusted content.
 */
public final class ArtifactDiscovery {

    /** In the CLI's order of preference. */
    static final List<String> GLOBAL_MODEL_NAMES = List.of(
            "FL_global_model.pt",
            "global_model.pt",
            "global_model.pth",
            "best_FL_global_model.pt",
            "best_global_model.pt",
            "model_global.json",
            "model_global.joblib");

    private static final String MANIFEST = "artifact_manifest.json";
    private static final Set<String> NOT_SITE_NAMES = Set.of("local", "logs", "simulate_job", "startup", "workspace");

    private ArtifactDiscovery() {}

    /** Scans {@code downloadRoot}; an absent root gives an empty result. */
    public static DiscoveredArtifacts discover(Path downloadRoot) throws IOException {
        return discover(downloadRoot, true);
    }

    /**
     * Scans with the CLI's rules only (without the two additions), so the result is what
     * {@code nvflare job download} itself reports as {@code artifacts} and {@code missing_artifacts}.
     */
    public static DiscoveredArtifacts discoverAsCli(Path downloadRoot) throws IOException {
        return discover(downloadRoot, false);
    }

    private static DiscoveredArtifacts discover(Path downloadRoot, boolean additions) throws IOException {
        if (!Files.isDirectory(downloadRoot)) {
            return new DiscoveredArtifacts(null, null, null, Map.of());
        }
        Path root = downloadRoot.toRealPath();
        List<String> files = new ArrayList<>();
        walk(root, root, files);

        List<Ranked> modelCandidates = new ArrayList<>();
        List<Ranked> manifests = new ArrayList<>();
        List<String> numpyModels = new ArrayList<>();
        String metricsSummary = null;
        String roundMetrics = null;
        Map<String, String> textLogs = new TreeMap<>();
        Map<String, String> jsonLogs = new TreeMap<>();

        for (String rel : files) {
            List<String> parts = List.of(rel.split("/"));
            String name = parts.get(parts.size() - 1);
            Integer serverRank = serverRank(parts);
            if (name.equals(MANIFEST) && serverRank != null) {
                manifests.add(new Ranked(serverRank, 0, rel));
            } else if (GLOBAL_MODEL_NAMES.contains(name) && serverRank != null) {
                modelCandidates.add(new Ranked(serverRank, GLOBAL_MODEL_NAMES.indexOf(name), rel));
            } else if (name.equals("metrics_summary.json")) {
                metricsSummary = metricsSummary == null ? rel : metricsSummary;
            } else if (name.equals("round_metrics.jsonl")) {
                roundMetrics = roundMetrics == null ? rel : roundMetrics;
            } else if (name.equals("log.txt") || (additions && name.equals("log.json"))) {
                String site = siteName(parts);
                if (site != null) {
                    (name.equals("log.txt") ? textLogs : jsonLogs).putIfAbsent(site, rel);
                }
            } else if (additions && name.equals("server.npy") && isNumpyServerModel(parts)) {
                numpyModels.add(rel);
            }
        }

        String globalModel;
        if (!manifests.isEmpty()) {
            // A present but unusable manifest means "no model", as in the CLI: never guess past it.
            globalModel = manifestModel(
                    root, manifests.stream().min(Ranked.ORDER).orElseThrow().path());
        } else if (!modelCandidates.isEmpty()) {
            globalModel =
                    modelCandidates.stream().min(Ranked.ORDER).orElseThrow().path();
        } else {
            globalModel = numpyModels.stream()
                    .min(Comparator.comparingInt((String p) -> p.split("/").length)
                            .thenComparing(p -> p))
                    .orElse(null);
        }
        Map<String, String> siteLogs = new TreeMap<>(jsonLogs);
        siteLogs.putAll(textLogs);
        return new DiscoveredArtifacts(globalModel, metricsSummary, roundMetrics, siteLogs);
    }

    /**
     * Depth-first with each directory's files before its sub-directories, both sorted, like the
     * CLI's {@code os.walk}, so "the first metrics_summary.json" means the same file.
     */
    private static void walk(Path root, Path dir, List<String> out) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
        List<Path> subdirs = new ArrayList<>();
        for (Path child : children) {
            BasicFileAttributes attrs =
                    Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isSymbolicLink()) {
                continue;
            }
            if (attrs.isDirectory()) {
                subdirs.add(child);
            } else if (attrs.isRegularFile()) {
                out.add(root.relativize(child).toString().replace('\\', '/'));
            }
        }
        for (Path sub : subdirs) {
            walk(root, sub, out);
        }
    }

    /** Server-owned locations, best first: workspace root 0, download root 1, app_server 2, server 3. */
    static Integer serverRank(List<String> parts) {
        List<String> parents = parts.subList(0, parts.size() - 1);
        if (parents.isEmpty()) {
            return 1;
        }
        if (parents.get(0).equalsIgnoreCase("workspace")) {
            parents = parents.subList(1, parents.size());
            if (parents.isEmpty()) {
                return 0;
            }
        }
        String first = parents.get(0).toLowerCase(Locale.ROOT);
        if (first.equals("app_server")) {
            return 2;
        }
        return first.equals("server") ? 3 : null;
    }

    /** The CLI's {@code _site_name_from_log_path}. */
    static String siteName(List<String> parts) {
        if (parts.size() < 2) {
            return null;
        }
        List<String> parents = parts.subList(0, parts.size() - 1);
        for (String part : parents) {
            String lower = part.toLowerCase(Locale.ROOT);
            if (lower.equals("server") || lower.equals("app_server")) {
                return null;
            }
        }
        for (String part : parents) {
            if (part.startsWith("app_site-")) {
                return part.substring("app_".length());
            }
        }
        for (String part : parents) {
            if (part.startsWith("site-")) {
                return part;
            }
        }
        String parent = parents.get(parents.size() - 1);
        return NOT_SITE_NAMES.contains(parent.toLowerCase(Locale.ROOT)) ? null : parent;
    }

    /** {@code models/server.npy} outside any site's folder: where numpy jobs keep the global model. */
    private static boolean isNumpyServerModel(List<String> parts) {
        return parts.size() >= 2
                && parts.get(parts.size() - 2).equals("models")
                && parts.stream().noneMatch(p -> p.startsWith("site-") || p.startsWith("app_site-"));
    }

    /** The CLI's {@code _manifest_global_model}: a version "1" manifest naming a file inside the root. */
    private static String manifestModel(Path root, String manifestRel) {
        JsonNode manifest;
        try {
            manifest = new ObjectMapper().readTree(root.resolve(manifestRel).toFile());
        } catch (IOException e) {
            return null;
        }
        JsonNode model = manifest == null ? null : manifest.path("artifacts").get("global_model");
        if (!"1"
                        .equals(
                                manifest == null
                                        ? null
                                        : manifest.path("schema_version").textValue())
                || model == null
                || !model.isTextual()
                || model.textValue().isEmpty()) {
            return null;
        }
        String modelPath = model.textValue().replace('\\', '/');
        if (modelPath.startsWith("/")
                || List.of(modelPath.split("/")).contains("..")
                || modelPath.matches("^[A-Za-z]:.*")) {
            return null;
        }
        Path manifestDir = PathParts.folder(root.resolve(manifestRel));
        Path candidate = manifestDir.resolve(modelPath).normalize();
        if (!candidate.startsWith(root)
                || candidate.equals(root.resolve(manifestRel).normalize())) {
            return null;
        }
        // No symlink at any level between the root and the model.
        Path current = root;
        for (Path part : root.relativize(candidate)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                return null;
            }
        }
        return Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)
                ? root.relativize(candidate).toString().replace('\\', '/')
                : null;
    }

    private record Ranked(int rank, int nameRank, String path) {
        static final Comparator<Ranked> ORDER = Comparator.comparingInt(Ranked::rank)
                .thenComparingInt(Ranked::nameRank)
                .thenComparing(Ranked::path);
    }
}
