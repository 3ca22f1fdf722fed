package io.darkroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * deploy/nginx/darkroom.conf made runnable in a temporary folder: the same file with its certificate, snippet,
 * webroot and listen lines pointed at the folder and at free local ports. Every path it rewrites must still be
 * in the file, so a changed site config cannot silently escape the test.
 */
final class NginxSite implements AutoCloseable {

    final Path dir;
    final int httpPort;
    final int httpsPort;
    private final Path nginx;
    private Process process;

    /** The site's optional, commented-out protections, switched on. */
    enum Option { ORIGIN_LOCK, ORIGIN_PULLS }

    NginxSite(Path nginx, Path dir, int upstreamPort, Option... options) throws IOException, InterruptedException {
        this.nginx = nginx;
        this.dir = dir;
        this.httpPort = freePort();
        this.httpsPort = freePort();
        for (String sub : List.of("snippets", "cert", "www/.well-known/acme-challenge", "logs", "tmp")) {
            Files.createDirectories(dir.resolve(sub));
        }
        try (Stream<Path> snippets = Files.list(Tools.deploy("nginx/snippets"))) {
            for (Path snippet : snippets.toList()) {
                Files.copy(snippet, dir.resolve("snippets").resolve(snippet.getFileName()));
            }
        }
        String site = Files.readString(Tools.deploy("nginx/darkroom.conf"));
        for (Option option : options) {
            switch (option) {
                case ORIGIN_LOCK -> site = replace(site, "# if ($darkroom_via_cloudflare = 0)", "if ($darkroom_via_cloudflare = 0)");
                case ORIGIN_PULLS -> {
                    site = replace(site, "# ssl_client_certificate /etc/nginx/snippets/cloudflare-origin-pull-ca.pem;",
                            "ssl_client_certificate /etc/nginx/snippets/cloudflare-origin-pull-ca.pem;");
                    site = replace(site, "# ssl_verify_client on;", "ssl_verify_client on;");
                }
            }
        }
        site = replace(site, "/etc/nginx/snippets/", dir.resolve("snippets") + "/");
        site = replace(site, "/etc/letsencrypt/live/gallery.example.com/", dir.resolve("cert") + "/");
        site = replace(site, "/var/www/certbot", dir.resolve("www").toString());
        site = replace(site, "server 127.0.0.1:8080;", "server 127.0.0.1:" + upstreamPort + ";");
        site = replace(site, "listen 80;", "listen 127.0.0.1:" + httpPort + ";");
        site = replace(site, "listen 443 ssl http2;", "listen 127.0.0.1:" + httpsPort + " ssl http2;");
        // IPv6 may be off where CI runs; the IPv4 listeners carry the same server blocks.
        site = site.lines().filter(l -> !l.contains("listen [::]")).collect(Collectors.joining("\n"));
        Files.writeString(dir.resolve("site.conf"), site);

        Path tmp = dir.resolve("tmp");
        String main = ("root".equals(System.getProperty("user.name")) ? "user root;\n" : "")
                + "worker_processes 1;\n"
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("logs/error.log") + " warn;\n"
                + "events { worker_connections 64; }\n"
                + "http {\n"
                + "  access_log off;\n"
                + "  client_body_temp_path " + tmp.resolve("body") + ";\n"
                + "  proxy_temp_path " + tmp.resolve("proxy") + ";\n"
                + "  fastcgi_temp_path " + tmp.resolve("fastcgi") + ";\n"
                + "  uwsgi_temp_path " + tmp.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + tmp.resolve("scgi") + ";\n"
                + "  include " + dir.resolve("site.conf") + ";\n"
                + "}\n";
        Files.writeString(dir.resolve("nginx.conf"), main);
        selfSignedCertificate();
        // A stand-in for Cloudflare's origin-pull CA: any CA the test client has no certificate from.
        Files.copy(certificate(), dir.resolve("snippets/cloudflare-origin-pull-ca.pem"));
    }

    /** {@code nginx -t} on the templated config. */
    Tools.Result test() throws IOException, InterruptedException {
        return Tools.run(dir, 30, nginx.toString(), "-t", "-p", dir.toString(), "-e", dir.resolve("logs/error.log").toString(),
                "-c", dir.resolve("nginx.conf").toString());
    }

    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-e", dir.resolve("logs/error.log").toString(),
                "-c", dir.resolve("nginx.conf").toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!listening(httpsPort) || !listening(httpPort)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("logs/error.log")));
            }
            Thread.sleep(50);
        }
    }

    Path certificate() {
        return dir.resolve("cert/fullchain.pem");
    }

    /** TLS that trusts exactly this certificate: the site's self-signed one. */
    static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("darkroom-test", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private void selfSignedCertificate() throws IOException, InterruptedException {
        Path openssl = Tools.require("openssl", "openssl");
        Tools.Result result = Tools.run(dir, 60, openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", dir.resolve("cert/privkey.pem").toString(), "-out", certificate().toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static String replace(String text, String target, String replacement) {
        assertThat(text).as("deploy/nginx/darkroom.conf no longer contains '%s'; update NginxSite", target).contains(target);
        return text.replace(target, replacement);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
