package io.darkroom.index.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A temporary library root named {@code album}. */
public class LibraryRootProfile implements QuarkusTestProfile {

    public static final String ROOT = "album";
    public static final Path FOLDER = createFolder();
    static final TestLibrary LIBRARY = new TestLibrary(ROOT, FOLDER);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("darkroom.library.roots." + ROOT, FOLDER.toString());
    }

    private static Path createFolder() {
        try {
            return Files.createTempDirectory("darkroom-index-library-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
