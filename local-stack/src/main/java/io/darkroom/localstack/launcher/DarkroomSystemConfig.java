package io.darkroom.localstack.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * What {@link DarkroomSystem} runs.
 *
 * @param repoRoot     the repository: each service runs from {@code <repoRoot>/<module>/target/quarkus-app/quarkus-run.jar}
 * @param library      the folder of the library root named {@value DarkroomSystem#LIBRARY_ROOT}
 * @param dataDir      all state: {@code kafka/}, {@code mariadb/}, {@code storage/}, {@code ingest/}, {@code logs/}
 * @param ports        see {@link DarkroomPorts#fromBase(int)} and {@link DarkroomPorts#free()}
 * @param services     the services to start (all by default)
 * @param readyTimeout how long each service may take to answer {@code /q/health/ready} with 200
 */
public record DarkroomSystemConfig(Path repoRoot, Path library, Path dataDir, DarkroomPorts ports,
        Set<DarkroomService> services, Duration readyTimeout) {

    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);

    public DarkroomSystemConfig {
        repoRoot = repoRoot.toAbsolutePath().normalize();
        library = library.toAbsolutePath().normalize();
        dataDir = dataDir.toAbsolutePath().normalize();
        services = Set.copyOf(services);
    }

    /** All five services, default timeout. */
    public static DarkroomSystemConfig of(Path repoRoot, Path library, Path dataDir, DarkroomPorts ports) {
        return new DarkroomSystemConfig(repoRoot, library, dataDir, ports, EnumSet.allOf(DarkroomService.class),
                DEFAULT_READY_TIMEOUT);
    }

    public DarkroomSystemConfig withServices(Set<DarkroomService> services) {
        return new DarkroomSystemConfig(repoRoot, library, dataDir, ports, services, readyTimeout);
    }

    public DarkroomSystemConfig withReadyTimeout(Duration readyTimeout) {
        return new DarkroomSystemConfig(repoRoot, library, dataDir, ports, services, readyTimeout);
    }

    /** Where the service's packaged jar is. */
    public Path jar(DarkroomService service) {
        return repoRoot.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public Path logFile(DarkroomService service) {
        return dataDir.resolve("logs").resolve(service.module() + ".log");
    }
}
