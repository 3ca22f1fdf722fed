package io.darkroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged gateway attacked from outside, as a script on the internet would: every operation of its own OpenAPI
 * document asked without credentials, with a forged token, as a viewer where a viewer has no business, with path
 * traversal in every path parameter; an oversized body; a crowd of slow clients. Nothing may succeed and nothing may
 * answer 5xx.
 */
final class SecuritySweep {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("\\{([^}/]+)}");
    /** What a viewer may do beyond reading (docs/security.md): its own tokens, password and session. */
    private static final List<String> VIEWER_MAY_WRITE = List.of("/api/v1/auth/", "/api/v1/tokens");
    private static final List<String> TRAVERSALS = List.of("..%2F..%2F..%2F..%2Fetc%2Fpasswd",
            "%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%5C..%5C..%5Cwindows%5Cwin.ini", "%252e%252e%252fetc%252fpasswd",
            "..%00.jpg", "....%2F%2F....%2F%2Fetc%2Fpasswd");

    private final URI base;
    private final Gateway admin;
    /** operation ("GET /api/v1/media/{id}") → status, for the report */
    private final Map<String, String> seen = new TreeMap<>();

    SecuritySweep(URI base, Gateway admin) {
        this.base = base;
        this.admin = admin;
    }

    void run() throws Exception {
        List<String[]> operations = operations();
        assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThan(20);
        Gateway viewer = viewer();

        for (String[] op : operations) {
            String method = op[0];
            String template = op[1];
            String type = op[2];
            String path = filled(template);
            String body = needsBody(method) ? (type.contains("json") ? "{}" : "x") : null;
            boolean open = template.startsWith("/api/v1/shared/") || template.equals("/api/v1/auth/login");

            HttpResponse<String> anonymous = admin.anonymous(method, path.substring(1), body, null, type);
            HttpResponse<String> forged = admin.anonymous(method, path.substring(1), body,
                    "Bearer drk_" + "A".repeat(43), type);
            for (HttpResponse<String> answer : List.of(anonymous, forged)) {
                assertThat(answer.statusCode()).as(method + " " + template + " without credentials: " + answer.body())
                        .isBetween(400, 499);
                if (!open) {
                    assertThat(answer.statusCode()).as(method + " " + template + " without credentials").isEqualTo(401);
                }
            }
            seen.put(method + " " + template, "anonymous " + anonymous.statusCode() + ", forged token "
                    + forged.statusCode());

            boolean viewerMay = method.equals("GET") || VIEWER_MAY_WRITE.stream().anyMatch(template::startsWith)
                    || open;
            if (!viewerMay) {
                HttpResponse<String> answer = viewer.request(method, path.substring(1), body, type);
                assertThat(answer.statusCode()).as(method + " " + template + " as a viewer: " + answer.body())
                        .isEqualTo(403);
                seen.merge(method + " " + template, ", viewer " + answer.statusCode(), String::concat);
            }
            if (template.startsWith("/api/v1/users") || template.startsWith("/api/v1/audit")) {
                HttpResponse<String> answer = viewer.request(method, path.substring(1), body, type);
                assertThat(answer.statusCode()).as(method + " " + template + " as a viewer").isEqualTo(403);
            }

            Matcher params = PARAM.matcher(template);
            while (params.find()) {
                for (String traversal : TRAVERSALS) {
                    String attacked = template.replace(params.group(), traversal);
                    attacked = filled(attacked);
                    HttpResponse<String> answer = admin.request(method, attacked.substring(1), body, type);
                    assertThat(answer.statusCode()).as(method + " " + attacked + ": " + answer.body())
                            .isBetween(400, 499);
                    assertThat(answer.body()).doesNotContain("root:x:0:0").doesNotContain("[fonts]");
                }
            }
        }
        rawTraversal();
        oversizedBodies();
        slowClients();
        seen.forEach((op, statuses) -> System.out.printf("[SecuritySweep] %-55s %s%n", op, statuses));
    }

    /** Every (method, path, request content type) of {@code /q/openapi}. */
    private List<String[]> operations() throws IOException {
        HttpResponse<String> document = admin.anonymous("GET", "q/openapi?format=json", null, null);
        assertThat(document.statusCode()).isEqualTo(200);
        JsonNode paths = JSON.readTree(document.body()).get("paths");
        List<String[]> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String name = methods.next();
                String method = name.toUpperCase(java.util.Locale.ROOT);
                JsonNode content = path.getValue().get(name).path("requestBody").path("content");
                String type = content.fieldNames().hasNext() ? content.fieldNames().next() : "application/json";
                type = type.contains("*") ? "application/octet-stream" : type;
                if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    operations.add(new String[] {method, path.getKey(), type});
                }
            }
        }
        return operations;
    }

    /** A viewer account made by the admin, signed in. */
    private Gateway viewer() {
        HttpResponse<String> made = admin.send("POST", "api/v1/users",
                "{\"username\":\"sweep-viewer\",\"password\":\"a long viewer password\",\"role\":\"viewer\"}");
        assertThat(made.statusCode()).as(made.body()).isBetween(200, 201);
        Gateway viewer = new Gateway(base, "sweep-viewer", "a long viewer password");
        // signed in now, before the anonymous sign-ins below count against this address
        assertThat(viewer.raw("api/v1/auth/me").body()).contains("\"role\":\"viewer\"");
        return viewer;
    }

    /** Unencoded ../ on the wire (HTTP clients normalise it away, a raw socket does not). */
    private void rawTraversal() throws IOException {
        for (String target : List.of("/api/v1/thumbnails/../../../../etc/passwd/tile-224",
                "/api/v1/media/1/../../../../../etc/passwd", "/q/../../etc/passwd", "/../../../../etc/passwd")) {
            String answer = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                    Duration.ZERO);
            int status = Integer.parseInt(answer.substring(9, 12));
            assertThat(status).as("raw GET " + target + ": " + answer).isLessThan(500);
            assertThat(answer).doesNotContain("root:x:0:0");
            if (status < 400) {
                // normalised to a path of the gallery's own (its pages answer unknown paths): never a file outside
                assertThat(answer.toLowerCase(java.util.Locale.ROOT)).as("raw GET " + target).contains("<html");
            }
            seen.put("raw GET " + target, Integer.toString(status));
        }
    }

    /** 20 MB of JSON to the login (open) and to albums (signed in): refused, never a 5xx. */
    private void oversizedBodies() {
        String huge = "{\"username\":\"" + "x".repeat(20 * 1024 * 1024) + "\"}";
        for (String path : List.of("api/v1/auth/login", "api/v1/albums")) {
            int status;
            try {
                HttpResponse<String> answer = path.endsWith("login") ? admin.anonymous("POST", path, huge, null)
                        : admin.request("POST", path, huge);
                status = answer.statusCode();
            } catch (IllegalStateException refusedMidway) {
                status = -1; // the gateway closed the connection while the body was still being sent: also a refusal
            }
            assertThat(status).as("20 MB POST " + path).isIn(-1, 400, 413);
            seen.put("POST /" + path + " with 20 MB", status == -1 ? "connection closed" : Integer.toString(status));
        }
    }

    /**
     * 100 clients that send their request headers a few bytes a second while a signed-in client uses the gallery:
     * it must still be served promptly, and each slow request must end in a 401 (they carry no credentials).
     */
    private void slowClients() throws Exception {
        String request = "GET /api/v1/media HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "s".repeat(40)
                + "\r\nConnection: close\r\n\r\n";
        List<Thread> threads = new ArrayList<>();
        List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 100; i++) {
            Thread slow = new Thread(() -> {
                try {
                    answers.add(raw(request, Duration.ofMillis(60)));
                } catch (IOException e) {
                    answers.add("closed: " + e);
                }
            }, "slow-client-" + i);
            slow.start();
            threads.add(slow);
        }
        Thread.sleep(1500);
        long started = System.nanoTime();
        HttpResponse<String> meanwhile = admin.raw("api/v1/library/status");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(meanwhile.statusCode()).isEqualTo(200);
        assertThat(millis).as("a normal request while 100 slow clients dribble").isLessThan(5000);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        assertThat(answers).hasSize(100);
        for (String answer : answers) {
            assertThat(answer).as("a slow client's answer").satisfiesAnyOf(
                    a -> assertThat(a).startsWith("HTTP/1.1 401"),
                    a -> assertThat(a).startsWith("HTTP/1.1 408"),
                    a -> assertThat(a).startsWith("closed: "));
        }
        seen.put("100 slow clients", "a signed-in request meanwhile took " + millis + " ms; slow ones answered "
                + answers.stream().map(a -> a.length() > 12 ? a.substring(0, 12) : a).distinct().toList());
    }

    /** Writes {@code request} (a byte every {@code pause}) and reads the answer's head. */
    private String raw(String request, Duration pause) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            if (pause.isZero()) {
                out.write(bytes);
            } else {
                for (byte b : bytes) {
                    out.write(b);
                    out.flush();
                    try {
                        Thread.sleep(pause.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                }
            }
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(2048), StandardCharsets.ISO_8859_1);
        }
    }

    private static String filled(String template) {
        Matcher params = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (params.find()) {
            String name = params.group(1).toLowerCase(java.util.Locale.ROOT);
            String value = name.contains("hash") ? "ab".repeat(32) : name.contains("size") ? "tile-224"
                    : name.contains("token") ? "not-a-token" : "1";
            params.appendReplacement(out, value);
        }
        params.appendTail(out);
        return out.toString();
    }

    private static boolean needsBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }
}
