/**
 * The admin's identity from a startup kit ({@link io.jenkins.plugins.nvflare.client.f3.identity.AdminIdentity}:
 * {@code client.key}, {@code client.crt}, {@code rootCA.pem}) and what is done with it: the mutual-TLS context of
 * every connection and the RSA-PSS signatures of logins and job folders. Mirrors
 * {@code nvflare/lighter/utils.py} ({@code sign_content}, {@code verify_content}) and
 * {@code nvflare/fuel/sec/authn.py}; PEM parsing is shared with the kit check ({@code client.kit}).
 */
package io.jenkins.plugins.nvflare.client.f3.identity;
