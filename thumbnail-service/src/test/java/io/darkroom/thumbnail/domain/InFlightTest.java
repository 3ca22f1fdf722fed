package io.darkroom.thumbnail.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightTest {

    private final InFlight inFlight = new InFlight();

    @Test
    void aSecondCallerForAKeyInProgressWaitsForItAndDoesNotRunTheWorkAgain() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(() -> once("h/fit-3840", () -> {
            runs.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return "made";
        }));
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.running("h/fit-3840"));
        CompletableFuture<Optional<String>> second = CompletableFuture.supplyAsync(() -> once("h/fit-3840", () -> {
            runs.incrementAndGet();
            return "made again";
        }));

        Thread.sleep(200);
        assertThat(second).isNotDone(); // it waits for the first run
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).contains("made");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(runs).hasValue(1);
        assertThat(inFlight.running("h/fit-3840")).isFalse();
    }

    private Optional<String> once(String key, InFlight.Work<String> work) {
        try {
            return inFlight.once(key, work);
        } catch (IOException | ThumbnailFailure e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void otherKeysAndLaterCallersRunTheirOwnWork() throws Exception {
        assertThat(inFlight.once("a", () -> 1)).contains(1);
        assertThat(inFlight.once("a", () -> 2)).contains(2);
        assertThat(inFlight.once("b", () -> 3)).contains(3);
    }

    @Test
    void aFailedRunIsForgottenSoTheNextCallerTriesAgain() throws Exception {
        try {
            inFlight.once("a", () -> {
                throw new IllegalStateException("decoder crashed");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("decoder crashed");
        }
        assertThat(inFlight.running("a")).isFalse();
        assertThat(inFlight.once("a", () -> "ok")).contains("ok");
    }
}
