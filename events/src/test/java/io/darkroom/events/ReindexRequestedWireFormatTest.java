package io.darkroom.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pins the re-index command (api-gateway writes it, index-service reads it) and the {@code redo} flag it adds to
 * {@link MediaIndexed}: written only when set, so every other announcement stays byte for byte as before.
 */
class ReindexRequestedWireFormatTest {

    private static final UUID ID = UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-001122334455");
    private static final Instant AT = Instant.parse("2026-11-25T10:15:30.123Z");
    private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final ReindexRequested COMMAND = new ReindexRequested(ID, AT, 1, 4242L, "admin");
    private static final MediaIndexed INDEXED = new MediaIndexed(ID, AT, 1, HASH,
            new FileLocation("family", "2019/IMG_20191220_170832.jpg"), MediaKind.IMAGE, "image/jpeg", 4032, 3024, 6,
            Instant.parse("2019-12-20T16:08:32Z"), null);

    @Test
    void goldenFixtureReadsAsTheCommandAndTheCommandWritesIt() throws IOException {
        assertThat(EventJson.MAPPER.readValue(golden("reindex-requested.json").toString(), ReindexRequested.class))
                .isEqualTo(COMMAND);
        assertThat(EventJson.MAPPER.readTree(EventJson.MAPPER.writeValueAsString(COMMAND)))
                .isEqualTo(golden("reindex-requested.json"));
    }

    @Test
    void theCommandIsKeyedByItemIdOnItsOwnTopic() {
        assertThat(COMMAND.key()).isEqualTo("4242");
        assertThat(ReindexRequested.of(7L, "admin").key()).isEqualTo("7");
        assertThat(Topics.REINDEX_REQUESTED).isEqualTo("media.reindex.requested.v1");
        assertThat(Topics.deadLetter(Topics.REINDEX_REQUESTED)).isEqualTo("media.reindex.requested.v1.dlq");
    }

    @Test
    void aRedoAnnouncementCarriesTheFlagAndAnOrdinaryOneLeavesItOut() throws IOException {
        MediaIndexed redo = INDEXED.asRedo();
        assertThat(redo.redoRequested()).isTrue();
        assertThat(INDEXED.redoRequested()).isFalse();
        assertThat(EventJson.MAPPER.readTree(EventJson.MAPPER.writeValueAsString(redo)))
                .isEqualTo(golden("media-indexed-redo.json"));
        assertThat(EventJson.MAPPER.readValue(golden("media-indexed-redo.json").toString(), MediaIndexed.class))
                .isEqualTo(redo);
        assertThat(EventJson.MAPPER.readTree(EventJson.MAPPER.writeValueAsString(INDEXED)).has("redo")).isFalse();
        // an announcement from before the flag reads as no redo
        assertThat(EventJson.MAPPER.readValue(golden("media-indexed.json").toString(), MediaIndexed.class)
                .redoRequested()).isFalse();
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = ReindexRequestedWireFormatTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden fixture %s", name).isNotNull();
            return EventJson.MAPPER.readTree(in);
        }
    }
}
