package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.gateway.testing.CatalogSchema;
import io.darkroom.platform.storage.StorageLayout;
import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who gets what: every endpoint of the OpenAPI document, asked by every kind of caller (logged out, an expired
 * session, a revoked API token, a share-link holder, viewer, user, admin, and a viewer's API token). A caller the
 * endpoint does not admit gets 401 (unknown) or 403 (known, wrong role); one it admits gets past the check (any
 * answer but 401/403, and never a 5xx). Destructive calls name ids that do not exist, so that an admitted caller
 * gets a 404 instead of changing the fixtures.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class AccessMatrixTest {

    /** Every signed-in role; a viewer's API token acts as the viewer. */
    private static final Set<String> ALL = Set.of("viewer", "user", "admin", "viewer-token");
    private static final Set<String> CURATORS = Set.of("user", "admin");
    private static final Set<String> ADMIN = Set.of("admin");
    private static final Set<String> ANYONE = Set.of("anonymous", "expired", "revoked-token", "share-holder", "viewer",
            "user", "admin", "viewer-token");
    private static final String HASH = "%064d".formatted(1);
    private static final StorageLayout STORAGE = new StorageLayout(java.nio.file.Path.of("target/storage"));

    /** One row per operation: which callers it admits, and a concrete request. */
    private record Endpoint(String method, String template, String path, String body, Set<String> admits) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/media", "/api/v1/media", null, ALL),
            new Endpoint("GET", "/api/v1/media/{id}", "/api/v1/media/1", null, ALL),
            new Endpoint("GET", "/api/v1/media/months", "/api/v1/media/months", null, ALL),
            new Endpoint("PATCH", "/api/v1/media/{id}", "/api/v1/media/999999", "{\"favourite\":true}", CURATORS),
            new Endpoint("POST", "/api/v1/media/marks", "/api/v1/media/marks", "{\"itemIds\":[]}", CURATORS),
            new Endpoint("GET", "/api/v1/media/{id}/thumbnails/{size}", "/api/v1/media/1/thumbnails/tile-224", null, ALL),
            new Endpoint("GET", "/api/v1/thumbnails/{contentHash}/{size}", "/api/v1/thumbnails/" + HASH + "/tile-224",
                    null, ALL),
            new Endpoint("GET", "/api/v1/media/{id}/original", "/api/v1/media/1/original", null, ALL),
            new Endpoint("GET", "/api/v1/media/{id}/video", "/api/v1/media/1/video", null, ALL),
            new Endpoint("GET", "/api/v1/events", "/api/v1/events", null, ALL),
            new Endpoint("POST", "/api/v1/uploads", "/api/v1/uploads", "{\"fileName\":\"\",\"size\":1}", CURATORS),
            new Endpoint("GET", "/api/v1/uploads/{id}", "/api/v1/uploads/" + "u".repeat(43), null, CURATORS),
            new Endpoint("PUT", "/api/v1/uploads/{id}", "/api/v1/uploads/" + "u".repeat(43), null, CURATORS),
            new Endpoint("DELETE", "/api/v1/uploads/{id}", "/api/v1/uploads/" + "u".repeat(43), null, CURATORS),
            new Endpoint("GET", "/api/v1/folders", "/api/v1/folders?root=family&folder=2024", null, ALL),
            new Endpoint("GET", "/api/v1/duplicates", "/api/v1/duplicates", null, ALL),
            new Endpoint("GET", "/api/v1/library/failures", "/api/v1/library/failures", null, ALL),
            new Endpoint("GET", "/api/v1/library/status", "/api/v1/library/status", null, ALL),
            new Endpoint("POST", "/api/v1/library/rescan", "/api/v1/library/rescan", "{\"root\":\"x/../..\"}", ADMIN),
            new Endpoint("POST", "/api/v1/library/reindex", "/api/v1/library/reindex", "{\"items\":[\"999999\"]}",
                    ADMIN),
            new Endpoint("POST", "/api/v1/auth/login", "/api/v1/auth/login", "{\"username\":\"\",\"password\":\"x\"}",
                    ANYONE),
            new Endpoint("GET", "/api/v1/auth/me", "/api/v1/auth/me", null, ALL),
            new Endpoint("POST", "/api/v1/auth/password", "/api/v1/auth/password", "{\"currentPassword\":\"wrong\","
                    + "\"newPassword\":\"short\"}", ALL),
            new Endpoint("GET", "/api/v1/users", "/api/v1/users", null, ADMIN),
            new Endpoint("POST", "/api/v1/users", "/api/v1/users", "{\"username\":\"../bad\"}", ADMIN),
            new Endpoint("PATCH", "/api/v1/users/{id}", "/api/v1/users/999999", "{\"role\":\"viewer\"}", ADMIN),
            new Endpoint("DELETE", "/api/v1/users/{id}", "/api/v1/users/999999", null, ADMIN),
            new Endpoint("GET", "/api/v1/tokens", "/api/v1/tokens", null, ALL),
            new Endpoint("POST", "/api/v1/tokens", "/api/v1/tokens", "{\"name\":\"\"}", ALL),
            new Endpoint("DELETE", "/api/v1/tokens/{id}", "/api/v1/tokens/999999", null, ALL),
            new Endpoint("GET", "/api/v1/shares", "/api/v1/shares", null, CURATORS),
            new Endpoint("POST", "/api/v1/shares", "/api/v1/shares", "{\"scope\":\"item\",\"targetId\":999999}",
                    CURATORS),
            new Endpoint("DELETE", "/api/v1/shares/{id}", "/api/v1/shares/999999", null, CURATORS),
            new Endpoint("GET", "/api/v1/audit", "/api/v1/audit", null, ADMIN),
            new Endpoint("GET", "/api/v1/albums", "/api/v1/albums", null, ALL),
            new Endpoint("POST", "/api/v1/albums", "/api/v1/albums", "{\"title\":\"\"}", CURATORS),
            new Endpoint("GET", "/api/v1/albums/{id}", "/api/v1/albums/999999", null, ALL),
            new Endpoint("PATCH", "/api/v1/albums/{id}", "/api/v1/albums/999999", "{\"title\":\"x\"}", CURATORS),
            new Endpoint("DELETE", "/api/v1/albums/{id}", "/api/v1/albums/999999", null, CURATORS),
            new Endpoint("POST", "/api/v1/albums/{id}/items", "/api/v1/albums/999999/items", "{\"itemIds\":[1]}",
                    CURATORS),
            new Endpoint("POST", "/api/v1/albums/{id}/items/remove", "/api/v1/albums/999999/items/remove",
                    "{\"itemIds\":[1]}", CURATORS),
            new Endpoint("PUT", "/api/v1/albums/{id}/order", "/api/v1/albums/999999/order", "{\"itemIds\":[1]}",
                    CURATORS),
            // share links: open to whoever holds the token (each caller presents the holder's token here)
            new Endpoint("GET", "/api/v1/shared/{token}", "/api/v1/shared/{share}", null, ANYONE),
            new Endpoint("POST", "/api/v1/shared/{token}/unlock", "/api/v1/shared/{share}/unlock",
                    "{\"password\":\"x\"}", ANYONE),
            new Endpoint("GET", "/api/v1/shared/{token}/items/{id}/thumbnails/{size}",
                    "/api/v1/shared/{share}/items/1/thumbnails/tile-224", null, ANYONE),
            new Endpoint("GET", "/api/v1/shared/{token}/items/{id}/video", "/api/v1/shared/{share}/items/1/video", null,
                    ANYONE),
            // last: it ends the sessions it is admitted for
            new Endpoint("POST", "/api/v1/auth/logout", "/api/v1/auth/logout", null, ALL));

    @Inject
    Pool pool;

    private static boolean catalogReady;
    /** Each caller's credentials as request headers (Cookie and X-CSRF-Token, or Authorization, or none). */
    private static Map<String, Map<String, String>> callers;
    private static String shareToken;

    @BeforeEach
    void fixtures() throws Exception {
        if (catalogReady) {
            return;
        }
        CatalogSchema.recreate(pool);
        sql("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, content_hash, size_bytes,"
                + " modified_at, status, kind, mime_type, width, height, taken_at, thumbnail_status, last_event_at)"
                + " VALUES (1, 'family', '2024/a.jpg', UNHEX(SHA2('family:2024/a.jpg', 256)), 'a.jpg', '" + HASH
                + "', 10, NOW(3), 'INDEXED', 'IMAGE', 'image/jpeg', 4, 3, NOW(3), 'DONE', NOW(6))");
        // item 1's original is there: an admitted caller gets the file (a missing library root would be a 503)
        java.nio.file.Path original = java.nio.file.Path.of("target/library/2024/a.jpg");
        java.nio.file.Files.createDirectories(original.getParent());
        java.nio.file.Files.write(original, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        callers = new LinkedHashMap<>();
        STORAGE.writeAtomically(STORAGE.file(HASH, "tile-224.jpg"), out -> out.write(new byte[] {(byte) 0xFF,
                (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}));
        callers.put("anonymous", Map.of());
        for (String role : List.of("viewer", "user", "admin")) {
            callers.put(role, headers(TestSessions.session(role)));
        }
        callers.put("viewer-token", Map.of("Authorization", "Bearer " + newToken(TestSessions.session("viewer").spec())));
        String revoked = newToken(TestSessions.session("viewer").spec());
        int revokedId = given().spec(bearer(revoked)).get("/api/v1/tokens").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.revokedAt == null }.id", Integer.class).stream()
                .mapToInt(Integer::intValue).max().orElseThrow();
        given().spec(bearer(revoked)).delete("/api/v1/tokens/" + revokedId).then().statusCode(204);
        callers.put("revoked-token", Map.of("Authorization", "Bearer " + revoked));
        TestSessions.ensureAccount("matrix-expired", TestSessions.PASSWORD, "admin");
        TestSessions.Session expired = TestSessions.login("matrix-expired", TestSessions.PASSWORD);
        sql("UPDATE account_session s JOIN account a ON a.id = s.account_id SET s.expires_at = NOW(3) - INTERVAL 1 SECOND"
                + " WHERE a.username = 'matrix-expired'");
        callers.put("expired", headers(expired));
        shareToken = given().spec(TestSessions.session("user").spec()).contentType(ContentType.JSON)
                .body("{\"scope\":\"item\",\"targetId\":1}").post("/api/v1/shares").then().statusCode(201)
                .extract().path("token");
        callers.put("share-holder", Map.of());
        catalogReady = true;
    }

    @Test
    void everyEndpointOfTheApiIsInTheMatrix() {
        JsonPath openApi = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        Set<String> documented = new TreeSet<>();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        paths.forEach((path, operations) -> operations.keySet().forEach(method -> documented.add(
                method.toUpperCase(java.util.Locale.ROOT) + " " + path)));
        Set<String> inMatrix = new TreeSet<>();
        ENDPOINTS.forEach(e -> inMatrix.add(e.method() + " " + e.template()));
        assertThat(inMatrix).as("the matrix lists exactly the documented operations").isEqualTo(documented);
    }

    @Test
    void everyCallerGetsExactlyWhatItsRoleAllows() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (Map.Entry<String, Map<String, String>> caller : callers.entrySet()) {
                String who = caller.getKey();
                // a share-link holder knows the token; everybody else presents it too, for the open endpoints
                String path = endpoint.path().replace("{share}", shareToken);
                Answer response = endpoint.path().equals("/api/v1/events") ? openStream(path, caller.getValue())
                        : Answer.of(withBody(given().headers(caller.getValue()).contentType(
                                endpoint.template().startsWith("/api/v1/uploads/") ? ContentType.BINARY : ContentType.JSON),
                                endpoint.body()).request(endpoint.method(), path));
                int status = response.statusCode();
                boolean admitted = endpoint.admits().contains(who);
                String expected = admitted ? "not 401/403" : isKnown(who) ? "403" : "401";
                boolean ok = admitted ? status != 401 && status != 403 && status < 500
                        : status == (isKnown(who) ? 403 : 401);
                if (status >= 500 || !ok) {
                    wrong.add(endpoint.method() + " " + path + " as " + who + ": " + status + " (expected " + expected
                            + ") " + response.asString());
                }
                if (!admitted && !response.contentType().startsWith("application/problem+json")) {
                    wrong.add(endpoint.method() + " " + path + " as " + who + ": the refusal is not a Problem");
                }
            }
        }
        TestSessions.forget();
        assertThat(wrong).isEmpty();
    }

    /** What the matrix looks at in an answer. */
    private record Answer(int statusCode, String contentType, String asString) {

        static Answer of(io.restassured.response.Response response) {
            return new Answer(response.statusCode(), response.contentType(), response.asString());
        }
    }

    private static RequestSpecification withBody(RequestSpecification request, String body) {
        return body == null ? request : request.body(body);
    }

    /** A stream never ends: take the status and type as soon as the headers arrive, then hang up. */
    private static Answer openStream(String path, Map<String, String> headers) {
        try {
            var builder = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                    + io.restassured.RestAssured.port + path)).timeout(java.time.Duration.ofSeconds(10));
            headers.forEach(builder::header);
            var response = java.net.http.HttpClient.newHttpClient().send(builder.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse("");
            try (var body = response.body()) {
                String text = response.statusCode() == 200 ? "(a stream)"
                        : new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                return new Answer(response.statusCode(), type, text);
            }
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        }
    }

    private static Map<String, String> headers(TestSessions.Session session) {
        return Map.of("Cookie", "darkroom_session=" + session.cookie(), "X-CSRF-Token", session.csrfToken());
    }

    /** Callers we know (a live session or token): refused with 403; unknown ones with 401. */
    private static boolean isKnown(String who) {
        return ALL.contains(who);
    }

    private static String newToken(RequestSpecification session) {
        return given().spec(session).contentType(ContentType.JSON).body("{\"name\":\"matrix\"}")
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
    }

    private static RequestSpecification bearer(String token) {
        return new io.restassured.builder.RequestSpecBuilder().addHeader("Authorization", "Bearer " + token).build();
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().indefinitely();
    }
}
