package io.darkroom.transcode.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.darkroom.transcode.domain.EncoderDetection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuEncodersTest {

    @Test
    void anEncoderMissingFromTheBuildIsRejectedWithTheReason() {
        EncoderDetection detection = GpuEncoders.detect(List.of("h264_nosuchgpu"));

        assertThat(detection.gpuName()).isEqualTo("none");
        assertThat(detection.rejected()).containsEntry("h264_nosuchgpu", "not in this FFmpeg build");
    }

    @Test
    void withoutAGpuEveryCandidateIsOpenedAndRejectedInOrder() {
        assumeTrue(Files.notExists(Path.of("/dev/nvidia0")) && Files.notExists(Path.of("/dev/dri")),
                "this machine has a GPU device; the 'none' result is checked on machines without one");

        EncoderDetection detection = GpuEncoders.detect(List.of("h264_nvenc", "h264_vaapi", "h264_qsv"));

        assertThat(detection.gpuName()).isEqualTo("none");
        assertThat(detection.rejected().keySet()).containsExactly("h264_nvenc", "h264_vaapi", "h264_qsv");
        assertThat(detection.rejected().values()).allSatisfy(reason -> assertThat(reason).startsWith("cannot be opened"));
    }

    @Test
    void theCpuEncoderOpens() {
        assertThat(GpuEncoders.tryOpen(FfmpegTranscoder.CPU_ENCODER)).isNull();
    }
}
