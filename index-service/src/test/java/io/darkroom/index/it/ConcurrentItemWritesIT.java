package io.darkroom.index.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileLocation;
import io.darkroom.events.MediaKind;
import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.MediaFacts;
import io.darkroom.index.persistence.CatalogService;
import io.darkroom.index.persistence.LocationHash;
import io.darkroom.localstack.LocalStackResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two of index-service's consumers writing one row at the same time (real MariaDB): each may change only what it
 * changed. Seen on the real-media corpus: a RAW's thumbnails were recorded (DONE) while the batch that catalogued
 * its JPEG was re-arranging their stack from an earlier read; the batch's UPDATE wrote the RAW's whole row back as
 * it had read it, and the RAW stayed {@code thumbnail_status = PENDING} for good.
 */
@QuarkusTest
@TestProfile(LibraryRootProfile.class)
@WithTestResource(LocalStackResource.class)
class ConcurrentItemWritesIT {

    @Inject
    CatalogService catalog;

    @Inject
    ItStack stack;

    @Test
    void thumbnailsRecordedWhileABatchRestacksTheItemStayDone() throws Throwable {
        String folder = "race-" + UUID.randomUUID();
        FileLocation raw = new FileLocation(LibraryRootProfile.ROOT, folder + "/P1000123.RW2");
        FileLocation jpeg = new FileLocation(LibraryRootProfile.ROOT, folder + "/P1000123.JPG");
        VertxContextSupport.subscribeAndAwait(() -> catalog.recordDiscovered(discovered(raw),
                new Extraction.Readable(new MediaFacts(MediaKind.RAW, "image/x-raw-panasonic", 64, 48, 1, null, null))));
        CatalogRows rows = stack.catalog();
        assertThat(rows.row(raw)).containsEntry("thumbnail_status", "PENDING").containsEntry("stack_primary", true);

        // The JPEG's batch reads the stack (the RAW, PENDING); meanwhile the RAW's thumbnails are recorded and
        // committed by the thumbnails consumer (its UPDATE, here over JDBC); then the batch catalogues the JPEG,
        // which becomes the stack's primary, and commits.
        VertxContextSupport.subscribeAndAwait(() -> catalog.inOneBatch(Set.of(), List.of(jpeg), batch -> {
            thumbnailsDoneElsewhere(raw);
            return batch.recordDiscovered(discovered(jpeg), new Extraction.Readable(
                    new MediaFacts(MediaKind.IMAGE, "image/jpeg", 64, 48, 1, null, null)));
        }));

        Map<String, Object> rawRow = rows.row(raw);
        assertThat(rawRow).as("the batch changed only the RAW's place in the stack")
                .containsEntry("stack_primary", false)
                .containsEntry("thumbnail_status", "DONE");
        assertThat(rows.row(jpeg)).containsEntry("stack_primary", true).containsEntry("thumbnail_status", "PENDING");
    }

    private static FileDiscovered discovered(FileLocation location) {
        String hash = UUID.randomUUID().toString().replace("-", "");
        return FileDiscovered.of(location, hash + hash, 1000, Instant.parse("2024-05-01T10:00:00Z"));
    }

    /** What the thumbnails consumer's transaction does to the row, committed at once on a connection of its own. */
    private void thumbnailsDoneElsewhere(FileLocation location) {
        try (Connection db = stack.connect();
                PreparedStatement update = db.prepareStatement(
                        "UPDATE media_item SET thumbnail_status = 'DONE' WHERE location_hash = ?")) {
            update.setBytes(1, LocationHash.of(location));
            assertThat(update.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
