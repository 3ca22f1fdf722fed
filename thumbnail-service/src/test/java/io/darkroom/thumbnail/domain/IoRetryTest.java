package io.darkroom.thumbnail.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IoRetryTest {

    @Test
    void workThatFailsWithIoUntilTheFaultClearsSucceedsWithoutTheCallerSeeingTheFailures() throws IOException {
        IoRetry retry = new IoRetry(Duration.ofSeconds(10), Duration.ofMillis(5), Duration.ofMillis(20));
        AtomicInteger calls = new AtomicInteger();
        String result = retry.run("item", () -> {
            if (calls.incrementAndGet() < 4) {
                throw new AccessDeniedException("/storage/ab/cd");
            }
            return "written";
        });
        assertThat(result).isEqualTo("written");
        assertThat(calls).hasValue(4);
        assertThat(retry.waiting()).isZero();
    }

    @Test
    void aFaultThatOutlastsTheBudgetIsThrownSoTheRecordIsDeadLettered() {
        IoRetry retry = new IoRetry(Duration.ofMillis(100), Duration.ofMillis(10), Duration.ofMillis(20));
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry.run("item", () -> {
            calls.incrementAndGet();
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(calls.get()).isGreaterThan(2);
        assertThat(retry.waiting()).isZero();
    }

    @Test
    void itemsWaitingForTheFaultAreCounted() throws Exception {
        IoRetry retry = new IoRetry(Duration.ofSeconds(10), Duration.ofMillis(5), Duration.ofMillis(10));
        CountDownLatch cleared = new CountDownLatch(1);
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return retry.run("item", () -> {
                    if (cleared.getCount() > 0) {
                        throw new IOException("not a directory");
                    }
                    return "done";
                });
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (retry.waiting() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(retry.waiting()).isEqualTo(1);
        cleared.countDown();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(retry.waiting()).isZero();
    }
}
