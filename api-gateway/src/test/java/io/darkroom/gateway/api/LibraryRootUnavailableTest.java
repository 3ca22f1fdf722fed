package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.darkroom.gateway.testing.CatalogSchema;
import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * An original whose library root is gone (a Storage Box unmounted: the mount point missing, or left empty) answers
 * 503 with a Problem that says so and when to try again, ranges included; a file missing under a root that is there
 * stays a 404. The test moves the test root ({@code target/library}) away and back.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class LibraryRootUnavailableTest {

    private static final Path LIBRARY = Path.of("target/library");
    private static final Path AWAY = Path.of("target/library-unmounted");

    @Inject
    Pool pool;

    @Test
    void aMissingRootIsUnavailableNotAMissingFile() throws Exception {
        CatalogSchema.recreate(pool);
        Files.createDirectories(LIBRARY.resolve("root-test"));
        Files.write(LIBRARY.resolve("root-test/there.jpg"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Files.deleteIfExists(LIBRARY.resolve("root-test/never-there.jpg"));
        item(1, "root-test/there.jpg");
        item(2, "root-test/never-there.jpg");
        RequestSpecification viewer = TestSessions.session("viewer").spec();

        given().spec(viewer).get("/api/v1/media/1/original").then().statusCode(200);
        given().spec(viewer).get("/api/v1/media/2/original").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("not where the catalog says"));

        Files.move(LIBRARY, AWAY, StandardCopyOption.ATOMIC_MOVE);
        try {
            given().spec(viewer).get("/api/v1/media/1/original").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "30")
                    .body("status", equalTo(503))
                    .body("detail", containsString("library root 'family' is unavailable"));
            given().spec(viewer).header("Range", "bytes=2-5").get("/api/v1/media/1/original").then().statusCode(503);
            given().spec(viewer).get("/api/v1/media/2/original").then().statusCode(503);

            Files.createDirectory(LIBRARY); // the mount point is back, empty: the share is not mounted
            given().spec(viewer).header("Range", "bytes=2-5").get("/api/v1/media/1/original").then().statusCode(503)
                    .body("detail", containsString("unavailable"));
        } finally {
            Files.deleteIfExists(LIBRARY);
            Files.move(AWAY, LIBRARY, StandardCopyOption.ATOMIC_MOVE);
        }

        given().spec(viewer).header("Range", "bytes=2-5").get("/api/v1/media/1/original").then().statusCode(206);
        given().spec(viewer).get("/api/v1/media/2/original").then().statusCode(404);
    }

    private void item(long id, String path) {
        pool.preparedQuery("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, content_hash,"
                        + " size_bytes, modified_at, status, kind, mime_type, last_event_at) VALUES (?, 'family', ?,"
                        + " UNHEX(SHA2(?, 256)), ?, ?, 8, NOW(3), 'INDEXED', 'IMAGE', 'image/jpeg', NOW(6))")
                .execute(io.vertx.mutiny.sqlclient.Tuple.from(new Object[] {id, path, "family:" + path,
                        path.substring(path.lastIndexOf('/') + 1), "%064d".formatted(id)}))
                .await().indefinitely();
    }
}
