package io.darkroom.thumbnail.domain;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one piece of work per key at a time: a caller that finds the key already in progress waits for that run to
 * end and does not run it again (an on-demand size asked for twice is decoded once, and announced once).
 */
public final class InFlight {

    private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();

    /** Work that may fail like a decode. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException, ThumbnailFailure;
    }

    /**
     * {@code work}'s result, or empty when another caller was already running it for {@code key} (returned once
     * that run has ended, whatever its outcome).
     */
    public <T> Optional<T> once(String key, Work<T> work) throws IOException, ThumbnailFailure {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> theirs = running.putIfAbsent(key, mine);
        if (theirs != null) {
            theirs.exceptionally(ignored -> null).join();
            return Optional.empty();
        }
        try {
            return Optional.of(work.run());
        } finally {
            running.remove(key, mine);
            mine.complete(null);
        }
    }

    public boolean running(String key) {
        return running.containsKey(key);
    }
}
