package io.darkroom.transcode.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressThrottleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theFirstReportGoesOutThenOnePerInterval() {
        ProgressThrottle throttle = new ProgressThrottle(Duration.ofSeconds(2));
        assertThat(throttle.due(10 * SECOND)).isTrue();
        assertThat(throttle.due(11 * SECOND)).isFalse();
        assertThat(throttle.due(12 * SECOND - 1)).isFalse();
        assertThat(throttle.due(12 * SECOND)).isTrue();
        assertThat(throttle.due(13 * SECOND)).isFalse();
    }

    @Test
    void percentIsOfTheDurationAndBounded() {
        assertThat(ProgressThrottle.percent(5_000_000, 10_000)).isEqualTo(50.0);
        assertThat(ProgressThrottle.percent(11_000_000, 10_000)).isEqualTo(100.0);
        assertThat(ProgressThrottle.percent(5_000_000, 0)).isEqualTo(0.0);
    }
}
