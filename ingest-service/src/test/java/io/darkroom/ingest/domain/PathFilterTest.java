package io.darkroom.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathFilterTest {

    private final PathFilter all = PathFilter.acceptingAll();

    @ParameterizedTest
    @ValueSource(strings = {".DS_Store", "Thumbs.db", "@eaDir", ".@__thumb", ".~tmp~", "IMG_1.jpg.part", "a.TMP",
            ".syncthing.IMG_1.jpg.tmp", ".IMG_1.jpg.Xy12Ab", ".hidden", "~syncthing~a.jpg.tmp", "video.mp4.crdownload"})
    void leavesOutHiddenAndJunkNames(String name) {
        assertThat(PathFilter.isJunk(name)).isTrue();
        assertThat(all.accepts("2019/" + name)).isFalse();
    }

    @Test
    void acceptsOrdinaryMediaAnywhere() {
        assertThat(all.accepts("IMG_1.jpg")).isTrue();
        assertThat(all.accepts("2019/12/IMG 1 (copy).HEIC")).isTrue();
        assertThat(all.accepts("empty.jpg")).isTrue();
    }

    @Test
    void neverDescendsIntoJunkOrHiddenFolders() {
        assertThat(all.descendsInto("2019/@eaDir")).isFalse();
        assertThat(all.descendsInto(".git")).isFalse();
        assertThat(all.descendsInto("2019")).isTrue();
    }

    @Test
    void appliesIncludeAndExcludeGlobsToTheRelativePath() {
        PathFilter filter = new PathFilter(List.of("*.jpg", "**/*.jpg", "**/*.mp4"), List.of("**/*.xmp", "private/**",
                "private"));

        assertThat(filter.accepts("a.jpg")).isTrue();
        assertThat(filter.accepts("2019/a.jpg")).isTrue();
        assertThat(filter.accepts("2019/clip.mp4")).isTrue();
        assertThat(filter.accepts("2019/a.png")).isFalse();
        assertThat(filter.accepts("private/a.jpg")).isFalse();
        assertThat(filter.descendsInto("private")).isFalse();
    }
}
