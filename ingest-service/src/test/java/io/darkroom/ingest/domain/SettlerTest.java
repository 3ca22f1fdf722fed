package io.darkroom.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.FileLocation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SettlerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final FileLocation LOCATION = new FileLocation("family", "a.jpg");
    private final Settler settler = new Settler(Duration.ofSeconds(5));

    private static FileStat stat(long size, Instant modified) {
        return new FileStat(LOCATION, size, modified);
    }

    @Test
    void aFileIsNeverSettledAtItsFirstObservation() {
        assertThat(settler.observe(stat(10, T0), T0)).isFalse();
        assertThat(settler.settlesAt(LOCATION)).contains(T0.plusSeconds(5));
    }

    @Test
    void settlesWhenUnchangedAcrossTwoObservationsAtLeastTheSettleTimeApart() {
        settler.observe(stat(10, T0), T0);

        assertThat(settler.observe(stat(10, T0), T0.plusSeconds(4))).isFalse();
        assertThat(settler.observe(stat(10, T0), T0.plusSeconds(5))).isTrue();
    }

    @Test
    void aGrowingFileStartsSettlingAgain() {
        settler.observe(stat(10, T0), T0);

        assertThat(settler.observe(stat(20, T0.plusSeconds(3)), T0.plusSeconds(6))).isFalse();
        assertThat(settler.observe(stat(20, T0.plusSeconds(3)), T0.plusSeconds(10))).isFalse();
        assertThat(settler.observe(stat(20, T0.plusSeconds(3)), T0.plusSeconds(11))).isTrue();
    }

    @Test
    void aTouchedFileWithTheSameSizeStartsSettlingAgain() {
        settler.observe(stat(10, T0), T0);

        assertThat(settler.observe(stat(10, T0.plusSeconds(1)), T0.plusSeconds(6))).isFalse();
    }

    @Test
    void forgetsFilesThatAreNoLongerSeen() {
        settler.observe(stat(10, T0), T0);

        settler.retainOnly(java.util.Set.of());

        assertThat(settler.pendingCount()).isZero();
        assertThat(settler.observe(stat(10, T0), T0.plusSeconds(60))).isFalse();
    }
}
