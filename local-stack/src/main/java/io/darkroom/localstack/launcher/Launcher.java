package io.darkroom.localstack.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code ./darkroom up --library <folder> [--data <folder>] [--port-base 8080]}: starts Kafka, MariaDB and the five
 * services, prints where the gallery is and a progress line every 2 s, and stops everything on Ctrl-C.
 * The repository root comes from {@code -Ddarkroom.repo} (set by the script), else the working directory.
 */
public final class Launcher {

    private static final PrintStream OUT = System.out;

    private volatile boolean stopping;

    private Launcher() {
    }

    public static void main(String[] args) {
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("darkroom: " + e.getMessage());
            System.err.println(LauncherOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            OUT.println(LauncherOptions.USAGE);
            return;
        }
        System.exit(new Launcher().run(options));
    }

    private int run(LauncherOptions options) {
        Path repo = Path.of(System.getProperty("darkroom.repo", ".")).toAbsolutePath().normalize();
        DarkroomSystemConfig config = DarkroomSystemConfig.of(repo, options.library(), options.dataDir(),
                DarkroomPorts.fromBase(options.portBase())).withServices(builtServices(repo));
        DarkroomSystem system = new DarkroomSystem(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            OUT.println();
            OUT.println("Stopping the services, Kafka and MariaDB…");
            system.close();
            OUT.println("Stopped. State kept in " + config.dataDir());
        }, "darkroom-shutdown"));

        OUT.println("Darkroom: library " + config.library() + ", data " + config.dataDir());
        try {
            OUT.println("Starting Kafka (" + config.ports().kafka() + ") and MariaDB (" + config.ports().mariaDb() + ")…");
            system.startLocalStack();
            OUT.println("Starting " + (config.services().isEmpty() ? "no services" : config.services()) + "…");
            system.startServices();
            system.awaitReady();
        } catch (RuntimeException e) {
            if (!stopping) {
                System.err.println("darkroom: " + e.getMessage());
            }
            return 1;
        }
        OUT.println("Darkroom is running. Gallery: " + system.gatewayUri() + "   (logs in "
                + config.dataDir().resolve("logs") + "; Ctrl-C stops)");
        OUT.println("Sign in as admin with the password in " + config.dataDir().resolve(AdminPassword.FILE)
                + " (or DARKROOM_ADMIN_PASSWORD), used at the first start.");
        reportProgress(system);
        return 0;
    }

    /** Every 2 s a progress line; says once when a service has died and where its log is. */
    private void reportProgress(DarkroomSystem system) {
        DarkroomPorts ports = system.config().ports();
        ProgressProbe probe = new ProgressProbe(
                java.net.URI.create("http://localhost:" + ports.http(DarkroomService.INGEST) + "/"), system.gatewayUri(),
                system.adminPassword());
        Set<DarkroomService> reportedDead = new HashSet<>();
        ProgressPrinter progress = new ProgressPrinter(OUT, System.console() != null);
        while (!stopping) {
            for (ServiceProcess service : system.serviceProcesses()) {
                if (!service.isAlive() && reportedDead.add(service.service()) && !stopping) {
                    progress.message(service.service() + " has stopped (exit "
                            + service.exitCode().map(String::valueOf).orElse("?") + "); see " + service.logFile());
                }
            }
            if (!stopping) {
                progress.show(probe.read().line());
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The services whose jar exists; the others are named and skipped, so a partial build still runs. */
    private static Set<DarkroomService> builtServices(Path repo) {
        Set<DarkroomService> built = EnumSet.noneOf(DarkroomService.class);
        for (DarkroomService service : DarkroomService.values()) {
            Path jar = repo.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
            if (Files.isRegularFile(jar)) {
                built.add(service);
            } else {
                OUT.println("warning: " + service + " is not built (" + jar + " missing); skipping it");
            }
        }
        return built;
    }
}
