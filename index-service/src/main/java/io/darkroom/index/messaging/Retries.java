package io.darkroom.index.messaging;

import io.darkroom.index.IndexConfig;
import io.darkroom.index.domain.FailureClassifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs one record's work on the caller's Vert.x context (Hibernate Reactive requires it), retrying transient
 * failures with exponential backoff and jitter. A permanent failure, or the last transient one, fails the
 * returned Uni: the record is nacked and goes to its dead-letter topic. Except while the service stops: then the
 * database pool is closing ("Pool closed") and nothing is wrong with the record, so the returned Uni never ends;
 * the record is neither acknowledged nor nacked, its offset is not committed, and it is read again after the
 * restart.
 */
@ApplicationScoped
public class Retries {

    private static final Logger LOG = Logger.getLogger(Retries.class);

    private final IndexConfig.Retry config;
    private final BooleanSupplier stopping;

    @Inject
    public Retries(IndexConfig config, Stopping stopping) {
        this(config.retry(), stopping::underway);
    }

    Retries(IndexConfig.Retry config, BooleanSupplier stopping) {
        this.config = config;
        this.stopping = stopping;
    }

    /** The current Vert.x context as an executor: work handed to it runs where the record arrived. */
    public static Executor currentContext() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return task -> context.runOnContext(ignored -> task.run());
    }

    public <T> Uni<T> run(String what, Executor context, Supplier<Uni<? extends T>> work) {
        return Uni.createFrom().<T>deferred(work)
                .runSubscriptionOn(context)
                .onFailure(FailureClassifier::isTransient)
                .invoke(failure -> LOG.warnf("Transient failure on %s, retrying: %s", what, failure.toString()))
                .onFailure(FailureClassifier::isTransient)
                .retry()
                .withBackOff(config.initialBackoff(), config.maxBackoff())
                .withJitter(0.5)
                .atMost(config.maxRetries())
                // the database or broker unreachable (restarting): wait for it rather than dead-letter the record
                .onFailure(FailureClassifier::isUnreachable)
                .invoke(failure -> LOG.warnf("%s waits for the database: %s", what, failure.toString()))
                .onFailure(FailureClassifier::isUnreachable)
                .retry()
                .withBackOff(config.maxBackoff(), config.maxBackoff())
                .expireIn(config.unreachableFor().toMillis())
                .onFailure()
                .recoverWithUni(failure -> {
                    if (stopping.getAsBoolean()) {
                        LOG.infof("%s failed while the service stops (%s): left unacknowledged, to be read again "
                                + "after the restart", what, failure.toString());
                        return Uni.createFrom().nothing();
                    }
                    LOG.errorf("Giving up on %s, to the dead-letter topic: %s", what, failure.toString());
                    return Uni.createFrom().failure(failure);
                });
    }
}
