package io.darkroom.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.darkroom.gateway.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingThumbnailsTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path storage;

    @Test
    void manyWaitersOfOneFileSendOneRequestAndAllGetTheFileWhenItAppears() throws Exception {
        PendingThumbnails pending = new PendingThumbnails(Duration.ofSeconds(10), NOW);
        Path file = storage.resolve("fit-3840.jpg");
        AtomicInteger requests = new AtomicInteger();
        List<CompletionStage<Path>> waiters = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiters.add(pending.await(file, () -> {
                requests.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            }));
        }
        pending.poll();
        assertThat(waiters).allMatch(w -> !w.toCompletableFuture().isDone());

        Files.write(file, new byte[] {1});
        pending.poll();

        assertThat(requests).hasValue(1);
        for (CompletionStage<Path> waiter : waiters) {
            assertThat(waiter.toCompletableFuture().get()).isEqualTo(file);
        }
        assertThat(pending.size()).isZero();
    }

    @Test
    void waitersPastTheDeadlineFailAndTheNextCallerAsksAgain() throws IOException {
        MutableClock clock = new MutableClock();
        PendingThumbnails pending = new PendingThumbnails(Duration.ofSeconds(10), clock);
        Path file = storage.resolve("fit-2560.jpg");
        AtomicInteger requests = new AtomicInteger();

        CompletableFuture<Path> first = pending.await(file, () -> sent(requests)).toCompletableFuture();
        clock.now = clock.now.plusSeconds(11);
        pending.poll();

        assertThat(first).isCompletedExceptionally();
        assertThat(causeOf(first)).isInstanceOf(ThumbnailNotReadyException.class).hasMessageContaining("10 s");
        pending.await(file, () -> sent(requests));
        assertThat(requests).hasValue(2);
    }

    @Test
    void aFailedRequestFailsEveryWaiterAndIsNotRemembered() {
        PendingThumbnails pending = new PendingThumbnails(Duration.ofSeconds(10), NOW);
        Path file = storage.resolve("fit-2560.jpg");
        CompletableFuture<Object> send = new CompletableFuture<>();
        CompletableFuture<Path> a = pending.await(file, () -> send).toCompletableFuture();
        CompletableFuture<Path> b = pending.await(file, () -> send).toCompletableFuture();

        send.completeExceptionally(new IllegalStateException("broker down"));

        assertThat(causeOf(a)).hasMessage("broker down");
        assertThat(causeOf(b)).hasMessage("broker down");
        assertThat(pending.size()).isZero();
    }

    private static CompletionStage<?> sent(AtomicInteger requests) {
        requests.incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    private static Throwable causeOf(CompletableFuture<?> future) {
        try {
            future.get();
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
