package io.darkroom.index.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.ReindexRequested;
import io.darkroom.platform.library.LibraryRoots;
import org.junit.jupiter.api.Test;

class OutOfReachTest {

    @Test
    void theReasonsOfIndexTranscodeAndThumbnailsForAnAbsentRootAreOutOfReach() {
        assertThat(OutOfReach.isOutOfReach("album", "TRANSIENT", LibraryRoots.outOfReachReason("album"))).isTrue();
        // thumbnail-service's, once its storage retry gave up (ThumbnailService.rootStayedUnavailable)
        assertThat(OutOfReach.isOutOfReach("album", "TRANSIENT", "The library root 'album' stayed unavailable (not"
                + " mounted, unreadable or empty); retry once it is back.")).isTrue();
    }

    @Test
    void anotherRootAnotherKindOrAnotherReasonIsNot() {
        String reason = LibraryRoots.outOfReachReason("album");
        assertThat(OutOfReach.isOutOfReach("album-2", "TRANSIENT", reason)).isFalse();
        assertThat(OutOfReach.isOutOfReach("alb", "TRANSIENT", reason)).isFalse();
        assertThat(OutOfReach.isOutOfReach("album", "CORRUPT", reason)).isFalse();
        assertThat(OutOfReach.isOutOfReach("album", "TRANSIENT", "Timed out after 20s reading the file")).isFalse();
        assertThat(OutOfReach.isOutOfReach("album", "TRANSIENT", null)).isFalse();
        assertThat(OutOfReach.isOutOfReach("album", null, reason)).isFalse();
    }

    @Test
    void onlyTheRecoveryCommandIsARecovery() {
        assertThat(OutOfReach.isRecovery(ReindexRequested.of(1, OutOfReach.REQUESTED_BY))).isTrue();
        assertThat(OutOfReach.isRecovery(ReindexRequested.of(1, "admin"))).isFalse();
        assertThat(OutOfReach.isRecovery(ReindexRequested.of(1, null))).isFalse();
    }
}
