package io.darkroom.gateway.api;

import io.darkroom.gateway.UploadsConfig;
import io.darkroom.gateway.domain.RefusedException;
import io.darkroom.gateway.persistence.UploadRepository;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Removes uploads a client never finished: every {@code sweep-interval}, an unfinished upload whose last chunk (or,
 * without one, its start) is older than {@code abandon-after} loses its row and its staged bytes; a staged file that
 * old with no row at all (its account was deleted) is removed too, and rows of finished uploads that old are
 * forgotten. The staged file's modification time is the upload's last activity: each chunk writes it. A Vert.x
 * periodic timer (the gateway has no scheduler extension); the file work runs on a worker thread.
 */
@ApplicationScoped
public class UploadSweeper {

    private static final Logger LOG = Logger.getLogger(UploadSweeper.class);

    /** What one sweep removed: abandoned uploads and their staged bytes, orphaned staged files, finished rows. */
    public record Swept(int abandoned, long bytes, int orphans, int finished) {

        boolean anything() {
            return abandoned + orphans + finished > 0;
        }
    }

    private final UploadRepository uploads;
    private final UploadStore store;
    private final UploadsConfig config;
    private final Clock clock;

    public UploadSweeper(UploadRepository uploads, UploadStore store, UploadsConfig config, Clock clock) {
        this.uploads = uploads;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    void schedule(@Observes StartupEvent started, Vertx vertx) {
        long every = Math.max(1_000, config.sweepInterval().toMillis());
        vertx.setPeriodic(Math.min(every, 60_000), every, timer -> sweep().subscribe().with(swept -> {
        }, failure -> LOG.warnf("The sweep of abandoned uploads failed; next try in %s: %s", config.sweepInterval(),
                failure.toString())));
    }

    public Uni<Swept> sweep() {
        Instant cutoff = clock.instant().minus(config.abandonAfter());
        return Uni.createFrom().item(this::stagedIfReachable).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(staged -> staged.isEmpty() ? Uni.createFrom().item(new Swept(0, 0, 0, 0))
                        : sweepUnfinished(staged.get(), cutoff))
                .chain(swept -> uploads.deleteFinishedCreatedBefore(cutoff)
                        .map(finished -> new Swept(swept.abandoned(), swept.bytes(), swept.orphans(), finished)))
                .invoke(swept -> {
                    if (swept.anything()) {
                        LOG.infof("Upload sweep: removed %d abandoned upload(s) with %d staged bytes and %d orphaned"
                                + " staged file(s), forgot %d finished upload(s) (idle over %s)", swept.abandoned(),
                                swept.bytes(), swept.orphans(), swept.finished(), config.abandonAfter());
                    }
                });
    }

    /** The staged files, or empty when the upload folder cannot be seen (not set up, root unmounted). */
    private Optional<Map<String, UploadStore.Staged>> stagedIfReachable() {
        try {
            return Optional.of(store.staged());
        } catch (RefusedException | IOException unreachable) {
            LOG.debugf("No upload sweep: %s", unreachable.getMessage());
            return Optional.empty();
        }
    }

    private Uni<Swept> sweepUnfinished(Map<String, UploadStore.Staged> staged, Instant cutoff) {
        return uploads.unfinishedCreatedBefore(cutoff).chain(old -> {
            List<String> idle = old.stream().filter(id -> !staged.containsKey(id)
                    || staged.get(id).lastWritten().isBefore(cutoff)).toList();
            Set<String> candidates = new HashSet<>(old);
            List<String> staleFiles = staged.entrySet().stream()
                    .filter(e -> e.getValue().lastWritten().isBefore(cutoff) && !candidates.contains(e.getKey()))
                    .map(Map.Entry::getKey).toList();
            return uploads.existing(staleFiles).chain(withRows -> {
                List<String> orphans = staleFiles.stream().filter(id -> !withRows.contains(id)).toList();
                return removeAbandoned(idle, staged).chain(removed -> discard(orphans)
                        .map(ignored -> new Swept(removed.size(), removed.stream()
                                .mapToLong(id -> staged.containsKey(id) ? staged.get(id).bytes() : 0).sum(),
                                orphans.size(), 0)));
            });
        });
    }

    /** Deletes each row first (a chunk arriving meanwhile then finds no upload), then its staged file. */
    private Uni<List<String>> removeAbandoned(List<String> idle, Map<String, UploadStore.Staged> staged) {
        List<String> removed = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String id : idle) {
            chain = chain.chain(() -> uploads.deleteUnfinished(id)).chain(deleted -> {
                if (!deleted) {
                    return Uni.createFrom().voidItem(); // finished or abandoned by its client meanwhile
                }
                removed.add(id);
                return staged.containsKey(id) ? discard(List.of(id)) : Uni.createFrom().voidItem();
            });
        }
        return chain.replaceWith(removed);
    }

    private Uni<Void> discard(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(() -> {
            ids.forEach(store::discard);
            return (Void) null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
