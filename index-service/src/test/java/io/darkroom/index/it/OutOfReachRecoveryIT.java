package io.darkroom.index.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.darkroom.events.FailureKind;
import io.darkroom.events.FileDiscovered;
import io.darkroom.events.MediaIndexed;
import io.darkroom.events.ProcessingFailed;
import io.darkroom.events.ProcessingStage;
import io.darkroom.events.ReindexRequested;
import io.darkroom.events.Topics;
import io.darkroom.index.domain.OutOfReach;
import io.darkroom.localstack.LocalStackResource;
import io.darkroom.platform.library.LibraryRoots;
import io.darkroom.platform.testing.ExifData;
import io.darkroom.platform.testing.JpegFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A file read while its library root was out of reach (the share unmounted: here its folder moved aside) is
 * catalogued as a TRANSIENT failure; once the root is back, index-service's OutOfReachRecovery asks for it again by
 * itself and it is indexed, with no admin's retry. Real Kafka and MariaDB; the recovery looks every second.
 */
@QuarkusTest
@TestProfile(VanishingRootProfile.class)
@WithTestResource(LocalStackResource.class)
class OutOfReachRecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final java.util.Random RANDOM = new java.security.SecureRandom();
    private static final String ROOT = VanishingRootProfile.ROOT;

    @Inject
    ItStack stack;

    @Inject
    ObjectMapper mapper;

    private KafkaCompanion companion;
    private EventTraffic traffic;
    private ConsumerTask<String, String> indexed;
    private ConsumerTask<String, String> commands;

    @BeforeEach
    void listen() {
        companion = stack.companion();
        traffic = stack.traffic(companion, WAIT);
        indexed = companion.consumeStrings().fromTopics(Topics.MEDIA_INDEXED);
        commands = companion.consumeStrings().fromTopics(Topics.REINDEX_REQUESTED);
    }

    @AfterEach
    void close() {
        indexed.stop();
        commands.stop();
        companion.close();
    }

    @Test
    void aFileReadWhileItsRootWasAwayIsIndexedByItselfOnceTheRootIsBack() throws Exception {
        Path file = JpegFixtures.write(file("trip/IMG_2001.jpg"), 64, 48, unique());
        FileDiscovered event = discovered(file);
        Path away = VanishingRootProfile.FOLDER.resolveSibling("share-unmounted");
        Files.move(VanishingRootProfile.FOLDER, away);
        long id;
        try {
            traffic.send(event);
            Map<String, Object> failed = catalog().awaitRow(event.location(), "FAILED", WAIT);
            assertThat(failed).containsEntry("failure_stage", "INDEX").containsEntry("failure_kind", "TRANSIENT")
                    .containsEntry("failure_reason", LibraryRoots.outOfReachReason(ROOT));
            id = CatalogRows.id(failed);
            Thread.sleep(3_000); // three rounds of the recovery, the root still away
            assertThat(commandsFor(id)).as("nothing asked for while the root is away").isEmpty();
            assertThat(catalog().row(event.location())).containsEntry("status", "FAILED");
        } finally {
            Files.move(away, VanishingRootProfile.FOLDER);
        }

        Map<String, Object> row = catalog().awaitRow(event.location(), "INDEXED", WAIT);
        assertThat(CatalogRows.id(row)).isEqualTo(id);
        assertThat(row).containsEntry("width", 64).containsEntry("height", 48)
                .containsEntry("thumbnail_status", "PENDING").containsEntry("content_hash", event.contentHash());
        assertThat(row.get("failure_reason")).isNull();
        assertThat(row.get("failure_kind")).isNull();
        MediaIndexed announced = traffic.awaitOne(indexed, event.contentHash(), MediaIndexed.class);
        assertThat(announced.redoRequested()).as("a retry, not a redo").isFalse();
        assertThat(commandsFor(id)).isNotEmpty().extracting(ReindexRequested::requestedBy)
                .containsOnly(OutOfReach.REQUESTED_BY);
    }

    @Test
    void aThumbnailThatFailedForItsRootIsMadeAgainAndASecondAskChangesNothing() throws Exception {
        FileDiscovered event = discovered(JpegFixtures.write(file("stage/IMG_2002.jpg"), 40, 30, unique()));
        FileDiscovered other = discovered(JpegFixtures.write(file("stage/IMG_2003.jpg"), 41, 30, unique()));
        traffic.send(event);
        traffic.send(other);
        long id = CatalogRows.id(catalog().awaitRow(event.location(), "INDEXED", WAIT));
        long otherId = CatalogRows.id(catalog().awaitRow(other.location(), "INDEXED", WAIT));
        await().atMost(WAIT).until(() -> EventTraffic.withKey(indexed, event.contentHash()).size() == 1);

        // thumbnail-service's report once its storage retry gave up on the root; and a failure of another cause
        traffic.send(Topics.PROCESSING_FAILED,
                ProcessingFailed.of(event.contentHash(), event.location(), ProcessingStage.THUMBNAIL,
                        FailureKind.TRANSIENT, "The library root '" + ROOT + "' stayed unavailable (not mounted,"
                                + " unreadable or empty); retry once it is back."));
        traffic.send(Topics.PROCESSING_FAILED,
                ProcessingFailed.of(other.contentHash(), other.location(), ProcessingStage.THUMBNAIL,
                        FailureKind.TRANSIENT, "No space left on the derived-files disk"));

        await().atMost(WAIT).until(() -> EventTraffic.withKey(indexed, event.contentHash()).size() == 2);
        await().atMost(WAIT).until(() -> catalog().row(event.location()).get("failure_reason") == null);
        assertThat(catalog().row(event.location())).containsEntry("status", "INDEXED")
                .containsEntry("thumbnail_status", "PENDING");
        MediaIndexed again = mapper.readValue(EventTraffic.withKey(indexed, event.contentHash()).get(1).value(),
                MediaIndexed.class);
        assertThat(again.redoRequested()).isFalse();
        assertThat(commandsFor(id)).extracting(ReindexRequested::requestedBy).containsOnly(OutOfReach.REQUESTED_BY);

        // what another instance's recovery, or one asked again, would send: the item is no longer out of reach
        ReindexRequested second = ReindexRequested.of(id, OutOfReach.REQUESTED_BY);
        traffic.send(Topics.REINDEX_REQUESTED, second);
        await().atMost(WAIT).until(() -> catalog().processed(second.eventId()) == 1);
        Thread.sleep(2_000);
        assertThat(EventTraffic.withKey(indexed, event.contentHash())).as("no redo announced").hasSize(2);
        assertThat(catalog().row(event.location())).containsEntry("thumbnail_status", "PENDING");

        assertThat(catalog().row(other.location())).as("another cause is left to an admin")
                .containsEntry("thumbnail_status", "FAILED")
                .containsEntry("failure_reason", "No space left on the derived-files disk");
        assertThat(commandsFor(otherId)).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private List<ReindexRequested> commandsFor(long itemId) {
        return EventTraffic.withKey(commands, Long.toString(itemId)).stream().map(r -> {
            try {
                return mapper.readValue(r.value(), ReindexRequested.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** EXIF that makes each fixture's content (and so its Kafka key) its own, whatever other tests wrote. */
    private static ExifData unique() {
        return ExifData.takenAt(LocalDateTime.of(2000, 1, 1, 0, 0).plusSeconds(RANDOM.nextInt(600_000_000)));
    }

    private static Path file(String relative) {
        return VanishingRootProfile.LIBRARY.file("or", relative);
    }

    private static FileDiscovered discovered(Path file) throws Exception {
        return VanishingRootProfile.LIBRARY.discovered(file);
    }

    private CatalogRows catalog() {
        return stack.catalog();
    }

}
