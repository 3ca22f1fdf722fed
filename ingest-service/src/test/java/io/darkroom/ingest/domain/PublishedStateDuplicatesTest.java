package io.darkroom.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileLocation;
import io.darkroom.events.FileMoved;
import io.darkroom.events.FileRemoved;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PublishedStateDuplicatesTest {

    private static final Instant T0 = Instant.parse("2019-12-20T16:08:32Z");

    private static FileLocation at(String path) {
        return new FileLocation("family", path);
    }

    @Test
    void pathsAreIndexedByContentAndCopiesCountAsDuplicates() {
        PublishedState state = new PublishedState();
        state.apply(FileDiscovered.of(at("a.jpg"), "h1", 1, T0));
        state.apply(FileDiscovered.of(at("copy/a.jpg"), "h1", 1, T0));
        state.apply(FileDiscovered.of(at("copy/a (2).jpg"), "h1", 1, T0));
        state.apply(FileDiscovered.of(at("b.jpg"), "h2", 1, T0));

        assertThat(state.locationsWithHash("h1")).containsExactlyInAnyOrder(at("a.jpg"), at("copy/a.jpg"),
                at("copy/a (2).jpg"));
        assertThat(state.duplicateCount()).isEqualTo(2);

        state.apply(FileMoved.of(at("copy/a (2).jpg"), at("best/a.jpg"), "h1", 1, T0));
        assertThat(state.locationsWithHash("h1")).contains(at("best/a.jpg")).doesNotContain(at("copy/a (2).jpg"));
        assertThat(state.duplicateCount()).isEqualTo(2);

        state.apply(FileRemoved.of(at("copy/a.jpg"), "h1"));
        state.apply(FileDiscovered.of(at("best/a.jpg"), "h3", 2, T0)); // edited: no longer the same content
        assertThat(state.locationsWithHash("h1")).containsExactly(at("a.jpg"));
        assertThat(state.locationsWithHash("h3")).containsExactly(at("best/a.jpg"));
        assertThat(state.duplicateCount()).isZero();
        assertThat(state.locationsWithHash("unknown")).isEmpty();
    }
}
