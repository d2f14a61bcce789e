package io.jenkins.plugins.nvflare.client;

/**
 * A logging change for a running job ({@code nvflare job log-config <job_id> <level>}).
 *
 * @param level a level or mode: {@code DEBUG}, {@code INFO}, {@code WARNING}, {@code ERROR}, {@code CRITICAL},
 *     {@code concise}, {@code msg_only}, {@code full}, {@code verbose} or {@code reload}. FLARE also takes level
 *     names in any case and numbers 0-50 and rejects anything else only when it applies it (INTERNAL_ERROR,
 *     exit 5, as the CLI reports it); a missing one is the CLI's LOG_CONFIG_INVALID (LogLevels)
 * @param site {@code all} (the CLI's default when {@code null}), {@code server}, or one client site
 * @param study the job's study; {@code null} means {@code default}
 */
public record LogConfigRequest(String level, String site, String study) {}
