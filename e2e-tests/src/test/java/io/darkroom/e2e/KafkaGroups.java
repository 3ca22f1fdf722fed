package io.darkroom.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The services' consumer groups seen with Kafka's Admin API: lag, replay from offset 0, dead-lettered records. */
final class KafkaGroups {

    /** The groups of the five services' own channels (the gateway's live-update groups start at the end). */
    static final List<String> SERVICE_GROUPS = List.of("ingest-service", "index-service", "thumbnail-service",
            "transcode-service");

    /** A dead-lettered record: where it came from and SmallRye's reason header. */
    record DeadLetter(String topic, String key, String reason) {
    }

    private final String bootstrap;

    KafkaGroups(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** group → topic-partition → records not yet committed (end offset − committed offset). */
    Map<String, Map<String, Long>> lag() {
        try (Admin admin = admin()) {
            Map<String, Map<String, Long>> lag = new TreeMap<>();
            for (String group : SERVICE_GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                Map<String, Long> byPartition = new TreeMap<>();
                committed.forEach((tp, offset) -> byPartition.put(tp.toString(),
                        ends.get(tp).offset() - (offset == null ? 0 : offset.offset())));
                lag.put(group, byPartition);
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer: " + e, e);
        }
    }

    /** The sum of all lags, or −1 while Kafka does not answer. */
    long totalLag() {
        try {
            return lag().values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    /** Topics the group has committed offsets on. */
    List<TopicPartition> partitionsOf(String group) {
        try (Admin admin = admin()) {
            return new ArrayList<>(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).keySet());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Moves the group back to offset 0 on every partition it has read: its next consumer replays everything. The
     * group must have no member (Kafka refuses otherwise), so stop its service first.
     */
    void rewind(String group) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
            for (TopicPartition tp : partitionsOf(group)) {
                zero.put(tp, new OffsetAndMetadata(0));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    admin.alterConsumerGroupOffsets(group, zero).all().get(30, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    // the stopped member's session may still be open for a few seconds
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Could not rewind " + group + ": " + e.getCause(), e);
                    }
                    Thread.sleep(1000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many records each topic holds (sum of end offsets). */
    Map<String, Long> recordCounts(List<String> topics) {
        try (Admin admin = admin()) {
            Map<String, Long> counts = new TreeMap<>();
            var described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.forEach((name, d) -> d.partitions().forEach(p -> latest.put(new TopicPartition(name,
                    p.partition()), OffsetSpec.latest())));
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> counts.merge(tp.topic(), info.offset(), Long::sum));
            return counts;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record on the {@code .dlq} topics, with its reason (none when no topic exists). */
    List<DeadLetter> deadLetters() {
        List<String> dlqs;
        try (Admin admin = admin()) {
            dlqs = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(t -> t.endsWith(".dlq"))
                    .sorted().toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<DeadLetter> letters = new ArrayList<>();
        if (dlqs.isEmpty()) {
            return letters;
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : dlqs) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header reason = record.headers().lastHeader("dead-letter-reason");
                    Header from = record.headers().lastHeader("dead-letter-topic");
                    letters.add(new DeadLetter(from == null ? record.topic() : new String(from.value()),
                            record.key() == null ? null : new String(record.key()),
                            reason == null ? null : new String(reason.value())));
                }
            }
        }
        return letters;
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return Admin.create(props);
    }
}
