package io.darkroom.index.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.FailureKind;
import io.darkroom.events.FileLocation;
import io.darkroom.index.IndexConfig;
import io.darkroom.index.domain.Extraction;
import io.darkroom.platform.library.LibraryRoots;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataExtractorTest {

    @TempDir
    Path library;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void readsOnTheNamedPoolAndTimesTheExtraction() throws Exception {
        Files.writeString(library.resolve("a.jpg"), "x");
        AtomicReference<String> thread = new AtomicReference<>();
        MetadataExtractor extractor = extractor(Duration.ofSeconds(5), (file, name) -> {
            thread.set(Thread.currentThread().getName());
            return new Extraction.Vanished();
        });

        Extraction result = extractor.extract(new FileLocation("album", "a.jpg")).await().atMost(Duration.ofSeconds(5));

        assertThat(result).isInstanceOf(Extraction.Vanished.class);
        assertThat(thread.get()).startsWith("index-extraction-");
        assertThat(registry.timer(MetadataExtractor.EXTRACTION_TIMER).count()).isEqualTo(1);
    }

    @Test
    void aReadPastTheTimeoutIsTooLargeAndItsThreadIsInterrupted() throws Exception {
        Files.writeString(library.resolve("slow.jpg"), "x");
        CountDownLatch interrupted = new CountDownLatch(1);
        MetadataExtractor extractor = extractor(Duration.ofMillis(200), (file, name) -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return new Extraction.Vanished();
        });

        Extraction result = extractor.extract(new FileLocation("album", "slow.jpg")).await().atMost(Duration.ofSeconds(5));

        assertThat(result).isInstanceOfSatisfying(Extraction.Unreadable.class,
                unreadable -> assertThat(unreadable.failure().kind()).isEqualTo(FailureKind.TOO_LARGE));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFileThatIsNotThereHasVanishedWithoutReachingTheReader() throws Exception {
        Files.writeString(library.resolve("still-here.jpg"), "x"); // the root itself is in reach
        MetadataExtractor extractor = extractor(Duration.ofSeconds(5), (file, name) -> {
            throw new AssertionError("not called");
        });

        assertThat(extractor.extract(new FileLocation("album", "gone.jpg")).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(Extraction.Vanished.class);
    }

    @Test
    void aFileMissingUnderARootOutOfReachIsAFailureWithTheReasonNotARemoval() throws Exception {
        MetadataExtractor extractor = extractor(Duration.ofSeconds(5), (file, name) -> new Extraction.Vanished());

        // an unmounted share leaves its empty mount point
        assertThat(extractor.extract(new FileLocation("album", "a.jpg")).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(Extraction.Unreadable.class, unreadable -> {
                    assertThat(unreadable.failure().kind()).isEqualTo(FailureKind.TRANSIENT);
                    assertThat(unreadable.failure().reason()).contains("library root 'album' was out of reach")
                            .contains("retry");
                });

        // the folder itself gone: the same, and the reader's own "vanished" (a read cut short) counts too
        Files.delete(library);
        assertThat(extractor.extract(new FileLocation("album", "b.jpg")).await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(Extraction.Unreadable.class);
        Files.createDirectories(library); // for @TempDir's clean-up
    }

    private MetadataExtractor extractor(Duration timeout,
            java.util.function.BiFunction<Path, String, Extraction> reader) {
        IndexConfig.Extraction config = new IndexConfig.Extraction() {
            @Override
            public int threads() {
                return 1;
            }

            @Override
            public int queueSize() {
                return 4;
            }

            @Override
            public Duration timeout() {
                return timeout;
            }

            @Override
            public long maxBytesRead() {
                return 1 << 20;
            }
        };
        return new MetadataExtractor(new LibraryRoots(Map.of("album", library)), reader, config, registry);
    }
}
