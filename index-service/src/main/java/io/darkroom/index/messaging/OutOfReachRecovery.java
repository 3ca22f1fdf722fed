package io.darkroom.index.messaging;

import io.darkroom.events.ReindexRequested;
import io.darkroom.index.IndexConfig;
import io.darkroom.index.domain.OutOfReach;
import io.darkroom.index.persistence.OutOfReachItems;
import io.darkroom.platform.library.LibraryConfig;
import io.darkroom.platform.library.LibraryRoots;
import io.darkroom.platform.messaging.KeyedMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Resumes by itself the work that a library root's absence stopped. A file read while its root was out of reach
 * (unmounted, gone, empty) is catalogued as failed, TRANSIENT, with a reason naming the root ({@link OutOfReach});
 * so are transcodes and thumbnails that could not read their original. Every {@code out-of-reach.interval}, for
 * each root that is in reach now, such items are asked for again exactly as an admin's retry does: a
 * {@link ReindexRequested} per item (requested by {@value OutOfReach#REQUESTED_BY}), read by {@link ReindexConsumer},
 * which clears the failure and sends the item on to the workers.
 *
 * <p>At most {@code batch-size} items per round, and an item is not asked for again within {@code ask-again-after}
 * (its command may wait in the topic). Several instances may run this: the consumer applies a recovery command only
 * while the item is still out of reach, so a second command for it changes nothing.
 */
@ApplicationScoped
public class OutOfReachRecovery {

    private static final Logger LOG = Logger.getLogger(OutOfReachRecovery.class);
    /** Ids read per query; those asked for recently are passed over. */
    private static final int PAGE = 500;
    /** Commands in flight to the broker at once. */
    private static final int SENDING = 16;

    private final LibraryRoots roots;
    private final OutOfReachItems items;
    private final MutinyEmitter<ReindexRequested> commands;
    private final IndexConfig.OutOfReach config;
    /** Item id → when it was asked for (nanoTime). */
    private final Map<Long, Long> asked = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private Vertx vertx;
    private long timer = -1;

    public OutOfReachRecovery(LibraryConfig library, OutOfReachItems items,
            @Channel("reindex-out") MutinyEmitter<ReindexRequested> commands, IndexConfig config) {
        this.roots = LibraryRoots.from(library);
        this.items = items;
        this.commands = commands;
        this.config = config.outOfReach();
    }

    void schedule(@Observes StartupEvent started, Vertx vertx) {
        this.vertx = vertx;
        long every = Math.max(100, config.interval().toMillis());
        timer = vertx.setPeriodic(every, every, id -> {
            if (!running.compareAndSet(false, true)) {
                return; // the previous round is still asking
            }
            round().onTermination().invoke(() -> running.set(false)).subscribe().with(count -> {
            }, failure -> LOG.warnf("Asking again for files whose root was out of reach failed; next try in %s: %s",
                    config.interval(), failure.toString()));
        });
    }

    /** Before the pool closes, so that no round starts on a closed pool. */
    void stop(@Observes ShutdownEvent stopping) {
        if (vertx != null && timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One round over the roots in reach now; emits how many items were asked for. */
    public Uni<Integer> round() {
        long now = System.nanoTime();
        long keep = config.askAgainAfter().toNanos();
        asked.values().removeIf(at -> now - at > keep);
        return Uni.createFrom().item(this::rootsInReach).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(inReach -> {
                    Uni<Integer> total = Uni.createFrom().item(0);
                    for (String root : inReach) {
                        total = total.chain(sofar -> sofar >= config.batchSize() ? Uni.createFrom().item(sofar)
                                : askFor(root, config.batchSize() - sofar).map(count -> sofar + count));
                    }
                    return total;
                });
    }

    private List<String> rootsInReach() {
        return roots.all().keySet().stream().filter(root -> !roots.isUnavailable(root)).sorted().toList();
    }

    /** Asks for up to {@code budget} of the root's out-of-reach items not asked for recently; emits how many. */
    private Uni<Integer> askFor(String root, int budget) {
        return askFor(root, 0L, budget, new Tally()).invoke(tally -> {
            if (tally.asked > 0) {
                LOG.infof("Library root '%s' is in reach: asked to read %d item(s) again that failed while it was"
                        + " out of reach (%d asked for earlier still wait)", root, tally.asked, tally.waiting);
            }
        }).map(tally -> tally.asked);
    }

    private Uni<Tally> askFor(String root, long afterId, int budget, Tally tally) {
        return items.after(root, afterId, PAGE).chain(ids -> {
            List<Long> fresh = ids.stream().filter(id -> !asked.containsKey(id)).limit(budget - tally.asked).toList();
            tally.waiting += (int) ids.stream().filter(asked::containsKey).count();
            return send(fresh).chain(() -> {
                tally.asked += fresh.size();
                return ids.size() < PAGE || tally.asked >= budget ? Uni.createFrom().item(tally)
                        : askFor(root, ids.get(ids.size() - 1), budget, tally);
            });
        });
    }

    private Uni<Void> send(List<Long> ids) {
        return Multi.createFrom().iterable(ids).onItem().transformToUni(id -> {
            asked.put(id, System.nanoTime());
            return commands.sendMessage(KeyedMessage.of(ReindexRequested.of(id, OutOfReach.REQUESTED_BY)))
                    .onFailure().invoke(failure -> asked.remove(id)); // asked for again next round
        }).merge(SENDING).collect().last().replaceWithVoid();
    }

    private static final class Tally {
        int asked;
        int waiting;
    }
}
