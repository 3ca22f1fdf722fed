package io.darkroom.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.FileLocation;
import io.darkroom.ingest.domain.RootScan.Availability;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    private static final Instant T0 = Instant.parse("2019-12-20T16:08:32Z");

    private static FileLocation at(String path) {
        return new FileLocation("family", path);
    }

    private static PublishedState published(String... paths) {
        Map<FileLocation, PublishedFile> files = new LinkedHashMap<>();
        for (String path : paths) {
            files.put(at(path), new PublishedFile(10, T0, "hash-" + path));
        }
        return PublishedState.of(files);
    }

    private static RootScan scanned(FileStat... stats) {
        Map<FileLocation, FileStat> files = new LinkedHashMap<>();
        for (FileStat stat : stats) {
            files.put(stat.location(), stat);
        }
        return new RootScan("family", Availability.AVAILABLE, true, files, List.of());
    }

    @Test
    void anUnchangedFileIsOnlyCountedAndANewOrChangedOneIsACandidate() {
        PublishedState state = published("same.jpg", "edited.jpg");

        Reconciliation.Diff diff = Reconciliation.diff(state, List.of(scanned(new FileStat(at("same.jpg"), 10, T0),
                new FileStat(at("edited.jpg"), 10, T0.plusSeconds(1)), new FileStat(at("new.jpg"), 0, T0))));

        assertThat(diff.unchanged()).isEqualTo(1);
        assertThat(diff.changed()).extracting(s -> s.location().relativePath()).containsExactly("edited.jpg", "new.jpg");
        assertThat(diff.gone()).isEmpty();
        assertThat(diff.unavailableRoots()).isEmpty();
    }

    @Test
    void aPublishedFileTheScanDidNotSeeIsGone() {
        Reconciliation.Diff diff = Reconciliation.diff(published("kept.jpg", "deleted.jpg"),
                List.of(scanned(new FileStat(at("kept.jpg"), 10, T0))));

        assertThat(diff.gone()).extracting(g -> g.location().relativePath()).containsExactly("deleted.jpg");
        assertThat(diff.gone().get(0).last().contentHash()).isEqualTo("hash-deleted.jpg");
    }

    @Test
    void anEmptyRootWhileFilesAreKnownIsUnavailableAndNothingUnderItIsGone() {
        RootScan unmounted = new RootScan("family", Availability.AVAILABLE, false, Map.of(), List.of());

        Reconciliation.Diff diff = Reconciliation.diff(published("a.jpg", "b.jpg"), List.of(unmounted));

        assertThat(diff.gone()).isEmpty();
        assertThat(diff.unavailableRoots()).containsExactly("family");
    }

    @Test
    void aMissingOrUnreadableRootIsUnavailableAndNothingUnderItIsGone() {
        for (Availability availability : List.of(Availability.MISSING, Availability.UNREADABLE)) {
            Reconciliation.Diff diff = Reconciliation.diff(published("a.jpg"),
                    List.of(RootScan.unavailable("family", availability)));

            assertThat(diff.gone()).isEmpty();
            assertThat(diff.unavailableRoots()).containsExactly("family");
        }
    }

    @Test
    void anEmptyRootWithNothingKnownIsJustAnEmptyLibrary() {
        Reconciliation.Diff diff = Reconciliation.diff(new PublishedState(),
                List.of(new RootScan("family", Availability.AVAILABLE, false, Map.of(), List.of())));

        assertThat(diff.unavailableRoots()).isEmpty();
    }

    @Test
    void aRootWithOnlyJunkLeftIsNotEmptySoDeletionsThereAreRemovals() {
        RootScan onlyJunk = new RootScan("family", Availability.AVAILABLE, true, Map.of(), List.of());

        Reconciliation.Diff diff = Reconciliation.diff(published("a.jpg"), List.of(onlyJunk));

        assertThat(diff.gone()).hasSize(1);
    }

    @Test
    void filesUnderAnUnreadableFolderAreNotGone() {
        RootScan partly = new RootScan("family", Availability.AVAILABLE, true, Map.of(), List.of("2019"));

        Reconciliation.Diff diff = Reconciliation.diff(published("2019/a.jpg", "2019x/b.jpg"), List.of(partly));

        assertThat(diff.gone()).extracting(g -> g.location().relativePath()).containsExactly("2019x/b.jpg");
    }

    @Test
    void anotherRootsFilesAreNeverGoneBecauseOfThisRoot() {
        PublishedState state = PublishedState.of(Map.of(new FileLocation("travel", "t.jpg"),
                new PublishedFile(1, T0, "h")));

        Reconciliation.Diff diff = Reconciliation.diff(state, List.of(scanned()));

        assertThat(diff.gone()).isEmpty();
    }
}
