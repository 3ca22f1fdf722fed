package io.darkroom.gateway.testing;

import static io.restassured.RestAssured.given;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in callers for tests, through the real API: the first admin (password from the test profile) creates an
 * account per role once, and each signs in like a browser does (cookie + CSRF token).
 */
public final class TestSessions {

    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String PASSWORD = "a-long-test-password";

    /** One session per role and port: Quarkus restarts (and a new port) between test profiles. */
    private static final Map<String, Session> SESSIONS = new ConcurrentHashMap<>();

    private TestSessions() {
    }

    /** A browser session: the cookie, and the CSRF token unsafe requests must echo. */
    public record Session(String username, String cookie, String csrfToken) {

        public RequestSpecification spec() {
            return new RequestSpecBuilder().addCookie("darkroom_session", cookie)
                    .addHeader("X-CSRF-Token", csrfToken).build();
        }
    }

    public static RequestSpecification admin() {
        return session("admin").spec();
    }

    /** A session of an account with this role ("admin", "user" or "viewer"), created on first use. */
    public static Session session(String role) {
        // a test's default request spec (another caller's cookie) must not leak into these calls
        var defaults = io.restassured.RestAssured.requestSpecification;
        io.restassured.RestAssured.requestSpecification = null;
        try {
            return cachedSession(role);
        } finally {
            io.restassured.RestAssured.requestSpecification = defaults;
        }
    }

    private static Session cachedSession(String role) {
        String key = role + "@" + io.restassured.RestAssured.port;
        Session session = SESSIONS.get(key);
        if (session == null) {
            if (role.equals("admin")) {
                session = login("admin", ADMIN_PASSWORD);
            } else {
                ensureAccount("test-" + role, PASSWORD, role);
                session = login("test-" + role, PASSWORD);
            }
            SESSIONS.put(key, session);
        }
        return session;
    }

    public static void ensureAccount(String username, String password, String role) {
        int status = given().spec(session("admin").spec()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "role", role))
                .post("/api/v1/users").statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("Creating " + username + " answered " + status);
        }
    }

    public static Session login(String username, String password) {
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).post("/api/v1/auth/login");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Signing in as " + username + " answered " + response.statusCode() + ": "
                    + response.asString());
        }
        return new Session(username, response.cookie("darkroom_session"), response.path("csrfToken"));
    }

    /** Forget cached sessions (after a test signed them out or changed accounts). */
    public static void forget() {
        SESSIONS.clear();
    }
}
