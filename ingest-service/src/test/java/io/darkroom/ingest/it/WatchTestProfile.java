package io.darkroom.ingest.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One root, file-system watch on, and a scan interval of an hour: after the start-up scan, whatever is published was
 * found by the watch.
 */
public class WatchTestProfile implements QuarkusTestProfile {

    static final Path BASE = createBase();
    static final Path PHOTOS = BASE.resolve("photos");
    static final Path OUTSIDE = BASE.resolve("outside");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "darkroom.library.roots.photos", PHOTOS.toString(),
                "darkroom.ingest.state-path", BASE.resolve("state").toString(),
                "darkroom.ingest.scan-interval", "1h",
                "darkroom.ingest.settle-time", "300ms",
                "darkroom.ingest.watch", "true");
    }

    private static Path createBase() {
        try {
            Path base = Files.createTempDirectory("darkroom-ingest-watch-");
            Files.createDirectories(base.resolve("photos"));
            Files.createDirectories(base.resolve("outside"));
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
