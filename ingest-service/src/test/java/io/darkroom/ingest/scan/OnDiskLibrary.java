package io.darkroom.ingest.scan;

import io.darkroom.events.FileEvent;
import io.darkroom.ingest.IngestConfig;
import io.darkroom.ingest.domain.FileEventSink;
import io.darkroom.ingest.persistence.PublishedStateStore;
import io.darkroom.platform.library.LibraryRoots;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A library of real folders on disk and the scan engine over it, as the service wires it, with a sink that records
 * (and acknowledges) every event instead of the broker: the Kafka side is covered by the integration tests.
 */
final class OnDiskLibrary {

    record Config(Duration scanInterval, Duration settleTime, Path statePath, List<String> include,
            Optional<List<String>> exclude, int walkThreads, Optional<Integer> hashThreads, boolean watch,
            Duration publishTimeout)
            implements IngestConfig {
    }

    /** Records every event it is given and acknowledges all of them. */
    static final class RecordingSink implements FileEventSink {
        final List<FileEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public List<FileEvent> publish(List<FileEvent> batch, Duration timeout) {
            events.addAll(batch);
            return batch;
        }
    }

    final Path base;
    final Path family;
    final Path box;
    final Path state;
    final Config config;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final IngestMetrics metrics = new IngestMetrics(registry);
    final RecordingSink sink = new RecordingSink();
    ScanService service;

    OnDiskLibrary(Path base, Duration settleTime) throws IOException {
        this(base, settleTime, false);
    }

    OnDiskLibrary(Path base, Duration settleTime, boolean watch) throws IOException {
        this.base = base;
        this.family = Files.createDirectories(base.resolve("family"));
        this.box = Files.createDirectories(base.resolve("box"));
        this.state = base.resolve("state");
        this.config = new Config(Duration.ofHours(1), settleTime, state, List.of("**"), Optional.empty(), 3,
                Optional.of(2), watch, Duration.ofSeconds(10));
        restart();
    }

    /** A new engine over the same folders and state: what a service restart does. */
    void restart() {
        service = new ScanService(config, new LibraryRoots(Map.of("family", family, "box", box)),
                new PublishedStateStore(state), sink, metrics);
    }

    /**
     * One full scan, then settle checks until nothing is pending (or {@code limit} passed): what the scheduler does.
     *
     * @return the events published meanwhile
     */
    List<FileEvent> scanUntilSettled() throws Exception {
        int before = sink.events.size();
        service.scan();
        settle();
        return List.copyOf(sink.events.subList(before, sink.events.size()));
    }

    /** Settle checks until nothing is pending; the events published meanwhile. */
    List<FileEvent> settle() throws Exception {
        int before = sink.events.size();
        Instant limit = Instant.now().plusSeconds(20);
        for (Optional<Instant> due = service.nextSettleDue(); due.isPresent() && Instant.now().isBefore(limit);
                due = service.nextSettleDue()) {
            long wait = Duration.between(Instant.now(), due.get()).toMillis() + 1;
            if (wait > 0) {
                Thread.sleep(wait);
            }
            service.settlePending();
        }
        return List.copyOf(sink.events.subList(before, sink.events.size()));
    }

    double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }
}
