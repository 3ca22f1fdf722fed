package io.darkroom.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptThrottleTest {

    private Instant now = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AttemptThrottle throttle = new AttemptThrottle(ClientAddressTest.config(List.of()), clock);

    @Test
    void anAddressIsStoppedAtTheLimitAndFreedWhenTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.allows("198.51.100.1")).isTrue();
            throttle.failed("198.51.100.1");
        }
        assertThat(throttle.allows("198.51.100.1")).isFalse();
        assertThat(throttle.allows("198.51.100.2")).isTrue();
        now = now.plus(Duration.ofMinutes(10));
        assertThat(throttle.allows("198.51.100.1")).isTrue();
    }
}
