package io.darkroom.localstack.launcher;

import io.darkroom.localstack.LocalStack;
import io.darkroom.localstack.LocalStackConfig;
import io.darkroom.localstack.process.Parallel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as processes: the local stack, then the services from their packaged jars with the
 * configuration of docs/architecture.md. Used by {@code ./darkroom up} and by the end-to-end tests:
 * <pre>{@code
 * try (DarkroomSystem system = new DarkroomSystem(DarkroomSystemConfig.of(repo, library, data, DarkroomPorts.free())).start()) {
 *     URI gateway = system.gatewayUri();
 * }
 * }</pre>
 * All state lives under the data folder, so starting again on it resumes.
 */
public final class DarkroomSystem implements AutoCloseable {

    /** The name of the single library root the launcher configures. */
    public static final String LIBRARY_ROOT = "library";

    private final DarkroomSystemConfig config;
    private final Map<DarkroomService, ServiceProcess> services = new EnumMap<>(DarkroomService.class);
    private volatile LocalStack localStack;
    private volatile boolean closed;

    /** Starts nothing yet, so a caller can register {@link #close()} (e.g. a shutdown hook) first. */
    public DarkroomSystem(DarkroomSystemConfig config) {
        this.config = config;
    }

    /** Starts the local stack and every configured service, and waits until each one is ready. */
    public DarkroomSystem start() {
        startLocalStack();
        startServices();
        awaitReady();
        return this;
    }

    /** Kafka and MariaDB on the configured ports with data under {@code <data>/kafka}, {@code <data>/mariadb}. */
    public void startLocalStack() {
        DarkroomPorts ports = config.ports();
        LocalStack stack = LocalStack.start(
                new LocalStackConfig(config.dataDir(), ports.kafka(), ports.kafkaController(), ports.mariaDb()));
        localStack = stack;
        if (closed) { // closed while it was starting
            stack.close();
            throw new IllegalStateException("stopped while starting");
        }
    }

    /** Starts the service processes without waiting for them. */
    public synchronized void startServices() {
        if (localStack == null) {
            throw new IllegalStateException("start the local stack first");
        }
        createDirectories(config.dataDir().resolve("logs"), storagePath(), config.dataDir().resolve("ingest"));
        for (DarkroomService service : config.services()) {
            if (closed) {
                throw new IllegalStateException("stopped while starting");
            }
            ServiceProcess process = services.computeIfAbsent(service, this::newServiceProcess);
            process.start();
        }
    }

    /** Waits (in parallel) until every started service answers {@code /q/health/ready} with 200. */
    public void awaitReady() {
        List<Runnable> waits = new ArrayList<>();
        for (ServiceProcess process : serviceProcesses()) {
            waits.add(() -> process.awaitReady(config.readyTimeout()));
        }
        Parallel.runAll(waits);
    }

    /** The environment a service gets (docs/architecture.md). */
    Map<String, String> environment(DarkroomService service) {
        Map<String, String> env = new LinkedHashMap<>(localStack.environment());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(config.ports().http(service)));
        env.put("DARKROOM_STORAGE_PATH", storagePath().toString());
        env.put("DARKROOM_LIBRARY_ROOTS_" + LIBRARY_ROOT.toUpperCase(java.util.Locale.ROOT), config.library().toString());
        if (service == DarkroomService.API_GATEWAY) {
            env.put("DARKROOM_ADMIN_PASSWORD", adminPassword());
            // http://localhost: browsers keep Secure cookies there, but the end-to-end tests' HTTP client would not
            env.put("DARKROOM_GATEWAY_SECURITY_COOKIE_SECURE", "false");
        }
        return env;
    }

    /** System properties: map keys cannot be recovered from environment variable names, so the root goes here too. */
    List<String> javaOptions() {
        return List.of(
                "-Ddarkroom.library.roots." + LIBRARY_ROOT + "=" + config.library(),
                "-Ddarkroom.ingest.state-path=" + config.dataDir().resolve("ingest"));
    }

    private ServiceProcess newServiceProcess(DarkroomService service) {
        List<String> options = new ArrayList<>(javaOptions());
        options.addAll(service.jvmOptions());
        return new ServiceProcess(service, config.jar(service), config.ports().http(service), options,
                environment(service), config.logFile(service));
    }

    /** The admin's password (user {@code admin}) for this data folder: see {@link AdminPassword}. */
    public String adminPassword() {
        return AdminPassword.of(config.dataDir());
    }

    /** {@code http://localhost:<gateway port>/}. */
    public URI gatewayUri() {
        return URI.create("http://localhost:" + config.ports().http(DarkroomService.API_GATEWAY) + "/");
    }

    /** A started service, e.g. to kill it in a chaos test. */
    public synchronized ServiceProcess service(DarkroomService service) {
        ServiceProcess process = services.get(service);
        if (process == null) {
            throw new IllegalArgumentException(service + " was not started");
        }
        return process;
    }

    public synchronized Collection<ServiceProcess> serviceProcesses() {
        return List.copyOf(services.values());
    }

    /** kill -9 of one service. */
    public void kill(DarkroomService service) {
        service(service).kill();
    }

    /** Stops the service if it runs, starts it again and waits until it is ready. */
    public void restart(DarkroomService service) {
        ServiceProcess process = service(service);
        process.stop();
        process.start();
        process.awaitReady(config.readyTimeout());
    }

    public LocalStack localStack() {
        return localStack;
    }

    public DarkroomSystemConfig config() {
        return config;
    }

    public Path storagePath() {
        return config.dataDir().resolve("storage");
    }

    /** Stops the services (in parallel: SIGTERM, then SIGKILL after 20 s), then Kafka and MariaDB. Idempotent. */
    @Override
    public void close() {
        closed = true;
        List<Runnable> stops = new ArrayList<>();
        for (ServiceProcess process : serviceProcesses()) {
            stops.add(process::stop);
        }
        Parallel.runAll(stops);
        LocalStack stack = localStack;
        if (stack != null) {
            stack.close();
        }
    }

    private static void createDirectories(Path... dirs) {
        try {
            for (Path dir : dirs) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
