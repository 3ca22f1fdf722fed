package io.darkroom.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Storage faults the way an administrator meets them: a tmpfs of a fixed size, a read-only bind mount. Needs
 * {@code mount}, which only root (or CAP_SYS_ADMIN) may run: each call answers why it could not, so a test can skip
 * itself saying so. Whatever was mounted is unmounted on {@link #close()}, last first.
 */
final class Mounts implements AutoCloseable {

    private final Deque<Path> mounted = new ArrayDeque<>();

    /** {@code mount -t tmpfs -o size=<size> tmpfs <folder>}; empty when it worked, else why not. */
    Optional<String> tmpfs(Path folder, String size) {
        return mount(folder, "mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", folder.toString());
    }

    /** {@code folder} seen again at {@code view} (a bind mount), writable whatever becomes of {@code folder}. */
    Optional<String> bind(Path folder, Path view) {
        return mount(view, "mount", "--bind", folder.toString(), view.toString());
    }

    /** {@code folder} becomes read-only: a bind mount of itself, remounted read-only. */
    Optional<String> readOnly(Path folder) {
        Optional<String> refused = mount(folder, "mount", "--bind", folder.toString(), folder.toString());
        if (refused.isPresent()) {
            return refused;
        }
        Optional<String> remount = run("mount", "-o", "remount,bind,ro", folder.toString());
        if (remount.isPresent()) {
            unmount(folder);
        }
        return remount;
    }

    /** Remounts the file system at {@code folder} (mounted here) with {@code options}, e.g. {@code ro} or {@code rw}. */
    void remount(Path folder, String options) {
        run("mount", "-o", "remount," + options, folder.toString()).ifPresent(why -> {
            throw new IllegalStateException("remount " + options + " " + folder + ": " + why);
        });
    }

    void unmount(Path folder) {
        if (!mounted.remove(folder)) {
            return;
        }
        Optional<String> refused = run("umount", folder.toString());
        if (refused.isPresent()) {
            // a process still has a file open there: detach now, the kernel frees it when they close
            run("umount", "-l", folder.toString()).ifPresent(why -> {
                throw new IllegalStateException("umount " + folder + ": " + why);
            });
        }
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        while (!mounted.isEmpty()) {
            try {
                unmount(mounted.peekLast());
            } catch (RuntimeException e) {
                failures.add(e);
                mounted.pollLast();
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private Optional<String> mount(Path folder, String... command) {
        Optional<String> refused = run(command);
        if (refused.isEmpty()) {
            mounted.addLast(folder);
        }
        return refused;
    }

    /** Runs the command; empty when it exited 0, else its exit code and output. */
    private static Optional<String> run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of(String.join(" ", command) + " did not finish in 30 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? Optional.empty()
                    : Optional.of(String.join(" ", command) + " exited " + process.exitValue() + ": " + output);
        } catch (IOException e) {
            return Optional.of(String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
