package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.ReindexRequested;
import io.darkroom.events.Topics;
import io.darkroom.gateway.testing.CatalogSchema;
import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin's re-index / retry: one command per item on real Kafka for index-service, keyed by item id; the failed
 * items found in the real catalog (MariaDB); audited; a Problem for anything malformed or unknown, and nothing sent.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class ReindexApiTest {

    private static boolean ready;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaCompanion companion;
    private ConsumerTask<String, String> commands;

    @BeforeEach
    void catalogAndListener() throws Exception {
        if (!ready) {
            CatalogSchema.recreate(pool);
            item(101, "INDEXED", "DONE", null);
            item(102, "FAILED", null, null);
            item(103, "INDEXED", "FAILED", null);
            item(104, "INDEXED", "DONE", "FAILED");
            item(105, "MISSING", "FAILED", null); // no file to read again
            item(106, "INDEXED", "PENDING", "PENDING");
            ready = true;
        }
        companion = new KafkaCompanion(bootstrapServers);
        commands = companion.consumeStrings().fromTopics(Topics.REINDEX_REQUESTED);
    }

    @AfterEach
    void close() {
        commands.stop();
        companion.close();
    }

    @Test
    void namedItemsAreSentOneCommandEachAndTheActionIsAudited() throws Exception {
        given().spec(TestSessions.admin()).contentType(ContentType.JSON).body("{\"items\":[\"101\", 106, \"101\"]}")
                .post("/api/v1/library/reindex")
                .then().statusCode(202).body("requested", equalTo(2));

        assertThat(awaitCommand(101).requestedBy()).isEqualTo("admin");
        assertThat(awaitCommand(106).itemId()).isEqualTo(106);
        List<java.util.Map<String, Object>> audited = given().spec(TestSessions.admin()).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.action == 'REINDEX' }");
        assertThat(audited).anySatisfy(entry -> {
            assertThat(entry.get("actor")).isEqualTo("admin");
            assertThat((String) entry.get("target")).contains("101").contains("106");
        });
    }

    @Test
    void failedAsksForEveryPresentItemThatFailedAnywhere() throws Exception {
        given().spec(TestSessions.admin()).contentType(ContentType.JSON).body("{\"failed\":true}")
                .post("/api/v1/library/reindex")
                .then().statusCode(202).body("requested", equalTo(3));

        for (long id : List.of(102L, 103L, 104L)) {
            assertThat(awaitCommand(id).itemId()).isEqualTo(id);
        }
        assertNothingSentFor(Set.of("105"));
    }

    @Test
    void malformedOrUnknownItemsAreProblemsAndNothingIsSent() throws Exception {
        String tooMany = IntStream.rangeClosed(1, 501).mapToObj(i -> "\"" + i + "\"")
                .collect(Collectors.joining(",", "{\"items\":[", "]}"));
        for (String body : List.of("{}", "{\"items\":[]}", tooMany, "{\"failed\":false}",
                "{\"items\":[\"101\"],\"failed\":true}", "{\"items\":[\"-3\"]}", "{\"items\":[null]}",
                "{\"items\":{\"id\":1}}", "{\"failed\":\"yes\"}", "[1,2]", "{\"items\":[\"1e3\"]}")) {
            given().spec(TestSessions.admin()).contentType(ContentType.JSON).body(body).post("/api/v1/library/reindex")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", not(containsString("Exception")));
        }
        given().spec(TestSessions.admin()).contentType(ContentType.JSON).body("{\"items\":[\"abc'; DROP TABLE x\"]}")
                .post("/api/v1/library/reindex")
                .then().statusCode(400).body("detail", containsString("abc'; DROP"));
        given().spec(TestSessions.admin()).contentType(ContentType.JSON).body("{\"items\":[\"101\", 7777, \"7778\"]}")
                .post("/api/v1/library/reindex")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", allOf(containsString("7777"), containsString("7778"), not(containsString("101"))));
        given().spec(TestSessions.session("user").spec()).contentType(ContentType.JSON).body("{\"items\":[\"105\"]}")
                .post("/api/v1/library/reindex").then().statusCode(403);
        // a cookie session without its CSRF token is refused like every unsafe request
        given().cookie("darkroom_session", TestSessions.session("admin").cookie()).contentType(ContentType.JSON)
                .body("{\"items\":[\"105\"]}").post("/api/v1/library/reindex").then().statusCode(403);

        assertNothingSentFor(Set.of("7777", "7778", "105"));
    }

    @Test
    void theOperationIsDocumented() {
        given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/library/reindex'.post.summary", containsString("failed"));
    }

    private void assertNothingSentFor(Set<String> keys) throws Exception {
        // a marker on each partition (the local stack makes 3), written after every request: once the listener has
        // them all, it has read whatever the requests could have written before
        String marker = "marker-" + java.util.UUID.randomUUID();
        for (int partition = 0; partition < 3; partition++) {
            companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.REINDEX_REQUESTED, partition, marker,
                    "marker")).awaitCompletion();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> commands.getRecords().stream()
                .filter(r -> marker.equals(r.key())).count() == 3);
        for (ConsumerRecord<String, String> record : List.copyOf(commands.getRecords())) {
            assertThat(record.key()).isNotIn(keys);
        }
    }

    private ReindexRequested awaitCommand(long itemId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : List.copyOf(commands.getRecords())) {
                if (record.key().equals(Long.toString(itemId))) {
                    return mapper.readValue(record.value(), ReindexRequested.class);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No re-index command for item " + itemId);
    }

    private void item(long id, String status, String thumbnails, String transcode) {
        pool.query("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, status, thumbnail_status,"
                + " transcode_status, last_event_at) VALUES (" + id + ", 'family', 'r/" + id + ".jpg', UNHEX(SHA2("
                + "'family:r/" + id + ".jpg', 256)), '" + id + ".jpg', '" + status + "', " + quoted(thumbnails) + ", "
                + quoted(transcode) + ", NOW(6))").execute().await().indefinitely();
    }

    private static String quoted(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }
}
