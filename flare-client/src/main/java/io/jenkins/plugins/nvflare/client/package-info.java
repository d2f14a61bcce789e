/**
 * Drives NVIDIA FLARE jobs from Java without any Jenkins dependency.
 *
 * <p>{@link io.jenkins.plugins.nvflare.client.FlareClient} is the transport-neutral entry point; the
 * {@code cli} package implements it on top of the {@code nvflare} job CLI's machine contract
 * ({@code --format json|jsonl}, exit codes and error codes). Results are immutable, serializable
 * records so they can travel between a Jenkins agent and the controller.
 */
package io.jenkins.plugins.nvflare.client;
