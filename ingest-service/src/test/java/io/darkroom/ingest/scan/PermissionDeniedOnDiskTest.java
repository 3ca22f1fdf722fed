package io.darkroom.ingest.scan;

import static io.darkroom.ingest.scan.OnDiskLibrary.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.darkroom.events.FileEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and folders the service may not read. File permissions do not stop root (CAP_DAC_OVERRIDE), so under root
 * these tests are skipped with a message saying so; they run for any other user.
 */
class PermissionDeniedOnDiskTest {

    @TempDir
    Path temp;

    private OnDiskLibrary library;

    @BeforeEach
    void requireEnforcedPermissions() throws Exception {
        Path probe = Files.writeString(temp.resolve("probe"), "x");
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("---------"));
        boolean enforced = !Files.isReadable(probe);
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-------"));
        assumeTrue(enforced, "Skipped: this JVM runs as root (user " + System.getProperty("user.name")
                + "), which reads files whatever their permissions, so permission-denied cannot be produced here;"
                + " run the tests as a non-root user to exercise it");
        library = new OnDiskLibrary(temp.resolve("lib"), Duration.ofMillis(100));
    }

    @AfterEach
    void restorePermissions() throws Exception {
        if (library != null) {
            for (Path p : List.of(library.family.resolve("private"), library.family.resolve("locked.jpg"))) {
                if (Files.exists(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
                }
            }
        }
    }

    @Test
    void anUnreadableFileIsNotPublishedAndTheOthersAre() throws Exception {
        write(library.family.resolve("ok.jpg"), "ok".getBytes(StandardCharsets.UTF_8));
        Path locked = write(library.family.resolve("locked.jpg"), "locked".getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));

        assertThat(library.scanUntilSettled()).extracting(FileEvent::key).containsExactly("family:ok.jpg");
    }

    @Test
    void filesUnderAFolderThatBecameUnreadableAreNotRemoved() throws Exception {
        write(library.family.resolve("private/a.jpg"), "a".getBytes(StandardCharsets.UTF_8));
        write(library.family.resolve("b.jpg"), "b".getBytes(StandardCharsets.UTF_8));
        assertThat(library.scanUntilSettled()).hasSize(2);

        Files.setPosixFilePermissions(library.family.resolve("private"), PosixFilePermissions.fromString("---------"));

        assertThat(library.scanUntilSettled()).isEmpty();
    }
}
