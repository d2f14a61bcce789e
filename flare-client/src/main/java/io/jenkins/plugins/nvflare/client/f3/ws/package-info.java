/**
 * The {@code http}/{@code https} scheme's driver: a websocket to {@code wss://host:port/f3} with the kit's
 * mutual TLS (OkHttp), carrying one SFM frame per binary message as a
 * {@link io.jenkins.plugins.nvflare.client.f3.sfm.FrameChannel}. Mirrors
 * {@code nvflare/fuel/f3/drivers/aio_http_driver.py}.
 */
package io.jenkins.plugins.nvflare.client.f3.ws;
