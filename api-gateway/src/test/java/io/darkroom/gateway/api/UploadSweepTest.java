package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.gateway.UploadsConfig;
import io.darkroom.gateway.persistence.UploadRepository;
import io.darkroom.gateway.testing.MutableClock;
import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sweep of abandoned uploads, on the real upload table (MariaDB) and folder: a sweep run a day and more later (a
 * {@link MutableClock}) removes unfinished uploads with no chunk since, rows and staged bytes, and staged files
 * without a row; an upload that received a chunk within the day stays, and a finished upload's file stays in the
 * library.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class UploadSweepTest {

    private static final Path LIBRARY = Path.of("target/library");

    @Inject
    UploadRepository repository;

    @Inject
    UploadStore store;

    @Inject
    UploadsConfig config;

    @Inject
    UploadSweeper scheduled;

    @Test
    void uploadsIdleLongerThanTheLimitAreRemovedRowAndBytes() throws Exception {
        RequestSpecification user = TestSessions.session("user").spec();
        String started = create(user, "started.jpg", 3000);
        put(user, started, 3000, 0, 1023).statusCode(200);
        String empty = create(user, "never-sent.jpg", 100);
        String finished = create(user, "sweep-finished.jpg", 10);
        String path = put(user, finished, 10, 0, 9).statusCode(200).extract().path("path");
        String active = create(user, "still-going.jpg", 3000);
        put(user, active, 3000, 0, 1023).statusCode(200);
        Path orphan = staged("o".repeat(43));
        Files.write(orphan, new byte[] {1, 2, 3}); // its account was deleted: no row

        MutableClock dayLater = new MutableClock();
        dayLater.now = Instant.now().plus(config.abandonAfter()).plus(Duration.ofHours(1));
        // a chunk came an hour before the sweep
        Files.setLastModifiedTime(staged(active), FileTime.from(dayLater.now.minus(Duration.ofHours(1))));
        assertThat(staged(started)).exists();
        assertThat(staged(empty)).exists();

        UploadSweeper.Swept swept = new UploadSweeper(repository, store, config, dayLater).sweep().await()
                .atMost(Duration.ofSeconds(30));

        given().spec(user).get("/api/v1/uploads/" + started).then().statusCode(404);
        given().spec(user).get("/api/v1/uploads/" + empty).then().statusCode(404);
        assertThat(staged(started)).doesNotExist();
        assertThat(staged(empty)).doesNotExist();
        assertThat(orphan).doesNotExist();
        given().spec(user).get("/api/v1/uploads/" + active).then().statusCode(200).body("received",
                org.hamcrest.Matchers.equalTo(1024));
        assertThat(staged(active)).exists();
        given().spec(user).get("/api/v1/uploads/" + finished).then().statusCode(404);
        assertThat(LIBRARY.resolve(path)).as("a finished upload's file is the library's").exists();
        // other test classes' leftovers in the same table may be swept too: at least ours
        assertThat(swept.abandoned()).isGreaterThanOrEqualTo(2);
        assertThat(swept.bytes()).isGreaterThanOrEqualTo(1024);
        assertThat(swept.orphans()).isGreaterThanOrEqualTo(1);
        assertThat(swept.finished()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theGatewaysOwnSweepLeavesRecentUploadsAlone() throws Exception {
        RequestSpecification user = TestSessions.session("user").spec();
        String recent = create(user, "recent.jpg", 3000);
        put(user, recent, 3000, 0, 1023).statusCode(200);

        scheduled.sweep().await().atMost(Duration.ofSeconds(30));

        given().spec(user).get("/api/v1/uploads/" + recent).then().statusCode(200);
        assertThat(staged(recent)).exists();
    }

    private static Path staged(String id) throws Exception {
        Path folder = LIBRARY.resolve("uploads/.partial");
        Files.createDirectories(folder);
        return folder.resolve(id);
    }

    private static String create(RequestSpecification as, String name, long size) {
        return given().spec(as).contentType(ContentType.JSON).body(Map.of("fileName", name, "size", size))
                .post("/api/v1/uploads").then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse put(RequestSpecification as, String id, int size, int first, int last) {
        byte[] file = new byte[size];
        Arrays.fill(file, (byte) 7);
        return given().spec(as).contentType(ContentType.BINARY)
                .header("Content-Range", "bytes " + first + "-" + last + "/" + size)
                .body(Arrays.copyOfRange(file, first, last + 1)).put("/api/v1/uploads/" + id).then();
    }
}
