package io.darkroom.transcode.domain;

/**
 * One transcode: the output size, whether HDR is tone-mapped to SDR BT.709, the frame clock the output's
 * timestamps are placed on, the display rotation to keep, and whether there is audio to encode.
 */
public record TranscodePlan(int width, int height, boolean toneMap, double frameRate, double rotation,
        boolean audio) {
}
