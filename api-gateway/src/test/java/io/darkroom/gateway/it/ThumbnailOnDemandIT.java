package io.darkroom.gateway.it;

import static io.restassured.RestAssured.given;

import io.darkroom.gateway.testing.TestSessions;
import io.restassured.RestAssured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.FileLocation;
import io.darkroom.events.MediaKind;
import io.darkroom.events.ThumbnailRequested;
import io.darkroom.events.Topics;
import io.darkroom.gateway.testing.CatalogSchema;
import io.darkroom.localstack.LocalStackResource;
import io.darkroom.platform.storage.StorageLayout;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The thumbnail endpoints on the local stack (real Kafka and MariaDB with index-service's catalog schema). The test
 * plays thumbnail-service: it reads the request from Kafka and writes the file where the worker would.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class ThumbnailOnDemandIT {

    /** Every request below is a signed-in viewer's (the role matrix is in AccessMatrixTest). */
    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        RestAssured.requestSpecification = TestSessions.session("viewer").spec();
    }

    @org.junit.jupiter.api.AfterEach
    void signOut() {
        RestAssured.requestSpecification = null;
    }

    private static final StorageLayout STORAGE = new StorageLayout(Path.of("target/storage"));
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, (byte) 0xFF,
            (byte) 0xD9};
    private static final int CLIENTS = 8;

    private static boolean catalogReady;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaCompanion companion;
    private ConsumerTask<String, String> requests;

    @BeforeEach
    void catalogAndListener() throws Exception {
        if (!catalogReady) {
            CatalogSchema.recreate(pool);
            insert(101, "INDEXED", "DONE");
            insert(102, "INDEXED", "DONE");
            insert(103, "INDEXED", "DONE");
            insert(104, "MISSING", "DONE");
            insert(105, "INDEXED", "PENDING");
            insert(106, "INDEXED", null);
            sql("UPDATE media_item SET kind = 'SIDECAR' WHERE id = 106");
            catalogReady = true;
        }
        companion = new KafkaCompanion(bootstrapServers);
        requests = companion.consumeStrings().fromTopics(Topics.THUMBNAIL_REQUESTED);
    }

    @AfterEach
    void close() {
        requests.stop();
        companion.close();
    }

    @Test
    void concurrentRequestsForAMissingSizeSendOneRequestAndAllGetTheFileOnceWritten() throws Exception {
        String hash = hash(101);
        Files.deleteIfExists(STORAGE.file(hash, "fit-3840.jpg")); // left by an earlier run
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                answers.add(clients.submit(() -> given().get("/api/v1/media/101/thumbnails/fit-3840")));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> !requestsFor(hash).isEmpty());
            ThumbnailRequested request = mapper.readValue(requestsFor(hash).get(0).value(), ThumbnailRequested.class);
            assertThat(request.size()).isEqualTo("fit-3840");
            assertThat(request.location()).isEqualTo(new FileLocation("family", "2019/IMG_101.jpg"));
            assertThat(request.kind()).isEqualTo(MediaKind.IMAGE);
            assertThat(request.orientation()).isEqualTo(6);

            STORAGE.writeAtomically(STORAGE.file(hash, "fit-3840.jpg"), out -> out.write(JPEG));

            for (Future<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.contentType()).isEqualTo("image/jpeg");
                assertThat(response.asByteArray()).isEqualTo(JPEG);
            }
        } finally {
            clients.shutdownNow();
        }
        Thread.sleep(1000); // a second request, if any had been sent, would have arrived by now
        assertThat(requestsFor(hash)).hasSize(1);
    }

    @Test
    void anExistingFileIsServedWithoutARequestAndTheContentAddressIsImmutable() throws Exception {
        String hash = hash(102);
        STORAGE.writeAtomically(STORAGE.file(hash, "tile-224.jpg"), out -> out.write(JPEG));
        STORAGE.writeAtomically(STORAGE.file(hash, "fit-2560.jpg"), out -> out.write(JPEG));

        String etag = given().get("/api/v1/media/102/thumbnails/tile-224").then().statusCode(200)
                .header("Cache-Control", "private, no-cache").header("ETag", containsString(hash))
                .extract().header("ETag");
        given().header("If-None-Match", etag).get("/api/v1/media/102/thumbnails/tile-224").then().statusCode(304);
        given().get("/api/v1/thumbnails/" + hash + "/fit-2560").then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("ETag", containsString(hash + "-fit-2560"));

        Thread.sleep(500);
        assertThat(requestsFor(hash)).isEmpty();
    }

    @Test
    void aSizeNobodyMakesIsAnsweredGatewayTimeoutWithARetryAndTheNextRequestAsksAgain() {
        String hash = hash(103);
        given().get("/api/v1/thumbnails/" + hash + "/fit-2560").then().statusCode(504)
                .contentType("application/problem+json").header("Retry-After", "5")
                .body("detail", containsString("still being made"));
        given().get("/api/v1/thumbnails/" + hash + "/fit-2560").then().statusCode(504);

        await().atMost(Duration.ofSeconds(10)).until(() -> requestsFor(hash).size() == 2);
    }

    @Test
    void unknownSizesMissingOriginalsAndUnmadeStandardSizesAreProblemsNotRequests() {
        given().get("/api/v1/media/101/thumbnails/fit-9999").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("fit-3840"));
        given().get("/api/v1/media/104/thumbnails/fit-3840").then().statusCode(404)
                .body("detail", containsString("MISSING"));
        given().get("/api/v1/media/105/thumbnails/tile-224").then().statusCode(404)
                .body("detail", containsString("not made yet"));
        given().get("/api/v1/media/106/thumbnails/fit-2560").then().statusCode(404)
                .body("detail", containsString("no picture"));
        given().get("/api/v1/media/999/thumbnails/tile-224").then().statusCode(404)
                .body("status", equalTo(404));
        assertThat(requestsFor(hash(104))).isEmpty();
        assertThat(requestsFor(hash(106))).isEmpty();
    }

    private List<ConsumerRecord<String, String>> requestsFor(String hash) {
        return requests.getRecords().stream().filter(r -> hash.equals(r.key())).toList();
    }

    private static String hash(long id) {
        return "%064x".formatted(id + 0xabc0000L);
    }

    private void insert(long id, String status, String thumbnailStatus) {
        String path = "2019/IMG_" + id + ".jpg";
        sql("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, content_hash, size_bytes,"
                + " modified_at, status, kind, mime_type, width, height, orientation, taken_at, thumbnail_status,"
                + " last_event_at) VALUES (" + id + ", 'family', '" + path + "', UNHEX(SHA2('family:" + path
                + "', 256)), 'IMG_" + id + ".jpg', '" + hash(id) + "', 1000, NOW(3), '" + status
                + "', 'IMAGE', 'image/jpeg', 4032, 3024, 6, NOW(3), "
                + (thumbnailStatus == null ? "NULL" : "'" + thumbnailStatus + "'") + ", NOW(6))");
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().indefinitely();
    }
}
