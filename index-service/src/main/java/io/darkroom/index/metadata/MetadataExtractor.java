package io.darkroom.index.metadata;

import io.darkroom.events.FailureKind;
import io.darkroom.events.FileLocation;
import io.darkroom.index.IndexConfig;
import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.Failure;
import io.darkroom.index.domain.FailureClassifier;
import io.darkroom.index.domain.TakenAtResolver;
import io.darkroom.platform.library.LibraryConfig;
import io.darkroom.platform.library.LibraryRoots;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Reads originals on a bounded, named pool ({@code index-extraction-N}), never on the event loop, with a hard
 * timeout: a file that takes too long is reported TOO_LARGE and its task is interrupted.
 */
@Startup // a missing library root fails the start, not every record
@ApplicationScoped
public class MetadataExtractor {

    /** Timer of one file's extraction (Prometheus: {@code darkroom_index_extraction_seconds}). */
    public static final String EXTRACTION_TIMER = "darkroom.index.extraction";

    private final LibraryRoots roots;
    private final BiFunction<Path, String, Extraction> reader;
    private final ThreadPoolExecutor pool;
    private final Duration timeout;
    private final Timer timer;

    @Inject
    public MetadataExtractor(IndexConfig config, LibraryConfig library, MeterRegistry registry) {
        this(LibraryRoots.from(library), new MediaReader(new TakenAtResolver(config.defaultZone()),
                config.extraction().maxBytesRead())::read,
                config.extraction(), registry);
    }

    MetadataExtractor(LibraryRoots roots, BiFunction<Path, String, Extraction> reader,
            IndexConfig.Extraction config, MeterRegistry registry) {
        this.roots = roots;
        this.reader = reader;
        this.timeout = config.timeout();
        this.pool = new ThreadPoolExecutor(config.threads(), config.threads(), 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(config.queueSize()), named("index-extraction-"));
        this.pool.allowCoreThreadTimeOut(true);
        this.timer = Timer.builder(EXTRACTION_TIMER)
                .description("Time to read one original's metadata")
                .register(registry);
    }

    /**
     * Reads the file at {@code location}. Emits on a pool thread: callers that touch the database must hop
     * back to their Vert.x context. Fails only for infrastructure trouble (the pool is full, an I/O error on a
     * file that exists) and for a location outside its root (IllegalArgumentException, permanent).
     */
    public Uni<Extraction> extract(FileLocation location) {
        return Uni.createFrom().emitter(emitter -> {
            CompletableFuture<Extraction> result = new CompletableFuture<>();
            Future<?> task = pool.submit(() -> {
                // The timer stops before the result is handed over, so whoever sees the result sees it timed.
                Timer.Sample sample = Timer.start();
                Extraction extraction;
                try {
                    extraction = read(location);
                } catch (Throwable t) {
                    sample.stop(timer);
                    result.completeExceptionally(t);
                    return;
                }
                sample.stop(timer);
                result.complete(extraction);
            });
            result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((extraction, failure) -> {
                if (failure instanceof TimeoutException) {
                    task.cancel(true);
                    emitter.complete(new Extraction.Unreadable(FailureClassifier.timedOut(timeout)));
                } else if (failure != null) {
                    emitter.fail(failure);
                } else {
                    emitter.complete(extraction);
                }
            });
            emitter.onTermination(() -> task.cancel(true));
        });
    }

    private Extraction read(FileLocation location) throws IOException {
        Extraction extraction;
        try {
            extraction = reader.apply(roots.resolveForReading(location), location.fileName());
        } catch (NoSuchFileException e) {
            extraction = new Extraction.Vanished();
        }
        // Under a root that is out of reach (unmounted, gone, empty) a missing file is not removed: dropping it
        // would lose it, as ingest does not announce it again. Catalogued as failed with the reason, it shows,
        // and a retry reads it once the root is back.
        if (extraction instanceof Extraction.Vanished && roots.isUnavailable(location.root())) {
            return new Extraction.Unreadable(new Failure(FailureKind.TRANSIENT,
                    LibraryRoots.outOfReachReason(location.root())));
        }
        return extraction;
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
