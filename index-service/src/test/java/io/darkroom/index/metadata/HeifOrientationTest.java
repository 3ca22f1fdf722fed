package io.darkroom.index.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.MediaFacts;
import io.darkroom.index.domain.TakenAtResolver;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HEIF image's orientation comes from the transformative properties ({@code irot}, {@code imir}) that its
 * {@code ipma} box associates with the primary item ({@code pitm}), composed in association order. Fixtures are
 * generated: an {@code ftyp}, a {@code meta} box with {@code hdlr}, {@code pitm} and {@code iprp}, and an
 * {@code mdat}; no EXIF, so the orientation can only come from the boxes.
 */
class HeifOrientationTest {

    private static final MediaReader READER = new MediaReader(new TakenAtResolver(ZoneId.of("UTC")));
    /** ipco, 1-based: 1 ispe (primary), 2 irot 90 deg anticlockwise x angle, 3 imir, 4 ispe (thumbnail). */
    private static final int ISPE = 1;
    private static final int IROT = 2;
    private static final int IMIR = 3;
    private static final int THUMBNAIL_ISPE = 4;

    @TempDir
    Path dir;

    @Test
    void anIrotOfThreeQuarterTurnsAnticlockwiseIsOrientationSixAndTheSizeStaysAsStored() throws Exception {
        MediaFacts facts = read(heic(3, 0, 0, new int[] {ISPE, IROT}, new int[] {THUMBNAIL_ISPE}));

        assertThat(facts.orientation()).isEqualTo(6);
        assertThat(facts.width()).isEqualTo(4032);
        assertThat(facts.height()).isEqualTo(3024);
    }

    @Test
    void aHalfTurnIsOrientationThreeAndAQuarterTurnAnticlockwiseIsEight() throws Exception {
        assertThat(read(heic(2, 0, 0, new int[] {ISPE, IROT}, new int[] {THUMBNAIL_ISPE})).orientation()).isEqualTo(3);
        assertThat(read(heic(1, 0, 0, new int[] {ISPE, IROT}, new int[] {THUMBNAIL_ISPE})).orientation()).isEqualTo(8);
    }

    @Test
    void rotationAndMirrorComposeInTheOrderTheyAreAssociated() throws Exception {
        // a quarter turn anticlockwise, then mirrored left-right: transverse (7); mirrored first: transpose (5)
        assertThat(read(heic(1, 0, 0, new int[] {ISPE, IROT, IMIR}, new int[] {THUMBNAIL_ISPE})).orientation())
                .isEqualTo(7);
        assertThat(read(heic(1, 0, 0, new int[] {ISPE, IMIR, IROT}, new int[] {THUMBNAIL_ISPE})).orientation())
                .isEqualTo(5);
        // mirrored top-bottom alone: 4
        assertThat(read(heic(0, 1, 0, new int[] {ISPE, IMIR}, new int[] {THUMBNAIL_ISPE})).orientation()).isEqualTo(4);
    }

    @Test
    void anIrotOfNoTurnGivesNoOrientation() throws Exception {
        assertThat(read(heic(0, 0, 0, new int[] {ISPE, IROT}, new int[] {THUMBNAIL_ISPE})).orientation()).isNull();
    }

    @Test
    void anIrotOfAnotherItemIsNotThePrimaryImagesOrientation() throws Exception {
        MediaFacts facts = read(heic(3, 0, 0, new int[] {ISPE}, new int[] {THUMBNAIL_ISPE, IROT}));

        assertThat(facts.orientation()).isNull();
        assertThat(facts.width()).isEqualTo(4032);
    }

    @Test
    void wideIpmaEntriesAndThirtyTwoBitItemIdsAreRead() throws Exception {
        MediaFacts facts = read(heic(3, 0, 1, new int[] {ISPE, IROT}, new int[] {THUMBNAIL_ISPE}));

        assertThat(facts.orientation()).isEqualTo(6);
    }

    private MediaFacts read(byte[] heic) throws Exception {
        Path file = Files.write(dir.resolve("IMG_%d.HEIC".formatted(System.nanoTime())), heic);
        Extraction extraction = READER.read(file, file.getFileName().toString());
        assertThat(extraction).isInstanceOf(Extraction.Readable.class);
        return ((Extraction.Readable) extraction).facts();
    }

    /**
     * Item 1 is the primary image, item 2 its thumbnail; {@code ipmaVersion} 1 with flags 1 gives 32-bit item ids
     * and 15-bit property indexes.
     */
    private static byte[] heic(int irotAngle, int imirAxis, int ipmaVersion, int[] primary, int[] thumbnail) {
        byte[] ipco = box("ipco", concat(
                box("ispe", concat(new byte[4], u32(4032), u32(3024))),
                box("irot", new byte[] {(byte) irotAngle}),
                box("imir", new byte[] {(byte) imirAxis}),
                box("ispe", concat(new byte[4], u32(320), u32(240)))));
        byte[] ipma = box("ipma", concat(new byte[] {(byte) ipmaVersion, 0, 0, (byte) ipmaVersion}, u32(2),
                entry(1, primary, ipmaVersion), entry(2, thumbnail, ipmaVersion)));
        byte[] meta = box("meta", concat(new byte[4],
                box("hdlr", concat(new byte[8], ascii("pict"), new byte[13])),
                box("pitm", concat(new byte[4], u16(1))),
                box("iprp", concat(ipco, ipma))));
        return concat(box("ftyp", concat(ascii("heic"), u32(0), ascii("mif1"), ascii("heic"))), meta,
                box("mdat", new byte[2048]));
    }

    private static byte[] entry(int item, int[] properties, int version) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(version < 1 ? u16(item) : u32(item));
        out.write(properties.length);
        for (int index : properties) {
            out.writeBytes(version < 1 ? new byte[] {(byte) (0x80 | index)} : u16(0x8000 | index)); // essential
        }
        return out.toByteArray();
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

    private static byte[] u16(int value) {
        return ByteBuffer.allocate(2).putShort((short) value).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
