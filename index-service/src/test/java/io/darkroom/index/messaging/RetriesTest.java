package io.darkroom.index.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.darkroom.index.IndexConfig;
import io.smallrye.mutiny.Uni;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriesTest {

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Retries retries = new Retries(new IndexConfig.Retry() {
        public int maxRetries() {
            return 2;
        }

        public Duration initialBackoff() {
            return Duration.ofMillis(5);
        }

        public Duration maxBackoff() {
            return Duration.ofMillis(20);
        }

        public Duration unreachableFor() {
            return Duration.ofSeconds(5);
        }
    }, stopping::get);

    @Test
    void aDatabaseThatIsDownForLongerThanTheRetriesIsWaitedForNotDeadLettered() {
        AtomicInteger attempts = new AtomicInteger();
        String result = retries.<String>run("FileDiscovered x", Runnable::run, () -> {
            if (attempts.incrementAndGet() <= 12) {
                return Uni.createFrom().failure(new IllegalStateException("pool",
                        new ConnectException("Connection refused: /127.0.0.1:3307")));
            }
            return Uni.createFrom().item("stored");
        }).await().atMost(Duration.ofSeconds(10));
        assertThat(result).isEqualTo("stored");
        assertThat(attempts).hasValue(13);
    }

    @Test
    void anyOtherTransientFailureStillGivesUpAfterMaxRetries() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retries.<String>run("FileDiscovered y", Runnable::run, () -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("deadlock found"));
        }).await().atMost(Duration.ofSeconds(10))).hasMessage("deadlock found");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aBadRecordIsNotRetriedAtAll() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retries.<String>run("FileDiscovered z", Runnable::run, () -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new IllegalArgumentException("not a file event"));
        }).await().atMost(Duration.ofSeconds(10))).isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(1);
    }

    /** While the service stops, the closing pool fails records: they must be read again, not dead-lettered. */
    @Test
    void aRecordThatFailsWhileTheServiceStopsIsNeitherDoneNorDeadLettered() {
        stopping.set(true);
        AtomicInteger attempts = new AtomicInteger();
        java.util.concurrent.CompletableFuture<String> outcome = retries.<String>run("FileDiscovered w", Runnable::run,
                () -> {
                    attempts.incrementAndGet();
                    return Uni.createFrom().failure(new IllegalStateException("Pool closed"));
                }).subscribeAsCompletionStage().toCompletableFuture();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 3);
        org.awaitility.Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> !outcome.isDone()); // neither an item (ack) nor a failure (nack, dead-letter topic)
        assertThat(attempts).hasValue(3);
        outcome.cancel(true);
    }
}
