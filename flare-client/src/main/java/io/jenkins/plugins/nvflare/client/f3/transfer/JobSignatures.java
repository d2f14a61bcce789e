package io.jenkins.plugins.nvflare.client.f3.transfer;

import io.jenkins.plugins.nvflare.client.FlareException;
import io.jenkins.plugins.nvflare.client.f3.identity.PssSignatures;
import io.jenkins.plugins.nvflare.client.job.JobFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * The signatures lighter/utils.py {@code sign_folders} puts into a job folder, made before the zip is written: each
 * file's RSA-PSS signature with its size and CRC (read once, as its stored zip entry needs them before its bytes),
 * and each sub-folder's signature of its name. A job of many small files spends most of its submit on these RSA
 * signatures (about 1 ms each with the JDK's RSA and a 2048-bit key; the CLI's OpenSSL is several times faster), so
 * they are made on up to {@link #MAX_THREADS} threads when the machine has the cores; the zip itself stays
 * sequential.
 */
final class JobSignatures {
    /** More threads than this would only take cores from the rest of the agent for a few seconds' gain. */
    static final int MAX_THREADS = 4;
    /** Fewer items than this are signed on the calling thread: a thread pool would cost more than it saves. */
    static final int PARALLEL_FROM = 32;

    /** What a file's stored entry and its folder's signature file need. */
    record Signed(long size, long crc, byte[] signature) {}

    private final Map<String, Signed> files;
    private final Map<String, byte[]> folderNames;

    private JobSignatures(Map<String, Signed> files, Map<String, byte[]> folderNames) {
        this.files = files;
        this.folderNames = folderNames;
    }

    /** The file at {@code path} (relative to the job's root), as signed. */
    Signed file(String path) {
        return files.get(path);
    }

    /** The signature of the name of the folder at {@code path}. */
    byte[] folderName(String path) {
        return folderNames.get(path);
    }

    /** One file or sub-folder to sign. */
    private record Item(JobFolder.JobFile file, JobFolder.Folder folder) {}

    /**
     * Signs every file of {@code job} but the signature files themselves, and every sub-folder's name.
     *
     * @throws FlareException INTERNAL_ERROR naming the first file (in zip order) that cannot be read
     * @throws InterruptedException when the calling thread, or a read, is interrupted
     */
    static JobSignatures sign(JobFolder job, PrivateKey key, SignedJobZip.FileOpener opener, int threads)
            throws FlareException, GeneralSecurityException, InterruptedException {
        List<Item> items = new ArrayList<>();
        collect(job.top(), items);
        // per item: its Signed (a file), its signature (a folder name), or what stopped it; null when not reached
        Object[] results = new Object[items.size()];
        int workers = Math.min(threads, items.size() / PARALLEL_FROM + 1);
        if (workers <= 1) {
            new Worker(job, key, opener, items, results, new AtomicInteger(), new AtomicInteger(-1)).run();
        } else {
            signOnThreads(job, key, opener, items, results, workers);
        }
        Map<String, Signed> files = new HashMap<>();
        Map<String, byte[]> folderNames = new HashMap<>();
        for (int i = 0; i < results.length; i++) {
            Object result = results[i];
            if (result instanceof FlareException e) {
                throw e;
            } else if (result instanceof GeneralSecurityException e) {
                throw e;
            } else if (result instanceof InterruptedException e) {
                throw e;
            } else if (result instanceof RuntimeException e) {
                throw e;
            } else if (result instanceof Signed signed) {
                files.put(items.get(i).file().path(), signed);
            } else if (result instanceof byte[] signature) {
                folderNames.put(items.get(i).folder().path(), signature);
            }
            // null: not signed because an earlier item failed, and that failure was thrown above
        }
        return new JobSignatures(files, folderNames);
    }

    /** The number of threads worth using here. */
    static int threads() {
        return Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    private static void collect(JobFolder.Folder folder, List<Item> items) {
        for (JobFolder.JobFile file : folder.files()) {
            if (!SignedJobZip.isSignatureFile(file.name())) {
                items.add(new Item(file, null));
            }
        }
        for (JobFolder.Folder sub : folder.folders()) {
            items.add(new Item(null, sub));
            collect(sub, items);
        }
    }

    private static void signOnThreads(
            JobFolder job, PrivateKey key, SignedJobZip.FileOpener opener, List<Item> items, Object[] results, int n)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger(-1);
        ExecutorService pool = Executors.newFixedThreadPool(n, daemonThreads());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                running.add(pool.submit(new Worker(job, key, opener, items, results, next, failed)));
            }
            for (Future<?> worker : running) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    // workers keep their failures in results; only an Error gets here
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            failed.set(0);
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "nvflare-job-signing-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Takes the next item until none is left or one has failed; keeps each result (or failure) at its index. */
    private static final class Worker implements Runnable {
        private final JobFolder job;
        private final PrivateKey key;
        private final JobFileReader reader;
        private final List<Item> items;
        private final Object[] results;
        private final AtomicInteger next;
        private final AtomicInteger failed;

        Worker(
                JobFolder job,
                PrivateKey key,
                SignedJobZip.FileOpener opener,
                List<Item> items,
                Object[] results,
                AtomicInteger next,
                AtomicInteger failed) {
            this.job = job;
            this.key = key;
            this.reader = new JobFileReader(opener);
            this.items = items;
            this.results = results;
            this.next = next;
            this.failed = failed;
        }

        @Override
        public void run() {
            Signature signer = null;
            CRC32 crc = new CRC32();
            for (int i = next.getAndIncrement(); i < items.size() && failed.get() < 0; i = next.getAndIncrement()) {
                Item item = items.get(i);
                Object result;
                try {
                    if (signer == null) {
                        signer = PssSignatures.signer(key); // sign() leaves it ready for the next file
                    }
                    if (item.file() != null) {
                        crc.reset();
                        Signature s = signer;
                        long size = reader.read(job.resolve(item.file()), (b, n) -> {
                            s.update(b, 0, n);
                            crc.update(b, 0, n);
                        });
                        result = new Signed(size, crc.getValue(), signer.sign());
                    } else {
                        signer.update(item.folder().name().getBytes(StandardCharsets.UTF_8));
                        result = signer.sign();
                    }
                } catch (FlareException | GeneralSecurityException | InterruptedException | RuntimeException e) {
                    result = e;
                    failed.compareAndSet(-1, i);
                } catch (IOException e) {
                    result = new IllegalStateException(e); // JobFileReader reports read failures as FlareExceptions
                    failed.compareAndSet(-1, i);
                }
                results[i] = result;
            }
        }
    }
}
