/**
 * The error contract: what {@code flare_api} raises for a reply
 * ({@link io.jenkins.plugins.nvflare.client.f3.errors.ReplyCheck} →
 * {@link io.jenkins.plugins.nvflare.client.f3.errors.FlareApiException}) and what {@code nvflare job} then prints
 * ({@link io.jenkins.plugins.nvflare.client.f3.errors.CliErrors}: error code, message, hint and exit code), the
 * one place the native transport maps errors so both transports give the same codes. Mirrors
 * {@code nvflare/fuel/flare_api/api_spec.py}, {@code flare_api.py} ({@code _do_command}) and
 * {@code nvflare/tool/job/job_cli.py}.
 */
package io.jenkins.plugins.nvflare.client.f3.errors;
