package io.darkroom.thumbnail.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import io.darkroom.events.FailureKind;
import io.darkroom.events.MediaKind;
import io.darkroom.thumbnail.domain.DecodePlan;
import io.darkroom.thumbnail.domain.ThumbnailFailure;
import io.darkroom.thumbnail.domain.ThumbnailSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenCvThumbnailerTest {

    @TempDir
    Path temp;

    @Test
    void everyStandardSizeComesFromOneReducedDecode() throws Exception {
        Path photo = jpeg(temp.resolve("landscape.jpg"), 4000, 3000);
        DecodePlan plan = DecodePlan.forSource(4000, 3000, ThumbnailSize.STANDARD);

        List<OpenCvThumbnailer.Encoded> sizes = thumbnailer().render(photo, MediaKind.IMAGE, null, ThumbnailSize.STANDARD);

        assertThat(plan.reduction()).isEqualTo(2);
        assertThat(sizes).extracting(e -> e.size().name() + " " + e.width() + "x" + e.height()).containsExactly(
                "tile-224 224x224", "tile-448 448x448", "fit-720 720x540", "fit-1280 1280x960",
                "fit-1920 1920x1440");
        for (OpenCvThumbnailer.Encoded encoded : sizes) {
            try (Mat back = imdecode(new Mat(new BytePointer(encoded.jpeg())), IMREAD_UNCHANGED)) {
                assertThat(back.cols()).isEqualTo(encoded.width());
                assertThat(back.rows()).isEqualTo(encoded.height());
            }
        }
    }

    @Test
    void aTruncatedJpegIsReportedAsCorrupt() throws Exception {
        Path photo = jpeg(temp.resolve("whole.jpg"), 640, 480);
        byte[] bytes = Files.readAllBytes(photo);
        Path truncated = Files.write(temp.resolve("truncated.jpg"), Arrays.copyOf(bytes, 200));

        assertThatThrownBy(() -> thumbnailer().render(truncated, MediaKind.IMAGE, null, ThumbnailSize.STANDARD))
                .isInstanceOfSatisfying(ThumbnailFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.CORRUPT));
    }

    @Test
    void anEmptyFileIsReportedAsEmpty() throws Exception {
        Path empty = Files.createFile(temp.resolve("empty.jpg"));

        assertThatThrownBy(() -> thumbnailer().render(empty, MediaKind.IMAGE, null, ThumbnailSize.STANDARD))
                .isInstanceOfSatisfying(ThumbnailFailure.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.EMPTY));
    }

    static OpenCvThumbnailer thumbnailer() {
        return new OpenCvThumbnailer(85, new MediaDecoder.Limits(200_000_000, 50_000_000, 200 << 20));
    }

    private static Path jpeg(Path file, int width, int height) throws Exception {
        try (Mat image = new Mat(height, width, CV_8UC3, new Scalar(40, 120, 200, 0)); BytePointer buffer = new BytePointer()) {
            assertThat(imencode(".jpg", image, buffer)).isTrue();
            byte[] bytes = new byte[(int) buffer.limit()];
            buffer.get(bytes);
            return Files.write(file, bytes);
        }
    }
}
