/** Checks made on the agent before a job is submitted: the job folder layout and the submit token. */
package io.jenkins.plugins.nvflare.client.job;
