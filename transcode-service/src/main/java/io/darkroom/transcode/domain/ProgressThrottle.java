package io.darkroom.transcode.domain;

import java.time.Duration;

/** Lets a progress report through at most once per interval, so a UI gets news without flooding the topic. */
public final class ProgressThrottle {

    private final long intervalNanos;
    private long lastReport;
    private boolean reported;

    public ProgressThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Whether a report at {@code nowNanos} (a monotonic clock) is due; if so, it counts as made. */
    public boolean due(long nowNanos) {
        if (reported && nowNanos - lastReport < intervalNanos) {
            return false;
        }
        reported = true;
        lastReport = nowNanos;
        return true;
    }

    /** Percent done, 0..100, from the last frame's timestamp and the duration; 0 when the duration is unknown. */
    public static double percent(long timestampMicros, long durationMillis) {
        if (durationMillis <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(100, timestampMicros / 10.0 / durationMillis));
    }
}
