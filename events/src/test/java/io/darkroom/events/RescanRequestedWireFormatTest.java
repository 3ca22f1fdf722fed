package io.darkroom.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pins the rescan command on the wire: api-gateway writes it, ingest-service reads it. */
class RescanRequestedWireFormatTest {

    private static final RescanRequested COMMAND = new RescanRequested(
            UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-001122334455"), Instant.parse("2026-11-25T10:15:30.123Z"), 1,
            "family", "uploads/2026-11-25", "upload");

    @Test
    void goldenFixtureReadsAsTheRecord() throws IOException {
        assertThat(EventJson.MAPPER.readValue(golden().toString(), RescanRequested.class)).isEqualTo(COMMAND);
    }

    @Test
    void recordWritesExactlyTheGoldenFixture() throws IOException {
        assertThat(EventJson.MAPPER.readTree(EventJson.MAPPER.writeValueAsString(COMMAND))).isEqualTo(golden());
    }

    @Test
    void readersTolerateFieldsAddedByNewerProducers() throws IOException {
        ObjectNode newer = (ObjectNode) golden();
        newer.put("addedInSchemaTwo", "ignored");
        assertThat(EventJson.MAPPER.readValue(newer.toString(), RescanRequested.class)).isEqualTo(COMMAND);
    }

    @Test
    void aCommandWithoutFolderMeansTheWholeRootAndIsKeyedByRoot() throws IOException {
        ObjectNode wholeRoot = (ObjectNode) golden();
        wholeRoot.remove("folder");
        RescanRequested read = EventJson.MAPPER.readValue(wholeRoot.toString(), RescanRequested.class);

        assertThat(read.wholeRoot()).isTrue();
        assertThat(COMMAND.wholeRoot()).isFalse();
        assertThat(read.key()).isEqualTo("family");
        assertThat(Topics.RESCAN_REQUESTED).isEqualTo("media.rescan.requested.v1");
        assertThat(Topics.deadLetter(Topics.RESCAN_REQUESTED)).isEqualTo("media.rescan.requested.v1.dlq");
    }

    private static JsonNode golden() throws IOException {
        try (InputStream in = RescanRequestedWireFormatTest.class.getResourceAsStream("/golden/rescan-requested.json")) {
            assertThat(in).isNotNull();
            return EventJson.MAPPER.readTree(in);
        }
    }
}
