/**
 * A logged-in admin session: the connection by the kit's scheme (tcp or websocket, mutual TLS, SFM handshake
 * as an {@code _admin_<uuid>} cell), the two-stage login (the server proves its identity, the client registers
 * and logs in with its certificate), and the session factory the client opens sessions through. Mirrors
 * {@code nvflare/fuel/hci/client/api.py} ({@code AdminAPI}, {@code _cert_login}),
 * {@code nvflare/private/fed/authenticator.py} and {@code nvflare/fuel/utils/identity_utils.py}.
 */
package io.jenkins.plugins.nvflare.client.f3.session;
