package io.darkroom.gateway.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.Topics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * What the pipeline just did, for open galleries: every gateway instance reads the workers' topics with its own
 * consumer group from the latest offset (each browser must hear of everything, whichever instance it is connected
 * to), and hands each record to all its server-sent-event streams. Nothing is committed that matters: a gallery that
 * missed an update reloads the page.
 */
@ApplicationScoped
public class LiveUpdates {

    private static final Logger LOG = Logger.getLogger(LiveUpdates.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(25);

    /** One change, as little as a gallery needs to refresh what it shows. */
    public record LiveUpdate(String type, String contentHash, Double percent, Double fps) {

        static final LiveUpdate PING = new LiveUpdate("ping", null, null, null);
    }

    private final BroadcastProcessor<LiveUpdate> updates = BroadcastProcessor.create();
    private final ObjectMapper mapper;

    public LiveUpdates(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Incoming("live-updates")
    public CompletionStage<Void> onRecord(Message<String> record) {
        String topic = record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getTopic()).orElse("");
        try {
            JsonNode event = mapper.readTree(record.getPayload());
            String hash = event.path("contentHash").asText(null);
            LiveUpdate update = switch (topic) {
                case Topics.MEDIA_INDEXED -> new LiveUpdate("indexed", hash, null, null);
                case Topics.THUMBNAILS_GENERATED -> new LiveUpdate("thumbnails", hash, null, null);
                case Topics.TRANSCODE_PROGRESS -> new LiveUpdate("progress", hash,
                        event.path("percent").asDouble(), event.path("fps").asDouble());
                case Topics.TRANSCODE_COMPLETED -> new LiveUpdate("transcoded", hash, null, null);
                case Topics.PROCESSING_FAILED -> new LiveUpdate("failed", hash, null, null);
                default -> null;
            };
            if (update != null) {
                updates.onNext(update);
            }
        } catch (Exception e) {
            LOG.debugf("Not a live update on %s: %s", topic, e.getMessage());
        }
        return record.ack();
    }

    /**
     * A stream for one client: a ping at once (the browser and every proxy between see the stream flowing), then
     * every update from now on and a ping every 25 s so proxies keep it open.
     */
    public Multi<LiveUpdate> stream() {
        return Multi.createBy().merging().streams(Multi.createFrom().item(LiveUpdate.PING), updates,
                Multi.createFrom().ticks().every(HEARTBEAT).map(tick -> LiveUpdate.PING));
    }
}
