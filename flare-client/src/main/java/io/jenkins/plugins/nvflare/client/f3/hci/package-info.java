/**
 * Admin commands (hci): the request a command line becomes, the reply's items and meta, and argument quoting.
 * {@link io.jenkins.plugins.nvflare.client.f3.hci.HciCommands} is what the job layer runs commands through.
 * Mirrors {@code nvflare/fuel/hci/proto.py}, {@code nvflare/fuel/hci/client/api.py} ({@code do_command}) and
 * {@code nvflare/fuel/hci/cmd_arg_utils.py}.
 */
package io.jenkins.plugins.nvflare.client.f3.hci;
