package io.darkroom.thumbnail;

import io.darkroom.platform.library.LibraryConfig;
import io.darkroom.platform.storage.StorageConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/** A {@link ThumbnailService} without Quarkus: library root {@code test} at {@code <dir>/library}, storage at {@code <dir>/storage}. */
final class TestServices {

    private TestServices() {
    }

    static ThumbnailService service(Path dir, Duration decodeTimeout, MeterRegistry metrics) {
        LibraryConfig library = () -> Map.of("test", dir.resolve("library"));
        StorageConfig storage = () -> dir.resolve("storage");
        ThumbnailConfig config = new ThumbnailConfig() {
            public int jpegQuality() {
                return 85;
            }

            public long maxPixels() {
                return 200_000_000L;
            }

            public long maxDecodedPixels() {
                return 50_000_000L;
            }

            public long maxFileBytes() {
                return 200L << 20;
            }

            public int workers() {
                return 1;
            }

            public OptionalLong memoryBudget() {
                return OptionalLong.empty();
            }

            public Duration decodeTimeout() {
                return decodeTimeout;
            }

            public Duration storageRetryFor() {
                return Duration.ofMinutes(15);
            }
        };
        return new ThumbnailService(library, storage, config, metrics);
    }
}
