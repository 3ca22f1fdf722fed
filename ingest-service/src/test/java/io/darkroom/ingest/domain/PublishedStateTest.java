package io.darkroom.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileLocation;
import io.darkroom.events.FileMoved;
import io.darkroom.events.FileRemoved;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PublishedStateTest {

    private static final Instant T0 = Instant.parse("2019-12-20T16:08:32Z");

    @Test
    void followsAcknowledgedEventsAndCountsPerRoot() {
        PublishedState state = new PublishedState();
        FileLocation a = new FileLocation("family", "a.jpg");
        FileLocation b = new FileLocation("family", "b/a.jpg");
        FileLocation t = new FileLocation("travel", "t.jpg");

        state.apply(FileDiscovered.of(a, "h1", 10, T0));
        state.apply(FileDiscovered.of(t, "h2", 10, T0));
        state.apply(FileDiscovered.of(a, "h3", 11, T0)); // changed content: still one file
        assertThat(state.countExcluding(Set.of())).isEqualTo(2);

        state.apply(FileMoved.of(a, b, "h3", 11, T0));
        assertThat(state.contains(a)).isFalse();
        assertThat(state.get(b)).contains(new PublishedFile(11, T0, "h3"));
        assertThat(state.countUnder("family")).isEqualTo(1);

        state.apply(FileRemoved.of(t, "h2"));
        assertThat(state.countExcluding(Set.of())).isEqualTo(1);
        assertThat(state.countExcluding(Set.of("family"))).isZero();
    }
}
