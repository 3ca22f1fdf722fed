package io.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/nginx/darkroom.conf in a real nginx (Debian's nginx-light) in front of a stand-in gateway: the config
 * passes {@code nginx -t}, and requests through it behave as production needs (TLS, HTTP to HTTPS, ranges,
 * streamed chunked uploads, gzip, WebSocket upgrade, Cloudflare-only client addresses, the origin lock).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxSiteTest {

    private Path nginx;
    private FakeGateway gateway;
    private NginxSite site;
    private SSLContext tls;
    private HttpClient client;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        nginx = Tools.require("nginx", "nginx-light");
        gateway = new FakeGateway();
        site = new NginxSite(nginx, dir.resolve("site"), gateway.port());
        Tools.Result check = site.test();
        assertThat(check.exitCode()).as(check.output()).isZero();
        site.start();
        tls = NginxSite.trusting(site.certificate());
        client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stop() throws Exception {
        if (site != null) {
            site.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void nginxAcceptsTheSiteWithEveryOptionOn(@TempDir Path dir) throws Exception {
        NginxSite locked = new NginxSite(nginx, dir, gateway.port(), NginxSite.Option.ORIGIN_LOCK, NginxSite.Option.ORIGIN_PULLS);
        Tools.Result check = locked.test();
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("syntax is ok", "test is successful");
    }

    @Test
    void proxiesToTheGatewayOverTlsWithGzipAndItsCacheHeaders() throws Exception {
        HttpResponse<byte[]> response = client.send(https("/api/v1/media").header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
        String json;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(json).startsWith("{\"items\":[").endsWith("{}]}");
        assertThat(response.body().length).isLessThan(json.length() / 4);

        Map<String, List<String>> upstream = gateway.seen.get("/api/v1/media");
        assertThat(upstream.get("X-forwarded-proto")).containsExactly("https");
        assertThat(upstream.get("Host")).containsExactly("127.0.0.1");
    }

    @Test
    void plainHttpRedirectsToHttpsButServesCertbotsChallenge() throws Exception {
        HttpResponse<String> redirect = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + site.httpPort + "/api/v1/media?limit=5")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).hasValue("https://127.0.0.1/api/v1/media?limit=5");

        Files.writeString(site.dir.resolve("www/.well-known/acme-challenge/token123"), "token123.key");
        HttpResponse<String> challenge = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + site.httpPort + "/.well-known/acme-challenge/token123")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(challenge.statusCode()).isEqualTo(200);
        assertThat(challenge.body()).isEqualTo("token123.key");
    }

    @Test
    void rangeRequestsReachTheGatewayAndComeBackPartial() throws Exception {
        HttpResponse<byte[]> response = client.send(https("/api/v1/media/abc/video").header("Range", "bytes=1000-1999").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/" + FakeGateway.VIDEO.length);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(FakeGateway.VIDEO, 1000, 2000));
        assertThat(gateway.seen.get("/api/v1/media/abc/video").get("Range")).containsExactly("bytes=1000-1999");
    }

    @Test
    void aChunkedUploadIsStreamedToTheGatewayIntact() throws Exception {
        byte[] part = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(part);
        // ofInputStream has no length, so the client sends Transfer-Encoding: chunked.
        HttpResponse<String> response = client.send(https("/api/v1/uploads")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(part))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(part.length + " "
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(part)));
        assertThat(gateway.seen.get("/api/v1/uploads").get("Transfer-encoding")).containsExactly("chunked");
    }

    @Test
    void aWebSocketUpgradeIsForwarded() throws Exception {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", site.httpsPort)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] head = new byte[12];
            int read = socket.getInputStream().readNBytes(head, 0, head.length);
            assertThat(new String(head, 0, read, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 ");
        }
        Map<String, List<String>> upstream = gateway.seen.get("/api/v1/events");
        assertThat(upstream.get("Upgrade")).containsExactly("websocket");
        assertThat(upstream.get("Connection")).containsExactly("upgrade");
    }

    @Test
    void aClientAddressClaimedByANonCloudflarePeerIsIgnored() throws Exception {
        HttpResponse<String> response = client.send(https("/api/v1/library/status")
                .header("CF-Connecting-IP", "203.0.113.7").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, List<String>> upstream = gateway.seen.get("/api/v1/library/status");
        assertThat(upstream.get("X-real-ip")).containsExactly("127.0.0.1");
        assertThat(upstream.get("X-forwarded-for")).containsExactly("127.0.0.1");
    }

    @Test
    void quarkusManagementPathsStayPrivate() throws Exception {
        int before = gateway.requests.get();
        HttpResponse<String> response = client.send(https("/q/metrics").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(gateway.requests.get()).isEqualTo(before);
    }

    @Test
    void theOriginLockRefusesConnectionsThatDoNotComeFromCloudflare(@TempDir Path dir) throws Exception {
        try (NginxSite locked = new NginxSite(nginx, dir, gateway.port(), NginxSite.Option.ORIGIN_LOCK)) {
            locked.start();
            HttpClient lockedClient = HttpClient.newBuilder().sslContext(NginxSite.trusting(locked.certificate())).build();
            HttpResponse<String> response = lockedClient.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + locked.httpsPort + "/api/v1/media"))
                    .header("CF-Connecting-IP", "104.16.0.1").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void authenticatedOriginPullsRefuseClientsWithoutTheCertificate(@TempDir Path dir) throws Exception {
        try (NginxSite pulls = new NginxSite(nginx, dir, gateway.port(), NginxSite.Option.ORIGIN_PULLS)) {
            pulls.start();
            HttpClient plain = HttpClient.newBuilder().sslContext(NginxSite.trusting(pulls.certificate())).build();
            HttpResponse<String> response = plain.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + pulls.httpsPort + "/api/v1/media")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("No required SSL certificate was sent");
        }
    }

    private HttpRequest.Builder https(String path) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + site.httpsPort + path)).timeout(Duration.ofSeconds(20));
    }
}
