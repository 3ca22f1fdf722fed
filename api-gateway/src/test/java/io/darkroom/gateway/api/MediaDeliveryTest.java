package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.darkroom.gateway.testing.CatalogSchema;
import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.darkroom.platform.storage.StorageLayout;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Originals and videos: whole files, byte ranges (206, 416, If-Range), ETags (304), download names, and the guards:
 * nothing outside the library root is served, whatever the catalog says, and hostile file types never run inline.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class MediaDeliveryTest {

    private static final Path LIBRARY = Path.of("target/library");
    private static final StorageLayout STORAGE = new StorageLayout(Path.of("target/storage"));
    private static final byte[] ORIGINAL = bytes(10_000, 7);
    private static final byte[] TRANSCODE = bytes(5_000, 3);
    private static final String VIDEO_HASH = "%064d".formatted(20);
    private static boolean ready;

    @Inject
    Pool pool;

    @BeforeEach
    void fixtures() throws Exception {
        RestAssured.requestSpecification = TestSessions.session("viewer").spec();
        if (ready) {
            return;
        }
        CatalogSchema.recreate(pool);
        Files.createDirectories(LIBRARY.resolve("2024"));
        Files.write(LIBRARY.resolve("2024/Grüße am Meer.jpg"), ORIGINAL);
        Files.writeString(LIBRARY.resolve("2024/drawing.svg"), "<svg xmlns='http://www.w3.org/2000/svg'>"
                + "<script>alert(1)</script></svg>");
        Files.write(LIBRARY.resolve("2024/clip.mov"), bytes(3_000, 5));
        Files.write(LIBRARY.resolve("2024/phone.mp4"), bytes(2_000, 9));
        Path outside = Files.writeString(Path.of("target/outside-the-library.txt"), "secret");
        Files.deleteIfExists(LIBRARY.resolve("2024/link.jpg"));
        Files.createSymbolicLink(LIBRARY.resolve("2024/link.jpg"), outside.toAbsolutePath());
        STORAGE.writeAtomically(STORAGE.file(VIDEO_HASH, "video.mp4"), out -> out.write(TRANSCODE));

        item(1, "2024/Grüße am Meer.jpg", "%064d".formatted(1), "image/jpeg", "INDEXED", "IMAGE", null, null);
        item(2, "2024/drawing.svg", "%064d".formatted(2), "image/svg+xml", "INDEXED", "IMAGE", null, null);
        item(3, "2024/clip.mov", VIDEO_HASH, "video/quicktime", "INDEXED", "VIDEO", "DONE",
                STORAGE.relativePath(VIDEO_HASH, "video.mp4"));
        item(4, "2024/phone.mp4", "%064d".formatted(4), "video/mp4", "INDEXED", "VIDEO", "DONE", null);
        item(5, "2024/later.mov", "%064d".formatted(5), "video/quicktime", "INDEXED", "VIDEO", "PENDING", null);
        item(6, "2024/gone.jpg", "%064d".formatted(6), "image/jpeg", "MISSING", "IMAGE", null, null);
        item(7, "../../../etc/passwd", "%064d".formatted(7), "text/plain", "INDEXED", "IMAGE", null, null);
        item(8, "2024/link.jpg", "%064d".formatted(8), "image/jpeg", "INDEXED", "IMAGE", null, null);
        item(9, "2024/evil.mov", "%064d".formatted(9), "video/quicktime", "INDEXED", "VIDEO", "DONE",
                "../../../../etc/passwd");
        ready = true;
    }

    @AfterEach
    void signOut() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void theOriginalComesWholeWithItsTypeETagAndName() {
        Response response = given().get("/api/v1/media/1/original");
        response.then().statusCode(200).contentType("image/jpeg").header("Accept-Ranges", "bytes")
                .header("ETag", "\"" + "%064d".formatted(1) + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"Gr__e am Meer.jpg\";"
                        + " filename*=UTF-8''Gr%C3%BC%C3%9Fe%20am%20Meer.jpg");
        assertThat(response.asByteArray()).isEqualTo(ORIGINAL);
        given().get("/api/v1/media/1/original?download=true").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment;"));
        given().header("If-None-Match", "\"" + "%064d".formatted(1) + "\"").get("/api/v1/media/1/original")
                .then().statusCode(304);
    }

    @Test
    void aRangeIsAnsweredWith206AndExactlyThoseBytes() {
        Response middle = given().header("Range", "bytes=100-199").get("/api/v1/media/1/original");
        middle.then().statusCode(206).header("Content-Range", "bytes 100-199/10000").header("Content-Length", "100");
        assertThat(middle.asByteArray()).isEqualTo(Arrays.copyOfRange(ORIGINAL, 100, 200));

        Response tail = given().header("Range", "bytes=-10").get("/api/v1/media/1/original");
        tail.then().statusCode(206).header("Content-Range", "bytes 9990-9999/10000");
        assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(ORIGINAL, 9990, 10000));

        Response open = given().header("Range", "bytes=9000-").get("/api/v1/media/1/original");
        open.then().statusCode(206).header("Content-Range", "bytes 9000-9999/10000");
        assertThat(open.asByteArray()).hasSize(1000);

        given().header("Range", "bytes=10000-").get("/api/v1/media/1/original").then().statusCode(416)
                .header("Content-Range", "bytes */10000").contentType("application/problem+json");
        // several ranges, other units, garbage, or an If-Range for another version: the whole file
        for (String range : new String[] {"bytes=0-1,5-6", "items=0-1", "bytes=abc", "bytes=5-1"}) {
            given().header("Range", range).get("/api/v1/media/1/original").then().statusCode(200);
        }
        given().header("Range", "bytes=0-9").header("If-Range", "\"older\"").get("/api/v1/media/1/original")
                .then().statusCode(200).header("Content-Length", "10000");
    }

    @Test
    void aVideoPlaysFromItsTranscodeOrItsOriginalWhenThatPlaysAsIs() {
        Response transcode = given().header("Range", "bytes=0-99").get("/api/v1/media/3/video");
        transcode.then().statusCode(206).contentType("video/mp4").header("Content-Range", "bytes 0-99/5000")
                .header("Content-Disposition", containsString("clip.mp4"));
        assertThat(transcode.asByteArray()).isEqualTo(Arrays.copyOfRange(TRANSCODE, 0, 100));
        given().get("/api/v1/media/4/video").then().statusCode(200).contentType("video/mp4")
                .header("Content-Length", "2000");
        given().get("/api/v1/media/5/video").then().statusCode(404).body("detail", containsString("not made yet"));
        given().get("/api/v1/media/1/video").then().statusCode(404).body("detail", containsString("not a video"));
    }

    @Test
    void nothingOutsideTheLibraryIsServedAndHostileTypesAreDownloadsOnly() {
        given().get("/api/v1/media/2/original").then().statusCode(200)
                .header("Content-Disposition", containsString("attachment;"))
                .header("Content-Security-Policy", containsString("sandbox"));
        given().get("/api/v1/media/6/original").then().statusCode(404).body("detail", containsString("no longer"));
        for (int id : new int[] {7, 8, 9}) {
            Response response = given().get("/api/v1/media/" + id + (id == 9 ? "/video" : "/original"));
            assertThat(response.statusCode()).as("item %d", id).isEqualTo(404);
            assertThat(response.asString()).doesNotContain("root:").doesNotContain("secret");
        }
        given().get("/api/v1/media/999/original").then().statusCode(404);
        given().get("/api/v1/media/..%2F..%2Fetc/original").then().statusCode(400);
    }

    @Test
    void aSharedVideoPlaysForTheLinkHolderOnly() {
        RestAssured.requestSpecification = null;
        String token = given().spec(TestSessions.session("user").spec()).contentType(ContentType.JSON)
                .body("{\"scope\":\"item\",\"targetId\":3}").post("/api/v1/shares").then().statusCode(201).extract()
                .path("token");
        given().header("Range", "bytes=10-19").get("/api/v1/shared/" + token + "/items/3/video").then().statusCode(206)
                .header("Content-Range", "bytes 10-19/5000").header("Cache-Control", equalTo("private, max-age=3600"));
        given().get("/api/v1/shared/" + token + "/items/4/video").then().statusCode(404);
        given().get("/api/v1/media/3/video").then().statusCode(401);
    }

    private void item(long id, String path, String hash, String mime, String status, String kind,
            String transcodeStatus, String transcodePath) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        pool.preparedQuery("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, content_hash,"
                        + " size_bytes, modified_at, status, kind, mime_type, transcode_status, transcode_path,"
                        + " last_event_at) VALUES (?, 'family', ?, UNHEX(SHA2(?, 256)), ?, ?, 10, NOW(3), ?, ?, ?, ?, ?,"
                        + " NOW(6))")
                .execute(io.vertx.mutiny.sqlclient.Tuple.from(new Object[] {id, path, "family:" + path, name, hash,
                        status, kind, mime, transcodeStatus, transcodePath}))
                .await().indefinitely();
    }

    private static byte[] bytes(int size, int seed) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) (i * seed + i / 256);
        }
        return out;
    }
}
