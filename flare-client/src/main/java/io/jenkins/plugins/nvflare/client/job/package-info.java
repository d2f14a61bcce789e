/**
 * Checks made on the agent before a job command is sent, as the CLI makes them: the job folder layout, the submit
 * token, job ids and log-config levels.
 */
package io.jenkins.plugins.nvflare.client.job;
