package io.darkroom.index.messaging;

import io.darkroom.events.FailureKind;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.index.persistence.CatalogOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of indexing outcomes. Prometheus: {@code darkroom_index_files_indexed_total},
 * {@code darkroom_index_files_failed_total{kind="EMPTY|CORRUPT|UNSUPPORTED|TOO_LARGE|TRANSIENT"}}, and for the
 * batched file-event writes {@code darkroom_index_batch_events} (events per committed batch transaction: count,
 * sum, max), {@code darkroom_index_batch_write_seconds} (that transaction's time) and
 * {@code darkroom_index_batch_fallbacks_total} (batches written one event at a time instead).
 */
@ApplicationScoped
public class IndexMetrics {

    public static final String INDEXED = "darkroom.index.files.indexed";
    public static final String FAILED = "darkroom.index.files.failed";
    public static final String BATCH_EVENTS = "darkroom.index.batch.events";
    public static final String BATCH_FALLBACKS = "darkroom.index.batch.fallbacks";
    public static final String BATCH_WRITE = "darkroom.index.batch.write";

    private final Counter indexed;
    private final Map<FailureKind, Counter> failed = new EnumMap<>(FailureKind.class);
    private final DistributionSummary batchEvents;
    private final Counter batchFallbacks;
    private final Timer batchWrite;

    public IndexMetrics(MeterRegistry registry) {
        this.indexed = Counter.builder(INDEXED).description("Originals catalogued").register(registry);
        for (FailureKind kind : FailureKind.values()) {
            failed.put(kind, Counter.builder(FAILED).description("Originals that could not be catalogued")
                    .tag("kind", kind.name()).register(registry));
        }
        this.batchEvents = DistributionSummary.builder(BATCH_EVENTS)
                .description("File events written in one committed transaction").register(registry);
        this.batchWrite = Timer.builder(BATCH_WRITE)
                .description("Time of one batch's catalog transaction, from its first statement to the commit")
                .register(registry);
        this.batchFallbacks = Counter.builder(BATCH_FALLBACKS)
                .description("Batches of file events written one event at a time after failing as a whole")
                .register(registry);
    }

    public void batchWritten(int events, long nanos) {
        batchEvents.record(events);
        batchWrite.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void batchFellBack() {
        batchFallbacks.increment();
    }

    /** Counts a freshly indexed file (not a replay of a redelivered event). */
    public void count(CatalogOutcome outcome) {
        switch (outcome.result()) {
            case INDEXED -> indexed.increment();
            case FAILED -> outcome.toAnnounce()
                    .filter(ProcessingFailed.class::isInstance)
                    .map(event -> ((ProcessingFailed) event).kind())
                    .ifPresent(kind -> failed.get(kind).increment());
            default -> {
            }
        }
    }
}
