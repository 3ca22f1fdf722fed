package io.darkroom.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The start policy of the shared test stack: a failed start is tried again, and every reason is kept. */
class LocalStackResourceTest {

    @Test
    void aStartThatFailsOnceIsTriedAgain() {
        AtomicInteger calls = new AtomicInteger();

        String started = LocalStackResource.firstThatStarts(2, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("port 20001 for MariaDB is in use");
            }
            return "stack";
        });

        assertThat(started).isEqualTo("stack");
        assertThat(calls).hasValue(2);
    }

    @Test
    void aStartThatSucceedsIsNotRepeated() {
        AtomicInteger calls = new AtomicInteger();

        assertThat(LocalStackResource.firstThatStarts(2, () -> "stack" + calls.incrementAndGet())).isEqualTo("stack1");
        assertThat(calls).hasValue(1);
    }

    @Test
    void whenEveryStartFailsTheLastReasonIsThrownWithTheEarlierOnes() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> LocalStackResource.firstThatStarts(2, () -> {
            throw new IllegalStateException("failure " + calls.incrementAndGet());
        })).hasMessage("failure 2").satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                .extracting(Throwable::getMessage).isEqualTo("failure 1"));
        assertThat(calls).hasValue(2);
    }
}
