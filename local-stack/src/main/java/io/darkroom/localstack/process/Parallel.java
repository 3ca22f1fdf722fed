package io.darkroom.localstack.process;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs blocking tasks (starting, waiting for, stopping processes) on a thread each. Not the common pool: it has
 * one thread on a two-core machine, and blocking tasks there would run one after another.
 */
public final class Parallel {

    private Parallel() {
    }

    /** Runs every task and waits for all; rethrows the first failure after all have finished. */
    public static void runAll(List<Runnable> tasks) {
        ExecutorService threads = Executors.newCachedThreadPool();
        try {
            List<CompletableFuture<Void>> futures = tasks.stream()
                    .map(task -> CompletableFuture.runAsync(task, threads)).toList();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            for (CompletableFuture<Void> future : futures) {
                join(future);
            }
        } finally {
            threads.shutdown();
        }
    }

    /** Starts a task on its own thread. */
    public static <T> CompletableFuture<T> supply(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(task.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "local-stack-task");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** The value, with a RuntimeException thrown as itself rather than wrapped. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
