package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.RescanRequested;
import io.darkroom.events.Topics;
import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Resumable chunked uploads (1 KiB chunks in the test profile): a file in pieces, resumed after a refused chunk,
 * lands whole in the library's upload folder, named safely and never over another file, and ingest-service is asked
 * to scan that folder over real Kafka.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class UploadApiTest {

    private static final Path LIBRARY = Path.of("target/library");

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaCompanion companion;
    private ConsumerTask<String, String> rescans;

    private static boolean cleaned;

    @BeforeEach
    void listen() throws Exception {
        if (!cleaned) {
            // an earlier run's uploads would turn today's names into numbered ones
            if (Files.exists(LIBRARY.resolve("uploads"))) {
                try (var files = Files.walk(LIBRARY.resolve("uploads"))) {
                    for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            cleaned = true;
        }
        companion = new KafkaCompanion(bootstrapServers);
        rescans = companion.consumeStrings().fromTopics(Topics.RESCAN_REQUESTED);
    }

    @AfterEach
    void close() {
        rescans.stop();
        companion.close();
    }

    @Test
    void aFileInChunksIsResumedAndLandsWholeInTheUploadFolder() throws Exception {
        RequestSpecification user = TestSessions.session("user").spec();
        byte[] file = bytes(2500);
        String id = create(user, "IMG_1234.jpg", file.length, sha256(file)).statusCode(201)
                .body("received", equalTo(0)).body("chunkBytes", equalTo(1024)).extract().path("id");

        put(user, id, file, 0, 1023).statusCode(200).body("received", equalTo(1024)).body("path", nullValue());
        // the connection broke; the client sends the third chunk by mistake, then asks where to resume
        put(user, id, file, 2048, 2499).statusCode(409).body("detail", containsString("1024"));
        given().spec(user).get("/api/v1/uploads/" + id).then().statusCode(200).body("received", equalTo(1024));
        put(user, id, file, 1024, 2047).statusCode(200).body("received", equalTo(2048));
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        String path = put(user, id, file, 2048, 2499).statusCode(200).body("received", equalTo(2500))
                .extract().path("path");

        assertThat(path).isEqualTo("uploads/" + day + "/IMG_1234.jpg");
        assertThat(Files.readAllBytes(LIBRARY.resolve(path))).isEqualTo(file);
        assertThat(LIBRARY.resolve("uploads/.partial/" + id)).doesNotExist();
        RescanRequested command = awaitRescan("uploads/" + day);
        assertThat(command.root()).isEqualTo("family");
        assertThat(command.requestedBy()).isEqualTo("upload");
        // the same last chunk again (its answer was lost): the same answer, nothing doubled
        put(user, id, file, 2048, 2499).statusCode(200).body("path", equalTo(path));

        String second = create(user, "IMG_1234.jpg", 10, null).extract().path("id");
        assertThat(put(user, second, bytes(10), 0, 9).statusCode(200).extract().<String>path("path"))
                .isEqualTo("uploads/" + day + "/IMG_1234 (2).jpg");
        assertThat(Files.readAllBytes(LIBRARY.resolve(path))).isEqualTo(file);
    }

    @Test
    void anUploadWhoseMoveIntoTheLibraryFailedIsFinishedByItsLastChunkSentAgain() throws Exception {
        RequestSpecification user = TestSessions.session("user").spec();
        byte[] file = bytes(700);
        String id = create(user, "held.jpg", file.length, sha256(file)).statusCode(201).extract().path("id");
        // today's folder cannot be made (a plain file is in its way; root ignores permissions): the move fails
        Path dayFolder = LIBRARY.resolve("uploads/" + LocalDate.now(ZoneOffset.UTC));
        Path aside = LIBRARY.resolve("uploads-day-aside");
        boolean existed = Files.exists(dayFolder);
        if (existed) {
            Files.move(dayFolder, aside);
        }
        try {
            Files.writeString(dayFolder, "in the way");
            put(user, id, file, 0, 699).statusCode(503).header("Retry-After", "30")
                    .body("detail", containsString("the upload folder cannot be written"));
            given().spec(user).get("/api/v1/uploads/" + id).then().statusCode(200).body("received", equalTo(700))
                    .body("path", nullValue());
        } finally {
            Files.delete(dayFolder);
            if (existed) {
                Files.move(aside, dayFolder);
            }
        }

        String path = put(user, id, file, 0, 699).statusCode(200).extract().path("path");

        assertThat(path).startsWith("uploads/" + LocalDate.now(ZoneOffset.UTC) + "/held");
        assertThat(Files.readAllBytes(LIBRARY.resolve(path))).isEqualTo(file);
        assertThat(LIBRARY.resolve("uploads/.partial/" + id)).doesNotExist();
    }

    @Test
    void aDamagedFileNeverEntersTheLibrary() throws Exception {
        RequestSpecification user = TestSessions.session("user").spec();
        byte[] file = bytes(100);
        String id = create(user, "damaged.jpg", 100, sha256(bytes(99)) ).extract().path("id");
        put(user, id, file, 0, 99).statusCode(422).body("detail", containsString("SHA-256"));
        try (var files = Files.walk(LIBRARY.resolve("uploads"))) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("damaged.jpg");
        }
        given().spec(user).get("/api/v1/uploads/" + id).then().statusCode(404);
    }

    @Test
    void namesAreMadeSafeAndBadRequestsAreRefusedWithAReason() throws Exception {
        RequestSpecification user = TestSessions.session("user").spec();
        String hostile = create(user, "../../etc/.passwd", 3, null).statusCode(201).extract().path("id");
        assertThat(put(user, hostile, bytes(3), 0, 2).statusCode(200).extract().<String>path("path"))
                .endsWith("/passwd");
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("fileName", "..", "size", 3),
                Map.of("fileName", "a.jpg", "size", 0), Map.of("fileName", "a.jpg", "size", 3, "sha256", "xyz"),
                Map.of("fileName", "a.jpg"))) {
            given().spec(user).contentType(ContentType.JSON).body(body).post("/api/v1/uploads").then().statusCode(400);
        }
        String id = create(user, "big.jpg", 5000, null).extract().path("id");
        put(user, id, bytes(5000), 0, 2047).statusCode(400); // more than a chunk
        given().spec(user).contentType(ContentType.BINARY).header("Content-Range", "bytes 0-9/5000").body(bytes(20))
                .put("/api/v1/uploads/" + id).then().statusCode(413);
        given().spec(user).contentType(ContentType.BINARY).body(bytes(10)).put("/api/v1/uploads/" + id).then()
                .statusCode(400).body("detail", containsString("Content-Range"));
        given().spec(user).get("/api/v1/uploads/" + id).then().statusCode(200).body("received", equalTo(0));
        // someone else's upload does not exist for you
        TestSessions.ensureAccount("upload-other", TestSessions.PASSWORD, "user");
        given().spec(TestSessions.login("upload-other", TestSessions.PASSWORD).spec()).get("/api/v1/uploads/" + id)
                .then().statusCode(404);
        given().spec(user).delete("/api/v1/uploads/" + id).then().statusCode(204);
        assertThat(LIBRARY.resolve("uploads/.partial/" + id)).doesNotExist();
    }

    private static ValidatableResponse create(RequestSpecification as, String name, long size, String sha256) {
        var body = new java.util.HashMap<String, Object>(Map.of("fileName", name, "size", size));
        if (sha256 != null) {
            body.put("sha256", sha256);
        }
        return given().spec(as).contentType(ContentType.JSON).body(body).post("/api/v1/uploads").then();
    }

    private static ValidatableResponse put(RequestSpecification as, String id, byte[] file, int first, int last) {
        return given().spec(as).contentType(ContentType.BINARY)
                .header("Content-Range", "bytes " + first + "-" + last + "/" + file.length)
                .body(Arrays.copyOfRange(file, first, last + 1)).put("/api/v1/uploads/" + id).then();
    }

    private RescanRequested awaitRescan(String folder) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : List.copyOf(rescans.getRecords())) {
                RescanRequested command = mapper.readValue(record.value(), RescanRequested.class);
                if (folder.equals(command.folder())) {
                    return command;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No rescan of " + folder);
    }

    private static byte[] bytes(int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) (i * 31 + i / 7);
        }
        return out;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
