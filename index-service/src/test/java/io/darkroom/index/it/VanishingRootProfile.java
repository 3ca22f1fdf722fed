package io.darkroom.index.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A library root named {@code share} that a test can take away (moved aside, as an unmounted share leaves nothing) and
 * bring back, with the out-of-reach recovery looking every second.
 */
public class VanishingRootProfile implements QuarkusTestProfile {

    public static final String ROOT = "share";
    public static final Path FOLDER = createFolder();
    static final TestLibrary LIBRARY = new TestLibrary(ROOT, FOLDER);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("darkroom.library.roots." + ROOT, FOLDER.toString(),
                "darkroom.index.out-of-reach.interval", "1s");
    }

    private static Path createFolder() {
        try {
            Path folder = Files.createDirectories(Files.createTempDirectory("darkroom-index-share-").resolve("share"));
            Files.writeString(folder.resolve("README.txt"), "a root in reach is not empty");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
