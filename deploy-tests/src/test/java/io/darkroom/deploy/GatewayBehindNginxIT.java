package io.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.localstack.launcher.DarkroomPorts;
import io.darkroom.localstack.launcher.DarkroomService;
import io.darkroom.localstack.launcher.DarkroomSystem;
import io.darkroom.localstack.launcher.DarkroomSystemConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/nginx/darkroom.conf in front of the real api-gateway (the packaged service, with index-service for the
 * catalog's schema, on the local stack): a family's browser signs in over TLS, reads the timeline, streams a video
 * with a range request, uploads a file in chunks, and holds the live event stream open. NginxSiteTest checks the
 * site's rules against a stand-in; this checks that they and the gateway agree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayBehindNginxIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DarkroomSystem system;
    private NginxSite site;
    private HttpClient client;
    private Path library;
    private byte[] video;
    private long videoId;
    private String sessionCookie;
    private String csrfToken;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Path nginx = Tools.require("nginx", "nginx-light");
        library = Files.createDirectories(dir.resolve("library"));
        DarkroomSystemConfig config = DarkroomSystemConfig.of(Tools.repo(), library, dir.resolve("data"),
                DarkroomPorts.free()).withServices(EnumSet.of(DarkroomService.INDEX, DarkroomService.API_GATEWAY));
        system = new DarkroomSystem(config).start();
        video = new byte[3 * 1024 * 1024 + 11];
        new Random(7).nextBytes(video);
        Files.createDirectories(library.resolve("2024"));
        Files.write(library.resolve("2024/beach.mp4"), video);
        videoId = catalogue("2024/beach.mp4", video, "VIDEO", "video/mp4");
        for (int i = 0; i < 20; i++) { // a timeline page long enough for nginx to compress
            catalogue("2024/IMG_" + (1000 + i) + ".JPG", ("photo " + i).getBytes(StandardCharsets.UTF_8), "IMAGE",
                    "image/jpeg");
        }

        site = new NginxSite(nginx, dir.resolve("site"), system.gatewayUri().getPort());
        Tools.Result check = site.test();
        assertThat(check.exitCode()).as(check.output()).isZero();
        site.start();
        client = HttpClient.newBuilder().sslContext(NginxSite.trusting(site.certificate()))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        signIn(system.adminPassword());
    }

    @AfterAll
    void stop() throws Exception {
        if (site != null) {
            site.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void theTimelineComesThroughTlsCompressedAndPrivate() throws Exception {
        HttpResponse<InputStream> response = client.send(https("/api/v1/media").header("Cookie", sessionCookie)
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        JsonNode page;
        try (InputStream body = new GZIPInputStream(response.body())) {
            page = JSON.readTree(body);
        }
        assertThat(page.get("items")).extracting(item -> item.get("id").asLong()).contains(videoId);
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).doesNotContain("public");
    }

    @Test
    void aRangeOfTheVideoComesBackPartialAndExact() throws Exception {
        HttpResponse<byte[]> response = client.send(https("/api/v1/media/" + videoId + "/original")
                        .header("Cookie", sessionCookie).header("Range", "bytes=1000000-1999999").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 1000000-1999999/" + video.length);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(video, 1_000_000, 2_000_000));
    }

    @Test
    void anUploadLargerThanOneChunkLandsInTheLibraryIntact() throws Exception {
        JsonNode created = json(client.send(https("/api/v1/uploads").header("Cookie", sessionCookie)
                .header("X-CSRF-Token", csrfToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("fileName", "party.jpg", "size", 9 * 1024 * 1024 + 5)))).build(),
                HttpResponse.BodyHandlers.ofString()), 201);
        byte[] file = new byte[created.get("size").asInt()];
        new Random(11).nextBytes(file);
        int chunk = created.get("chunkBytes").asInt();
        assertThat(chunk).as("the file needs more than one chunk").isLessThan(file.length);

        JsonNode status = null;
        for (int first = 0; first < file.length; first += chunk) {
            int last = Math.min(file.length, first + chunk) - 1;
            status = json(client.send(https("/api/v1/uploads/" + created.get("id").asText())
                    .header("Cookie", sessionCookie).header("X-CSRF-Token", csrfToken)
                    .header("Content-Type", "application/octet-stream")
                    .header("Content-Range", "bytes " + first + "-" + last + "/" + file.length)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(file, first, last - first + 1)).build(),
                    HttpResponse.BodyHandlers.ofString()), 200);
        }

        assertThat(status.get("received").asLong()).isEqualTo(file.length);
        Path landed = library.resolve(status.get("path").asText());
        assertThat(landed).startsWith(library.resolve("uploads"));
        assertThat(sha256(Files.readAllBytes(landed))).isEqualTo(sha256(file));
    }

    @Test
    void theLiveEventStreamIsHandedOnAsItComes() throws Exception {
        HttpResponse<InputStream> response = client.send(https("/api/v1/events").header("Cookie", sessionCookie)
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        // The gateway pings as soon as a stream opens; a buffering proxy would hold it back.
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    String line;
                    while ((line = lines.readLine()) != null && !line.startsWith("data:")) {
                        // skip blank lines and comments
                    }
                    return line;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(10, TimeUnit.SECONDS);
            assertThat(first).contains("\"type\":\"ping\"");
        }
    }

    private long catalogue(String relativePath, byte[] bytes, String kind, String mimeType) throws Exception {
        try (Connection sql = DriverManager.getConnection(system.localStack().jdbcUrl(),
                system.localStack().username(), system.localStack().password())) {
            try (PreparedStatement insert = sql.prepareStatement("INSERT INTO media_item (root, relative_path,"
                    + " location_hash, file_name, content_hash, size_bytes, status, kind, mime_type, taken_at,"
                    + " duration_ms, last_event_at) VALUES (?, ?, UNHEX(SHA2(CONCAT(?, ':', ?), 256)), ?, ?, ?,"
                    + " 'INDEXED', ?, ?, '2024-07-01 12:00:00', 3000, NOW(6))",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, DarkroomSystem.LIBRARY_ROOT);
                insert.setString(2, relativePath);
                insert.setString(3, DarkroomSystem.LIBRARY_ROOT);
                insert.setString(4, relativePath);
                insert.setString(5, Path.of(relativePath).getFileName().toString());
                insert.setString(6, sha256(bytes));
                insert.setLong(7, bytes.length);
                insert.setString(8, kind);
                insert.setString(9, mimeType);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        }
    }

    private void signIn(String password) throws Exception {
        HttpResponse<String> response = client.send(https("/api/v1/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", "admin", "password", password)))).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = json(response, 200);
        sessionCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("darkroom_session=")).map(c -> c.substring(0, c.indexOf(';')))
                .findFirst().orElseThrow();
        csrfToken = body.get("csrfToken").asText();
    }

    private HttpRequest.Builder https(String path) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + site.httpsPort + path))
                .timeout(Duration.ofSeconds(30));
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
