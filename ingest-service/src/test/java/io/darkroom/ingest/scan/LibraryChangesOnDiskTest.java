package io.darkroom.ingest.scan;

import static io.darkroom.ingest.scan.OnDiskLibrary.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileEvent;
import io.darkroom.events.FileLocation;
import io.darkroom.events.FileMoved;
import io.darkroom.events.FileRemoved;
import io.darkroom.ingest.domain.ScanScope;
import io.darkroom.platform.storage.ContentHash;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list of file-system changes, made to real files in real folders, through the scan engine as the service
 * runs it (full scans, settle checks, folder scans), with every published event recorded.
 */
class LibraryChangesOnDiskTest {

    @TempDir
    Path temp;

    private OnDiskLibrary library;

    @BeforeEach
    void createLibrary() throws Exception {
        library = new OnDiskLibrary(temp, Duration.ofMillis(200));
    }

    private static FileLocation family(String path) {
        return new FileLocation("family", path);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void newFilesWithSpacesUnicodeNewlinesAndZeroBytesArePublishedOnceWithTheirHash() throws Exception {
        write(library.family.resolve("2019/IMG 0001 (copy).jpg"), bytes("spaces"));
        write(library.family.resolve("Ünïcødé/日本の写真.jpg"), bytes("unicode"));
        write(library.family.resolve("line\nbreak.jpg"), bytes("newline"));
        write(library.family.resolve("empty.jpg"), new byte[0]);
        write(library.family.resolve("2019/.DS_Store"), bytes("junk"));
        write(library.family.resolve("2019/upload.jpg.part"), bytes("junk"));

        List<FileEvent> events = library.scanUntilSettled();

        assertThat(events).allMatch(FileDiscovered.class::isInstance)
                .extracting(FileEvent::key).containsExactlyInAnyOrder("family:2019/IMG 0001 (copy).jpg",
                        "family:Ünïcødé/日本の写真.jpg", "family:line\nbreak.jpg", "family:empty.jpg");
        FileDiscovered unicode = (FileDiscovered) events.stream()
                .filter(e -> e.key().equals("family:Ünïcødé/日本の写真.jpg")).findFirst().orElseThrow();
        assertThat(unicode.contentHash()).isEqualTo(ContentHash.of(bytes("unicode")));
        assertThat(unicode.sizeBytes()).isEqualTo(7);
        FileDiscovered empty = (FileDiscovered) events.stream().filter(e -> e.key().equals("family:empty.jpg"))
                .findFirst().orElseThrow();
        assertThat(empty.sizeBytes()).isZero();
        assertThat(empty.contentHash()).isEqualTo(ContentHash.of(new byte[0]));

        // an unchanged library is only stat'ed: nothing hashed, nothing published
        ScanService.ScanReport rescan = library.service.scan();
        assertThat(rescan.hashed()).isZero();
        assertThat(rescan.unchanged()).isEqualTo(4);
        assertThat(library.service.nextSettleDue()).isEmpty();
        assertThat(library.scanUntilSettled()).isEmpty();
    }

    @Test
    void aModifiedFileIsPublishedAgainAtTheSamePathWithItsNewHash() throws Exception {
        Path photo = write(library.family.resolve("a.jpg"), bytes("first"));
        library.scanUntilSettled();

        Files.write(photo, bytes("second version"));
        Files.setLastModifiedTime(photo, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        List<FileEvent> events = library.scanUntilSettled();

        assertThat(events).singleElement().isInstanceOfSatisfying(FileDiscovered.class, d -> {
            assertThat(d.location()).isEqualTo(family("a.jpg"));
            assertThat(d.contentHash()).isEqualTo(ContentHash.of(bytes("second version")));
        });
    }

    @Test
    void aRenamedFileAndAFileMovedToAnotherFolderAreMovesNotRemovalsAndDiscoveries() throws Exception {
        write(library.family.resolve("inbox/IMG_1.jpg"), bytes("one"));
        write(library.family.resolve("inbox/IMG_2.jpg"), bytes("two"));
        library.scanUntilSettled();

        Files.move(library.family.resolve("inbox/IMG_1.jpg"), library.family.resolve("inbox/Birthday.jpg"));
        Files.createDirectories(library.family.resolve("2019/12"));
        Files.move(library.family.resolve("inbox/IMG_2.jpg"), library.family.resolve("2019/12/IMG_2.jpg"));
        List<FileEvent> events = library.scanUntilSettled();

        assertThat(events).hasSize(2).allMatch(FileMoved.class::isInstance);
        assertThat(events).extracting(e -> ((FileMoved) e).from().relativePath() + " -> " + ((FileMoved) e).to()
                .relativePath()).containsExactlyInAnyOrder("inbox/IMG_1.jpg -> inbox/Birthday.jpg",
                        "inbox/IMG_2.jpg -> 2019/12/IMG_2.jpg");
        assertThat(library.service.published()).containsOnlyKeys(family("inbox/Birthday.jpg"),
                family("2019/12/IMG_2.jpg"));
    }

    @Test
    void aFileMovedIntoAFolderIsAMoveEvenWhenOnlyThatFolderIsScanned() throws Exception {
        write(library.family.resolve("inbox/IMG_1.jpg"), bytes("one"));
        library.scanUntilSettled();

        Files.createDirectories(library.family.resolve("2020"));
        Files.move(library.family.resolve("inbox/IMG_1.jpg"), library.family.resolve("2020/IMG_1.jpg"));
        library.service.scan(List.of(new ScanScope("family", "2020", false)));
        List<FileEvent> events = library.settle();

        assertThat(events).singleElement().isInstanceOfSatisfying(FileMoved.class, m -> {
            assertThat(m.from()).isEqualTo(family("inbox/IMG_1.jpg"));
            assertThat(m.to()).isEqualTo(family("2020/IMG_1.jpg"));
        });
    }

    @Test
    void aDeletedFileIsRemovedOnlyOnceAFullScanConfirmsIt() throws Exception {
        write(library.family.resolve("2019/a.jpg"), bytes("a"));
        write(library.family.resolve("2019/b.jpg"), bytes("b"));
        library.scanUntilSettled();

        Files.delete(library.family.resolve("2019/a.jpg"));
        library.service.scan(List.of(new ScanScope("family", "2019", true)));
        assertThat(library.settle()).as("a folder scan never publishes removals").isEmpty();

        List<FileEvent> events = library.scanUntilSettled();

        assertThat(events).singleElement().isInstanceOfSatisfying(FileRemoved.class, r -> {
            assertThat(r.location()).isEqualTo(family("2019/a.jpg"));
            assertThat(r.contentHash()).isEqualTo(ContentHash.of(bytes("a")));
        });
    }

    @Test
    void aCopyIsADuplicateDiscoveryAndTheOriginalStaysPublished() throws Exception {
        Path original = write(library.family.resolve("2019/a.jpg"), bytes("same content"));
        library.scanUntilSettled();

        Files.createDirectories(library.family.resolve("backup"));
        Files.copy(original, library.family.resolve("backup/a copy.jpg"));
        List<FileEvent> events = library.scanUntilSettled();

        assertThat(events).singleElement().isInstanceOfSatisfying(FileDiscovered.class, d -> {
            assertThat(d.location()).isEqualTo(family("backup/a copy.jpg"));
            assertThat(d.contentHash()).isEqualTo(ContentHash.of(bytes("same content")));
        });
        assertThat(library.service.published()).containsKeys(family("2019/a.jpg"), family("backup/a copy.jpg"));
        assertThat(library.gauge("darkroom.ingest.files.duplicate")).isEqualTo(1.0);

        // one of the two copies deleted: a removal, the other copy stays; no longer a duplicate
        Files.delete(original);
        assertThat(library.scanUntilSettled()).singleElement().isInstanceOf(FileRemoved.class);
        assertThat(library.gauge("darkroom.ingest.files.duplicate")).isZero();
    }

    @Test
    void aFileCopiedInSlowlyIsPublishedOnceAfterItSettledWithItsFinalContent() throws Exception {
        library = new OnDiskLibrary(temp.resolve("slow"), Duration.ofMillis(600));
        Path target = library.family.resolve("incoming/clip.mp4");
        Files.createDirectories(target.getParent());
        byte[] chunk = new byte[4096];
        java.util.Arrays.fill(chunk, (byte) 7);
        int chunks = 25; // one every 120 ms: three seconds of writing
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                for (int i = 0; i < chunks; i++) {
                    out.write(chunk);
                    out.flush();
                    Thread.sleep(120);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        while (writer.isAlive()) {
            library.service.scan();
            library.service.settlePending();
            assertThat(library.sink.events).as("nothing is published while the file grows").isEmpty();
            Thread.sleep(150);
        }
        writer.join();
        List<FileEvent> events = library.scanUntilSettled();
        String finalHash = ContentHash.of(target);

        assertThat(events).singleElement().isInstanceOfSatisfying(FileDiscovered.class, d -> {
            assertThat(d.sizeBytes()).isEqualTo(4096L * chunks);
            assertThat(d.contentHash()).isEqualTo(finalHash);
        });
    }

    @Test
    void aRootThatDisappearsOrIsEmptiedPublishesNoRemovalsAndRaisesTheAlert() throws Exception {
        write(library.box.resolve("a.jpg"), bytes("a"));
        write(library.box.resolve("sub/b.jpg"), bytes("b"));
        write(library.family.resolve("f.jpg"), bytes("f"));
        library.scanUntilSettled();
        assertThat(library.gauge("darkroom.ingest.root.unavailable", "root", "box")).isZero();
        assertThat(library.gauge("darkroom.ingest.files.known")).isEqualTo(3);

        // the mount is gone altogether
        Path aside = Files.move(library.box, temp.resolve("box-unmounted"));
        assertThat(library.scanUntilSettled()).isEmpty();
        assertThat(library.gauge("darkroom.ingest.root.unavailable", "root", "box")).isEqualTo(1.0);
        assertThat(library.gauge("darkroom.ingest.files.known")).isEqualTo(1);

        // an empty mount point (unmounted Storage Box)
        Files.createDirectories(library.box);
        assertThat(library.scanUntilSettled()).isEmpty();
        assertThat(library.gauge("darkroom.ingest.root.unavailable", "root", "box")).isEqualTo(1.0);

        // mounted again: nothing to publish, the alert clears
        Files.delete(library.box);
        Files.move(aside, library.box);
        assertThat(library.scanUntilSettled()).isEmpty();
        assertThat(library.gauge("darkroom.ingest.root.unavailable", "root", "box")).isZero();
        assertThat(library.gauge("darkroom.ingest.files.known")).isEqualTo(3);
    }

    @Test
    void aSymlinkOutOfTheRootIsNeverFollowed() throws Exception {
        Path outside = write(temp.resolve("outside/secret.jpg"), bytes("secret"));
        Files.createSymbolicLink(library.family.resolve("link-to-outside"), outside.getParent());
        Files.createSymbolicLink(library.family.resolve("secret.jpg"), outside);
        write(library.family.resolve("real.jpg"), bytes("real"));

        assertThat(library.scanUntilSettled()).extracting(FileEvent::key).containsExactly("family:real.jpg");
        library.service.scan(List.of(new ScanScope("family", "link-to-outside", true)));
        assertThat(library.settle()).isEmpty();
    }

    @Test
    void theStateSurvivesARestartAndOnlyWhatChangedMeanwhileIsPublished() throws Exception {
        write(library.family.resolve("kept.jpg"), bytes("kept"));
        write(library.family.resolve("deleted.jpg"), bytes("deleted"));
        write(library.family.resolve("moved.jpg"), bytes("moved"));
        assertThat(library.scanUntilSettled()).hasSize(3);

        // the service is down while the library changes
        Files.delete(library.family.resolve("deleted.jpg"));
        Files.createDirectories(library.family.resolve("album"));
        Files.move(library.family.resolve("moved.jpg"), library.family.resolve("album/moved.jpg"));
        write(library.family.resolve("added.jpg"), bytes("added"));
        library.restart();

        List<FileEvent> events = library.scanUntilSettled();

        assertThat(events).extracting(e -> e.getClass().getSimpleName() + " " + e.key()).containsExactlyInAnyOrder(
                "FileRemoved family:deleted.jpg", "FileMoved family:album/moved.jpg", "FileDiscovered family:added.jpg");
        assertThat(library.sink.events).filteredOn(e -> e.key().equals("family:kept.jpg")).hasSize(1);

        library.restart();
        ScanService.ScanReport afterSecondRestart = library.service.scan();
        assertThat(afterSecondRestart.hashed()).isZero();
        assertThat(afterSecondRestart.unchanged()).isEqualTo(3);
    }
}
