package io.jenkins.plugins.nvflare.model;

import io.jenkins.plugins.nvflare.client.artifact.RoundMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a build knows of one FLARE job: id, study, status, outcome, duration, last metrics, its metrics per round,
 * its sites and the archived artifacts. Immutable: each event gives a new record ({@code with…}), which
 * {@link BuildRecord} puts in place of the old one. Holds nothing secret (it is saved in {@code build.xml}).
 *
 * <p>A final class rather than a Java record: the XStream of Jenkins 2.541 cannot read records back from
 * {@code build.xml}. Its collections are copied in and never changed, so a save may read them at any time.
 */
public final class JobRecord {

    private final String jobId;
    private final String study;
    private final String jobName;
    private final String status;
    private final String outcome;
    private final Double durationSeconds;
    private final String message;
    /** Where in the Pipeline the job was submitted from; null for other steps. */
    private final String submitIdentity;

    private final LinkedHashMap<String, String> metrics;
    private final ArrayList<String> artifacts;
    /** Round → metric → value, from the polls while the job ran and from {@code round_metrics.jsonl} after a download. */
    private final TreeMap<Integer, Map<String, Double>> rounds;
    /** Site → its deployment result, null when not known. */
    private final TreeMap<String, String> sites;
    /** Site → its archived log, relative to the build's artifacts. */
    private final TreeMap<String, String> siteLogs;

    /** Takes the builder's collections as they are: a builder is made for one record and dropped. */
    private JobRecord(Builder b) {
        this.jobId = b.jobId;
        this.study = b.study;
        this.jobName = b.jobName;
        this.status = b.status;
        this.outcome = b.outcome;
        this.durationSeconds = b.durationSeconds;
        this.message = b.message;
        this.submitIdentity = b.submitIdentity;
        this.metrics = b.metrics;
        this.artifacts = b.artifacts;
        this.rounds = b.rounds;
        this.sites = b.sites;
        this.siteLogs = b.siteLogs;
    }

    /** A job the build has just met (submitted, cloned, followed). */
    public static JobRecord of(String jobId, String study) {
        Builder b = new Builder();
        b.jobId = Objects.requireNonNull(jobId, "jobId");
        b.study = study;
        return new JobRecord(b);
    }

    private Builder change() {
        return new Builder(this);
    }

    /** The same job in {@code newStudy}; this record when the study is null or unchanged. */
    public JobRecord withStudy(String newStudy) {
        if (newStudy == null || newStudy.equals(study)) {
            return this;
        }
        Builder b = change();
        b.study = Bounds.word(newStudy);
        return new JobRecord(b);
    }

    /** Submitted from {@code identity} (see the follow step's submit identity); this record for null. */
    public JobRecord withSubmitIdentity(String identity) {
        if (identity == null || identity.equals(submitIdentity)) {
            return this;
        }
        Builder b = change();
        b.submitIdentity = identity;
        return new JobRecord(b);
    }

    /**
     * How the job ended. {@code message} is kept only for an outcome other than COMPLETED; empty {@code lastMetrics}
     * keep the metrics known so far.
     */
    public JobRecord withResult(
            String jobStatus,
            String jobOutcome,
            Double duration,
            String name,
            String inStudy,
            String failureMessage,
            Map<String, ?> lastMetrics) {
        Builder b = change();
        b.status = Bounds.word(jobStatus);
        b.outcome = Bounds.word(jobOutcome);
        b.durationSeconds = duration;
        b.jobName = name != null ? Bounds.word(name) : jobName;
        b.study = inStudy != null ? Bounds.word(inStudy) : study;
        b.message = "COMPLETED".equals(jobOutcome) ? null : Bounds.message(failureMessage);
        LinkedHashMap<String, String> m = texts(lastMetrics);
        if (!m.isEmpty()) {
            b.metrics = m;
        }
        return new JobRecord(b);
    }

    /** A note on the job (an abort, a deletion), with the outcome it implies and the last status known; nulls keep them. */
    public JobRecord withNote(String note, String impliedOutcome, String lastStatus) {
        Builder b = change();
        b.message = Bounds.message(note);
        b.outcome = impliedOutcome != null ? Bounds.word(impliedOutcome) : outcome;
        b.status = lastStatus != null ? Bounds.word(lastStatus) : status;
        return new JobRecord(b);
    }

    /**
     * A poll of the running job: its status, name and last metrics; with a {@code round}, the metrics' numbers become
     * that round's point of the chart (at most {@link RoundMetrics#MAX_ROUNDS} rounds of {@link RoundMetrics#MAX_NAMES}
     * metrics are kept). This record when nothing changed.
     */
    public JobRecord withProgress(String rawStatus, String rawName, Map<String, ?> polled) {
        String jobStatus = Bounds.word(rawStatus);
        String name = Bounds.word(rawName);
        boolean newStatus = jobStatus != null && !jobStatus.equals(status);
        boolean newName = name != null && !name.equals(jobName);
        LinkedHashMap<String, String> last = texts(polled);
        boolean newMetrics = !last.isEmpty() && !last.equals(metrics);
        Integer round = polled.get("round") instanceof Number n ? n.intValue() : null;
        LinkedHashMap<String, Double> values = round == null ? new LinkedHashMap<>() : roundValues(polled);
        boolean newRound = !values.isEmpty() && !values.equals(rounds.get(round));
        if (!newStatus && !newName && !newMetrics && !newRound) {
            return this; // most polls of a running job: nothing is copied
        }
        Builder b = change();
        if (newStatus) {
            b.status = jobStatus; // the page shows the running job's status, not "submitted", until it ends
        }
        if (newName) {
            b.jobName = name;
        }
        if (newMetrics) {
            b.metrics = last;
        }
        if (newRound) {
            b.rounds.put(round, values);
            while (b.rounds.size() > RoundMetrics.MAX_ROUNDS) {
                b.rounds.pollFirstEntry();
            }
        }
        return new JobRecord(b);
    }

    /** A poll's finite numbers other than the round, at most {@link RoundMetrics#MAX_NAMES} of them. */
    private static LinkedHashMap<String, Double> roundValues(Map<String, ?> polled) {
        LinkedHashMap<String, Double> values = new LinkedHashMap<>();
        polled.forEach((name, value) -> {
            if (!name.equals("round")
                    && name.length() <= Bounds.NAME
                    && value instanceof Number n
                    && Double.isFinite(n.doubleValue())
                    && values.size() < RoundMetrics.MAX_NAMES) {
                values.put(name, n.doubleValue());
            }
        });
        return values;
    }

    /** The rounds of a downloaded {@code round_metrics.jsonl}: FLARE's own record replaces what the polls saw. */
    public JobRecord withRounds(Map<Integer, ? extends Map<String, Double>> downloaded) {
        if (downloaded.isEmpty()) {
            return this;
        }
        Builder b = change();
        b.rounds = new TreeMap<>();
        downloaded.forEach((round, values) -> b.rounds.put(round, Bounds.names(values)));
        while (b.rounds.size() > RoundMetrics.MAX_ROUNDS) {
            b.rounds.pollFirstEntry();
        }
        return new JobRecord(b);
    }

    /** Each site's deployment result, from the job's metadata, added to those known. */
    public JobRecord withSites(Map<String, ?> deployResults) {
        Builder b = change();
        deployResults.forEach((site, result) -> {
            if (b.sites.size() < Bounds.SITES || b.sites.containsKey(site)) {
                b.sites.put(Bounds.word(site), result == null ? null : Bounds.word(result.toString()));
            }
        });
        return b.sites.equals(sites) ? this : new JobRecord(b);
    }

    /** The archived artifacts and each site's archived log (paths relative to the build's artifacts). */
    public JobRecord withArchive(List<String> archived, Map<String, String> archivedLogs) {
        Builder b = change();
        b.artifacts = new ArrayList<>(archived);
        b.siteLogs.putAll(archivedLogs);
        return new JobRecord(b);
    }

    private static LinkedHashMap<String, String> texts(Map<String, ?> values) {
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (m.size() < RoundMetrics.MAX_NAMES && k.length() <= Bounds.NAME) {
                m.put(k, Bounds.word(String.valueOf(v)));
            }
        });
        return m;
    }

    public String getJobId() {
        return jobId;
    }

    public String getStudy() {
        return study;
    }

    public String getJobName() {
        return jobName;
    }

    /** FLARE's job status, e.g. {@code FINISHED:COMPLETED}; null before the job was polled. */
    public String getStatus() {
        return status;
    }

    /** COMPLETED, FAILED, ABORTED, ABANDONED or TIMEOUT; null before the job ended. */
    public String getOutcome() {
        return outcome;
    }

    public Double getDurationSeconds() {
        return durationSeconds;
    }

    public String getMessage() {
        return message;
    }

    public String getSubmitIdentity() {
        return submitIdentity;
    }

    public Map<String, String> getMetrics() {
        return Collections.unmodifiableMap(metrics);
    }

    /** Archived artifact paths, relative to the build's artifacts. */
    public List<String> getArtifacts() {
        return Collections.unmodifiableList(artifacts);
    }

    /** Round → metric → value, in round order. */
    public SortedMap<Integer, Map<String, Double>> getRounds() {
        return Collections.unmodifiableSortedMap(rounds);
    }

    /** The sites known from the job's metadata or its archived logs, with what is known of each. */
    public List<SiteRow> getSites() {
        TreeMap<String, SiteRow> rows = new TreeMap<>();
        sites.forEach((site, result) -> rows.put(site, new SiteRow(site, result, siteLogs.get(site))));
        siteLogs.forEach((site, log) -> rows.putIfAbsent(site, new SiteRow(site, sites.get(site), log)));
        return new ArrayList<>(rows.values());
    }

    /** One row of the site table; {@code log} is relative to the build's artifacts, or null. */
    public record SiteRow(String site, String status, String log) {}

    /** A record read from an older {@code build.xml} may lack collections. */
    private Object readResolve() {
        if (metrics != null && artifacts != null && rounds != null && sites != null && siteLogs != null) {
            return this;
        }
        return new JobRecord(new Builder(this));
    }

    /** The fields of a record being made; its collections are the record's own copies. */
    private static final class Builder {
        String jobId;
        String study;
        String jobName;
        String status;
        String outcome;
        Double durationSeconds;
        String message;
        String submitIdentity;
        LinkedHashMap<String, String> metrics = new LinkedHashMap<>();
        ArrayList<String> artifacts = new ArrayList<>();
        TreeMap<Integer, Map<String, Double>> rounds = new TreeMap<>();
        TreeMap<String, String> sites = new TreeMap<>();
        TreeMap<String, String> siteLogs = new TreeMap<>();

        Builder() {}

        Builder(JobRecord r) {
            jobId = r.jobId;
            study = r.study;
            jobName = r.jobName;
            status = r.status;
            outcome = r.outcome;
            durationSeconds = r.durationSeconds;
            message = r.message;
            submitIdentity = r.submitIdentity;
            metrics = r.metrics == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.metrics);
            artifacts = r.artifacts == null ? new ArrayList<>() : new ArrayList<>(r.artifacts);
            rounds = r.rounds == null ? new TreeMap<>() : new TreeMap<>(r.rounds);
            sites = r.sites == null ? new TreeMap<>() : new TreeMap<>(r.sites);
            siteLogs = r.siteLogs == null ? new TreeMap<>() : new TreeMap<>(r.siteLogs);
        }
    }
}
