package io.darkroom.index.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.darkroom.events.MediaKind;
import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.MediaFacts;
import io.darkroom.index.domain.TakenAtResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieBoxesTest {

    @TempDir
    Path dir;

    @Test
    void readsSizeRotationCodecFrameRateDurationAndCreationFromTheMovieBox() throws Exception {
        Path file = new MovieFixture().size(1920, 1080).rotation(90).duration(600, 1800, 90).codec("hvc1")
                .write(dir.resolve("IMG_0001.MOV"));

        MovieBoxes.Movie movie = MovieBoxes.read(file);

        assertThat(movie.width()).isEqualTo(1920);
        assertThat(movie.height()).isEqualTo(1080);
        assertThat(movie.rotation()).isEqualTo(90);
        assertThat(movie.videoCodec()).isEqualTo("hvc1");
        assertThat(movie.fps()).isCloseTo(30.0, within(1e-9));
        assertThat(movie.durationMillis()).isEqualTo(3000);
        assertThat(movie.created()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void rotationIsClockwiseAsExiftoolReportsIt() throws Exception {
        assertThat(MovieBoxes.read(new MovieFixture().rotation(270).write(dir.resolve("a.mov"))).rotation()).isEqualTo(270);
        assertThat(MovieBoxes.read(new MovieFixture().rotation(180).write(dir.resolve("b.mov"))).rotation()).isEqualTo(180);
        assertThat(MovieBoxes.read(new MovieFixture().write(dir.resolve("c.mov"))).rotation()).isZero();
    }

    @Test
    void readsAnIso6709PositionFromUserData() throws Exception {
        Path file = new MovieFixture().brand("isom").location("+52.3693+006.6761+010.530/").write(dir.resolve("gps.mp4"));

        Double[] position = MovieBoxes.read(file).position();

        assertThat(position[0]).isCloseTo(52.3693, within(1e-9));
        assertThat(position[1]).isCloseTo(6.6761, within(1e-9));
        assertThat(position[2]).isCloseTo(10.53, within(1e-9));
    }

    @Test
    void aFileWithoutAMovieBoxHasNone() throws Exception {
        Path file = Files.write(dir.resolve("not.mov"), new byte[] {0, 0, 0, 16, 'f', 'r', 'e', 'e', 1, 2, 3, 4, 5, 6, 7, 8});

        assertThat(MovieBoxes.read(file)).isNull();
    }

    @Test
    void theReaderCataloguesTheMovieWithItsContentIdentifier() {
        Path file = new MovieFixture().contentIdentifier("E905E6C6-C747-4805-942F-9904A0281F02")
                .write(dir.resolve("IMG_0002.MOV"));

        Extraction extraction = new MediaReader(new TakenAtResolver(ZoneId.of("UTC"))).read(file, "IMG_0002.MOV");

        assertThat(extraction).isInstanceOf(Extraction.Readable.class);
        MediaFacts facts = ((Extraction.Readable) extraction).facts();
        assertThat(facts.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(facts.width()).isEqualTo(1920);
        assertThat(facts.durationMillis()).isEqualTo(3000);
        assertThat(facts.details().videoCodec()).isEqualTo("hvc1");
        assertThat(facts.details().contentIdentifier()).isEqualTo("E905E6C6-C747-4805-942F-9904A0281F02");
    }
}
