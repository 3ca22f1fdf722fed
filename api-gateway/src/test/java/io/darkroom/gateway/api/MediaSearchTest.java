package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.darkroom.gateway.testing.CatalogSchema;
import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Timeline filters and text search on index-service's real schema (full-text index included), and item details. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class MediaSearchTest {

    private static boolean ready;

    @Inject
    Pool pool;

    @BeforeEach
    void catalog() throws Exception {
        if (!ready) {
            fill();
        }
        RestAssured.requestSpecification = TestSessions.session("viewer").spec();
    }

    private void fill() throws Exception {
        CatalogSchema.recreate(pool);
        // id, folder, taken_at, make, model, kind, favourite, title, keywords, archived
        item(1, "2023/beach", "2023-07-14 10:00:00", "Nikon", "D750", "IMAGE", false, "Strand in Zeeland", "sea\nsand", false);
        item(2, "2023/beach", "2023-07-15 10:00:00", "Apple", "iPhone 12", "VIDEO", true, null, null, false);
        item(3, "2024", "2024-01-02 08:00:00", "Apple", "iPhone 12", "IMAGE", true, "Snow day", "winter", false);
        item(4, "2024", "2024-01-20 08:00:00", "Apple", "iPhone 15", "LIVE_PHOTO", false, null, null, false);
        item(5, "2024", "2024-02-01 08:00:00", "Nikon", "D750", "RAW", false, "Zeeland again", null, true);
        item(6, "", null, null, null, "IMAGE", false, null, null, false);
        long album = given().spec(TestSessions.session("user").spec()).contentType(ContentType.JSON)
                .body("{\"title\":\"Best\"}").post("/api/v1/albums").then().statusCode(201).extract()
                .<Integer>path("id").longValue();
        given().spec(TestSessions.session("user").spec()).contentType(ContentType.JSON).body("{\"itemIds\":[3,1]}")
                .post("/api/v1/albums/" + album + "/items").then().statusCode(200);
        albumId = album;
        ready = true;
    }

    private static long albumId;

    @AfterEach
    void signOut() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void eachFilterNarrowsTheTimelineAndTheyCombine() {
        assertThat(ids("")).containsExactly(4L, 3L, 2L, 1L, 6L);
        assertThat(ids("year=2024")).containsExactly(4L, 3L);
        assertThat(ids("year=2024&month=1")).containsExactly(4L, 3L);
        assertThat(ids("year=2023&month=6")).isEmpty();
        assertThat(ids("from=2023-07-15&to=2024-01-03")).containsExactly(3L, 2L);
        assertThat(ids("make=Apple")).containsExactly(4L, 3L, 2L);
        assertThat(ids("make=Apple&model=iPhone%2012")).containsExactly(3L, 2L);
        assertThat(ids("kind=video")).containsExactly(2L);
        assertThat(ids("favourite=true")).containsExactly(3L, 2L);
        assertThat(ids("favourite=true&kind=image")).containsExactly(3L);
        assertThat(ids("root=family&folder=2023/beach")).containsExactly(2L, 1L);
        assertThat(ids("root=family&folder=")).containsExactly(6L);
        assertThat(ids("album=" + albumId)).containsExactly(3L, 1L);
        assertThat(ids("archived=true")).containsExactly(5L);
    }

    @Test
    void wordsAreFoundInTitlesKeywordsAndFileNamesWhateverTheirCase() {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(ids("q=zeeland")).as("zeeland").containsExactly(1L);
        soft.assertThat(ids("q=ZEELAND&archived=true")).as("archived").containsExactly(5L);
        soft.assertThat(ids("q=winter")).as("keyword").containsExactly(3L);
        soft.assertThat(ids("q=snow%20day")).as("two words").containsExactly(3L);
        soft.assertThat(ids("q=san")).as("prefix").containsExactly(1L); // "sand"
        soft.assertThat(ids("q=photo")).as("file name").containsExactly(4L, 3L, 2L, 1L, 6L);
        soft.assertThat(ids("q=%2Bsea%20-sand%20%3C%3E%28%29~*%22")).as("operators").containsExactly(1L);
        soft.assertThat(ids("q=nothing-like-this")).as("nothing").isEmpty();
        soft.assertAll();
    }

    @Test
    void badFiltersAreA400ThatNamesTheParameter() {
        for (String query : List.of("year=1700", "month=3", "year=2024&month=13", "year=2024&from=2024-01-01",
                "from=2024-13-01", "from=2024-02-01&to=2024-01-01", "kind=sidecar", "model=D750", "favourite=maybe",
                "album=-1", "folder=2024", "root=family&folder=../x", "q=a", "q=" + "x".repeat(201),
                "make=" + "x".repeat(65), "q=%27%20OR%201%3D1%20--")) {
            var response = given().urlEncodingEnabled(false).get("/api/v1/media?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).startsWith("application/problem+json");
            assertThat(response.asString()).as(query).doesNotContain("Exception");
        }
    }

    @Test
    void theScrubberCountsItemsPerMonthAndAnItemShowsAllItsMetadata() {
        given().get("/api/v1/media/months").then().statusCode(200)
                .body("year", equalTo(List.of(2024, 2023))).body("month", equalTo(List.of(1, 7)))
                .body("items", equalTo(List.of(2, 2)));
        given().get("/api/v1/media/1").then().statusCode(200)
                .body("details.cameraMake", equalTo("Nikon")).body("details.cameraModel", equalTo("D750"))
                .body("details.title", equalTo("Strand in Zeeland"))
                .body("details.keywords", equalTo(List.of("sea", "sand")))
                .body("details.latitude", equalTo(51.5f)).body("favourite", equalTo(false));
        given().get("/api/v1/media?limit=1").then().statusCode(200).body("items[0]", not(hasKey("details")));
    }

    private static List<Long> ids(String query) {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            // the queries below are written already encoded
            var page = given().urlEncodingEnabled(false).get("/api/v1/media?limit=2" + (query.isEmpty() ? "" : "&" + query)
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            page.getList("items.id", Long.class).forEach(ids::add);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private void item(long id, String folder, String takenAt, String make, String model, String kind,
            boolean favourite, String title, String keywords, boolean archived) {
        String path = (folder.isEmpty() ? "" : folder + "/") + "photo_" + id + ".jpg";
        pool.preparedQuery("INSERT INTO media_item (id, root, relative_path, location_hash, folder_hash, file_name,"
                        + " content_hash, size_bytes, modified_at, status, kind, mime_type, width, height, taken_at,"
                        + " camera_make, camera_model, favourite, title, keywords, archived, gps_lat, gps_lng,"
                        + " last_event_at) VALUES (?, 'family', ?, UNHEX(SHA2(?, 256)), UNHEX(SHA2(?, 256)), ?, ?, 10,"
                        + " NOW(3), 'INDEXED', ?, 'image/jpeg', 4, 3, ?, ?, ?, ?, ?, ?, ?, 51.5, 3.6, NOW(6))")
                .execute(Tuple.from(new Object[] {id, path, "family:" + path, "family:" + folder,
                        "photo_" + id + ".jpg", "%064d".formatted(id), kind, takenAt, make, model, favourite, title,
                        keywords, archived}))
                .await().indefinitely();
    }
}
