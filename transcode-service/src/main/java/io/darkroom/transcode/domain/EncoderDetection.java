package io.darkroom.transcode.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the start-up probe found: the first GPU encoder that opened ({@code gpuEncoder}, null when none did) and
 * why each candidate before it was rejected.
 */
public record EncoderDetection(String gpuEncoder, Map<String, String> rejected) {

    public EncoderDetection {
        rejected = Collections.unmodifiableMap(new LinkedHashMap<>(rejected));
    }

    /** The name reported in health and metrics: the GPU encoder, or {@code "none"}. */
    public String gpuName() {
        return gpuEncoder == null ? "none" : gpuEncoder;
    }

    public boolean hasGpu() {
        return gpuEncoder != null;
    }
}
