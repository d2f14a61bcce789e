/**
 * Moving jobs: the signed, zipped job folder (written to a private temporary file, never held in memory), its
 * upload as an object stream of 1 MiB chunks, and the download of a finished job's files through the download
 * service with the CLI's artifact report. Mirrors {@code nvflare/lighter/utils.py} ({@code sign_folders}),
 * {@code nvflare/fuel/utils/zip_utils.py}, {@code nvflare/fuel/hci/client/file_transfer.py} and
 * {@code nvflare/fuel/f3/streaming/} ({@code object_streamer.py}, {@code download_service.py}).
 */
package io.jenkins.plugins.nvflare.client.f3.transfer;
