package io.darkroom.ingest.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.FileDiscovered;
import io.darkroom.events.FileLocation;
import io.darkroom.ingest.domain.PublishedFile;
import io.darkroom.ingest.domain.PublishedState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishedStateStoreTest {

    @TempDir
    Path folder;

    @Test
    void aSavedStateLoadsBackExactlyEvenWithAwkwardNames() throws Exception {
        PublishedStateStore store = new PublishedStateStore(folder.resolve("ingest"));
        PublishedState state = new PublishedState();
        Instant nanos = Instant.parse("2019-12-20T16:08:32.123456789Z");
        FileLocation odd = new FileLocation("family", "2019/tab\there/new\nline/ü.jpg");
        state.apply(FileDiscovered.of(odd, "h1", 0, nanos));
        state.apply(FileDiscovered.of(new FileLocation("travel", "a.jpg"), "h2", 12, nanos));

        store.save(state);
        PublishedState loaded = store.load();

        assertThat(loaded.files()).isEqualTo(state.files());
        assertThat(loaded.get(odd)).contains(new PublishedFile(0, nanos, "h1"));
        assertThat(loaded.countUnder("travel")).isEqualTo(1);
    }

    @Test
    void noSnapshotMeansNothingPublishedYet() throws Exception {
        assertThat(new PublishedStateStore(folder).load().size()).isZero();
    }

    @Test
    void anUnreadableSnapshotIsSetAsideAndEverythingIsPublishedAgain() throws Exception {
        PublishedStateStore store = new PublishedStateStore(folder);
        Files.writeString(store.file(), "#darkroom-ingest-state\t1\nfamily\ta.jpg\tnot-a-size\tx\th\n");

        assertThat(store.load().size()).isZero();
        assertThat(Files.exists(store.file())).isFalse();
        try (var aside = Files.list(folder)) {
            assertThat(aside).anyMatch(p -> p.getFileName().toString().startsWith("published-files.tsv.corrupt-"));
        }
    }
}
