package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.ItemMarkRequested;
import io.darkroom.events.Topics;
import io.darkroom.gateway.testing.CatalogSchema;
import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Favourite and archive marks: a command per item on real Kafka for index-service, keyed by item id. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class MarkApiTest {

    private static boolean ready;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaCompanion companion;
    private ConsumerTask<String, String> marks;

    @BeforeEach
    void catalogAndListener() throws Exception {
        if (!ready) {
            CatalogSchema.recreate(pool);
            for (int id = 1; id <= 3; id++) {
                pool.query("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, status,"
                        + " last_event_at) VALUES (" + id + ", 'family', 'm/" + id + ".jpg', UNHEX(SHA2('family:m/" + id
                        + ".jpg', 256)), '" + id + ".jpg', 'INDEXED', NOW(6))").execute().await().indefinitely();
            }
            ready = true;
        }
        companion = new KafkaCompanion(bootstrapServers);
        marks = companion.consumeStrings().fromTopics(Topics.ITEM_MARKS);
    }

    @AfterEach
    void close() {
        marks.stop();
        companion.close();
    }

    @Test
    void aFavouriteIsACommandToIndexServiceKeyedByItem() throws Exception {
        RequestSpecification user = TestSessions.session("user").spec();
        given().spec(user).contentType(ContentType.JSON).body("{\"favourite\":true}").patch("/api/v1/media/2")
                .then().statusCode(202).body("items", equalTo(1)).body("favourite", equalTo(true));

        ItemMarkRequested command = awaitCommand(2L);
        assertThat(command.favourite()).isTrue();
        assertThat(command.archived()).isNull();
        assertThat(command.requestedBy()).isEqualTo("test-user");
    }

    @Test
    void aSelectionIsMarkedAtOnceOneCommandPerItem() throws Exception {
        given().spec(TestSessions.admin()).contentType(ContentType.JSON)
                .body("{\"itemIds\":[1,3,3],\"archived\":true}").post("/api/v1/media/marks")
                .then().statusCode(202).body("items", equalTo(2));
        assertThat(awaitCommand(1L).archived()).isTrue();
        assertThat(awaitCommand(3L).archived()).isTrue();
    }

    @Test
    void nothingIsSentForUnknownItemsOrMalformedMarks() throws Exception {
        RequestSpecification user = TestSessions.session("user").spec();
        given().spec(user).contentType(ContentType.JSON).body("{\"favourite\":true}").patch("/api/v1/media/404")
                .then().statusCode(404);
        given().spec(user).contentType(ContentType.JSON).body("{}").patch("/api/v1/media/1").then().statusCode(400);
        given().spec(user).contentType(ContentType.JSON).body("{\"favourite\":\"yes please\"}")
                .patch("/api/v1/media/1").then().statusCode(400);
        given().spec(user).contentType(ContentType.JSON).body("{\"itemIds\":[1,77],\"favourite\":true}")
                .post("/api/v1/media/marks").then().statusCode(400).body("detail", containsString("77"));
        given().spec(TestSessions.session("viewer").spec()).contentType(ContentType.JSON)
                .body("{\"favourite\":true}").patch("/api/v1/media/1").then().statusCode(403);
        companion.produceStrings().fromRecords(new org.apache.kafka.clients.producer.ProducerRecord<>(
                Topics.ITEM_MARKS, "marker", "marker")).awaitCompletion();
        // same topic, after the refused requests: once the marker is here, anything they had sent would be too
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> marks.getRecords().stream()
                .anyMatch(r -> "marker".equals(r.key())));
        for (ConsumerRecord<String, String> record : List.copyOf(marks.getRecords())) {
            assertThat(record.key()).isNotIn("404", "77");
            if (record.key().equals("1")) {
                assertThat(mapper.readValue(record.value(), ItemMarkRequested.class).favourite()).isNull();
            }
        }
    }

    private ItemMarkRequested awaitCommand(long itemId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : List.copyOf(marks.getRecords())) {
                if (record.key().equals(Long.toString(itemId))) {
                    return mapper.readValue(record.value(), ItemMarkRequested.class);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No mark command for item " + itemId);
    }
}
