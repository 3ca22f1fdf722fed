package io.darkroom.ingest.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.ingest.domain.PathFilter;
import io.darkroom.ingest.domain.RootScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryWalkerTest {

    @TempDir
    Path temp;

    private final LibraryWalker walker = new LibraryWalker(PathFilter.acceptingAll());

    @Test
    void findsContentSkipsJunkAndNeverFollowsSymlinks() throws Exception {
        Path root = Files.createDirectories(temp.resolve("family"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.jpg"), "x");
        Files.createDirectories(root.resolve("2019/@eaDir"));
        Files.writeString(root.resolve("2019/a.jpg"), "abc");
        Files.writeString(root.resolve("2019/@eaDir/a.jpg"), "thumb");
        Files.writeString(root.resolve("2019/.DS_Store"), "x");
        Files.writeString(root.resolve("2019/b.jpg.part"), "x");
        Files.write(root.resolve("empty.jpg"), new byte[0]);
        Files.createSymbolicLink(root.resolve("link-out"), outside);
        Files.createSymbolicLink(root.resolve("link.jpg"), root.resolve("2019/a.jpg"));

        RootScan scan = walker.walk("family", root);

        assertThat(scan.availability()).isEqualTo(RootScan.Availability.AVAILABLE);
        assertThat(scan.hasEntries()).isTrue();
        assertThat(scan.files().keySet()).extracting(l -> l.relativePath()).containsExactlyInAnyOrder("2019/a.jpg",
                "empty.jpg");
        assertThat(scan.files().values()).filteredOn(s -> s.location().relativePath().equals("2019/a.jpg"))
                .singleElement().satisfies(s -> assertThat(s.sizeBytes()).isEqualTo(3));
    }

    @Test
    void aParallelWalkFindsTheSameAndFollowsNoLinkAtAnyDepth() throws Exception {
        Path root = Files.createDirectories(temp.resolve("family"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.jpg"), "x");
        for (String folder : List.of("2019", "2020/summer", "2020/winter/deep")) {
            Files.createDirectories(root.resolve(folder));
            Files.writeString(root.resolve(folder + "/a b é.jpg"), folder);
        }
        Files.writeString(root.resolve("top.jpg"), "top");
        Files.createSymbolicLink(root.resolve("2020/winter/link-out"), outside);
        Files.createSymbolicLink(root.resolve("2020/link.jpg"), outside.resolve("secret.jpg"));

        RootScan serial = walker.walk("family", root);
        RootScan parallel = new LibraryWalker(PathFilter.acceptingAll(), 3).walk("family", root);

        assertThat(parallel.files().keySet()).extracting(l -> l.relativePath()).containsExactlyInAnyOrder(
                "top.jpg", "2019/a b é.jpg", "2020/summer/a b é.jpg", "2020/winter/deep/a b é.jpg");
        assertThat(parallel.files()).isEqualTo(serial.files());
        assertThat(parallel.unreadablePaths()).isEmpty();
    }

    @Test
    void tellsAMissingRootFromAnEmptyOne() throws Exception {
        assertThat(walker.walk("family", temp.resolve("nope")).availability()).isEqualTo(RootScan.Availability.MISSING);

        RootScan empty = walker.walk("family", Files.createDirectories(temp.resolve("mountpoint")));
        assertThat(empty.availability()).isEqualTo(RootScan.Availability.AVAILABLE);
        assertThat(empty.hasEntries()).isFalse();
    }
}
