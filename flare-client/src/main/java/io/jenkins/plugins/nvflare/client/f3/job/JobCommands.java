package io.jenkins.plugins.nvflare.client.f3.job;

import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.errors.FlareApiException;
import io.jenkins.plugins.nvflare.client.f3.errors.FlareApiException.Kind;
import io.jenkins.plugins.nvflare.client.f3.errors.ReplyCheck;
import io.jenkins.plugins.nvflare.client.f3.hci.HciArgs;
import io.jenkins.plugins.nvflare.client.f3.hci.HciCommands;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import io.jenkins.plugins.nvflare.client.f3.sfm.Interrupts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flare_api.py {@code Session} methods the job operations need, over {@link HciCommands}: each
 * sends the command line flare_api builds and returns what it returns, raising what it raises
 * ({@link FlareApiException}). Line numbers are flare_api.py at the captured commit.
 */
public final class JobCommands {
    // flare_api.py:86-88: abort_job is retried when the server did not answer
    private static final int ABORT_ATTEMPTS = 3;
    private static final double RETRY_BACKOFF = 0.5;

    private final HciCommands hci;
    private final PollClock clock;

    public JobCommands(HciCommands hci, PollClock clock) {
        this.hci = hci;
        this.clock = clock;
    }

    /** get_job_meta (:398-413): {@code meta.job_meta} of {@code get_job_meta <id>}. */
    public Map<String, Object> jobMeta(String jobId) throws FlareApiException, FlareException, InterruptedException {
        validateJobId(jobId);
        HciReply reply = run("get_job_meta " + jobId, true);
        if (!(reply.meta().get("job_meta") instanceof Map<?, ?> m) || m.isEmpty()) {
            throw new FlareApiException(Kind.INTERNAL, "server failed to return job meta");
        }
        return castMap(m);
    }

    /** list_jobs (:415-495): {@code meta.jobs} of {@code list_jobs [-m N] [-n prefix] [id_prefix] [--submit-token T]}. */
    List<Map<String, Object>> listJobs(Integer limit, String namePrefix, String idPrefix, String submitToken)
            throws FlareApiException, FlareException, InterruptedException {
        List<String> parts = new ArrayList<>(List.of("list_jobs"));
        if (limit != null && limit != 0) {
            parts.addAll(List.of("-m", limit.toString()));
        }
        if (namePrefix != null && !namePrefix.isEmpty()) {
            parts.addAll(List.of("-n", namePrefix));
        }
        if (idPrefix != null && !idPrefix.isEmpty()) {
            parts.add(idPrefix);
        }
        if (submitToken != null && !submitToken.isEmpty()) {
            parts.addAll(List.of("--submit-token", submitToken));
        }
        HciReply reply = run(HciArgs.join(parts), true);
        List<Map<String, Object>> jobs = new ArrayList<>();
        if (reply.meta().get("jobs") instanceof List<?> rows) {
            for (Object row : rows) {
                if (row instanceof Map<?, ?> m) {
                    jobs.add(new LinkedHashMap<>(castMap(m)));
                }
            }
        }
        return jobs;
    }

    /**
     * abort_job (:554-575): {@code abort_job <id>}; returns {@code meta.info}. Like _do_command (:239-245) it
     * tries up to 3 times, 0.5 s and 1 s apart, while the server does not answer.
     */
    String abortJob(String jobId) throws FlareApiException, FlareException, InterruptedException {
        validateJobId(jobId);
        HciReply reply = null;
        for (int attempt = 0; reply == null; attempt++) {
            try {
                reply = run("abort_job " + jobId, true);
            } catch (FlareApiException e) {
                if (e.kind() != Kind.NO_CONNECTION || attempt >= ABORT_ATTEMPTS - 1) {
                    throw e;
                }
                clock.sleep(RETRY_BACKOFF * (attempt + 1));
            }
        }
        Object status = reply.meta().get("status");
        Object info = reply.meta().get("info");
        if (!"ok".equals(status)) {
            throw new FlareApiException(
                    Kind.INTERNAL,
                    "failed to abort job " + jobId + ": " + ReplyCheck.py(status) + ", " + ReplyCheck.py(info));
        }
        return info == null ? null : info.toString();
    }

    /**
     * clone_job (:338-354): {@code clone_job <id>}; returns {@code meta.job_id}, the new job's id (job_cmds.py
     * clone_job).
     */
    String cloneJob(String jobId) throws FlareApiException, FlareException, InterruptedException {
        validateJobId(jobId);
        HciReply reply = run("clone_job " + jobId, true);
        Object newJobId = reply.meta().get("job_id");
        if (newJobId == null || "".equals(newJobId)) {
            throw new FlareApiException(
                    Kind.INTERNAL,
                    "server failed to return job id: "
                            + ReplyCheck.py(reply.meta().getOrDefault("info", "")));
        }
        return newJobId.toString();
    }

    /**
     * delete_job (:577-594): {@code delete_job <id>}; returns {@code {"job_id", "submit_records_marked_deleted"}}
     * from the reply's meta. The server refuses a dispatched or running job with {@code job_running}, which
     * _do_command raises as JobNotDone (job_cmds.py delete_job).
     */
    Map<String, Object> deleteJob(String jobId) throws FlareApiException, FlareException, InterruptedException {
        validateJobId(jobId);
        Map<String, Object> meta = run("delete_job " + jobId, true).meta();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("job_id", meta.getOrDefault("job_id", jobId));
        result.put("submit_records_marked_deleted", meta.getOrDefault("submit_records_marked_deleted", 0));
        return result;
    }

    /**
     * configure_job_log (:1482-1508): {@code configure_job_log <id> all|server <config>} or
     * {@code configure_job_log <id> client <site> <config>}, joined as join_args does, meta not enforced.
     */
    void configureJobLog(String jobId, String config, String target)
            throws FlareApiException, FlareException, InterruptedException {
        validateJobId(jobId);
        List<String> parts = new ArrayList<>(List.of("configure_job_log", jobId));
        if (target.equals("all") || target.equals("server")) {
            parts.add(target);
        } else {
            parts.addAll(List.of("client", target));
        }
        parts.add(config);
        run(HciArgs.join(parts), false);
    }

    /** show_stats via _collect_info (:1216-1272): the first dict item of {@code show_stats <id> <type> [sites]}. */
    Map<String, Object> showStats(String jobId, String targetType, List<String> targets)
            throws FlareApiException, FlareException, InterruptedException {
        if (jobId.isEmpty()) {
            // _collect_info's ValueError, which cmd_job_stats leaves to the CLI's global handler (INTERNAL_ERROR)
            throw new FlareApiException(Kind.INTERNAL, "job_id is required but not specified.");
        }
        List<String> parts = new ArrayList<>(List.of("show_stats", jobId, targetType));
        if (targetType.equals("client") && targets != null) {
            parts.addAll(targets);
        }
        return firstDict(run(HciArgs.join(parts), false));
    }

    /**
     * get_job_logs (:1439-1480) without the deprecated filters: {@code get_job_log <id> <target> [file]},
     * as {@code {"logs": {...}, "unavailable"?: {...}}}.
     */
    Map<String, Object> jobLogs(String jobId, String target, String logFileName)
            throws FlareApiException, FlareException, InterruptedException {
        validateJobId(jobId);
        List<String> parts = new ArrayList<>(List.of("get_job_log", jobId, target));
        if (!logFileName.equals("log.txt")) {
            parts.add(logFileName);
        }
        HciReply reply;
        try {
            reply = run(HciArgs.join(parts), false);
        } catch (FlareApiException e) {
            // Older servers reject the file-name argument.
            if (e.kind() == Kind.INTERNAL
                    && !logFileName.equals("log.txt")
                    && e.getMessage().contains("unrecognized arguments")) {
                Map<String, Object> empty = new LinkedHashMap<>();
                empty.put("logs", new LinkedHashMap<>());
                return empty;
            }
            throw e;
        }
        Map<String, Object> payload = firstDict(reply);
        Map<String, Object> result = new LinkedHashMap<>();
        if (payload.containsKey("logs")) {
            result.put("logs", payload.get("logs"));
            if (payload.containsKey("unavailable")) {
                result.put("unavailable", payload.get("unavailable"));
            }
        } else {
            result.put("logs", payload);
        }
        return result;
    }

    /**
     * flare_api.py {@code _validate_job_id} (:331-336): an empty id is JobNotFound; any other text goes to the
     * server as it is (a job id with a space becomes two arguments there, as from the CLI), which answers
     * {@code invalid job_id} for what is not a job's id.
     */
    private static void validateJobId(String jobId) throws FlareApiException {
        if (jobId.isEmpty()) {
            throw new FlareApiException(Kind.JOB_NOT_FOUND, "job_id is required but not specified.");
        }
    }

    /** Runs one command ({@link #send}) and checks its reply as flare_api does. */
    private HciReply run(String command, boolean enforceMeta)
            throws FlareApiException, FlareException, InterruptedException {
        HciReply reply = send(hci, command);
        ReplyCheck.check(command, reply, enforceMeta);
        return reply;
    }

    /**
     * Sends one command: an unanswered one is flare_api's NoConnection, and an interrupt of the calling thread,
     * while waiting for the reply or seen once a tcp read that ignores it has returned, is
     * {@link InterruptedException} ({@link Interrupts}), not NoConnection.
     */
    public static HciReply send(HciCommands hci, String command)
            throws FlareApiException, FlareException, InterruptedException {
        HciReply reply;
        try {
            reply = hci.command(command);
        } catch (IOException e) {
            Interrupts.rethrowIfInterrupt(e);
            FlareApiException noConnection = ReplyCheck.noConnection();
            noConnection.initCause(e);
            throw noConnection;
        } catch (FlareException e) {
            Interrupts.rethrowIfInterrupt(e);
            throw e;
        }
        Interrupts.check();
        return reply;
    }

    /** flare_api.py _get_dict_data (:1081-1089). */
    private static Map<String, Object> firstDict(HciReply reply) {
        for (HciReply.Item item : reply.items()) {
            if (item.type().equals("dict")) {
                return item.data() instanceof Map<?, ?> m ? new LinkedHashMap<>(castMap(m)) : new LinkedHashMap<>();
            }
        }
        return new LinkedHashMap<>();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
