package io.jenkins.plugins.nvflare.client.bench;

import io.jenkins.plugins.nvflare.client.DownloadRequest;
import io.jenkins.plugins.nvflare.client.SubmitRequest;
import io.jenkins.plugins.nvflare.client.f3.NativeFlareClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One native operation in a JVM of its own, for {@link TransportBenchmark}'s {@code --cold}: {@code submit <kit>
 * <job folder>} or {@code download <kit> <job id> <output folder>}. The benchmark counts this process's whole CPU
 * time and wall time, JVM start included, as it counts an {@code nvflare} process's (Python start included): the
 * cost of a JVM whose first FLARE transfer this is. Prints the operation's result (the job id, the folder).
 */
public final class ColdOperation {
    private ColdOperation() {}

    public static void main(String[] args) throws Exception {
        try (NativeFlareClient client = new NativeFlareClient(Path.of(args[1]), Duration.ofMinutes(5))) {
            Object result =
                    switch (args[0]) {
                        case "submit" -> client.submit(new SubmitRequest(Path.of(args[2]), null, null));
                        case "download" ->
                            client.download(args[2], new DownloadRequest(Path.of(args[3]), true, null))
                                    .downloadPath();
                        default ->
                            throw new IllegalArgumentException("submit <kit> <job> | download <kit> <job id> <out>");
                    };
            System.out.println(result);
        }
    }
}
