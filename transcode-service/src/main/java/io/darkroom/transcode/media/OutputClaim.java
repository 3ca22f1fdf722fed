package io.darkroom.transcode.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A lease on one output in the shared derived-files folder: {@code .<name>.claim}, created exclusively, its
 * modification time renewed while the holder works. Kafka gives a partition to one instance at a time, but a
 * rebalance can hand a record that is still being transcoded to another instance; the claim makes that one wait
 * instead of transcoding the same video twice. A claim not renewed within the timeout belongs to a dead instance
 * and is taken over.
 */
public final class OutputClaim implements AutoCloseable {

    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "transcode-claim-renewal");
        thread.setDaemon(true);
        return thread;
    });

    private final Path file;
    private final ScheduledFuture<?> renewal;

    private OutputClaim(Path file, Duration timeout) {
        this.file = file;
        long period = Math.max(100, timeout.toMillis() / 4);
        this.renewal = RENEWALS.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** The claim file of {@code target}. */
    public static Path fileFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".claim");
    }

    /** Takes the claim on {@code target}, or empty while a live instance holds it. */
    public static Optional<OutputClaim> tryAcquire(Path target, String instance, Duration timeout) throws IOException {
        Path file = fileFor(target);
        try {
            Files.writeString(file, instance, java.nio.file.StandardOpenOption.CREATE_NEW);
            return Optional.of(new OutputClaim(file, timeout));
        } catch (FileAlreadyExistsException held) {
            try {
                Instant renewed = Files.getLastModifiedTime(file).toInstant();
                if (renewed.isBefore(Instant.now().minus(timeout))) {
                    // Its holder died: remove the claim; the next try may take it (or lose to a faster instance).
                    Files.deleteIfExists(file);
                }
            } catch (NoSuchFileException released) {
                // released meanwhile: the next try may take it
            }
            return Optional.empty();
        }
    }

    private void renew() {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // A claim that cannot be renewed goes stale; another instance may then redo the file, which is safe.
        }
    }

    @Override
    public void close() {
        renewal.cancel(false);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
