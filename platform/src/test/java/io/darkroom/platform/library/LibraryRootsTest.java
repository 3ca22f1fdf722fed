package io.darkroom.platform.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.darkroom.events.FileLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryRootsTest {

    @TempDir
    Path temp;

    @Test
    void locationsRoundTripThroughFiles() throws IOException {
        Path root = Files.createDirectories(temp.resolve("photos"));
        LibraryRoots roots = new LibraryRoots(Map.of("family", root));
        Path file = root.resolve("2019/december/IMG_1.jpg");

        FileLocation location = roots.locate(file).orElseThrow();

        assertThat(location).isEqualTo(new FileLocation("family", "2019/december/IMG_1.jpg"));
        assertThat(roots.resolve(location)).isEqualTo(file);
    }

    @Test
    void dotDotCannotLeaveTheRoot() throws IOException {
        Path root = Files.createDirectories(temp.resolve("photos"));
        LibraryRoots roots = new LibraryRoots(Map.of("family", root));

        assertThatThrownBy(() -> roots.resolve(new FileLocation("family", "../secret.txt")))
                .isInstanceOf(LibraryRoots.OutsideRootException.class);
        assertThatThrownBy(() -> roots.resolve(new FileLocation("family", "a/../../b")))
                .isInstanceOf(LibraryRoots.OutsideRootException.class);
    }

    @Test
    void aSymlinkPointingOutsideIsRefusedForReading() throws IOException {
        Path root = Files.createDirectories(temp.resolve("photos"));
        Path secret = Files.writeString(temp.resolve("secret.txt"), "not a photo");
        Files.createSymbolicLink(root.resolve("link.jpg"), secret);
        LibraryRoots roots = new LibraryRoots(Map.of("family", root));

        assertThatThrownBy(() -> roots.resolveForReading(new FileLocation("family", "link.jpg")))
                .isInstanceOf(LibraryRoots.OutsideRootException.class);
    }

    @Test
    void unknownRootsAndFilesOutsideEveryRootAreNamed() throws IOException {
        LibraryRoots roots = new LibraryRoots(Map.of("family", Files.createDirectories(temp.resolve("photos"))));

        assertThatThrownBy(() -> roots.resolve(new FileLocation("work", "a.jpg")))
                .hasMessageContaining("Unknown library root 'work'");
        assertThat(roots.locate(temp.resolve("elsewhere/a.jpg"))).isEmpty();
    }

    @Test
    void aRootIsUnavailableWhenGoneOrEmptyNotWhenOneFileIsMissing() throws IOException {
        Path root = Files.createDirectories(temp.resolve("photos"));
        LibraryRoots roots = new LibraryRoots(Map.of("family", root));

        assertThat(roots.isUnavailable("family")).as("an empty mount point").isTrue();
        Files.writeString(root.resolve("a.jpg"), "x");
        assertThat(roots.isUnavailable("family")).as("a file missing under a present root").isFalse();
        Files.move(root, temp.resolve("unmounted"));
        assertThat(roots.isUnavailable("family")).as("the folder gone").isTrue();
        Files.writeString(root, "a file where the folder was");
        assertThat(roots.isUnavailable("family")).isTrue();
    }
}
