package io.darkroom.index.messaging;

import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileEvent;
import io.darkroom.events.FileLocation;
import io.darkroom.events.FileMoved;
import io.darkroom.events.FileRemoved;
import io.darkroom.index.IndexConfig;
import io.darkroom.index.domain.Extraction;
import io.darkroom.index.metadata.MetadataExtractor;
import io.darkroom.index.persistence.CatalogOutcome;
import io.darkroom.index.persistence.CatalogService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code media.files.v1}: catalogues discovered files, follows moves, marks removed files missing.
 *
 * <p>Records arrive a poll at a time and are written {@code darkroom.index.batch.size} at a time: the batch's files
 * are read on the extraction pool (bounded, each read under the per-file timeout and byte cap), then every event's
 * change goes into ONE transaction, in record order, each event still checked against and recorded in the
 * processed-event table; after the commit the announcements are published and, once the broker took them, the
 * batch is acknowledged (so its offsets can be committed). Batches are written one at a time, in order: the
 * topic is keyed by location, so the events of one path are applied in the order ingest saw them. A poll's files
 * are read while the poll before is still being written (reading a file does not depend on the catalog; which
 * events are recorded already is checked again inside the write); the next poll is taken once both are done.
 *
 * <p>A record that is not a file event is dead-lettered on its own. If anything else fails for a batch (a file
 * that cannot be reached, a row the database refuses, the broker), the batch's events are handled again one per
 * transaction, with retries, exactly as without batching: the record that fails goes to the dead-letter topic
 * with its reason and the others are catalogued.
 */
@ApplicationScoped
public class FileEventConsumer {

    private static final Logger LOG = Logger.getLogger(FileEventConsumer.class);

    private final EventReader reader;
    private final MetadataExtractor extractor;
    private final CatalogService catalog;
    private final CatalogPublisher publisher;
    private final IndexMetrics metrics;
    private final Retries retries;
    private final int batchSize;
    private final int readsInFlight;
    /** Completes when the last poll taken is written (or given up): the next poll's write waits for it. */
    private volatile CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);
    /** The event ids of the last poll taken: the only ones a read-ahead's look-up may have seen unrecorded. */
    private volatile Set<UUID> lastPoll = Set.of();

    public FileEventConsumer(EventReader reader, MetadataExtractor extractor, CatalogService catalog,
            CatalogPublisher publisher, IndexMetrics metrics, Retries retries, IndexConfig config) {
        this.reader = reader;
        this.extractor = extractor;
        this.catalog = catalog;
        this.publisher = publisher;
        this.metrics = metrics;
        this.retries = retries;
        this.batchSize = Math.max(1, config.batch().size());
        // Each extraction thread has its next file queued, so none idles while a result hops back; never more
        // than the pool's queue holds, which would be refused.
        IndexConfig.Extraction extraction = config.extraction();
        this.readsInFlight = extraction.threads() + Math.min(extraction.threads(), extraction.queueSize());
    }

    /**
     * The returned Uni never fails; it completes when this poll's files are read and the poll before is written.
     * This poll is written after that: each record catalogued or dead-lettered (nacked) on its own, then the batch
     * acknowledged. Should a record be neither (the dead-letter topic unreachable), the batch stays
     * unacknowledged, its offsets are not committed, and the channel's health check reports it.
     */
    @Incoming("files-in")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        // The context is taken when the Uni is subscribed: that one is the safe (isolated) Vert.x sub-context that
        // Hibernate Reactive requires; the thread that calls this method may be on another.
        return Uni.createFrom().deferred(() -> consume(batch, Retries.currentContext()));
    }

    /**
     * Reads this poll's files now, while the poll before is written; queues this poll's write after that one. The
     * returned Uni completes when both are done, so at most one poll is read ahead of the write in progress.
     */
    private Uni<Void> consume(KafkaRecordBatch<String, String> batch, Executor context) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        List<Parsed> parsed = records.stream().map(this::parse).toList();
        CompletableFuture<ReadAhead> read = readAhead(parsed).subscribeAsCompletionStage();
        // Every poll before the last one is written: only the last one's events can be recorded after the look-up.
        Set<UUID> unsure = new HashSet<>(lastPoll);
        lastPoll = ids(parsed);
        CompletableFuture<Void> before = lastWrite;
        CompletableFuture<Void> written = new CompletableFuture<>();
        lastWrite = written;
        Uni.createFrom().completionStage(before)
                .chain(() -> Uni.createFrom().completionStage(read))
                .chain(ahead -> write(batch, parsed, ahead, unsure, context))
                .subscribe().with(done -> written.complete(null), failure -> written.complete(null));
        return Uni.createFrom().completionStage(CompletableFuture.allOf(before, read)).emitOn(context);
    }

    /** The poll's chunks one after the other, then its acknowledgement; never fails. */
    private Uni<Void> write(KafkaRecordBatch<String, String> batch, List<Parsed> parsed, ReadAhead ahead,
            Set<UUID> unsure, Executor context) {
        Uni<Void> all = Uni.createFrom().voidItem();
        Set<UUID> earlier = new HashSet<>(unsure); // and each chunk's events, for the chunks after it
        for (int from = 0; from < parsed.size(); from += batchSize) {
            List<Parsed> chunk = parsed.subList(from, Math.min(parsed.size(), from + batchSize));
            Set<UUID> ids = ids(chunk);
            boolean recheck = ahead.done() == null || ids.stream().anyMatch(earlier::contains);
            earlier.addAll(ids);
            all = all.chain(() -> consumeChunk(chunk, ahead, recheck, context));
        }
        // The batch's ack acknowledges each partition's last record: the offsets the commit strategy tracks.
        return all.chain(() -> Uni.createFrom().completionStage(batch::ack))
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf(failure, "A batch of %d file events is left unacknowledged", parsed.size());
                    return null;
                });
    }

    private static Set<UUID> ids(List<Parsed> parsed) {
        Set<UUID> ids = new HashSet<>();
        parsed.stream().filter(p -> p.event() != null).forEach(p -> ids.add(p.event().eventId()));
        return ids;
    }

    private Parsed parse(KafkaRecord<String, String> record) {
        try {
            return new Parsed(record, reader.read(record.getPayload(), FileEvent.class), null);
        } catch (RuntimeException notAnEvent) { // permanent: to the dead-letter topic, unchanged
            return new Parsed(record, null, notAnEvent);
        }
    }

    /**
     * The poll's new discoveries read ahead of its write: which are recorded already (one query; those need no
     * reading), then their files, a few at a time on the extraction pool. Never fails: a failure is kept, and the
     * chunks it concerns are written one event at a time instead (where each read is retried or dead-lettered).
     */
    private Uni<ReadAhead> readAhead(List<Parsed> parsed) {
        List<Pending> events = parsed.stream().filter(p -> p.event() != null)
                .map(p -> new Pending(p.record(), p.event())).toList();
        if (events.stream().noneMatch(p -> p.event() instanceof FileDiscovered)) {
            return Uni.createFrom().item(new ReadAhead(Map.of(), null, null));
        }
        List<UUID> ids = events.stream().map(p -> p.event().eventId()).toList();
        return catalog.processedAmong(ids)
                .chain(done -> read(events, done).map(read -> new ReadAhead(read, done, null)))
                .onFailure().recoverWithItem(failure -> new ReadAhead(Map.of(), null, failure));
    }

    private Uni<Void> consumeChunk(List<Parsed> records, ReadAhead ahead, boolean recheck, Executor context) {
        List<Pending> pending = new ArrayList<>();
        Uni<Void> rejected = Uni.createFrom().voidItem();
        for (Parsed record : records) {
            if (record.event() != null) {
                pending.add(new Pending(record.record(), record.event()));
            } else {
                LOG.errorf("Not a file event (%s), to the dead-letter topic: %s", record.record().getKey(),
                        record.failure());
                rejected = rejected.chain(() -> nack(record.record(), record.failure()));
            }
        }
        if (pending.isEmpty()) {
            return rejected;
        }
        // Back onto the safe context first: a dead-lettered record's nack completes on a Kafka thread, and the
        // batch's Panache calls would then fail ("requires a safe (isolated) Vert.x sub-context") and fall back.
        return rejected.chain(() -> Uni.createFrom().deferred(() -> writeTogether(pending, ahead, recheck))
                        .runSubscriptionOn(context))
                .onFailure().recoverWithUni(failure -> {
                    metrics.batchFellBack();
                    if (failure instanceof NeedsReading) {
                        LOG.debugf("%s; writing the batch's %d events one at a time", failure.getMessage(),
                                pending.size());
                    } else {
                        LOG.warnf("A batch of %d file events failed as a whole (%s); writing them one at a time",
                                pending.size(), failure.toString());
                        LOG.debug("The batch's failure", failure);
                    }
                    return oneAtATime(pending, context);
                });
    }

    /**
     * The batch in one transaction; fails, with nothing committed, if any event cannot be written this way. Which
     * events are recorded is the read-ahead's answer, asked again ({@code recheck}) where the poll before, written
     * since, or an earlier chunk of this poll held one of the batch's events (a redelivery). Should another
     * consumer record one meanwhile (a rebalance), its primary key refuses the batch and it is written one by one.
     */
    private Uni<Void> writeTogether(List<Pending> pending, ReadAhead ahead, boolean recheck) {
        if (ahead.failure() != null) {
            return Uni.createFrom().failure(ahead.failure());
        }
        List<UUID> ids = pending.stream().map(p -> p.event().eventId()).toList();
        return (recheck ? catalog.processedAmong(ids) : Uni.createFrom().item(ahead.done()))
                .map(done -> new Prepared(done, ahead.read()))
                .chain(prepared -> {
                    long started = System.nanoTime();
                    return catalog.inOneBatch(prepared.done(), touched(pending), batch -> apply(pending, prepared, batch))
                            .invoke(() -> metrics.batchWritten(pending.size(), System.nanoTime() - started));
                })
                .invoke(outcomes -> {
                    outcomes.indexed().forEach(metrics::count);
                })
                .chain(outcomes -> announce(outcomes.all()));
    }

    /** Reads the files of the poll's new discoveries, a few at a time on the extraction pool. */
    private Uni<Map<UUID, Extraction>> read(List<Pending> pending, Set<UUID> done) {
        Map<UUID, FileDiscovered> toRead = new LinkedHashMap<>(); // a duplicate event is read once
        for (Pending p : pending) {
            if (p.event() instanceof FileDiscovered discovered && !done.contains(discovered.eventId())) {
                toRead.putIfAbsent(discovered.eventId(), discovered);
            }
        }
        if (toRead.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Multi.createFrom().iterable(toRead.values())
                .onItem().transformToUni(event -> extractor.extract(event.location())
                        .map(extraction -> Map.entry(event.eventId(), extraction)))
                .merge(readsInFlight)
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Inside the batch's transaction: every event in record order, each through the catalog's own checks. */
    private Uni<Outcomes> apply(List<Pending> pending, Prepared prepared, CatalogService.Batch batch) {
        Outcomes outcomes = new Outcomes(new ArrayList<>(), new ArrayList<>());
        Set<UUID> seen = new HashSet<>(prepared.done());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Pending p : pending) {
            FileEvent event = p.event();
            boolean fresh = seen.add(event.eventId());
            chain = chain.chain(() -> applyOne(batch, event, prepared.read())).invoke(outcome -> {
                outcomes.all().add(outcome);
                if (fresh && event instanceof FileDiscovered) {
                    outcomes.indexed().add(outcome);
                }
            }).replaceWithVoid();
        }
        return chain.replaceWith(outcomes);
    }

    private static Uni<CatalogOutcome> applyOne(CatalogService.Batch batch, FileEvent event,
            Map<UUID, Extraction> read) {
        if (event instanceof FileDiscovered discovered) {
            Extraction extraction = read.get(discovered.eventId());
            return extraction == null ? batch.currentState(discovered.location())
                    : batch.recordDiscovered(discovered, extraction); // a duplicate in the batch sees it recorded
        }
        if (event instanceof FileMoved moved) {
            return batch.recordMoved(moved).invoke(outcome -> {
                if (outcome.result() == CatalogOutcome.Result.NEEDS_INDEXING) {
                    // Reading a file inside the transaction would hold its locks for up to the read timeout.
                    throw new NeedsReading(moved);
                }
            });
        }
        return batch.recordRemoved((FileRemoved) event);
    }

    /** Every location the batch's events look up: loaded in one query at the start of its transaction. */
    private static List<FileLocation> touched(List<Pending> pending) {
        List<FileLocation> locations = new ArrayList<>();
        for (Pending p : pending) {
            if (p.event() instanceof FileDiscovered discovered) {
                locations.add(discovered.location());
            } else if (p.event() instanceof FileMoved moved) {
                locations.add(moved.from());
                locations.add(moved.to());
            } else if (p.event() instanceof FileRemoved removed) {
                locations.add(removed.location());
            }
        }
        return locations;
    }

    private Uni<Void> announce(List<CatalogOutcome> outcomes) {
        return all(outcomes.stream().map(publisher::announce).toList());
    }

    /** The events one per transaction, as without batching: a record that still fails is dead-lettered alone. */
    private Uni<Void> oneAtATime(List<Pending> pending, Executor context) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Pending p : pending) {
            FileEvent event = p.event();
            String what = event.getClass().getSimpleName() + " " + event.eventId() + " (" + event.key() + ")";
            chain = chain.chain(() -> retries.<CatalogOutcome>run(what, context, () -> handle(event, context))
                    .chain(publisher::announce)
                    .onFailure().recoverWithUni(failure -> nack(p.record(), failure)));
        }
        return chain;
    }

    private Uni<CatalogOutcome> handle(FileEvent event, Executor context) {
        if (event instanceof FileDiscovered discovered) {
            return discovered(discovered, context);
        }
        if (event instanceof FileMoved moved) {
            return catalog.recordMoved(moved).chain(outcome -> outcome.result() == CatalogOutcome.Result.NEEDS_INDEXING
                    ? index(asDiscovery(moved), context)
                    : Uni.createFrom().item(outcome));
        }
        return catalog.recordRemoved((FileRemoved) event);
    }

    private Uni<CatalogOutcome> discovered(FileDiscovered event, Executor context) {
        return catalog.precheck(event.eventId(), event.location(), event.occurredAt()).chain(state -> switch (state) {
            case ALREADY_PROCESSED -> catalog.currentState(event.location());
            case STALE -> catalog.markProcessed(event.eventId());
            case FRESH -> index(event, context);
        });
    }

    /** Tika on the extraction pool, then back on the record's context for the transaction. */
    private Uni<CatalogOutcome> index(FileDiscovered event, Executor context) {
        return extractor.extract(event.location())
                .emitOn(context)
                .chain(extraction -> catalog.recordDiscovered(event, extraction))
                .invoke(metrics::count);
    }

    /** A move of a file the catalog does not know is indexed at its destination, under the move's event id. */
    private static FileDiscovered asDiscovery(FileMoved moved) {
        return new FileDiscovered(moved.eventId(), moved.occurredAt(), moved.schemaVersion(), moved.to(),
                moved.contentHash(), moved.sizeBytes(), moved.modifiedAt());
    }

    private static Uni<Void> nack(KafkaRecord<String, String> record, Throwable reason) {
        return Uni.createFrom().completionStage(() -> record.nack(reason));
    }

    private static Uni<Void> all(List<Uni<Void>> unis) {
        return unis.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(unis).andFailFast().replaceWithVoid();
    }

    private record Pending(KafkaRecord<String, String> record, FileEvent event) {
    }

    private record Prepared(Set<UUID> done, Map<UUID, Extraction> read) {
    }

    /** A record as taken from the poll: its event, or why it is not one. */
    private record Parsed(KafkaRecord<String, String> record, FileEvent event, RuntimeException failure) {
    }

    /**
     * The extractions of a poll's new discoveries by event id and the poll's events recorded when looked up (null:
     * not looked up), or the failure that stopped the reads.
     */
    private record ReadAhead(Map<UUID, Extraction> read, Set<UUID> done, Throwable failure) {
    }

    /** Every event's outcome, in order (to announce), and those of fresh discoveries (to count). */
    private record Outcomes(List<CatalogOutcome> all, List<CatalogOutcome> indexed) {
    }

    /** A move whose destination must be read: the batch is written one event at a time instead. */
    private static final class NeedsReading extends RuntimeException {

        NeedsReading(FileMoved moved) {
            super("The move " + moved.eventId() + " to " + moved.to() + " needs its file read", null, false, false);
        }
    }
}
