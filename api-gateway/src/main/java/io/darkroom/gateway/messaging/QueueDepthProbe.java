package io.darkroom.gateway.messaging;

import io.darkroom.events.Topics;
import io.darkroom.gateway.domain.QueueDepths;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How much work waits in front of each stage: for a stage's consumer group, the end offsets of its input topic minus
 * what the group has committed (a partition it never committed counts from the start). Read with Kafka's admin API
 * whenever the library status is asked (it is cached there).
 */
@ApplicationScoped
public class QueueDepthProbe {

    private final Admin admin;

    public QueueDepthProbe(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        this.admin = Admin.create(config);
    }

    /** Empty when Kafka does not answer: the status still shows the catalog's counts. */
    public Uni<Optional<QueueDepths>> read() {
        return Uni.combine().all()
                .unis(lag("index-service", Topics.FILES), lag("thumbnail-service", Topics.MEDIA_INDEXED),
                        lag("transcode-service", Topics.MEDIA_INDEXED))
                .with((index, thumbnails, transcodes) -> Optional.of(new QueueDepths(index, thumbnails, transcodes)))
                .onFailure().recoverWithItem(Optional.empty());
    }

    private Uni<Long> lag(String group, String topic) {
        return stage(admin.describeTopics(java.util.List.of(topic)).allTopicNames().toCompletionStage())
                .chain(topics -> {
                    Map<TopicPartition, OffsetSpec> latest = topics.get(topic).partitions().stream()
                            .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()),
                                    p -> OffsetSpec.latest()));
                    Map<TopicPartition, OffsetSpec> earliest = latest.keySet().stream()
                            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()));
                    return Uni.combine().all().unis(
                                    stage(admin.listOffsets(latest).all().toCompletionStage()),
                                    stage(admin.listOffsets(earliest).all().toCompletionStage()),
                                    stage(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                                            .toCompletionStage()))
                            .with((ends, starts, committed) -> sum(ends, starts, committed, topic));
                })
                // a topic nobody has written yet has nothing waiting
                .onFailure(org.apache.kafka.common.errors.UnknownTopicOrPartitionException.class).recoverWithItem(0L);
    }

    private static long sum(Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends,
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts,
            Map<TopicPartition, OffsetAndMetadata> committed, String topic) {
        long waiting = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            long from = done != null ? done.offset() : starts.get(end.getKey()).offset();
            waiting += Math.max(0, end.getValue().offset() - from);
        }
        return waiting;
    }

    private static <T> Uni<T> stage(CompletionStage<T> stage) {
        return Uni.createFrom().completionStage(stage);
    }

    @PreDestroy
    void close() {
        admin.close(java.time.Duration.ofSeconds(1));
    }
}
