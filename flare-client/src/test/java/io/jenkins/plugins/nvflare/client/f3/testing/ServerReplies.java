package io.jenkins.plugins.nvflare.client.f3.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.nvflare.client.f3.hci.HciProtocolException;
import io.jenkins.plugins.nvflare.client.f3.hci.HciReply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * hci reply texts shaped exactly as the NVFlare server builds them at the captured commit: a
 * proto.py {@code Buffer} (proto.py:148-205: {@code {"time", "data": [items], "meta": {...}}}, items
 * appended by {@code append_string/append_dict/append_success/append_error/append_table}, meta
 * merged by {@code update_meta}, {@code make_meta} = {status, info, **extra}, proto.py:266-270) filled
 * the way the cited command handler fills it.
 */
public final class ServerReplies {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Map<String, Object>> data = new ArrayList<>();
    private final Map<String, Object> meta = new LinkedHashMap<>();

    public static ServerReplies buffer() {
        return new ServerReplies();
    }

    public static Map<String, Object> makeMeta(String status, String info, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("info", info);
        if (extra != null) {
            m.putAll(extra);
        }
        return m;
    }

    public ServerReplies string(String text, Map<String, Object> meta) {
        return item("string", text, meta);
    }

    public ServerReplies dict(Map<String, Object> value, Map<String, Object> meta) {
        return item("dict", value, meta);
    }

    /** append_success: without meta it adds make_meta(OK, data). */
    public ServerReplies success(String text, Map<String, Object> meta) {
        return item("success", text, meta == null ? makeMeta("ok", text, null) : meta);
    }

    /** append_error: without meta it adds make_meta(ERROR, data). */
    public ServerReplies error(String text, Map<String, Object> meta) {
        return item("error", text, meta == null ? makeMeta("error", text, null) : meta);
    }

    /** append_table(headers, name): header row upper-cased; with a name, meta[name] = the rows' meta dicts. */
    ServerReplies table(List<String> headers, String name, List<List<String>> rows, List<Map<String, Object>> rowMeta) {
        List<List<String>> all = new ArrayList<>();
        all.add(headers.stream().map(String::toUpperCase).toList());
        all.addAll(rows);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", "table");
        item.put("rows", all);
        data.add(item);
        if (name != null) {
            meta.put(name, rowMeta);
        }
        return this;
    }

    public String json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("time", "2026-11-24 23:18:51.000000");
        doc.put("data", data);
        doc.put("meta", meta);
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public HciReply reply() {
        try {
            return HciReply.parse(json());
        } catch (HciProtocolException e) {
            throw new IllegalStateException(e);
        }
    }

    private ServerReplies item(String type, Object value, Map<String, Object> itemMeta) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", type);
        item.put("data", value);
        data.add(item);
        if (itemMeta != null) {
            meta.putAll(itemMeta);
        }
        return this;
    }

    /** The reply text of a parsed reply (tables keep their "rows"), for a server that answers with text. */
    public static String json(HciReply reply) {
        ServerReplies b = buffer();
        for (HciReply.Item item : reply.items()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("type", item.type());
            out.put(item.type().equals("table") ? "rows" : "data", item.data());
            b.data.add(out);
        }
        b.meta.putAll(reply.meta());
        return b.json();
    }

    // ---- the replies of the commands the operations send

    /** job_cmds.py:546-563 get_job_meta: the meta as a dict item and as meta.job_meta. */
    public static HciReply jobMeta(Map<String, Object> jobMeta) {
        return buffer().dict(jobMeta, makeMeta("ok", "", Map.of("job_meta", jobMeta)))
                .reply();
    }

    /** A finished job's meta as the server showed it while the job was still running (as 22's progress events show). */
    public static Map<String, Object> runningJobMeta(Map<String, Object> finished) {
        Map<String, Object> meta = new java.util.LinkedHashMap<>(finished);
        meta.put("status", "RUNNING");
        meta.put("duration", "N/A");
        return meta;
    }

    /** job_cmds.py:113-114 _append_no_such_job_error (authorize_job_id, :279-313). */
    public static HciReply noSuchJob(String jobId) {
        return buffer().error("no such job: " + jobId, makeMeta("invalid_job_id", jobId, null))
                .reply();
    }

    /**
     * job_cmds.py:279-288 authorize_job_id for a first argument that is not a job id (job_def.py is_valid_job_id):
     * {@code conn.append_error(f"invalid job_id {job_id}", meta=make_meta(INVALID_JOB_ID, job_id))}, with the
     * argument lower-cased. {@code "get_job_meta a b"} gets it for {@code a}.
     */
    public static HciReply invalidJobId(String firstArgument) {
        String id = firstArgument.toLowerCase(java.util.Locale.ROOT);
        return buffer().error("invalid job_id " + id, makeMeta("invalid_job_id", id, null))
                .reply();
    }

    /** info_coll_cmd.py:100-105 (authorize_info_collection): a job that is not running. */
    public static HciReply jobNotRunning(String jobId) {
        return buffer().error("Job_id: " + jobId + " is not running.", makeMeta("job_not_running", jobId, null))
                .reply();
    }

    /** info_coll_cmd.py:121-133 show_stats: conn.append_any(result) adds a dict item and no meta. */
    public static HciReply stats(Map<String, Object> result) {
        return buffer().dict(result, null).reply();
    }

    /** job_cmds.py:636 get_job_log: the payload as a dict item, meta ok. */
    public static HciReply jobLog(Map<String, Object> payload) {
        return buffer().dict(payload, makeMeta("ok", "", null)).reply();
    }

    /** job_cmds.py:1060-1078 abort_job: a string item with the message, then success with meta ok + message. */
    public static HciReply aborted(String message) {
        return buffer().string(message, null)
                .success("", makeMeta("ok", message, null))
                .reply();
    }

    /**
     * job_cmds.py:431-501 list_jobs with _send_summary_list (:1525-1549): a table named "jobs" whose row meta
     * dicts become meta.jobs, then append_success("") which sets status ok, info "".
     */
    public static HciReply jobList(List<Map<String, Object>> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            cells.add(List.of(
                    str(r.get("job_id")),
                    str(r.get("job_name")),
                    str(r.get("status")),
                    str(r.get("submit_time")),
                    str(r.get("duration"))));
        }
        return buffer().table(List.of("Job ID", "Name", "Status", "Submit Time", "Run Duration"), "jobs", cells, rows)
                .success("", null)
                .reply();
    }

    /**
     * job_cmds.py clone_job: {@code append_string("Cloned job <id> as: <new>")}, then {@code append_success("",
     * meta=make_meta(OK, extra={job_id: <new>}))}.
     */
    public static HciReply cloned(String jobId, String newJobId) {
        return buffer().string("Cloned job " + jobId + " as: " + newJobId, null)
                .success("", makeMeta("ok", "", Map.of("job_id", newJobId)))
                .reply();
    }

    /**
     * job_cmds.py delete_job: {@code append_string("Job <id> deleted. Submit records marked deleted: <n>.")}, then
     * {@code append_success("", meta=make_meta(OK, extra={job_id, submit_records_marked_deleted}))}.
     */
    public static HciReply deleted(String jobId, int marked) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("job_id", jobId);
        extra.put("submit_records_marked_deleted", marked);
        return buffer().string("Job " + jobId + " deleted. Submit records marked deleted: " + marked + ".", null)
                .success("", makeMeta("ok", "", extra))
                .reply();
    }

    /** job_cmds.py delete_job for a DISPATCHED or RUNNING job: an error with make_meta(JOB_RUNNING, job_id). */
    public static HciReply deleteRefusedRunning(String jobId) {
        return buffer().error(
                        "job: " + jobId + " is running, could not be deleted at this time.",
                        makeMeta("job_running", jobId, null))
                .reply();
    }

    /**
     * job_cmds.py configure_job_log for target {@code server}: the server job took the config; a string item and no
     * meta (flare_api sends it with enforce_meta=False).
     */
    public static HciReply logConfiguredOnServer(String jobId) {
        return buffer().string("successfully configured server job " + jobId + " log", null)
                .reply();
    }

    /**
     * job_cmds.py configure_job_log for {@code client <site>} or {@code all}: the server's string (for {@code all}),
     * then process_replies_to_table's unnamed table of the clients' replies (empty bodies: they took it), no meta.
     */
    public static HciReply logConfiguredOnClients(String jobId, boolean server, List<String> sites) {
        ServerReplies b = buffer();
        if (server) {
            b.string("successfully configured server job " + jobId + " log", null);
        }
        return b.table(
                        List.of("Client", "Response"),
                        null,
                        sites.stream().map(site -> List.of(site, "")).toList(),
                        null)
                .reply();
    }

    /** job_cmds.py configure_job_log when the server job or the server refuses: {@code append_error(err)} (meta error). */
    public static HciReply logConfigRefused(String error) {
        return buffer().error(error, null).reply();
    }

    /**
     * job_cmds.py configure_job_log when a client refuses: its reply body in the table, then
     * {@code update_meta(make_meta(ERROR, info="<site>: <body>"))}.
     */
    public static HciReply logConfigRefusedByClient(String site, String body) {
        ServerReplies b = buffer().table(List.of("Client", "Response"), null, List.of(List.of(site, body)), null);
        b.meta.putAll(makeMeta("error", site + ": " + body, null));
        return b.reply();
    }

    /**
     * job_cmds.py authorize_job via cmd_utils.py validate_command_targets for an unknown client:
     * {@code append_error(err, meta=make_meta(INVALID_TARGET, err))}, err {@code "invalid client(s): <names>"}.
     */
    public static HciReply invalidTarget(String site) {
        String err = "invalid client(s): " + site;
        return buffer().error(err, makeMeta("invalid_target", err, null)).reply();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
