/**
 * Job operations over hci commands: meta, list, abort, clone, delete, log-config, logs (with their bounds), stats,
 * and the wait/monitor loops with their events, each sending what {@code flare_api}'s {@code Session} sends and returning what the
 * CLI prints. Mirrors {@code nvflare/fuel/flare_api/flare_api.py} and {@code nvflare/tool/job/job_cli.py}.
 */
package io.jenkins.plugins.nvflare.client.f3.job;
