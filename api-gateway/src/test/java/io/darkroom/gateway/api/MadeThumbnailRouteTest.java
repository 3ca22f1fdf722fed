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
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The grid's hot path ({@link MadeThumbnailRoute}) answers a made thumbnail exactly as {@link ThumbnailResource}
 * would, and leaves every other case to it: who may not see, what is malformed, what is not made yet.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class MadeThumbnailRouteTest {

    private static final StorageLayout STORAGE = new StorageLayout(Path.of("target/storage"));
    private static final String MADE = "ab".repeat(32);
    private static final String NOT_MADE = "cd".repeat(32);
    private static final byte[] TILE = tile();
    private static boolean ready;

    @Inject
    Pool pool;

    @BeforeEach
    void fixtures() throws Exception {
        if (ready) {
            return;
        }
        CatalogSchema.recreate(pool);
        STORAGE.writeAtomically(STORAGE.file(MADE, "tile-224.jpg"), out -> out.write(TILE));
        Files.deleteIfExists(STORAGE.file(NOT_MADE, "tile-224.jpg"));
        pool.preparedQuery("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, content_hash,"
                        + " size_bytes, modified_at, status, kind, mime_type, thumbnail_status, last_event_at)"
                        + " VALUES (1, 'family', 'new.jpg', UNHEX(SHA2('family:new.jpg', 256)), 'new.jpg', ?, 10,"
                        + " NOW(3), 'INDEXED', 'IMAGE', 'image/jpeg', 'PENDING', NOW(6))")
                .execute(Tuple.of(NOT_MADE)).await().indefinitely();
        ready = true;
    }

    @Test
    void aMadeThumbnailIsSentWholeWithItsImmutableAddressAndTag() {
        byte[] body = given().spec(viewer()).get(url(MADE)).then().statusCode(200)
                .header("Content-Type", "image/jpeg")
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("ETag", "\"" + MADE + "-tile-224\"")
                .header("Content-Length", String.valueOf(TILE.length))
                .extract().asByteArray();
        assertThat(body).isEqualTo(TILE);
    }

    @Test
    void aLargeOneIsSentWholeByTheFileSendToo() throws Exception {
        byte[] large = Arrays.copyOf(TILE, (int) MadeThumbnailRoute.IN_ONE_WRITE + 500_000);
        Arrays.fill(large, TILE.length, large.length, (byte) 0x33);
        STORAGE.writeAtomically(STORAGE.file(MADE, "fit-3840.jpg"), out -> out.write(large));

        byte[] body = given().spec(viewer()).get("/api/v1/thumbnails/" + MADE + "/fit-3840").then().statusCode(200)
                .header("Content-Type", "image/jpeg")
                .header("ETag", "\"" + MADE + "-fit-3840\"")
                .header("Content-Length", String.valueOf(large.length))
                .extract().asByteArray();
        assertThat(body).isEqualTo(large);
    }

    @Test
    void aClientThatHasItGetsNotModified() {
        String tag = "\"" + MADE + "-tile-224\"";
        given().spec(viewer()).header("If-None-Match", tag).get(url(MADE)).then().statusCode(304)
                .header("ETag", tag);
        given().spec(viewer()).header("If-None-Match", "\"other\", W/" + tag).get(url(MADE)).then().statusCode(304);
        given().spec(viewer()).header("If-None-Match", "\"other\"").get(url(MADE)).then().statusCode(200);
    }

    @Test
    void everyoneElseIsAnsweredByTheResource() {
        given().get(url(MADE)).then().statusCode(401);
        given().header("Authorization", "Bearer drk_" + "x".repeat(43)).get(url(MADE)).then().statusCode(401);
        given().spec(viewer()).get("/api/v1/thumbnails/" + MADE + "/tile-999").then().statusCode(400)
                .body("detail", containsString("There is no thumbnail size 'tile-999'"));
        given().spec(viewer()).get("/api/v1/thumbnails/" + MADE.toUpperCase() + "/tile-224").then().statusCode(404);
        given().spec(viewer()).get(url(NOT_MADE)).then().statusCode(404)
                .body("detail", equalTo("The thumbnails of this item are not made yet; try again shortly."));
        given().spec(viewer()).get(url("ef".repeat(32))).then().statusCode(404);
    }

    @Test
    void aSignedOutSessionOrARevokedTokenIsNotServedFromTheCallerCache() {
        TestSessions.ensureAccount("thumb-viewer", "thumb-viewer-password", "viewer");
        TestSessions.Session session = TestSessions.login("thumb-viewer", "thumb-viewer-password");
        given().spec(session.spec()).get(url(MADE)).then().statusCode(200);
        given().spec(session.spec()).get(url(MADE)).then().statusCode(200); // the caller is remembered now
        given().spec(session.spec()).post("/api/v1/auth/logout").then().statusCode(204);
        given().spec(session.spec()).get(url(MADE)).then().statusCode(401);

        var created = given().spec(TestSessions.admin()).contentType("application/json").body("{\"name\":\"grid\"}")
                .post("/api/v1/tokens").then().statusCode(201).extract();
        String token = created.path("token");
        int tokenId = created.path("id");
        given().header("Authorization", "Bearer " + token).get(url(MADE)).then().statusCode(200);
        given().header("Authorization", "Bearer " + token).get(url(MADE)).then().statusCode(200);
        given().spec(TestSessions.admin()).delete("/api/v1/tokens/" + tokenId).then().statusCode(204);
        given().header("Authorization", "Bearer " + token).get(url(MADE)).then().statusCode(401);
    }

    @Test
    void thumbnailsAreCountedByOutcomeAndLeftOutOfTheRequestTimer() {
        double sent = thumbnailRequests("sent");
        double notModified = thumbnailRequests("not_modified");
        double passedOn = thumbnailRequests("passed_on");

        given().spec(viewer()).get(url(MADE)).then().statusCode(200);
        given().spec(viewer()).header("If-None-Match", "\"" + MADE + "-tile-224\"").get(url(MADE)).then()
                .statusCode(304);
        given().get(url(MADE)).then().statusCode(401);
        given().spec(viewer()).get("/api/v1/media?limit=1").then().statusCode(200);

        assertThat(thumbnailRequests("sent")).isEqualTo(sent + 1);
        assertThat(thumbnailRequests("not_modified")).isEqualTo(notModified + 1);
        assertThat(thumbnailRequests("passed_on")).isEqualTo(passedOn + 1);
        // nor timed per request under their template or, worse, under each hash
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain(MADE);
        assertThat(metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count")))
                .anyMatch(line -> line.contains("uri=\"/api/v1/media\""))
                .noneMatch(line -> line.contains("/api/v1/thumbnails"));
    }

    private static double thumbnailRequests(String outcome) {
        Pattern counted = Pattern.compile("darkroom_gateway_thumbnail_requests_total\\{[^}]*outcome=\"" + outcome
                + "\"[^}]*} ([0-9.]+)");
        Matcher found = counted.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return found.find() ? Double.parseDouble(found.group(1)) : 0;
    }

    @Test
    void ifNoneMatchIsComparedWeaklyAndAcceptsAnyTag() {
        assertThat(MadeThumbnailRoute.clientHas(null, "\"a\"")).isFalse();
        assertThat(MadeThumbnailRoute.clientHas("\"b\"", "\"a\"")).isFalse();
        assertThat(MadeThumbnailRoute.clientHas(" \"b\" ,\"a\"", "\"a\"")).isTrue();
        assertThat(MadeThumbnailRoute.clientHas("W/\"a\"", "\"a\"")).isTrue();
        assertThat(MadeThumbnailRoute.clientHas("*", "\"a\"")).isTrue();
    }

    private static RequestSpecification viewer() {
        return TestSessions.session("viewer").spec();
    }

    private static String url(String hash) {
        return "/api/v1/thumbnails/" + hash + "/tile-224";
    }

    private static byte[] tile() {
        byte[] bytes = new byte[14_000];
        Arrays.fill(bytes, (byte) 0x5a);
        bytes[0] = (byte) 0xff;
        bytes[1] = (byte) 0xd8;
        return bytes;
    }
}
