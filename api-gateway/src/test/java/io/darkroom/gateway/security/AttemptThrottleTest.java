package io.darkroom.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.gateway.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final AttemptThrottle throttle = new AttemptThrottle(ClientAddressTest.config(List.of()), clock);

    @Test
    void anAddressIsStoppedAtTheLimitAndFreedWhenTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.allows("198.51.100.1")).isTrue();
            throttle.failed("198.51.100.1");
        }
        assertThat(throttle.allows("198.51.100.1")).isFalse();
        assertThat(throttle.allows("198.51.100.2")).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertThat(throttle.allows("198.51.100.1")).isTrue();
    }
}
