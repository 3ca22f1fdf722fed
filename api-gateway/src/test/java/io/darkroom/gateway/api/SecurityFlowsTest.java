package io.darkroom.gateway.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.darkroom.gateway.testing.CatalogSchema;
import io.darkroom.gateway.testing.TestSessions;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions, CSRF, lockout, throttling, tokens and share links, through the real API on the local stack's MariaDB.
 * Tests that fail logins on purpose come from their own client address (X-Forwarded-For from the trusted local
 * proxy), so that they do not throttle each other.
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
class SecurityFlowsTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(10);
    private static boolean catalogReady;

    @Inject
    Pool pool;

    @BeforeEach
    void catalog() throws Exception {
        if (catalogReady) {
            return;
        }
        CatalogSchema.recreate(pool);
        for (int id = 1; id <= 2; id++) {
            sql("INSERT INTO media_item (id, root, relative_path, location_hash, file_name, content_hash, size_bytes,"
                    + " modified_at, status, kind, mime_type, width, height, thumbnail_status, last_event_at) VALUES ("
                    + id + ", 'family', 'p/" + id + ".jpg', UNHEX(SHA2('family:p/" + id + ".jpg', 256)), '" + id
                    + ".jpg', '" + "%064d".formatted(id) + "', 10, NOW(3), 'INDEXED', 'IMAGE', 'image/jpeg', 4, 3,"
                    + " 'DONE', NOW(6))");
        }
        catalogReady = true;
    }

    @Test
    void signingInSetsAHardenedCookieAndTheSessionWorksUntilSignOut() {
        TestSessions.ensureAccount("flow-login", TestSessions.PASSWORD, "viewer");
        Response login = given().contentType(ContentType.JSON)
                .body(Map.of("username", "flow-login", "password", TestSessions.PASSWORD)).post("/api/v1/auth/login");
        login.then().statusCode(200).body("username", equalTo("flow-login")).body("role", equalTo("viewer"));
        String setCookie = login.header("Set-Cookie");
        assertThat(setCookie).contains("darkroom_session=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax").contains("Path=/");
        String cookie = login.cookie("darkroom_session");
        String csrf = login.path("csrfToken");

        given().cookie("darkroom_session", cookie).get("/api/v1/auth/me").then().statusCode(200)
                .body("username", equalTo("flow-login")).body("csrfToken", equalTo(csrf));
        given().cookie("darkroom_session", cookie).header("X-CSRF-Token", csrf).post("/api/v1/auth/logout")
                .then().statusCode(204);
        given().cookie("darkroom_session", cookie).get("/api/v1/media").then().statusCode(401)
                .body("detail", containsString("sign in again"));
    }

    @Test
    void aCookieSessionNeedsTheCsrfTokenForUnsafeRequestsButAnApiTokenDoesNot() {
        TestSessions.Session user = TestSessions.session("user");
        given().cookie("darkroom_session", user.cookie()).contentType(ContentType.JSON).body("{\"name\":\"csrf\"}")
                .post("/api/v1/tokens").then().statusCode(403).body("detail", containsString("X-CSRF-Token"));
        given().cookie("darkroom_session", user.cookie()).header("X-CSRF-Token", "forged").contentType(ContentType.JSON)
                .body("{\"name\":\"csrf\"}").post("/api/v1/tokens").then().statusCode(403);
        String token = given().spec(user.spec()).contentType(ContentType.JSON).body("{\"name\":\"script\"}")
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
        assertThat(token).startsWith("drk_");
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body("{\"name\":\"from a script\"}")
                .post("/api/v1/tokens").then().statusCode(201);
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/media").then().statusCode(401);
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountEvenForTheRightOne() {
        TestSessions.ensureAccount("flow-lockout", TestSessions.PASSWORD, "viewer");
        for (int attempt = 1; attempt <= 5; attempt++) {
            login("flow-lockout", "wrong password " + attempt, newAddress()).then().statusCode(401)
                    .body("detail", equalTo("Wrong username or password."));
        }
        login("flow-lockout", TestSessions.PASSWORD, newAddress()).then().statusCode(429)
                .header("Retry-After", not(nullValue())).body("detail", containsString("locked"));
        // an admin's password reset unlocks it
        long id = accountId("flow-lockout");
        given().spec(TestSessions.admin()).contentType(ContentType.JSON)
                .body(Map.of("password", "another-long-password")).patch("/api/v1/users/" + id).then().statusCode(200)
                .body("locked", equalTo(false));
        login("flow-lockout", "another-long-password", newAddress()).then().statusCode(200);
        given().spec(TestSessions.admin()).get("/api/v1/audit?limit=500").then().statusCode(200)
                .body("findAll { it.actor == 'flow-lockout' }.action", hasItem("LOGIN_FAILED"))
                .body("findAll { it.actor == 'flow-lockout' }.action", hasItem("LOGIN_LOCKED"));
    }

    @Test
    void oneAddressGuessingManyNamesIsThrottled() {
        String address = newAddress();
        for (int attempt = 1; attempt <= 20; attempt++) {
            login("nobody-" + attempt, "guess", address).then().statusCode(401);
        }
        login("nobody-21", "guess", address).then().statusCode(429).body("detail", containsString("your address"));
        // another address is not affected
        login("nobody-22", "guess", newAddress()).then().statusCode(401);
    }

    @Test
    void disablingAnAccountEndsItsSessionsAndTokens() {
        TestSessions.ensureAccount("flow-disabled", TestSessions.PASSWORD, "user");
        TestSessions.Session session = TestSessions.login("flow-disabled", TestSessions.PASSWORD);
        String token = given().spec(session.spec()).contentType(ContentType.JSON).body("{\"name\":\"t\"}")
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
        given().spec(TestSessions.admin()).contentType(ContentType.JSON).body("{\"disabled\":true}")
                .patch("/api/v1/users/" + accountId("flow-disabled")).then().statusCode(200)
                .body("disabled", equalTo(true));
        given().spec(session.spec()).get("/api/v1/media").then().statusCode(401);
        given().header("Authorization", "Bearer " + token).get("/api/v1/media").then().statusCode(401);
        login("flow-disabled", TestSessions.PASSWORD, newAddress()).then().statusCode(401);
    }

    @Test
    void anAdminCannotLockThemselvesOut() {
        long self = accountId("admin");
        given().spec(TestSessions.admin()).contentType(ContentType.JSON).body("{\"role\":\"viewer\"}")
                .patch("/api/v1/users/" + self).then().statusCode(409);
        given().spec(TestSessions.admin()).delete("/api/v1/users/" + self).then().statusCode(409);
    }

    @Test
    void hostileAndMalformedInputIsA4xxWithAMessage() {
        List<String> bodies = List.of(
                "{\"username\":\"x' OR '1'='1\",\"password\":\"a-long-password-1\",\"role\":\"user\"}",
                "{\"username\":\"" + "a".repeat(65) + "\",\"password\":\"a-long-password-1\",\"role\":\"user\"}",
                "{\"username\":\"ok-name\",\"password\":\"short\",\"role\":\"user\"}",
                "{\"username\":\"ok-name\",\"password\":\"" + "p".repeat(300) + "\",\"role\":\"user\"}",
                "{\"username\":\"ok-name\",\"password\":\"a-long-password-1\",\"role\":\"root\"}",
                "{\"username\":[1],\"password\":{}}",
                "not json");
        for (String body : bodies) {
            given().spec(TestSessions.admin()).contentType(ContentType.JSON).body(body).post("/api/v1/users")
                    .then().statusCode(400).contentType("application/problem+json").body("detail", not(nullValue()));
        }
        for (String id : List.of("0", "-1", "1 OR 1=1", "99999999999999999999", "../1")) {
            int status = given().spec(TestSessions.admin()).delete("/api/v1/users/" + id).statusCode();
            assertThat(status).as(id).isBetween(400, 404);
        }
        login("' OR 1=1 --", "x", newAddress()).then().statusCode(401);
        login("admin", "p".repeat(10_000), newAddress()).then().statusCode(400);
    }

    @Test
    void aShareLinkOpensItsItemToAnyoneAndNothingElse() {
        String token = share("{\"scope\":\"item\",\"targetId\":1}");
        given().get("/api/v1/shared/" + token).then().statusCode(200).body("scope", equalTo("item"))
                .body("items.id", equalTo(List.of(1))).body("items[0].path", nullValue())
                .body("items[0].root", nullValue());
        given().get("/api/v1/shared/" + token + "/items/2/thumbnails/tile-224").then().statusCode(404)
                .body("detail", containsString("does not include"));
        given().get("/api/v1/media/1").then().statusCode(401);
        given().get("/api/v1/shared/" + "x".repeat(43)).then().statusCode(404);
        given().get("/api/v1/shared/not*a*token").then().statusCode(404);
    }

    @Test
    void aPasswordProtectedShareOpensOnlyAfterUnlockInThatBrowser() {
        String token = share("{\"scope\":\"item\",\"targetId\":2,\"password\":\"family-secret-1\"}");
        given().get("/api/v1/shared/" + token).then().statusCode(401).body("detail", containsString("password"));
        given().header("X-Forwarded-For", newAddress()).contentType(ContentType.JSON)
                .body("{\"password\":\"wrong-guess\"}").post("/api/v1/shared/" + token + "/unlock")
                .then().statusCode(401);
        Response unlocked = given().contentType(ContentType.JSON).body("{\"password\":\"family-secret-1\"}")
                .post("/api/v1/shared/" + token + "/unlock");
        unlocked.then().statusCode(204);
        assertThat(unlocked.header("Set-Cookie")).contains("Path=/api/v1/shared/" + token).containsIgnoringCase("HttpOnly");
        given().cookie("darkroom_share_grant", unlocked.cookie("darkroom_share_grant")).get("/api/v1/shared/" + token)
                .then().statusCode(200).body("items.id", equalTo(List.of(2)));
        // the grant opens this link only
        String other = share("{\"scope\":\"item\",\"targetId\":1,\"password\":\"family-secret-2\"}");
        given().cookie("darkroom_share_grant", unlocked.cookie("darkroom_share_grant")).get("/api/v1/shared/" + other)
                .then().statusCode(401);
    }

    @Test
    void aRevokedOrExpiredShareIsGoneAndOnlyItsOwnerOrAnAdminRevokesIt() {
        Response created = given().spec(TestSessions.session("user").spec()).contentType(ContentType.JSON)
                .body("{\"scope\":\"item\",\"targetId\":1}").post("/api/v1/shares");
        String token = created.path("token");
        int id = created.path("share.id");
        TestSessions.ensureAccount("flow-other-user", TestSessions.PASSWORD, "user");
        given().spec(TestSessions.login("flow-other-user", TestSessions.PASSWORD).spec())
                .delete("/api/v1/shares/" + id).then().statusCode(404);
        given().get("/api/v1/shared/" + token).then().statusCode(200);
        given().spec(TestSessions.session("user").spec()).delete("/api/v1/shares/" + id).then().statusCode(204);
        given().get("/api/v1/shared/" + token).then().statusCode(404).body("detail", containsString("revoked"));

        String expiring = share("{\"scope\":\"item\",\"targetId\":1,\"expiresAt\":\""
                + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}");
        given().get("/api/v1/shared/" + expiring).then().statusCode(200);
        sql("UPDATE share_link SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE expires_at IS NOT NULL");
        given().get("/api/v1/shared/" + expiring).then().statusCode(404);

        given().spec(TestSessions.session("user").spec()).contentType(ContentType.JSON)
                .body("{\"scope\":\"item\",\"targetId\":1,\"expiresAt\":\"yesterday\"}").post("/api/v1/shares")
                .then().statusCode(400);
        given().spec(TestSessions.session("user").spec()).contentType(ContentType.JSON)
                .body("{\"scope\":\"folder\",\"targetId\":1}").post("/api/v1/shares").then().statusCode(400);
    }

    @Test
    void behindTheTrustedProxyTheForwardedClientAddressIsAudited() {
        TestSessions.ensureAccount("flow-address", TestSessions.PASSWORD, "viewer");
        login("flow-address", TestSessions.PASSWORD, "203.0.113.7").then().statusCode(200);
        given().spec(TestSessions.admin()).get("/api/v1/audit?limit=500").then().statusCode(200)
                .body("find { it.actor == 'flow-address' && it.action == 'LOGIN' }.clientIp", equalTo("203.0.113.7"));
    }

    private String share(String body) {
        return given().spec(TestSessions.session("user").spec()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/shares").then().statusCode(201).extract().path("token");
    }

    private static Response login(String username, String password, String address) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/api/v1/auth/login");
    }

    /** A fresh documentation address (RFC 5737) per call: throttling is per client address. */
    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    private long accountId(String username) {
        return pool.query("SELECT id FROM account WHERE username = '" + username + "'").execute().await().indefinitely()
                .iterator().next().getLong(0);
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().indefinitely();
    }
}
