package io.darkroom.localstack.launcher;

import io.darkroom.localstack.process.ChildJvm;
import io.darkroom.localstack.process.LogTail;
import io.darkroom.localstack.process.ProcessTree;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service as a process: {@code java <options> -jar quarkus-run.jar} in the prod profile, configured through
 * environment variables, output appended to its log file. It can be stopped, killed and started again.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final DarkroomService service;
    private final Path jar;
    private final int port;
    private final List<String> javaOptions;
    private final Map<String, String> environment;
    private final Path logFile;
    private volatile Process process;

    public ServiceProcess(DarkroomService service, Path jar, int port, List<String> javaOptions,
            Map<String, String> environment, Path logFile) {
        this.service = service;
        this.jar = jar;
        this.port = port;
        this.javaOptions = List.copyOf(javaOptions);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
    }

    /** Starts the process (again, after a stop or kill); does not wait for readiness. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(service + " is already running (pid " + process.pid() + ")");
        }
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(service + " is not built: " + jar + " is missing (run ./mvnw install -DskipTests)");
        }
        List<String> command = new java.util.ArrayList<>();
        command.add(ChildJvm.javaExecutable().toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        process = ChildJvm.startCommand(command, logFile, environment);
    }

    /** Polls {@code /q/health/ready} until it answers 200; fails early when the process exits. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        String lastAnswer = "no answer";
        while (true) {
            Process current = process;
            if (current == null || !current.isAlive()) {
                throw new ServiceNotReadyException(service, service + " exited"
                        + (current == null ? "" : " with " + current.exitValue()) + " before it was ready\n"
                        + LogTail.of(logFile, 40));
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
            } catch (IOException e) {
                lastAnswer = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceNotReadyException(service, "interrupted while waiting for " + service);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ServiceNotReadyException(service, service + " was not ready within " + timeout.toSeconds()
                        + " s (" + baseUri() + "q/health/ready: " + lastAnswer + ")\n" + LogTail.of(logFile, 40));
            }
            sleep(500);
        }
    }

    /** SIGTERM, up to 20 s, then SIGKILL; descendants too. */
    public void stop() {
        Process current = process;
        if (current != null) {
            ProcessTree.stop(current.toHandle(), ProcessTree.DEFAULT_GRACE);
        }
    }

    /** kill -9, as in a crash. */
    public void kill() {
        Process current = process;
        if (current != null) {
            ProcessTree.kill(current.toHandle());
        }
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** The exit code once the process has exited. */
    public Optional<Integer> exitCode() {
        Process current = process;
        return current == null || current.isAlive() ? Optional.empty() : Optional.of(current.exitValue());
    }

    /** The running process, if started. */
    public Optional<ProcessHandle> processHandle() {
        Process current = process;
        return Optional.ofNullable(current).map(Process::toHandle);
    }

    /** {@code http://localhost:PORT/}. */
    public URI baseUri() {
        return URI.create("http://localhost:" + port + "/");
    }

    public DarkroomService service() {
        return service;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    private static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
