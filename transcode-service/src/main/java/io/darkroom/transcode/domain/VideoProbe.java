package io.darkroom.transcode.domain;

/**
 * What a container holds, as FFmpeg reports it. {@code audioCodec} is null for a silent video; colour fields are
 * FFmpeg's names ({@code "bt2020"}, {@code "arib-std-b67"}) or null when the file does not say.
 *
 * @param pixelFormat the decoder's pixel format, e.g. {@code "yuv420p"}, {@code "yuv420p10le"}
 * @param profile the video codec profile, e.g. {@code "High"}, or null
 * @param rotation display rotation in degrees as FFmpeg reports it (counter-clockwise), 0 when none
 * @param baseFrameRate the stream's base rate (every timestamp is a multiple of its period), 0 when unknown
 * @param averageFrameRate frames divided by duration, 0 when unknown
 */
public record VideoProbe(String container, String videoCodec, String audioCodec, int width, int height,
        long bitrate, long durationMillis, String pixelFormat, String profile, String colorPrimaries,
        String colorTransfer, String colorSpace, double rotation, double baseFrameRate, double averageFrameRate) {

    /** A probe with only the fields the playback decision needs (8-bit 4:2:0, SDR, upright, 30 fps). */
    public static VideoProbe basic(String container, String videoCodec, String audioCodec, int width, int height,
            long bitrate, long durationMillis) {
        return new VideoProbe(container, videoCodec, audioCodec, width, height, bitrate, durationMillis, "yuv420p",
                null, null, null, null, 0, 30, 30);
    }

    /** HLG or PQ: high dynamic range that an SDR H.264 target has to tone-map. */
    public boolean hdr() {
        return "arib-std-b67".equals(colorTransfer) || "smpte2084".equals(colorTransfer);
    }
}
