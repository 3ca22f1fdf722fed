package io.darkroom.thumbnail.domain;

import java.util.List;

/**
 * How far a JPEG may be shrunk while decoding (DCT-domain scaling by 1/2, 1/4 or 1/8) so that every size of
 * the set can still be made by downscaling: the reduced image's short edge must cover the largest tile and
 * its long edge the largest fit preview. A 24 MP photo is thus never fully decoded for a 224 px tile.
 */
public record DecodePlan(int reduction) {

    private static final int[] REDUCTIONS = {8, 4, 2};

    public static DecodePlan forSource(int width, int height, List<ThumbnailSize> sizes) {
        int shortEdge = Math.min(width, height);
        int longEdge = Math.max(width, height);
        int neededShort = sizes.stream().filter(ThumbnailSize::square).mapToInt(ThumbnailSize::edge).max().orElse(0);
        int neededLong = sizes.stream().filter(s -> !s.square()).mapToInt(ThumbnailSize::edge).max().orElse(0);
        for (int reduction : REDUCTIONS) {
            if (shortEdge / reduction >= neededShort && longEdge / reduction >= neededLong) {
                return new DecodePlan(reduction);
            }
        }
        return new DecodePlan(1);
    }
}
