package io.jenkins.plugins.nvflare.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The FLARE jobs of one build, in the order the build met them. Each change replaces a job's {@link JobRecord} and
 * the list that holds it under this record's own lock; a list once published is never changed. So {@code parallel}
 * branches may record their jobs while another branch saves the build: the save reads one consistent list and
 * never meets a collection that changes under it.
 */
public final class BuildRecord {

    /** The environment variable that gives later build steps the job the build met last. */
    public static final String JOB_ID_VARIABLE = "FLARE_JOB_ID";

    private transient Object lock = new Object();
    private volatile List<JobRecord> jobs = new ArrayList<>();

    /** The jobs, oldest first; a snapshot. */
    public List<JobRecord> jobs() {
        return Collections.unmodifiableList(jobs);
    }

    /** The job {@code jobId}, or null. */
    public JobRecord job(String jobId) {
        for (JobRecord job : jobs) {
            if (job.getJobId().equals(jobId)) {
                return job;
            }
        }
        return null;
    }

    /** The job met last, or null. */
    public JobRecord latest() {
        List<JobRecord> now = jobs;
        return now.isEmpty() ? null : now.get(now.size() - 1);
    }

    /**
     * Applies {@code change} to the job {@code jobId} of {@code study}, added first if the build has not met it.
     * Whether anything changed (a new job, or a change that gave a new record).
     */
    public boolean update(String jobId, String study, UnaryOperator<JobRecord> change) {
        synchronized (lock()) {
            JobRecord current = job(jobId);
            JobRecord base = current == null ? JobRecord.of(jobId, study) : current.withStudy(study);
            return replace(current, change.apply(base));
        }
    }

    /** Applies {@code change} to the job {@code jobId} if the build has met it; whether anything changed. */
    public boolean updateIfPresent(String jobId, UnaryOperator<JobRecord> change) {
        synchronized (lock()) {
            JobRecord current = job(jobId);
            return current != null && replace(current, change.apply(current));
        }
    }

    private boolean replace(JobRecord current, JobRecord next) {
        if (next == current) {
            return false;
        }
        List<JobRecord> copy = new ArrayList<>(jobs);
        int at = copy.indexOf(current);
        if (at < 0) {
            copy.add(next);
        } else {
            copy.set(at, next);
        }
        jobs = copy;
        return true;
    }

    /**
     * How many jobs this build has submitted so far from {@code identity}, counting only submits FLARE answered:
     * a submit whose answer was lost is not counted, so its retry gets the same token and FLARE's job.
     */
    public int submitsFrom(String identity) {
        int n = 0;
        for (JobRecord job : jobs) {
            if (identity.equals(job.getSubmitIdentity())) {
                n++;
            }
        }
        return n;
    }

    private Object lock() {
        return lock;
    }

    /** XStream makes the object without its constructor: the lock is made again, a missing list is empty. */
    private Object readResolve() {
        lock = new Object();
        if (jobs == null) {
            jobs = new ArrayList<>();
        }
        return this;
    }
}
