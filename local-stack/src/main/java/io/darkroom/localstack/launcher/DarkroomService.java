package io.darkroom.localstack.launcher;

import java.util.List;

/**
 * The five services, their Maven modules, their HTTP port offsets from the port base (docs/architecture.md) and
 * the JVM options a service needs beyond the common ones.
 */
public enum DarkroomService {
    API_GATEWAY("api-gateway", 0),
    INGEST("ingest-service", 1),
    // C1 only: on a small host C2's compilations cost index-service more CPU than they save within tens of
    // thousands of files (docs/decisions.md, "index-service runs with C1 only"). docker-compose.yml and
    // deploy/systemd/index-service.env.example say the same; deploy-tests checks that they agree.
    INDEX("index-service", 2, "-XX:TieredStopAtLevel=1"),
    THUMBNAIL("thumbnail-service", 3),
    TRANSCODE("transcode-service", 4);

    private final String module;
    private final int portOffset;
    private final List<String> jvmOptions;

    DarkroomService(String module, int portOffset, String... jvmOptions) {
        this.module = module;
        this.portOffset = portOffset;
        this.jvmOptions = List.of(jvmOptions);
    }

    /** JVM options for this service only, added after the launcher's common ones. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** The Maven module, also the name used in logs: {@code <data>/logs/<module>.log}. */
    public String module() {
        return module;
    }

    int portOffset() {
        return portOffset;
    }

    @Override
    public String toString() {
        return module;
    }
}
