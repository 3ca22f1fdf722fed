package io.darkroom.transcode.domain;

/** What a container holds, as FFmpeg reports it. {@code audioCodec} is null for a silent video. */
public record VideoProbe(String container, String videoCodec, String audioCodec, int width, int height,
        long bitrate, long durationMillis) {
}
