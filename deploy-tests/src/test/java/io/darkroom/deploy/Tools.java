package io.darkroom.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The repository's files and the real command-line tools the checks run. */
final class Tools {

    private Tools() {
    }

    /** The repository root: {@code -Ddarkroom.repo}, else the nearest folder above that holds {@code deploy/}. */
    static Path repo() {
        String configured = System.getProperty("darkroom.repo");
        Path start = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("");
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root with deploy/ above " + start.toAbsolutePath());
    }

    static Path deploy(String relative) {
        return repo().resolve("deploy").resolve(relative);
    }

    /** The executable on PATH (or in /usr/sbin, where Debian puts nginx), if installed. */
    static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    /** The tool, or the test is skipped with a message naming the package that brings it. */
    static Path require(String name, String debianPackage) {
        Optional<Path> tool = find(name);
        assumeTrue(tool.isPresent(), () -> name + " is not installed (Debian package " + debianPackage
                + "): skipping this check; .ci/run installs it");
        return tool.get();
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command to completion (stdout and stderr together), killing it after {@code timeoutSeconds}. */
    static Result run(Path workDir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] out;
        try (var in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " ran past " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
