/**
 * {@link io.jenkins.plugins.nvflare.client.FlareClient} on the {@code nvflare} job CLI's machine
 * contract: {@link io.jenkins.plugins.nvflare.client.cli.NvflareCli} runs the executable and parses
 * its JSON envelope or JSON lines; {@link io.jenkins.plugins.nvflare.client.cli.CliFlareClient}
 * maps each job command to typed results.
 */
package io.jenkins.plugins.nvflare.client.cli;
