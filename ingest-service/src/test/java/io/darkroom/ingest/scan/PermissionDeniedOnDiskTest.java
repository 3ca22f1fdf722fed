package io.darkroom.ingest.scan;

import static io.darkroom.ingest.scan.OnDiskLibrary.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.darkroom.events.FileEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and folders the service may not read. Root reads everything through its CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH capabilities, so under root each scenario runs in a child JVM started by {@code setpriv} with
 * those two capabilities dropped: still root, but bound by file permissions like the service's own user would be. The
 * scenarios are skipped, saying so, only where neither works.
 */
class PermissionDeniedOnDiskTest {

    @TempDir
    Path temp;

    @Test
    void anUnreadableFileIsNotPublishedAndTheOthersAre() throws Exception {
        run("unreadableFile");
    }

    @Test
    void filesUnderAFolderThatBecameUnreadableAreNotRemoved() throws Exception {
        run("unreadableFolder");
    }

    static void unreadableFile(Path base) throws Exception {
        OnDiskLibrary library = new OnDiskLibrary(base, Duration.ofMillis(100));
        write(library.family.resolve("ok.jpg"), "ok".getBytes(StandardCharsets.UTF_8));
        Path locked = write(library.family.resolve("locked.jpg"), "locked".getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));

        assertThat(library.scanUntilSettled()).extracting(FileEvent::key).containsExactly("family:ok.jpg");

        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
        assertThat(library.scanUntilSettled()).as("readable again: published by the next scan")
                .extracting(FileEvent::key).containsExactly("family:locked.jpg");
    }

    static void unreadableFolder(Path base) throws Exception {
        OnDiskLibrary library = new OnDiskLibrary(base, Duration.ofMillis(100));
        write(library.family.resolve("private/a.jpg"), "a".getBytes(StandardCharsets.UTF_8));
        write(library.family.resolve("b.jpg"), "b".getBytes(StandardCharsets.UTF_8));
        assertThat(library.scanUntilSettled()).hasSize(2);

        Path folder = library.family.resolve("private");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("---------"));
        try {
            assertThat(library.scanUntilSettled()).as("no removal for files that cannot be seen").isEmpty();
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Child JVM entry point: {@code <scenario> <folder>}; exits 0 when the scenario passed. */
    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[1]);
        if (permissionsEnforced(base)) {
            scenario(args[0], base);
            System.out.println("PASSED " + args[0]);
            System.exit(0);
        }
        System.out.println("NOT ENFORCED: this JVM still reads unreadable files");
        System.exit(3);
    }

    private void run(String scenario) throws Exception {
        Path base = temp.resolve("lib");
        Files.createDirectories(base);
        if (permissionsEnforced(base)) {
            scenario(scenario, base);
            return;
        }
        assumeTrue(setprivWorks(), "Skipped: this JVM runs as root (user " + System.getProperty("user.name")
                + "), which reads files whatever their permissions, and setpriv cannot drop that capability here;"
                + " run the tests as a non-root user to exercise permission-denied");
        Process child = new ProcessBuilder(List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dorg.jboss.logging.provider=jdk",
                PermissionDeniedOnDiskTest.class.getName(), scenario, base.toString()))
                .redirectErrorStream(true).start();
        String output;
        try (var in = child.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        assertThat(child.exitValue()).as("scenario %s without root's file capabilities:%n%s", scenario, output)
                .isZero();
        assertThat(output).contains("PASSED " + scenario);
    }

    private static void scenario(String name, Path base) throws Exception {
        switch (name) {
            case "unreadableFile" -> unreadableFile(base);
            case "unreadableFolder" -> unreadableFolder(base);
            default -> throw new IllegalArgumentException(name);
        }
    }

    private static boolean permissionsEnforced(Path folder) throws IOException {
        Path probe = Files.writeString(folder.resolve(".probe"), "x");
        try {
            Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("---------"));
            return !Files.isReadable(probe);
        } finally {
            Files.delete(probe);
        }
    }

    private static boolean setprivWorks() {
        try {
            Process probe = new ProcessBuilder("setpriv", "--bounding-set=-dac_override,-dac_read_search", "true")
                    .redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
