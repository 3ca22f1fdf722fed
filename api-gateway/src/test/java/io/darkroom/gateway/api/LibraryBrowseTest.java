package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.darkroom.gateway.testing.CatalogSchema;
import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Folders, duplicates and failures on index-service's real schema. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class LibraryBrowseTest {

    private static boolean ready;

    @Inject
    Pool pool;

    @BeforeEach
    void catalog() throws Exception {
        if (!ready) {
            CatalogSchema.recreate(pool);
            item(1, "family", "2023/beach/a.jpg", "a", "INDEXED", null);
            item(2, "family", "2023/beach/b.jpg", "b", "INDEXED", null);
            item(3, "family", "2023/snow_100%/c.jpg", "a", "INDEXED", null);
            item(4, "family", "2024/d.jpg", "d", "INDEXED", "FAILED");
            item(5, "family", "top.jpg", "e", "FAILED", null);
            item(6, "family", "2024/old/f.jpg", "a", "MISSING", null);
            item(7, "box", "Grüße/g.jpg", "b", "INDEXED", null);
            item(8, "family", "2024/h.jpg", "h", "INDEXED", null);
            ready = true;
        }
        RestAssured.requestSpecification = TestSessions.session("viewer").spec();
    }

    @AfterEach
    void signOut() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void foldersAreBrowsedLevelByLevelWithTheirItemCounts() {
        given().get("/api/v1/folders").then().statusCode(200)
                .body("roots.box", equalTo(1)).body("roots.family", equalTo(6));
        given().get("/api/v1/folders?root=family").then().statusCode(200)
                .body("folders.name", equalTo(List.of("2023", "2024"))).body("folders.items", equalTo(List.of(3, 2)));
        given().get("/api/v1/folders?root=family&folder=2023/").then().statusCode(200)
                .body("folder", equalTo("2023"))
                .body("folders.path", equalTo(List.of("2023/beach", "2023/snow_100%")))
                .body("folders.items", equalTo(List.of(2, 1)));
        // LIKE's wildcards in a folder's name are only characters: as wildcards these would match 2023 and 2024
        given().get("/api/v1/folders?root=family&folder=202_").then().statusCode(200)
                .body("folders", equalTo(List.of()));
        given().urlEncodingEnabled(false).get("/api/v1/folders?root=family&folder=%25").then().statusCode(200)
                .body("folders", equalTo(List.of()));
        given().urlEncodingEnabled(false).get("/api/v1/folders?root=family&folder=2023/snow_100%25").then()
                .statusCode(200).body("folders", equalTo(List.of()));
        given().get("/api/v1/folders?root=box").then().statusCode(200).body("folders.name", equalTo(List.of("Grüße")));
        for (String bad : List.of("folder=2023", "root=family&folder=../x", "root=family&folder=a%5Cb")) {
            given().urlEncodingEnabled(false).get("/api/v1/folders?" + bad).then().statusCode(400);
        }
    }

    @Test
    void duplicatesAreGroupedByContentWithoutMissingCopies() {
        given().get("/api/v1/duplicates").then().statusCode(200)
                .body("groups.contentHash", equalTo(List.of(hash("a"), hash("b"))))
                .body("groups[0].items.id", equalTo(List.of(1, 3)))
                .body("groups[1].items.id", equalTo(List.of(2, 7)))
                .body("nextCursor", nullValue());
        given().get("/api/v1/duplicates?limit=1").then().statusCode(200)
                .body("groups.contentHash", equalTo(List.of(hash("a")))).body("nextCursor", equalTo(hash("a")));
        given().get("/api/v1/duplicates?limit=1&cursor=" + hash("a")).then().statusCode(200)
                .body("groups.contentHash", equalTo(List.of(hash("b"))));
        given().get("/api/v1/duplicates?cursor=nope").then().statusCode(400);
    }

    @Test
    void failuresListEveryStageWithItsReasonNewestFirst() {
        given().get("/api/v1/library/failures").then().statusCode(200)
                .body("items.id", equalTo(List.of(5, 4))).body("items[0].failure.reason", equalTo("broken 5"))
                .body("nextCursor", nullValue());
        given().get("/api/v1/library/failures?limit=1").then().statusCode(200)
                .body("items.id", equalTo(List.of(5))).body("nextCursor", equalTo(5));
        given().get("/api/v1/library/failures?limit=1&before=5").then().statusCode(200)
                .body("items.id", equalTo(List.of(4)));
    }

    private static String hash(String seed) {
        return seed.repeat(64);
    }

    private void item(long id, String root, String path, String seed, String status, String thumbnailStatus) {
        boolean failed = "FAILED".equals(status) || "FAILED".equals(thumbnailStatus);
        pool.preparedQuery("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, content_hash,"
                        + " status, thumbnail_status, failure_stage, failure_reason, last_event_at)"
                        + " VALUES (?, ?, ?, UNHEX(SHA2(?, 256)), ?, ?, ?, ?, ?, ?, NOW(6))")
                .execute(Tuple.from(new Object[] {id, root, path, root + ":" + path,
                        path.substring(path.lastIndexOf('/') + 1), hash(seed), status, thumbnailStatus,
                        failed ? ("FAILED".equals(status) ? "INDEX" : "THUMBNAIL") : null,
                        failed ? "broken " + id : null}))
                .await().indefinitely();
    }
}
