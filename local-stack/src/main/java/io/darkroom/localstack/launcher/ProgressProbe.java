package io.darkroom.localstack.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the progress counts: ingest-service's Prometheus gauge and the gateway's library status (see
 * docs/architecture.md). Never throws: what does not answer (yet) is null, shown as {@code ?}. A regex instead of
 * a JSON library, because the launcher's classpath is kafka-clients and nothing else.
 */
public final class ProgressProbe {

    static final String FILES_KNOWN_GAUGE = "darkroom_ingest_files_known";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final URI ingestMetrics;
    private final URI libraryStatus;
    private final URI login;
    private final String adminPassword;
    /** The gateway's session cookie ({@code name=value}), signed in as admin on first use and again when it ends. */
    private String session;

    public ProgressProbe(URI ingestBase, URI gatewayBase, String adminPassword) {
        this.ingestMetrics = ingestBase.resolve("/q/metrics");
        this.libraryStatus = gatewayBase.resolve("/api/v1/library/status");
        this.login = gatewayBase.resolve("/api/v1/auth/login");
        this.adminPassword = adminPassword;
    }

    public LibraryProgress read() {
        String metrics = get(ingestMetrics, null);
        String status = libraryStatus();
        return new LibraryProgress(gauge(metrics, FILES_KNOWN_GAUGE), field(status, "items"), field(status, "indexed"),
                field(status, "thumbnailsDone"), field(status, "transcodesDone"), field(status, "failed"),
                field(status, "missing"));
    }

    /** The gauge's value (summed over its label sets), or null. */
    static Long gauge(String metrics, String name) {
        if (metrics == null) {
            return null;
        }
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})?\\s+([0-9.eE+-]+)").matcher(metrics);
        Double sum = null;
        while (m.find()) {
            try {
                sum = (sum == null ? 0 : sum) + Double.parseDouble(m.group(1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return sum == null ? null : Math.round(sum);
    }

    /** A top-level integer field of a flat JSON object, or null. */
    static Long field(String json, String name) {
        if (json == null) {
            return null;
        }
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    /** The gateway's status needs a signed-in caller: sign in once, and again when the session has ended. */
    private String libraryStatus() {
        if (session == null) {
            session = signIn();
        }
        String status = session == null ? null : get(libraryStatus, session);
        if (status == null) {
            session = null;
        }
        return status;
    }

    private String signIn() {
        String body = "{\"username\":\"admin\",\"password\":\"" + adminPassword.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"}";
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(login).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            return response.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("darkroom_session=")).map(c -> c.split(";", 2)[0]).findFirst()
                    .orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    private String get(URI uri, String cookie) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET();
            if (cookie != null) {
                request.header("Cookie", cookie);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }
}
