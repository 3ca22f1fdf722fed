package io.darkroom.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Pins the JSON on the wire: a change that breaks a golden fixture breaks every deployed consumer. */
class WireFormatTest {

    private static final UUID ID = UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-001122334455");
    private static final Instant AT = Instant.parse("2026-11-25T10:15:30.123Z");
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final FileLocation PHOTO = new FileLocation("family", "2019/IMG_20191220_170832.jpg");

    static Stream<Arguments> goldenEvents() {
        return Stream.of(
                Arguments.of("file-discovered.json", FileEvent.class, new FileDiscovered(ID, AT, 1, PHOTO, HASH,
                        2_345_678L, Instant.parse("2019-12-20T16:08:32Z"))),
                Arguments.of("file-moved.json", FileEvent.class, new FileMoved(ID, AT, 1, PHOTO,
                        new FileLocation("family", "best/IMG_20191220_170832.jpg"), HASH, 2_345_678L,
                        Instant.parse("2019-12-20T16:08:32Z"))),
                Arguments.of("file-removed.json", FileEvent.class, new FileRemoved(ID, AT, 1, PHOTO, HASH)),
                Arguments.of("media-indexed.json", MediaIndexed.class, new MediaIndexed(ID, AT, 1, HASH, PHOTO,
                        MediaKind.IMAGE, "image/jpeg", 4032, 3024, 6, Instant.parse("2019-12-20T16:08:32Z"), null, null, null,
                        null, null)),
                Arguments.of("thumbnails-generated.json", ThumbnailsGenerated.class, new ThumbnailsGenerated(ID, AT,
                        1, HASH, List.of(new Thumbnail("tile-224", 224, 224, "jpeg", "9f/86/" + HASH + "/tile-224.jpg")))),
                Arguments.of("thumbnail-requested.json", ThumbnailRequested.class, new ThumbnailRequested(ID, AT, 1,
                        HASH, "fit-3840", PHOTO, MediaKind.IMAGE, 6, 4032, 3024)),
                Arguments.of("transcode-completed.json", TranscodeCompleted.class, new TranscodeCompleted(ID, AT, 1,
                        HASH, TranscodeOutcome.TRANSCODED, "9f/86/" + HASH + "/video-1080.mp4", "h264", "aac",
                        10_485_760L, 12_500L)),
                Arguments.of("transcode-progress.json", TranscodeProgress.class, new TranscodeProgress(ID, AT, 1,
                        HASH, 42.5, 87.25)),
                Arguments.of("item-mark-requested.json", ItemMarkRequested.class, new ItemMarkRequested(ID, AT, 1,
                        4242L, true, null, "grandma")),
                Arguments.of("processing-failed.json", ProcessingFailed.class, new ProcessingFailed(ID, AT, 1, null,
                        PHOTO, ProcessingStage.INDEX, FailureKind.EMPTY, "The file is empty (0 bytes)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenEvents")
    void goldenFixtureReadsAsTheRecord(String fixture, Class<?> type, Object expected) throws IOException {
        assertThat(EventJson.MAPPER.readValue(golden(fixture).toString(), type)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenEvents")
    void recordWritesExactlyTheGoldenFixture(String fixture, Class<?> type, Object expected) throws IOException {
        JsonNode written = EventJson.MAPPER.readTree(EventJson.MAPPER.writerFor(type).writeValueAsString(expected));
        assertThat(written).isEqualTo(golden(fixture));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenEvents")
    void readersTolerateFieldsAddedByNewerProducers(String fixture, Class<?> type, Object expected)
            throws IOException {
        ObjectNode newer = (ObjectNode) golden(fixture);
        newer.put("addedInSchemaTwo", "ignored by version-1 readers");
        assertThat(EventJson.MAPPER.readValue(newer.toString(), type)).isEqualTo(expected);
    }

    @Test
    void keysKeepOneFileOnOnePartitionAndOneContentOnAnother() {
        assertThat(FileDiscovered.of(PHOTO, HASH, 1, AT).key()).isEqualTo("family:2019/IMG_20191220_170832.jpg");
        assertThat(FileRemoved.of(PHOTO, HASH).key()).isEqualTo(PHOTO.key());
        FileLocation moved = new FileLocation("family", "best/x.jpg");
        assertThat(FileMoved.of(PHOTO, moved, HASH, 1, AT).key()).isEqualTo(moved.key());
        assertThat(MediaIndexed.of(HASH, PHOTO, MediaKind.IMAGE, "image/jpeg", 1, 1, 1, AT, null).key())
                .isEqualTo(HASH);
        assertThat(ThumbnailRequested.of(HASH, "fit-2560", PHOTO, MediaKind.IMAGE, null, null, null).key())
                .isEqualTo(HASH);
        assertThat(ProcessingFailed.of(null, PHOTO, ProcessingStage.INDEX, FailureKind.CORRUPT, "x").key())
                .isEqualTo(PHOTO.key());
    }

    @Test
    void locationsRefuseAbsoluteAndBackslashPaths() {
        assertThatThrownBy(() -> new FileLocation("family", "/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileLocation("family", "a\\b.jpg")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileLocation("fa:mily", "a.jpg")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topicsHaveDeadLetterTwins() {
        assertThat(Topics.deadLetter(Topics.FILES)).isEqualTo("media.files.v1.dlq");
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = WireFormatTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden fixture %s", name).isNotNull();
            return EventJson.MAPPER.readTree(in);
        }
    }
}
