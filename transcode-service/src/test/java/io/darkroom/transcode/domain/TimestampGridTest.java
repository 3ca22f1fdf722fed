package io.darkroom.transcode.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimestampGridTest {

    @Test
    void framesLandOnTheirTicksAndGapsAreKept() {
        TimestampGrid grid = new TimestampGrid(25);
        assertThat(grid.tick(0)).isEqualTo(0);
        assertThat(grid.tick(40_000)).isEqualTo(1);
        assertThat(grid.tick(1_000_000)).as("after a one-second pause").isEqualTo(25);
    }

    @Test
    void framesThatRoundToOneTickStayApart() {
        TimestampGrid grid = new TimestampGrid(25);
        assertThat(grid.tick(0)).isEqualTo(0);
        assertThat(grid.tick(5_000)).isEqualTo(1);
        assertThat(grid.tick(41_000)).isEqualTo(2);
    }

    @Test
    void theClockIsTheBaseRateUnlessThatIsAContainerClock() {
        VideoProbe vfr = new VideoProbe("mp4", "h264", null, 2, 2, 0, 0, "yuv420p", null, null, null, null, 0, 30,
                24.7);
        assertThat(TimestampGrid.rateFor(vfr)).isEqualTo(30);
        VideoProbe timescale = new VideoProbe("mp4", "h264", null, 2, 2, 0, 0, "yuv420p", null, null, null, null, 0,
                90_000, 29.97);
        assertThat(TimestampGrid.rateFor(timescale)).isEqualTo(29.97);
        VideoProbe unknown = new VideoProbe("mp4", "h264", null, 2, 2, 0, 0, "yuv420p", null, null, null, null, 0, 0,
                0);
        assertThat(TimestampGrid.rateFor(unknown)).isEqualTo(30);
    }
}
