/**
 * CellNet messaging over an SFM connection: messages with their {@code cn__} headers and fobs payloads, the
 * admin cell's name, FLARE's {@code Shareable} shape, and blocking request/reply matched by request id
 * ({@link io.jenkins.plugins.nvflare.client.f3.cell.CellRequester}), with connection failures reported as the
 * CLI reports them (CONNECTION_FAILED / AUTH_FAILED, exit 2). Mirrors {@code nvflare/fuel/f3/cellnet/}
 * ({@code core_cell.py}, {@code defs.py}, {@code fqcn.py}, {@code utils.py}), {@code nvflare/fuel/f3/message.py}
 * and {@code nvflare/apis/shareable.py}.
 */
package io.jenkins.plugins.nvflare.client.f3.cell;
