package io.darkroom.ingest.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.darkroom.platform.storage.ContentHash;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelHasherTest {

    @TempDir
    Path dir;

    @Test
    void resultsComeInTheOrderAskedForWhateverTheFileSizes() throws Exception {
        Random random = new Random(7);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // a few large files among small ones, so later files finish before earlier ones
            byte[] content = new byte[i % 9 == 0 ? 3_000_000 : 10 + random.nextInt(5_000)];
            random.nextBytes(content);
            files.add(Files.write(dir.resolve("f" + i), content));
        }
        try (ParallelHasher hasher = new ParallelHasher(3)) {
            ParallelHasher.Ordered<Path> results = hasher.hashAll(files, file -> file);
            for (Path file : files) {
                ParallelHasher.Result<Path> result = results.next();
                assertEquals(file, result.item());
                assertEquals(ContentHash.of(file), result.contentHash());
                assertNull(result.failure());
            }
            assertFalse(results.hasNext());
        }
    }

    @Test
    void anUnreadableFileIsAFailedResultAndTheOthersGoOn() throws Exception {
        Path present = Files.writeString(dir.resolve("present"), "photo");
        Path gone = dir.resolve("gone");
        try (ParallelHasher hasher = new ParallelHasher(2)) {
            ParallelHasher.Ordered<Path> results = hasher.hashAll(List.of(gone, present), file -> file);
            ParallelHasher.Result<Path> first = results.next();
            assertInstanceOf(NoSuchFileException.class, first.failure());
            assertNull(first.contentHash());
            assertEquals(ContentHash.of(present), results.next().contentHash());
        }
    }
}
