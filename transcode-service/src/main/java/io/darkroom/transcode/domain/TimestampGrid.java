package io.darkroom.transcode.domain;

/**
 * Places decoded frames on the encoder's frame clock. The clock runs at the source's base rate (the rate at which
 * every timestamp falls on a tick), so a variable-frame-rate phone clip keeps its gaps and its length instead of
 * being squeezed to constant spacing; two frames that round to the same tick are kept one tick apart.
 */
public final class TimestampGrid {

    /** Above this the base rate is a container clock, not a frame rate (e.g. 90 kHz): use the average instead. */
    static final double MAX_BASE_RATE = 240;

    private final double frameRate;
    private long lastTick = -1;

    public TimestampGrid(double frameRate) {
        this.frameRate = frameRate;
    }

    /** The clock for {@code probe}: its base rate when sane, else its average rate, else 30. */
    public static double rateFor(VideoProbe probe) {
        if (probe.baseFrameRate() > 0 && probe.baseFrameRate() <= MAX_BASE_RATE) {
            return probe.baseFrameRate();
        }
        return probe.averageFrameRate() > 0 && probe.averageFrameRate() <= MAX_BASE_RATE ? probe.averageFrameRate() : 30;
    }

    /** The tick (frame number) for a frame shown at {@code timestampMicros}; strictly increasing. */
    public long tick(long timestampMicros) {
        long tick = Math.max(0, Math.round(timestampMicros * frameRate / 1_000_000.0));
        lastTick = Math.max(tick, lastTick + 1);
        return lastTick;
    }
}
