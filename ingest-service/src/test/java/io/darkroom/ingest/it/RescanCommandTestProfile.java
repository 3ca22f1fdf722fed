package io.darkroom.ingest.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One root, no file-system watch, and a scan interval of an hour: after the start-up scan, whatever is published was
 * found because of a rescan command.
 */
public class RescanCommandTestProfile implements QuarkusTestProfile {

    static final Path BASE = createBase();
    static final Path UPLOADS = BASE.resolve("uploads");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "darkroom.library.roots.uploads", UPLOADS.toString(),
                "darkroom.ingest.state-path", BASE.resolve("state").toString(),
                "darkroom.ingest.scan-interval", "1h",
                "darkroom.ingest.settle-time", "300ms",
                "darkroom.ingest.watch", "false");
    }

    private static Path createBase() {
        try {
            Path base = Files.createTempDirectory("darkroom-ingest-rescan-");
            Files.createDirectories(base.resolve("uploads"));
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
