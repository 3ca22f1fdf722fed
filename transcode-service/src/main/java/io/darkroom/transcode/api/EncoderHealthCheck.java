package io.darkroom.transcode.api;

import io.darkroom.transcode.Encoders;
import io.darkroom.transcode.domain.EncoderDetection;
import io.darkroom.transcode.media.FfmpegTranscoder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Which encoder transcodes here, in {@code /q/health/ready}: up either way, since libx264 is always there. */
@Readiness
@ApplicationScoped
public class EncoderHealthCheck implements HealthCheck {

    private final Encoders encoders;

    EncoderHealthCheck(Encoders encoders) {
        this.encoders = encoders;
    }

    @Override
    public HealthCheckResponse call() {
        EncoderDetection detection = encoders.detection();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("transcode-encoder").up()
                .withData("gpu", detection.gpuName())
                .withData("encoder", detection.hasGpu() ? detection.gpuEncoder() : FfmpegTranscoder.CPU_ENCODER);
        detection.rejected().forEach((name, reason) -> response.withData(name, reason));
        return response.build();
    }
}
