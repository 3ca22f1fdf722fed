package io.darkroom.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.FileEvent;
import io.darkroom.events.Topics;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads media.files.v1 from the start, for the integration tests: every record with its event. */
final class FileEventsOnKafka implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    record Received<T extends FileEvent>(T event, long timestampMillis) {
    }

    private final KafkaCompanion companion;
    private final ConsumerTask<String, String> records;
    private final ObjectMapper mapper;

    FileEventsOnKafka(String bootstrapServers, ObjectMapper mapper) {
        this.companion = new KafkaCompanion(bootstrapServers);
        this.records = companion.consumeStrings().fromTopics(Topics.FILES);
        this.mapper = mapper;
    }

    KafkaCompanion companion() {
        return companion;
    }

    <T extends FileEvent> Received<T> await(Class<T> type, String key) {
        return org.awaitility.Awaitility.await().atMost(WAIT).until(() -> find(type, key), Optional::isPresent)
                .orElseThrow();
    }

    <T extends FileEvent> Optional<Received<T>> find(Class<T> type, String key) {
        return received().stream().filter(r -> type.isInstance(r.event()) && r.event().key().equals(key))
                .map(r -> new Received<>(type.cast(r.event()), r.timestampMillis())).findFirst();
    }

    List<FileEvent> events() {
        return received().stream().<FileEvent>map(Received::event).toList();
    }

    List<Received<FileEvent>> received() {
        return records.getRecords().stream().map(this::parse).toList();
    }

    private Received<FileEvent> parse(ConsumerRecord<String, String> record) {
        try {
            FileEvent event = mapper.readValue(record.value(), FileEvent.class);
            assertThat(record.key()).isEqualTo(event.key());
            return new Received<>(event, record.timestamp());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        records.stop();
        companion.close();
    }
}
