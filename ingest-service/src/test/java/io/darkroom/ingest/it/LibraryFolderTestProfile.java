package io.darkroom.ingest.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Two library roots and the ingest state in a fresh temporary folder per test run. */
public class LibraryFolderTestProfile implements QuarkusTestProfile {

    static final Path BASE = createBase();
    static final Path FAMILY = BASE.resolve("family");
    static final Path BOX = BASE.resolve("box");
    static final Path STATE = BASE.resolve("state");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "darkroom.library.roots.family", FAMILY.toString(),
                "darkroom.library.roots.box", BOX.toString(),
                "darkroom.ingest.state-path", STATE.toString());
    }

    private static Path createBase() {
        try {
            Path base = Files.createTempDirectory("darkroom-ingest-it-");
            Files.createDirectories(base.resolve("family"));
            Files.createDirectories(base.resolve("box"));
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
