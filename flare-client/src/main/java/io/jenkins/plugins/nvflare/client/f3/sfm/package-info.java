/**
 * SFM, the framing of FLARE's f3 messaging: the 16-byte prefix, msgpack headers and payload of each frame
 * ({@link io.jenkins.plugins.nvflare.client.f3.sfm.SfmCodec}), the HELLO/READY handshake, PING/PONG and the
 * per-connection numbering ({@link io.jenkins.plugins.nvflare.client.f3.sfm.SfmConnection}) over a
 * {@link io.jenkins.plugins.nvflare.client.f3.sfm.FrameChannel} (the {@code tcp} scheme's TLS byte stream here,
 * the websocket in {@code ws}), and how an interrupt is told apart from a failing connection. Mirrors
 * {@code nvflare/fuel/f3/sfm/} ({@code prefix.py}, {@code sfm_conn.py}, {@code constants.py}) and
 * {@code nvflare/fuel/f3/drivers/socket_conn.py}.
 */
package io.jenkins.plugins.nvflare.client.f3.sfm;
