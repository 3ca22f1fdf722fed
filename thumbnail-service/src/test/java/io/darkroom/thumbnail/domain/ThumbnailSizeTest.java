package io.darkroom.thumbnail.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThumbnailSizeTest {

    private static final ThumbnailSize TILE = new ThumbnailSize("tile-224", 224, true);
    private static final ThumbnailSize FIT = new ThumbnailSize("fit-1280", 1280, false);

    @Test
    void fitKeepsTheAspectRatioOnTheLongEdge() {
        assertThat(FIT.targetFor(6000, 4000)).isEqualTo(new ThumbnailSize.Dimensions(1280, 853));
        assertThat(FIT.targetFor(3024, 4032)).isEqualTo(new ThumbnailSize.Dimensions(960, 1280));
    }

    @Test
    void nothingIsUpscaled() {
        assertThat(FIT.targetFor(800, 600)).isEqualTo(new ThumbnailSize.Dimensions(800, 600));
        assertThat(TILE.targetFor(100, 300)).isEqualTo(new ThumbnailSize.Dimensions(100, 100));
    }

    @Test
    void tilesAreSquare() {
        assertThat(TILE.targetFor(4032, 3024)).isEqualTo(new ThumbnailSize.Dimensions(224, 224));
    }

    @Test
    void aLargePhotoIsShrunkWhileDecodingButStillCoversTheLargestSize() {
        // 24 MP: 6000/2 = 3000 >= 1920 and 4000/2 >= 448, but 6000/4 = 1500 < 1920.
        assertThat(DecodePlan.forSource(6000, 4000, ThumbnailSize.STANDARD).reduction()).isEqualTo(2);
        // Only tiles wanted: 4000/8 = 500 >= 448.
        assertThat(DecodePlan.forSource(6000, 4000, java.util.List.of(TILE, new ThumbnailSize("tile-448", 448, true)))
                .reduction()).isEqualTo(8);
        assertThat(DecodePlan.forSource(1000, 800, ThumbnailSize.STANDARD).reduction()).isEqualTo(1);
    }
}
