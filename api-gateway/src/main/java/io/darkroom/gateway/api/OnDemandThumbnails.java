package io.darkroom.gateway.api;

import io.darkroom.events.FileLocation;
import io.darkroom.events.MediaKind;
import io.darkroom.events.ThumbnailRequested;
import io.darkroom.gateway.ThumbnailsConfig;
import io.darkroom.gateway.domain.PendingThumbnails;
import io.darkroom.gateway.domain.ThumbnailSource;
import io.darkroom.gateway.messaging.ThumbnailRequestPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Gets a missing on-demand size made: one {@link ThumbnailRequested} per content and size while it is being made,
 * however many clients ask ({@link PendingThumbnails}), then the file once thumbnail-service has written it. One
 * daemon timer looks for the awaited files.
 */
@ApplicationScoped
public class OnDemandThumbnails {

    private static final Logger LOG = Logger.getLogger(OnDemandThumbnails.class);

    private final PendingThumbnails pending;
    private final ThumbnailRequestPublisher publisher;
    private final ScheduledExecutorService timer;

    OnDemandThumbnails(ThumbnailsConfig config, ThumbnailRequestPublisher publisher, MeterRegistry metrics) {
        this.pending = new PendingThumbnails(config.waitFor(), Clock.systemUTC());
        this.publisher = publisher;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "thumbnail-wait");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.pollInterval().toMillis();
        timer.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        metrics.gauge("darkroom_gateway_thumbnails_awaited", pending, PendingThumbnails::size);
    }

    /** The file at {@code target} once made; asks thumbnail-service unless a request for it is already out. */
    public CompletionStage<Path> await(ThumbnailSource source, String size, Path target) {
        return pending.await(target, () -> {
            ThumbnailRequested request = ThumbnailRequested.of(source.contentHash(), size,
                    new FileLocation(source.root(), source.relativePath()), MediaKind.valueOf(source.kind()),
                    source.orientation(), source.width(), source.height());
            LOG.debugf("Asking for %s of %s", size, source.contentHash());
            return publisher.publish(request).subscribeAsCompletionStage();
        });
    }

    private void poll() {
        try {
            pending.poll();
        } catch (RuntimeException unexpected) {
            LOG.warn("Looking for awaited thumbnails failed; trying again", unexpected);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
