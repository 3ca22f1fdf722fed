package io.darkroom.transcode;

import io.darkroom.transcode.domain.EncoderDetection;
import io.darkroom.transcode.media.FfmpegTranscoder;
import io.darkroom.transcode.media.GpuEncoders;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The encoders this instance uses: the GPU encoder found at start (by opening it), else none, and libx264 behind
 * it. Reported in health ({@code /q/health/ready}) and as the gauge {@code darkroom_transcode_gpu_encoder{encoder}}.
 */
@Startup
@ApplicationScoped
public class Encoders {

    private static final Logger LOG = Logger.getLogger(Encoders.class);

    private final EncoderDetection detection;

    Encoders(TranscodeConfig config, MeterRegistry metrics) {
        this.detection = detect(config.gpu());
        Gauge.builder("darkroom.transcode.gpu.encoder", () -> 1).tag("encoder", detection.gpuName())
                .description("The GPU encoder in use (none: the CPU's libx264)").register(metrics);
        LOG.infof("GPU encoder: %s%s", detection.gpuName(),
                detection.rejected().isEmpty() ? "" : " (rejected: " + detection.rejected() + ")");
    }

    private static EncoderDetection detect(TranscodeConfig.Gpu gpu) {
        List<String> candidates = gpu.encoders().stream().map(String::trim)
                .filter(name -> !name.isEmpty() && !"none".equals(name)).toList();
        if (!gpu.probe() && !candidates.isEmpty()) {
            return new EncoderDetection(candidates.get(0), Map.of());
        }
        return GpuEncoders.detect(candidates);
    }

    public EncoderDetection detection() {
        return detection;
    }

    /** The encoders to try for one file, in order: the GPU's (if any), then the CPU's. */
    public List<String> forFile() {
        return detection.hasGpu() ? List.of(detection.gpuEncoder(), FfmpegTranscoder.CPU_ENCODER)
                : List.of(FfmpegTranscoder.CPU_ENCODER);
    }
}
