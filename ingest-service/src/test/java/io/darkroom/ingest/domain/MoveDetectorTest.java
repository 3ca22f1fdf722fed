package io.darkroom.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileEvent;
import io.darkroom.events.FileLocation;
import io.darkroom.events.FileMoved;
import io.darkroom.events.FileRemoved;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MoveDetectorTest {

    private static final Instant T0 = Instant.parse("2019-12-20T16:08:32Z");

    private static FileLocation at(String path) {
        return new FileLocation("family", path);
    }

    private static Reconciliation.Gone gone(String path, String hash) {
        return new Reconciliation.Gone(at(path), new PublishedFile(10, T0, hash));
    }

    private static HashedFile hashed(String path, String hash) {
        return new HashedFile(new FileStat(at(path), 10, T0), hash);
    }

    @Test
    void contentThatLeftAPathAndAppearedAtANewOneIsAMove() {
        MoveDetector moves = new MoveDetector(List.of(gone("inbox/a.jpg", "h1")));

        FileEvent event = moves.eventFor(hashed("2019/a.jpg", "h1"), false);

        assertThat(event).isInstanceOfSatisfying(FileMoved.class, moved -> {
            assertThat(moved.from()).isEqualTo(at("inbox/a.jpg"));
            assertThat(moved.to()).isEqualTo(at("2019/a.jpg"));
            assertThat(moved.contentHash()).isEqualTo("h1");
            assertThat(moved.key()).isEqualTo("family:2019/a.jpg");
        });
        assertThat(moves.removals(Set.of())).isEmpty();
    }

    @Test
    void aGonePathWithoutNewHomeIsRemovedWithItsLastHash() {
        MoveDetector moves = new MoveDetector(List.of(gone("a.jpg", "h1")));

        assertThat(moves.eventFor(hashed("b.jpg", "h2"), false)).isInstanceOf(FileDiscovered.class);
        assertThat(moves.removals(Set.of())).singleElement().isInstanceOfSatisfying(FileRemoved.class, removed -> {
            assertThat(removed.location()).isEqualTo(at("a.jpg"));
            assertThat(removed.contentHash()).isEqualTo("h1");
        });
    }

    @Test
    void twoCopiesGoneAndOneArrivedIsOneMoveAndOneRemoval() {
        MoveDetector moves = new MoveDetector(List.of(gone("a.jpg", "h1"), gone("copy of a.jpg", "h1")));

        assertThat(moves.eventFor(hashed("new/a.jpg", "h1"), false)).isInstanceOf(FileMoved.class);
        assertThat(moves.eventFor(hashed("new/a2.jpg", "h1"), false)).isInstanceOf(FileMoved.class);
        assertThat(moves.eventFor(hashed("new/a3.jpg", "h1"), false)).isInstanceOf(FileDiscovered.class);
        assertThat(moves.removals(Set.of())).isEmpty();
    }

    @Test
    void aPublishedPathWhoseContentChangedIsNeverAMoveDestination() {
        MoveDetector moves = new MoveDetector(List.of(gone("a.jpg", "h1")));

        assertThat(moves.eventFor(hashed("b.jpg", "h1"), true)).isInstanceOf(FileDiscovered.class);
        assertThat(moves.removals(Set.of())).hasSize(1);
    }

    @Test
    void zeroByteFilesArePublishedLikeAnyOther() {
        MoveDetector moves = new MoveDetector(List.of());
        HashedFile empty = new HashedFile(new FileStat(at("empty.jpg"), 0, T0),
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

        assertThat(moves.eventFor(empty, false)).isInstanceOfSatisfying(FileDiscovered.class,
                d -> assertThat(d.sizeBytes()).isZero());
    }

    @Test
    void aGoneFileIsHeldBackWhileAFileOfItsSizeIsStillSettling() {
        MoveDetector moves = new MoveDetector(List.of(gone("a.jpg", "h1")));

        assertThat(moves.removals(Set.of(10L))).isEmpty();
        assertThat(moves.removals(Set.of(11L))).hasSize(1);
    }
}
