package io.darkroom.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The API as a family's browser sees it: plain HTTP and JSON, signed in as the admin with a session cookie. */
final class Gateway {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String username;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String sessionCookie;
    private String csrfToken;

    Gateway(URI base, String adminPassword) {
        this(base, "admin", adminPassword);
    }

    /** Signed in as another account. */
    Gateway(URI base, String username, String password) {
        this.base = base;
        this.username = username;
        this.adminPassword = password;
    }

    /** Every item of the timeline, following the keyset cursor page by page. */
    List<JsonNode> allMedia() {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("api/v1/media?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(items::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return items;
    }

    /** Every item of the library's failures list, following its {@code before} cursor. */
    List<JsonNode> failures() {
        List<JsonNode> items = new ArrayList<>();
        String before = null;
        do {
            JsonNode page = get("api/v1/library/failures?limit=100" + (before == null ? "" : "&before=" + before));
            page.get("items").forEach(items::add);
            before = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (before != null);
        return items;
    }

    /** The item's detail view. */
    JsonNode item(long id) {
        return get("api/v1/media/" + id);
    }

    JsonNode status() {
        return get("api/v1/library/status");
    }

    /** A GET as the signed-in admin (signing in first when needed). */
    HttpResponse<String> raw(String path) {
        if (sessionCookie == null) {
            sessionCookie = signIn();
        }
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", sessionCookie).build());
    }

    /** A request with a JSON body as the signed-in admin (with the session's CSRF token). */
    HttpResponse<String> send(String method, String path, String json) {
        if (sessionCookie == null) {
            sessionCookie = signIn();
        }
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", sessionCookie).header("X-CSRF-Token", csrfToken)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Every item of a filtered timeline (query without the leading ?). */
    List<JsonNode> media(String query) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = get("api/v1/media?limit=100&" + query + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(items::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return items;
    }

    /** Any request as the signed-in account, with the CSRF token; {@code body} may be null. */
    HttpResponse<String> request(String method, String path, String body) {
        return request(method, path, body, "application/json");
    }

    /** Any request as the signed-in account, with the CSRF token and the given content type. */
    HttpResponse<String> request(String method, String path, String body, String contentType) {
        if (sessionCookie == null) {
            sessionCookie = signIn();
        }
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", sessionCookie).header("X-CSRF-Token", csrfToken)
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A PUT of raw bytes (an upload's chunk, {@code Content-Range: bytes first-last/size}) as the signed-in account. */
    HttpResponse<String> putBytes(String path, byte[] body, String contentRange) {
        if (sessionCookie == null) {
            sessionCookie = signIn();
        }
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", sessionCookie).header("X-CSRF-Token", csrfToken)
                .header("Content-Type", "application/octet-stream").header("Content-Range", contentRange)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Any request without credentials (or with the given Authorization header). */
    HttpResponse<String> anonymous(String method, String path, String body, String authorization) {
        return anonymous(method, path, body, authorization, "application/json");
    }

    /** Any request without credentials, with the given content type. */
    HttpResponse<String> anonymous(String method, String path, String body, String authorization,
            String contentType) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return send(builder.build());
    }

    /** A GET without any credentials. */
    HttpResponse<String> anonymous(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build());
    }

    private String signIn() {
        String body;
        try {
            body = JSON.writeValueAsString(java.util.Map.of("username", username, "password", adminPassword));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("api/v1/auth/login"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Signing in as " + username + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        try {
            csrfToken = JSON.readTree(response.body()).get("csrfToken").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON from the sign-in: " + response.body(), e);
        }
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("darkroom_session="))
                .map(c -> c.split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new IllegalStateException("No session cookie in the sign-in answer"));
    }

    private HttpResponse<String> send(HttpRequest request) {
        String path = request.uri().getPath();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = raw(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON from " + path + ": " + response.body(), e);
        }
    }
}
