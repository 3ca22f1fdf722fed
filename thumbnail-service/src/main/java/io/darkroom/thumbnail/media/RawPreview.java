package io.darkroom.thumbnail.media;

import java.util.Arrays;
import java.util.Optional;

/**
 * The largest JPEG a camera embedded in its RAW file (CR2, NEF, ARW, DNG, RW2, ORF and the like all carry
 * one, usually full-size), found by its markers: each candidate must have a start-of-frame header, and the
 * one with the most pixels wins.
 */
public final class RawPreview {

    private RawPreview() {
    }

    public static Optional<byte[]> largestJpeg(byte[] raw) {
        int bestStart = -1;
        int bestEnd = -1;
        long bestPixels = 0;
        for (int at = 0; at + 4 < raw.length; at++) {
            if ((raw[at] & 0xFF) != 0xFF || (raw[at + 1] & 0xFF) != 0xD8 || (raw[at + 2] & 0xFF) != 0xFF) {
                continue;
            }
            int[] size = ImageHeader.jpegSize(raw, at + 2);
            long pixels = (long) size[0] * size[1];
            if (pixels <= bestPixels) {
                continue;
            }
            int end = endOfImage(raw, at + 2);
            if (end > 0) {
                bestStart = at;
                bestEnd = end;
                bestPixels = pixels;
                at = end - 1; // a preview's own EXIF thumbnail lies inside it: skip past
            }
        }
        return bestStart < 0 ? Optional.empty() : Optional.of(Arrays.copyOfRange(raw, bestStart, bestEnd));
    }

    /** The offset just past the end-of-image marker that follows the scan data, or -1. */
    private static int endOfImage(byte[] b, int from) {
        int at = from;
        while (at + 4 < b.length && (b[at] & 0xFF) == 0xFF) {
            int marker = b[at + 1] & 0xFF;
            if (marker == 0xDA) {
                for (int i = at + 2; i + 1 < b.length; i++) {
                    if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                        return i + 2;
                    }
                }
                return -1;
            }
            at += 2 + ImageHeader.be16(b, at + 2);
        }
        return -1;
    }
}
