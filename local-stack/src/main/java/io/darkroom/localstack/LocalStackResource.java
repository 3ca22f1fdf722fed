package io.darkroom.localstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Real Kafka and MariaDB for {@code @QuarkusTest}s: {@code @WithTestResource(LocalStackResource.class)} (or
 * {@code @QuarkusTestResource}). One stack per test JVM, shared by every test class that names this resource
 * (the first start costs ~15 s), on free ports with data in a temporary folder; a shutdown hook stops it when the
 * JVM exits. Supplies {@code kafka.bootstrap.servers}, {@code quarkus.datasource.reactive.url},
 * {@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.username}, {@code quarkus.datasource.password}.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    /**
     * A failed start is tried again on new ports in a new folder, and each failure is printed with its reason: a
     * start that fails lets every test class on this stack fail (one CI run lost TranscodeServiceIT so, its reason
     * not in the log CI kept; the port check race that {@code Ports.PROBE_OR_SPAWN} closes is the likely one).
     */
    static final int START_ATTEMPTS = 2;

    private static LocalStack shared;

    /** The stack of this JVM, started on first use; tests may use it for their own clients. */
    public static synchronized LocalStack localStack() {
        if (shared == null) {
            shared = firstThatStarts(START_ATTEMPTS, LocalStackResource::startInTempDir);
        }
        return shared;
    }

    private static LocalStack startInTempDir() {
        Path dataDir = createTempDir();
        try {
            LocalStack stack = LocalStack.start(LocalStackConfig.freePorts(dataDir));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stack.close();
                deleteQuietly(dataDir);
            }, "local-stack-shutdown"));
            return stack;
        } catch (RuntimeException e) {
            deleteQuietly(dataDir);
            throw e;
        }
    }

    /** The first result of up to {@code attempts} calls; the last failure carries the earlier ones as suppressed. */
    static <T> T firstThatStarts(int attempts, Supplier<T> start) {
        RuntimeException failures = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return start.get();
            } catch (RuntimeException e) {
                System.err.printf("local-stack: start %d of %d failed: %s%n", attempt, attempts, e.getMessage());
                if (failures != null) {
                    e.addSuppressed(failures);
                }
                failures = e;
            }
        }
        throw failures;
    }

    @Override
    public Map<String, String> start() {
        return localStack().quarkusProperties();
    }

    /** Nothing: the stack outlives one test class so the next one does not wait for it again. */
    @Override
    public void stop() {
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("darkroom-local-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder; the OS cleans up what is left
        }
    }
}
