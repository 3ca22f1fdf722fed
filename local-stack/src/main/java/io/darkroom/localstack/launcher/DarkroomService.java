package io.darkroom.localstack.launcher;

/** The five services, their Maven modules and their HTTP port offsets from the port base (docs/architecture.md). */
public enum DarkroomService {
    API_GATEWAY("api-gateway", 0),
    INGEST("ingest-service", 1),
    INDEX("index-service", 2),
    THUMBNAIL("thumbnail-service", 3),
    TRANSCODE("transcode-service", 4);

    private final String module;
    private final int portOffset;

    DarkroomService(String module, int portOffset) {
        this.module = module;
        this.portOffset = portOffset;
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
