package io.darkroom.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for api-gateway behind nginx: it answers the kinds of request the site config must pass through
 * (JSON, a video with byte ranges, a streamed upload) and remembers the headers nginx sent it.
 */
final class FakeGateway implements AutoCloseable {

    static final byte[] VIDEO = video();
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private final HttpServer server;
    /** The request headers of the last request per path, as nginx forwarded them. */
    final Map<String, Map<String, List<String>>> seen = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();

    FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        seen.put(path, Map.copyOf(exchange.getRequestHeaders()));
        try {
            if (path.endsWith("/video")) {
                video(exchange);
            } else if (path.equals("/api/v1/uploads")) {
                upload(exchange);
            } else {
                // A JSON answer big enough for gzip, with the gateway's own cache header.
                byte[] body = ("{\"items\":[" + "{\"id\":\"0123456789abcdef\",\"kind\":\"PHOTO\"},".repeat(200)
                        + "{}]}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("Cache-Control", "public, max-age=31536000, immutable");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        } finally {
            exchange.close();
        }
    }

    private static void video(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "video/mp4");
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        String range = exchange.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches()) {
            int from = Integer.parseInt(m.group(1));
            int to = Math.min(Integer.parseInt(m.group(2)), VIDEO.length - 1);
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + VIDEO.length);
            exchange.sendResponseHeaders(206, to - from + 1);
            exchange.getResponseBody().write(VIDEO, from, to - from + 1);
        } else {
            exchange.sendResponseHeaders(200, VIDEO.length);
            exchange.getResponseBody().write(VIDEO);
        }
    }

    /** Answers "<bytes> <sha-256>" of the body it read. */
    private static void upload(HttpExchange exchange) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = exchange.getRequestBody()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                total += n;
            }
        }
        byte[] body = (total + " " + HexFormat.of().formatHex(sha.digest())).getBytes(StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] video() {
        byte[] bytes = new byte[100_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + (i >> 8));
        }
        return bytes;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
