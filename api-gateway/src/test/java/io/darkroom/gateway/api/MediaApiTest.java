package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;

import io.darkroom.gateway.testing.TestSessions;
import io.restassured.RestAssured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.darkroom.gateway.testing.CatalogSchema;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API against a real MariaDB (the local stack) holding the catalog schema exactly as index-service's migration
 * creates it.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class MediaApiTest {

    /** Every request below is a signed-in viewer's (the role matrix is in AccessMatrixTest). */
    @org.junit.jupiter.api.BeforeEach
    void signIn() {
        RestAssured.requestSpecification = TestSessions.session("viewer").spec();
    }

    @org.junit.jupiter.api.AfterEach
    void signOut() {
        RestAssured.requestSpecification = null;
    }


    /**
     * Timeline order of the rows below: newest first, ties by id descending, undated last; MISSING (5) and the stack's
     * hidden half (10) left out.
     */
    private static final List<Long> TIMELINE = List.of(8L, 4L, 2L, 1L, 7L, 9L, 6L, 3L);

    private static boolean catalogReady;

    @Inject
    Pool pool;

    @BeforeEach
    void createCatalog() throws Exception {
        if (catalogReady) {
            return;
        }
        CatalogSchema.recreate(pool);
        insert(1, "INDEXED", "'2020-01-01 10:00:00.000'", null, null, null, "DONE", null);
        insert(2, "INDEXED", "'2021-06-01 12:00:00.123'", null, null, null, null, null);
        insert(3, "FAILED", "NULL", "INDEX", "CORRUPT", "Not a readable JPEG: the file ends after 12 bytes", null, null);
        insert(4, "INDEXED", "'2021-06-01 12:00:00.123'", null, null, null, null, null);
        insert(5, "MISSING", "'2022-02-02 00:00:00.000'", null, null, null, "DONE", null);
        insert(6, "FAILED", "NULL", "INGEST", "EMPTY", "The file is empty", null, null);
        insert(7, "INDEXED", "'2019-05-05 05:05:05.000'", null, null, null, null, "PENDING");
        insert(8, "INDEXED", "'2023-01-01 00:00:00.000'", null, null, null, "DONE", "DONE");
        insert(9, "FAILED", "'2018-01-01 00:00:00.000'", "THUMBNAIL", "UNSUPPORTED", "No decoder", "FAILED", null);
        // the RAW half of a RAW+JPEG stack (index-service marks it): in the catalog, not on the timeline
        insert(10, "INDEXED", "'2022-06-06 06:06:06.000'", null, null, null, "DONE", null);
        sql("UPDATE media_item SET stack_primary = FALSE WHERE id = 10");
        catalogReady = true;
    }

    @Test
    void theTimelinePagesThroughEveryIndexedAndFailedItemNewestFirstUndatedLast() {
        for (int limit = 1; limit <= TIMELINE.size() + 1; limit++) {
            assertThat(walkTimeline(limit)).as("pages of %d", limit).isEqualTo(TIMELINE);
        }
    }

    @Test
    void theFirstPageIsTheDefaultSizeWithoutALimitAndTheLastHasNoNextCursor() {
        given().get("/api/v1/media").then().statusCode(200)
                .body("items.size()", equalTo(TIMELINE.size()))
                .body("nextCursor", nullValue());
    }

    @Test
    void aHiddenStackMemberIsNotOnTheTimelineButCanStillBeOpened() {
        assertThat(walkTimeline(100)).doesNotContain(10L);
        given().get("/api/v1/media/10").then().statusCode(200).body("id", equalTo(10));
    }

    @Test
    void anItemCarriesItsMetadataAndAFailedOneItsReason() {
        given().get("/api/v1/media/4").then().statusCode(200)
                .body("id", equalTo(4))
                .body("fileName", equalTo("IMG_4.jpg"))
                .body("root", equalTo("family"))
                .body("path", equalTo("2019/IMG_4.jpg"))
                .body("status", equalTo("INDEXED"))
                .body("kind", equalTo("IMAGE"))
                .body("mimeType", equalTo("image/jpeg"))
                .body("takenAt", equalTo("2021-06-01T12:00:00.123Z"))
                .body("takenAtSource", equalTo("EXIF"))
                .body("width", equalTo(4032))
                .body("height", equalTo(3024))
                .body("orientation", equalTo(6))
                .body("contentHash", equalTo("%064d".formatted(4)))
                .body("failure", nullValue())
                .body("thumbnailStatus", nullValue())
                .body("transcodeStatus", nullValue());

        given().get("/api/v1/media/3").then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("takenAt", nullValue())
                .body("failure.stage", equalTo("INDEX"))
                .body("failure.kind", equalTo("CORRUPT"))
                .body("failure.reason", equalTo("Not a readable JPEG: the file ends after 12 bytes"));
    }

    @Test
    void theLibraryStatusCountsTheCatalog() {
        given().get("/api/v1/library/status").then().statusCode(200)
                .body("items", equalTo(10))
                .body("indexed", equalTo(6))
                .body("failed", equalTo(3))
                .body("missing", equalTo(1))
                .body("thumbnailsDone", equalTo(4))
                .body("transcodesDone", equalTo(1))
                .body("transcodesPending", equalTo(1));
    }

    @Test
    void anUnknownIdIsA404Problem() {
        given().get("/api/v1/media/999999").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("detail", containsString("999999"));
    }

    @Test
    void badInputIsA400ProblemNeverA500() {
        for (String url : List.of("/api/v1/media/abc", "/api/v1/media/-1", "/api/v1/media?limit=0",
                "/api/v1/media?limit=501", "/api/v1/media?limit=ten", "/api/v1/media?cursor=not-a-cursor",
                "/api/v1/media?cursor=" + "%00%01")) {
            given().get(url).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("title", equalTo("Bad Request"))
                    .body("detail", org.hamcrest.Matchers.not(containsString("Exception")));
        }
        given().get("/api/v1/media?limit=0").then().body("detail", containsString("1 to 500"));
        given().get("/api/v1/media?cursor=nope").then().body("detail", containsString("cursor"));
    }

    @Test
    void anUnknownAddressIsAProblemToo() {
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theOpenApiDocumentAndHealthAreServed() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/media"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    private List<Long> walkTimeline(int limit) {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page <= TIMELINE.size() + 1; page++) {
            var request = given().queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath body = request.get("/api/v1/media").then().statusCode(200).extract().jsonPath();
            List<Number> pageIds = body.getList("items.id", Number.class);
            assertThat(pageIds.size()).isLessThanOrEqualTo(limit);
            pageIds.forEach(id -> ids.add(id.longValue()));
            cursor = body.getString("nextCursor");
            if (cursor == null) {
                return ids;
            }
        }
        throw new AssertionError("The timeline never ended: " + ids);
    }

    private void insert(long id, String status, String takenAt, String failureStage, String failureKind,
            String failureReason, String thumbnailStatus, String transcodeStatus) {
        String path = "2019/IMG_" + id + ".jpg";
        sql("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, content_hash, size_bytes,"
                + " modified_at, status, kind, mime_type, width, height, orientation, taken_at, taken_at_source,"
                + " failure_stage, failure_kind, failure_reason, thumbnail_status, transcode_status, last_event_at)"
                + " VALUES (" + id + ", 'family', '" + path + "', UNHEX(SHA2('family:" + path + "', 256)), 'IMG_" + id
                + ".jpg', '" + "%064d".formatted(id) + "', 1000, NOW(3), '" + status + "', 'IMAGE', 'image/jpeg',"
                + " 4032, 3024, 6, " + takenAt + ", " + ("NULL".equals(takenAt) ? "NULL" : "'EXIF'") + ", "
                + Arrays.stream(new String[] {failureStage, failureKind, failureReason, thumbnailStatus,
                        transcodeStatus}).map(v -> v == null ? "NULL" : "'" + v + "'")
                        .collect(Collectors.joining(", "))
                + ", NOW(6))");
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().indefinitely();
    }
}
