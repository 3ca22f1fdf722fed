package io.darkroom.index.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.MediaKind;
import org.junit.jupiter.api.Test;

class MediaKindsTest {

    @Test
    void kindsComeFromTheMimeType() {
        assertThat(MediaKinds.of("image/jpeg")).contains(MediaKind.IMAGE);
        assertThat(MediaKinds.of("image/heic; charset=x")).contains(MediaKind.IMAGE);
        assertThat(MediaKinds.of("image/x-canon-cr2")).contains(MediaKind.RAW);
        assertThat(MediaKinds.of("image/x-adobe-dng")).contains(MediaKind.RAW);
        assertThat(MediaKinds.of("video/quicktime")).contains(MediaKind.VIDEO);
        assertThat(MediaKinds.of("application/mp4")).contains(MediaKind.VIDEO);
        assertThat(MediaKinds.of("image/svg+xml")).isEmpty();
        assertThat(MediaKinds.of("text/plain")).isEmpty();
        assertThat(MediaKinds.of(null)).isEmpty();
    }

    @Test
    void sidewaysOrientationsSwapTheDisplayedSize() {
        MediaFacts upright = new MediaFacts(MediaKind.IMAGE, "image/jpeg", 64, 48, 1, null, null);
        MediaFacts turned = new MediaFacts(MediaKind.IMAGE, "image/jpeg", 64, 48, 6, null, null);

        assertThat(upright.displayedWidth()).isEqualTo(64);
        assertThat(turned.displayedWidth()).isEqualTo(48);
        assertThat(turned.displayedHeight()).isEqualTo(64);
    }

    @Test
    void derivedFilesOfUnchangedContentStayDone() {
        assertThat(StageStatus.afterIndexing(StageStatus.DONE, false)).isEqualTo(StageStatus.DONE);
        assertThat(StageStatus.afterIndexing(StageStatus.DONE, true)).isEqualTo(StageStatus.PENDING);
        assertThat(StageStatus.afterIndexing(StageStatus.FAILED, false)).isEqualTo(StageStatus.PENDING);
        assertThat(StageStatus.afterIndexing(null, false)).isEqualTo(StageStatus.PENDING);
    }
}
