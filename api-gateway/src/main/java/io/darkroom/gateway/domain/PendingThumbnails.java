package io.darkroom.gateway.domain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Coalesces requests for derived files that are being made: the first request for a file sends the one request to
 * the worker, every later one until the file appears waits on the same future. {@link #poll()} (one timer for all
 * waiters) completes a future when its file exists, or fails it with {@link ThumbnailNotReadyException} at its
 * deadline; either way the entry is gone, so a request after a timeout asks again.
 */
public final class PendingThumbnails {

    private final Map<Path, Pending> pending = new ConcurrentHashMap<>();
    private final Duration waitFor;
    private final Clock clock;

    public PendingThumbnails(Duration waitFor, Clock clock) {
        this.waitFor = waitFor;
        this.clock = clock;
    }

    private record Pending(CompletableFuture<Path> file, Instant deadline) {
    }

    /**
     * The file once it exists. {@code request} runs only for the first caller of a file not yet pending; when the
     * stage it returns fails, every waiter of the file fails with that error.
     */
    public CompletionStage<Path> await(Path file, Supplier<CompletionStage<?>> request) {
        boolean[] first = {false};
        Pending entry = pending.computeIfAbsent(file, key -> {
            first[0] = true;
            return new Pending(new CompletableFuture<>(), clock.instant().plus(waitFor));
        });
        if (first[0]) {
            CompletionStage<?> sent;
            try {
                sent = request.get();
            } catch (RuntimeException error) {
                sent = CompletableFuture.failedFuture(error);
            }
            sent.whenComplete((ignored, error) -> {
                if (error != null && pending.remove(file, entry)) {
                    entry.file().completeExceptionally(error);
                }
            });
        }
        return entry.file().minimalCompletionStage();
    }

    /** Completes the waiters whose file appeared and times out those past their deadline. */
    public void poll() {
        Instant now = clock.instant();
        pending.forEach((file, entry) -> {
            if (Files.exists(file)) {
                if (pending.remove(file, entry)) {
                    entry.file().complete(file);
                }
            } else if (now.isAfter(entry.deadline()) && pending.remove(file, entry)) {
                entry.file().completeExceptionally(new ThumbnailNotReadyException(waitFor));
            }
        });
    }

    /** How many files are awaited: a gauge, and what tests check. */
    public int size() {
        return pending.size();
    }
}
