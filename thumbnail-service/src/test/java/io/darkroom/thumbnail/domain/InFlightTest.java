package io.darkroom.thumbnail.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightTest {

    private final InFlight inFlight = new InFlight();

    @Test
    void aSecondCallerForAKeyInProgressWaitsForItAndDoesNotRunTheWorkAgain() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        FutureTask<Optional<String>> first = new FutureTask<>(() -> once("h/fit-3840", () -> {
            runs.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return "made";
        }));
        new Thread(first, "first-caller").start();
        await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.running("h/fit-3840"));
        FutureTask<Optional<String>> second = new FutureTask<>(() -> once("h/fit-3840", () -> {
            runs.incrementAndGet();
            return "made again";
        }));
        Thread secondCaller = new Thread(second, "second-caller");
        secondCaller.start();

        // its own thread, so that it is seen parked on the first run even on a starved machine
        await().atMost(Duration.ofSeconds(5)).until(() -> secondCaller.getState() == Thread.State.WAITING);
        assertThat(second).isNotDone();
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
