package io.darkroom.index.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.darkroom.index.IndexConfig;
import io.smallrye.mutiny.Uni;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriesTest {

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
    });

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
}
