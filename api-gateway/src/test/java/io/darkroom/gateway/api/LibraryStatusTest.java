package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.darkroom.events.Topics;
import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The status view's queue depths are the stages' real consumer lag on the local stack's Kafka. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class LibraryStatusTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    void filesNobodyIndexedYetAreWaitingInFrontOfIndexService() throws Exception {
        io.darkroom.gateway.testing.CatalogSchema.recreate(pool);
        try (KafkaCompanion companion = new KafkaCompanion(bootstrapServers)) {
            for (int i = 0; i < 3; i++) {
                companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.FILES, "family:queued/" + i,
                        "{}")).awaitCompletion();
            }
        }
        // no index-service runs here: its group has committed nothing, so all three wait; nothing was indexed
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .spec(TestSessions.session("viewer").spec()).get("/api/v1/library/status").then().statusCode(200)
                .body("queues.index", equalTo(3)).body("queues.thumbnails", equalTo(0))
                .body("queues.transcodes", equalTo(0)));
    }
}
