/**
 * Native FLARE transport (work in progress, see {@code docs/native-transport.md}): the wire formats
 * NVFlare's admin client speaks — msgpack, SFM frames, and the kit's RSA-PSS signatures — so the
 * plugin can one day talk to a FLARE server without Python on the agent.
 */
package io.jenkins.plugins.nvflare.client.f3;
