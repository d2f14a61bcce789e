package io.jenkins.plugins.nvflare.agent;

import io.jenkins.plugins.nvflare.client.FlareClient;
import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.JobSummary;
import io.jenkins.plugins.nvflare.client.ListFilter;
import java.io.PrintStream;
import java.io.Serial;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/** {@code nvflare job list}, each job as {@link JobMaps#summary}. */
public final class ListJobsCall extends AgentCall<ArrayList<LinkedHashMap<String, Object>>> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String namePrefix;
    private final String idPrefix;
    private final Integer max;
    private final String study;

    public ListJobsCall(AgentContext context, String namePrefix, String idPrefix, Integer max, String study) {
        super(context);
        this.namePrefix = namePrefix;
        this.idPrefix = idPrefix;
        this.max = max;
        this.study = study;
    }

    @Override
    public String study() {
        return study;
    }

    @Override
    protected ArrayList<LinkedHashMap<String, Object>> call(FlareClient client, Path workspace, PrintStream log)
            throws FlareException, InterruptedException {
        ArrayList<LinkedHashMap<String, Object>> jobs = new ArrayList<>();
        for (JobSummary job : client.list(new ListFilter(namePrefix, idPrefix, max, null, study))) {
            jobs.add(JobMaps.summary(job));
        }
        return jobs;
    }
}
