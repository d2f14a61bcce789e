package io.jenkins.plugins.nvflare.client.f3.transfer;

import io.jenkins.plugins.nvflare.client.FlareVersion;

/**
 * The keys of an upload chunk, which NVFlare renamed in 2.8.0: {@code Streamer.*} (app_common/streamers/
 * streamer_base.py CHUNK_PREFIX) from 2.8.0, {@code FileStreamer.*} before (2.7's file_streamer.py _PREFIX). A
 * 2.7 server refuses a chunk with the new keys ({@code EXECUTION_EXCEPTION}), so the keys follow the server.
 */
public record UploadKeys(String data, String size, String eof, String fileName) {
    /** 2.8.0 and later. */
    public static final UploadKeys STREAMER =
            new UploadKeys("Streamer.data", "Streamer.size", "Streamer.eof", "Streamer.file_name");
    /** 2.7.x. */
    public static final UploadKeys FILE_STREAMER =
            new UploadKeys("FileStreamer.data", "FileStreamer.size", "FileStreamer.eof", "FileStreamer.file_name");

    /** The keys a server of this version reads. */
    public static UploadKeys forServer(FlareVersion server) {
        return server.atLeast(FlareVersion.V2_8_0) ? STREAMER : FILE_STREAMER;
    }
}
