package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.darkroom.gateway.testing.CatalogSchema;
import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Albums through the API on the local stack's MariaDB: curation, order, cover, who may change them, sharing. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class AlbumApiTest {

    private static boolean catalogReady;

    @Inject
    Pool pool;

    @BeforeEach
    void catalog() throws Exception {
        if (catalogReady) {
            return;
        }
        CatalogSchema.recreate(pool);
        for (int id = 1; id <= 6; id++) {
            sql("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, content_hash, size_bytes,"
                    + " modified_at, status, kind, mime_type, width, height, last_event_at) VALUES (" + id
                    + ", 'family', 'a/" + id + ".jpg', UNHEX(SHA2('family:a/" + id + ".jpg', 256)), '" + id + ".jpg', '"
                    + "%064d".formatted(id) + "', 10, NOW(3), 'INDEXED', 'IMAGE', 'image/jpeg', 4, 3, NOW(6))");
        }
        catalogReady = true;
    }

    @Test
    void anAlbumKeepsItsItemsInTheOrderTheFamilyChose() {
        RequestSpecification user = TestSessions.session("user").spec();
        long album = create(user, "  Summer 2024  ");
        add(user, album, "[3, 1, 2]").body("changed", equalTo(3)).body("album.itemCount", equalTo(3));
        add(user, album, "[1, 4]").body("changed", equalTo(1)).body("album.itemCount", equalTo(4));

        assertThat(walk(user, album, 1)).containsExactly(3L, 1L, 2L, 4L);
        given().spec(user).get("/api/v1/albums/" + album).then().statusCode(200)
                .body("album.title", equalTo("Summer 2024")).body("album.owner", equalTo("test-user"))
                .body("album.coverItemId", equalTo(3)).body("items[0].fileName", equalTo("3.jpg"));

        given().spec(user).contentType(ContentType.JSON).body("{\"itemIds\":[4, 3, 2, 1]}")
                .put("/api/v1/albums/" + album + "/order").then().statusCode(200);
        assertThat(walk(user, album, 3)).containsExactly(4L, 3L, 2L, 1L);
        given().spec(user).contentType(ContentType.JSON).body("{\"itemIds\":[4, 3]}")
                .put("/api/v1/albums/" + album + "/order").then().statusCode(400)
                .body("detail", containsString("exactly once"));

        given().spec(user).contentType(ContentType.JSON).body("{\"coverItemId\":2,\"title\":\"Summer\"}")
                .patch("/api/v1/albums/" + album).then().statusCode(200).body("coverItemId", equalTo(2))
                .body("title", equalTo("Summer"));
        given().spec(user).contentType(ContentType.JSON).body("{\"coverItemId\":6}")
                .patch("/api/v1/albums/" + album).then().statusCode(400);
        given().spec(user).contentType(ContentType.JSON).body("{\"itemIds\":[2]}")
                .post("/api/v1/albums/" + album + "/items/remove").then().statusCode(200)
                .body("changed", equalTo(1)).body("album.coverItemId", equalTo(4));
        assertThat(walk(user, album, 10)).containsExactly(4L, 3L, 1L);
    }

    @Test
    void unknownItemsAndMalformedRequestsAreRefusedWithAReason() {
        RequestSpecification user = TestSessions.session("user").spec();
        long album = create(user, "Refusals");
        add(user, album, "[1, 999]").statusCode(400).body("detail", containsString("999"));
        for (String body : List.of("{\"itemIds\":[]}", "{\"itemIds\":[-1]}", "{\"itemIds\":\"1\"}", "{}")) {
            given().spec(user).contentType(ContentType.JSON).body(body).post("/api/v1/albums/" + album + "/items")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().spec(user).contentType(ContentType.JSON).body("{\"title\":\"" + "x".repeat(201) + "\"}")
                .post("/api/v1/albums").then().statusCode(400);
        given().spec(user).contentType(ContentType.JSON).body("{\"title\":\"tab\\there\"}")
                .post("/api/v1/albums").then().statusCode(400);
        given().spec(user).get("/api/v1/albums/" + album + "?cursor=nonsense").then().statusCode(400);
        given().spec(user).get("/api/v1/albums/abc").then().statusCode(400);
    }

    @Test
    void everyoneSeesAlbumsButOnlyTheOwnerOrAnAdminChangesThem() {
        RequestSpecification owner = TestSessions.session("user").spec();
        long album = create(owner, "Grandma's birthday");
        add(owner, album, "[5]").statusCode(200);
        TestSessions.ensureAccount("album-other", TestSessions.PASSWORD, "user");
        RequestSpecification other = TestSessions.login("album-other", TestSessions.PASSWORD).spec();

        given().spec(TestSessions.session("viewer").spec()).get("/api/v1/albums/" + album).then().statusCode(200);
        given().spec(TestSessions.session("viewer").spec()).contentType(ContentType.JSON).body("{\"title\":\"v\"}")
                .post("/api/v1/albums").then().statusCode(403);
        add(other, album, "[6]").statusCode(403).body("detail", containsString("test-user"));
        given().spec(other).delete("/api/v1/albums/" + album).then().statusCode(403);
        add(TestSessions.admin(), album, "[6]").statusCode(200).body("album.itemCount", equalTo(2));
        given().spec(owner).delete("/api/v1/albums/" + album).then().statusCode(204);
        given().spec(owner).get("/api/v1/albums/" + album).then().statusCode(404);
    }

    @Test
    void anAlbumShareLinkShowsTheAlbumInOrderAndNothingElse() {
        RequestSpecification user = TestSessions.session("user").spec();
        long album = create(user, "For the cousins");
        add(user, album, "[2, 1]").statusCode(200);
        String token = given().spec(user).contentType(ContentType.JSON)
                .body("{\"scope\":\"album\",\"targetId\":" + album + "}").post("/api/v1/shares").then().statusCode(201)
                .extract().path("token");
        given().get("/api/v1/shared/" + token).then().statusCode(200).body("scope", equalTo("album"))
                .body("title", equalTo("For the cousins")).body("items.id", equalTo(List.of(2, 1)))
                .body("items[0].path", nullValue());
        given().get("/api/v1/shared/" + token + "/items/3/thumbnails/tile-224").then().statusCode(404);
        // a photo added later appears for the holder too; one taken out disappears
        add(user, album, "[3]").statusCode(200);
        given().spec(user).contentType(ContentType.JSON).body("{\"itemIds\":[2]}")
                .post("/api/v1/albums/" + album + "/items/remove").then().statusCode(200);
        given().get("/api/v1/shared/" + token).then().statusCode(200).body("items.id", equalTo(List.of(1, 3)));
        given().spec(user).contentType(ContentType.JSON).body("{\"scope\":\"album\",\"targetId\":999999}")
                .post("/api/v1/shares").then().statusCode(404);
    }

    private static long create(RequestSpecification as, String title) {
        return given().spec(as).contentType(ContentType.JSON).body("{\"title\":\"" + title + "\"}")
                .post("/api/v1/albums").then().statusCode(201).extract().<Integer>path("id").longValue();
    }

    private static io.restassured.response.ValidatableResponse add(RequestSpecification as, long album, String ids) {
        return given().spec(as).contentType(ContentType.JSON).body("{\"itemIds\":" + ids + "}")
                .post("/api/v1/albums/" + album + "/items").then();
    }

    /** The album's item ids, page by page. */
    private static List<Long> walk(RequestSpecification as, long album, int limit) {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().spec(as).get("/api/v1/albums/" + album + "?limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + cursor)).then().statusCode(200).extract().jsonPath();
            page.getList("items.id", Long.class).forEach(ids::add);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().indefinitely();
    }
}
