package io.darkroom.index.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.events.FailureKind;
import io.darkroom.events.MediaKind;
import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.TakenAtResolver;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ISO base media files cut short (a HEIC copied in half, a movie whose recording never wrote its index). */
class TruncatedMediaTest {

    private static final MediaReader READER = new MediaReader(new TakenAtResolver(ZoneId.of("UTC")));

    @TempDir
    Path dir;

    @Test
    void aWholeHeicIsReadAndOneCutInHalfIsFlaggedWithWhatItsHeaderSays() throws Exception {
        byte[] heic = heic(4032, 3024, 4096);
        Path whole = Files.write(dir.resolve("IMG_2682.HEIC"), heic);
        Path half = Files.write(dir.resolve("IMG_2683.HEIC"), Arrays.copyOf(heic, heic.length / 2));

        assertThat(READER.read(whole, "IMG_2682.HEIC")).isInstanceOf(Extraction.Readable.class);
        Extraction cut = READER.read(half, "IMG_2683.HEIC");

        assertThat(cut).isInstanceOf(Extraction.Unreadable.class);
        Extraction.Unreadable unreadable = (Extraction.Unreadable) cut;
        assertThat(unreadable.failure().kind()).isEqualTo(FailureKind.CORRUPT);
        assertThat(unreadable.failure().reason()).contains("truncated").contains("'mdat'");
        assertThat(unreadable.known().kind()).isEqualTo(MediaKind.IMAGE);
        assertThat(unreadable.known().width()).isEqualTo(4032);
    }

    @Test
    void aMovieCutBeforeItsMovieBoxIsFlagged() throws Exception {
        byte[] movie = new MovieFixture().bytes();
        byte[] unfinished = concat(Arrays.copyOf(movie, 20), box("mdat", new byte[4096]));
        Path file = Files.write(dir.resolve("IMG_0001.MOV"), Arrays.copyOf(unfinished, 1024));

        Extraction read = READER.read(file, "IMG_0001.MOV");

        assertThat(read).isInstanceOf(Extraction.Unreadable.class);
        assertThat(((Extraction.Unreadable) read).failure().reason()).contains("video is damaged").contains("truncated");
    }

    @Test
    void aMovieWithoutAMovieBoxIsFlagged() throws Exception {
        byte[] movie = new MovieFixture().bytes();
        Path file = Files.write(dir.resolve("IMG_0002.MOV"), concat(Arrays.copyOf(movie, 20), box("mdat", new byte[512])));

        Extraction read = READER.read(file, "IMG_0002.MOV");

        assertThat(read).isInstanceOf(Extraction.Unreadable.class);
        assertThat(((Extraction.Unreadable) read).failure().reason()).contains("no movie box");
    }

    /** A HEIF with a {@code meta} box that states the primary image's size, and an {@code mdat} of coded data. */
    private static byte[] heic(int width, int height, int dataBytes) {
        byte[] ispe = box("ispe", concat(new byte[4], u32(width), u32(height)));
        byte[] meta = box("meta", concat(new byte[4],
                box("hdlr", concat(new byte[8], ascii("pict"), new byte[13])),
                box("iprp", box("ipco", ispe))));
        return concat(box("ftyp", concat(ascii("heic"), u32(0), ascii("mif1"), ascii("heic"))), meta,
                box("mdat", new byte[dataBytes]));
    }

    private static byte[] box(String type, byte[] content) {
        return concat(u32(8 + content.length), ascii(type), content);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
