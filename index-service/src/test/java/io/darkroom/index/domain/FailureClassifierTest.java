package io.darkroom.index.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.FailureKind;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    @Test
    void zeroBytesIsEmptyWithAReadableReason() {
        assertThat(FailureClassifier.classify(new ContentFacts(0, "image/jpeg", null, null, null, null)))
                .contains(new Failure(FailureKind.EMPTY, "The file is empty (0 bytes)"));
    }

    @Test
    void aWholeImageWithDimensionsIsFine() {
        assertThat(FailureClassifier.classify(new ContentFacts(10, "image/jpeg", 4, 3, null, null))).isEmpty();
    }

    @Test
    void aVideoNeedsNoDimensions() {
        assertThat(FailureClassifier.classify(new ContentFacts(10, "video/mp4", null, null, null, null))).isEmpty();
    }

    @Test
    void aStructuralDefectOrParserErrorIsCorrupt() {
        Optional<Failure> truncated = FailureClassifier.classify(
                new ContentFacts(10, "image/jpeg", 4, 3, "the file is truncated", null));
        Optional<Failure> unparsable = FailureClassifier.classify(
                new ContentFacts(10, "image/png", null, null, null, "bad\nchunk   CRC"));

        assertThat(truncated).map(Failure::kind).contains(FailureKind.CORRUPT);
        assertThat(truncated.orElseThrow().reason()).isEqualTo("The image is damaged (image/jpeg): the file is truncated");
        assertThat(unparsable.orElseThrow().reason()).isEqualTo("The image cannot be read (image/png): bad chunk CRC");
    }

    @Test
    void anImageWithoutDimensionsIsCorrupt() {
        assertThat(FailureClassifier.classify(new ContentFacts(10, "image/jpeg", null, 3, null, null)))
                .map(Failure::kind).contains(FailureKind.CORRUPT);
    }

    @Test
    void validNonMediaIsUnsupportedAndUnrecognisedBytesAreCorrupt() {
        assertThat(FailureClassifier.classify(new ContentFacts(10, "application/pdf", null, null, null, null)))
                .contains(new Failure(FailureKind.UNSUPPORTED, "Not a photo or video: the content is application/pdf"));
        assertThat(FailureClassifier.classify(new ContentFacts(10, "application/octet-stream", null, null, null, null)))
                .map(Failure::kind).contains(FailureKind.CORRUPT);
    }

    @Test
    void aTimeoutIsTooLarge() {
        assertThat(FailureClassifier.timedOut(Duration.ofSeconds(20)).kind()).isEqualTo(FailureKind.TOO_LARGE);
    }

    @Test
    void badEventsArePermanentAndInfrastructureIsTransient() {
        assertThat(FailureClassifier.isTransient(new InvalidEventException("not JSON", null))).isFalse();
        assertThat(FailureClassifier.isTransient(new RuntimeException(new IllegalArgumentException("root")))).isFalse();
        assertThat(FailureClassifier.isTransient(new IOException("connection reset"))).isTrue();
    }
}
