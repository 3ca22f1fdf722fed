package io.darkroom.index.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.DarkroomEvent;
import io.darkroom.events.FileEvent;
import io.darkroom.events.Topics;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The ITs' side of the topics: events sent to index-service under their keys, and what it announced, by key. */
record EventTraffic(KafkaCompanion companion, ObjectMapper mapper, Duration timeout) {

    /** A file event, written as its sealed type so that the consumer can tell which one it is. */
    void send(FileEvent event) throws Exception {
        produce(Topics.FILES, event.key(), mapper.writerFor(FileEvent.class).writeValueAsString(event));
    }

    void send(String topic, DarkroomEvent event) throws Exception {
        produce(topic, event.key(), mapper.writeValueAsString(event));
    }

    /** The first record under {@code key}, once there is one. */
    <T> T awaitOne(ConsumerTask<String, String> task, String key, Class<T> type) throws Exception {
        await().atMost(timeout).until(() -> !withKey(task, key).isEmpty());
        return mapper.readValue(withKey(task, key).get(0).value(), type);
    }

    static List<ConsumerRecord<String, String>> withKey(ConsumerTask<String, String> task, String key) {
        return task.getRecords().stream().filter(r -> key.equals(r.key())).toList();
    }

    private void produce(String topic, String key, String json) {
        companion.produceStrings().fromRecords(new ProducerRecord<>(topic, key, json)).awaitCompletion(timeout);
    }
}
