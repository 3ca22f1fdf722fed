package io.darkroom.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageLayoutTest {

    private static final String HASH = ContentHash.of("hello".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path temp;

    @Test
    void hashIsTheKnownSha256() {
        assertThat(HASH).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    }

    @Test
    void derivedFilesFanOutByHash() {
        StorageLayout layout = new StorageLayout(temp);

        assertThat(layout.relativePath(HASH, "tile-224.jpg")).isEqualTo("2c/f2/" + HASH + "/tile-224.jpg");
        assertThat(layout.file(HASH, "tile-224.jpg")).isEqualTo(temp.resolve("2c/f2/" + HASH + "/tile-224.jpg"));
    }

    @Test
    void namesAndPathsThatEscapeAreRefused() {
        StorageLayout layout = new StorageLayout(temp);

        assertThatThrownBy(() -> layout.relativePath(HASH, "../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.relativePath("ABC", "x.jpg")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.resolve("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void contentHashesAreLowerCaseHexSha256() {
        assertThat(StorageLayout.isContentHash(HASH)).isTrue();
        assertThat(StorageLayout.isContentHash(HASH.toUpperCase(java.util.Locale.ROOT))).isFalse();
        assertThat(StorageLayout.isContentHash(HASH.substring(1))).isFalse();
        assertThat(StorageLayout.isContentHash(HASH + "0")).isFalse();
        assertThat(StorageLayout.isContentHash("g" + HASH.substring(1))).isFalse();
        assertThat(StorageLayout.isContentHash(HASH.substring(1) + "/")).isFalse();
        assertThat(StorageLayout.isContentHash(null)).isFalse();
    }

    @Test
    void derivedFileNamesAreOneSafeSegment() {
        assertThat(StorageLayout.isSafeName("tile-224.jpg")).isTrue();
        assertThat(StorageLayout.isSafeName("Preview_1080.webp")).isTrue();
        assertThat(StorageLayout.isSafeName("a".repeat(128))).isTrue();
        assertThat(StorageLayout.isSafeName("a".repeat(129))).isFalse();
        assertThat(StorageLayout.isSafeName("")).isFalse();
        assertThat(StorageLayout.isSafeName(".hidden")).isFalse();
        assertThat(StorageLayout.isSafeName("-flag")).isFalse();
        assertThat(StorageLayout.isSafeName("a..b")).isFalse();
        assertThat(StorageLayout.isSafeName("a/b")).isFalse();
        assertThat(StorageLayout.isSafeName("a b")).isFalse();
        assertThat(StorageLayout.isSafeName("caf\u00e9.jpg")).isFalse();
    }

    @Test
    void atomicWriteLeavesNoTemporaryAndAFailedWriteLeavesNothing() throws IOException {
        StorageLayout layout = new StorageLayout(temp);
        Path target = layout.file(HASH, "tile-224.jpg");

        layout.writeAtomically(target, out -> out.write(new byte[] {1, 2, 3}));
        assertThat(target).hasBinaryContent(new byte[] {1, 2, 3});

        Path other = layout.file(HASH, "preview-720.jpg");
        assertThatThrownBy(() -> layout.writeAtomically(other, out -> {
            out.write(new byte[] {9});
            throw new IOException("encoder died");
        })).hasMessage("encoder died");
        assertThat(other).doesNotExist();
        try (var listing = Files.list(target.getParent())) {
            assertThat(listing).containsExactly(target);
        }
    }
}
