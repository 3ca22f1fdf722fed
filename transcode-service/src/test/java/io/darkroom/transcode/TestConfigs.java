package io.darkroom.transcode;

import io.darkroom.platform.library.LibraryConfig;
import io.darkroom.platform.storage.StorageConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The service's settings as plain values, to build a {@link TranscodeService} without Quarkus. */
record TestConfigs(int maxEdge, boolean allowHevc, List<String> gpuEncoders, boolean probeGpu,
        Duration progressInterval, Duration timeout) implements TranscodeConfig {

    static TestConfigs defaults() {
        return new TestConfigs(1920, false, List.of("h264_nvenc", "h264_vaapi", "h264_qsv"), true,
                Duration.ofSeconds(2), Duration.ofMinutes(90));
    }

    TestConfigs gpu(boolean probe, String... encoders) {
        return new TestConfigs(maxEdge, allowHevc, List.of(encoders), probe, progressInterval, timeout);
    }

    TestConfigs progressEvery(Duration interval) {
        return new TestConfigs(maxEdge, allowHevc, gpuEncoders, probeGpu, interval, timeout);
    }

    TestConfigs timeoutAfter(Duration limit) {
        return new TestConfigs(maxEdge, allowHevc, gpuEncoders, probeGpu, progressInterval, limit);
    }

    @Override
    public long maxBitrate() {
        return 25_000_000;
    }

    @Override
    public int crf() {
        return 23;
    }

    @Override
    public String preset() {
        return "veryfast";
    }

    @Override
    public Duration claimTimeout() {
        return Duration.ofSeconds(60);
    }

    @Override
    public Gpu gpu() {
        return new Gpu() {
            @Override
            public List<String> encoders() {
                return gpuEncoders;
            }

            @Override
            public boolean probe() {
                return probeGpu;
            }
        };
    }

    /** A service reading root {@code test} from {@code library} and writing under {@code storage}. */
    TranscodeService service(Path library, Path storage, MeterRegistry metrics) {
        LibraryConfig roots = () -> Map.of("test", library);
        StorageConfig derived = () -> storage;
        return new TranscodeService(roots, derived, this, new Encoders(this, metrics), metrics);
    }

    TranscodeService service(Path library, Path storage) {
        return service(library, storage, new SimpleMeterRegistry());
    }
}
