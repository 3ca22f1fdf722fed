package io.darkroom.index.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import io.darkroom.events.MediaKind;
import io.darkroom.index.domain.Extraction;
import io.darkroom.index.domain.MediaFacts;
import io.darkroom.index.domain.TakenAtResolver;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The older RAW containers metadata-extractor does not open, on generated headers (no image data). */
class RawHeadersTest {

    @TempDir
    Path dir;

    @Test
    void readsACanonCrwHeap() throws Exception {
        long seconds = LocalDateTime.of(2003, 11, 10, 17, 39, 26).toEpochSecond(ZoneOffset.UTC); // camera wall clock
        byte[] imageProps = heap(
                record(0x1810, le(20).putInt(3072).putInt(2048).putFloat(1f).putInt(90).putInt(8).array()),
                record(0x180E, le(12).putInt((int) seconds).putInt(0).putInt(0).array()));
        byte[] root = heap(record(0x080A, "Canon\0Canon EOS DIGITAL REBEL\0".getBytes(StandardCharsets.ISO_8859_1)),
                record(0x300A, imageProps));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[] {'I', 'I'});
        file.writeBytes(le(4).putInt(26).array());
        file.writeBytes("HEAPCCDR".getBytes(StandardCharsets.ISO_8859_1));
        file.writeBytes(le(4).putInt(0x00010002).array());
        file.writeBytes(new byte[8]);
        file.writeBytes(root);
        Path crw = Files.write(dir.resolve("CRW_1602.CRW"), file.toByteArray());

        Metadata metadata = new Metadata();
        Integer[] size = RawHeaders.addOlderRaw(crw, metadata);

        assertThat(size).containsExactly(3072, 2048);
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertThat(ifd0.getString(ExifIFD0Directory.TAG_MAKE)).isEqualTo("Canon");
        assertThat(ifd0.getString(ExifIFD0Directory.TAG_MODEL)).isEqualTo("Canon EOS DIGITAL REBEL");
        assertThat(ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION)).isEqualTo(6);
        assertThat(metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class)
                .getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL)).isEqualTo("2003:11:10 17:39:26");
    }

    @Test
    void readsAMinoltaMrwsSizeAndItsTiffBlock() throws Exception {
        Path tiff = new ExifFixture().make("Konica Minolta Camera, Inc.").model("DiMAGE A2").orientation(1)
                .takenAt("2004:11:18 23:14:58", null).writeTiff(dir.resolve("ttw.tif"), 3264, 2448);
        byte[] ttw = Files.readAllBytes(tiff);
        byte[] prd = ByteBuffer.allocate(24).put("27200001".getBytes(StandardCharsets.ISO_8859_1))
                .putShort((short) 2456).putShort((short) 3272).putShort((short) 2448).putShort((short) 3264).array();
        ByteArrayOutputStream blocks = new ByteArrayOutputStream();
        blocks.writeBytes(block("\0PRD", prd));
        blocks.writeBytes(block("\0TTW", ttw));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(block("\0MRM", blocks.toByteArray()));
        file.writeBytes(new byte[64]); // image data
        Path mrw = Files.write(dir.resolve("PICT0001.MRW"), file.toByteArray());

        Extraction read = new MediaReader(new TakenAtResolver(ZoneId.of("UTC"))).read(mrw, "PICT0001.MRW");

        assertThat(read).isInstanceOf(Extraction.Readable.class);
        MediaFacts facts = ((Extraction.Readable) read).facts();
        assertThat(facts.kind()).isEqualTo(MediaKind.RAW);
        assertThat(facts.width()).isEqualTo(3264);
        assertThat(facts.height()).isEqualTo(2448);
        assertThat(facts.details().make()).isEqualTo("Konica Minolta");
        assertThat(facts.details().model()).isEqualTo("DiMAGE A2");
        assertThat(facts.takenAt().local()).isEqualTo(LocalDateTime.of(2004, 11, 18, 23, 14, 58));
    }

    @Test
    void anythingElseIsNoOlderRaw() throws Exception {
        Path other = Files.write(dir.resolve("x.raw"), new byte[64]);

        assertThat(RawHeaders.addOlderRaw(other, new Metadata())).isNull();
    }

    private record Record(int tag, byte[] data) {
    }

    private static Record record(int tag, byte[] data) {
        return new Record(tag, data);
    }

    /** A CIFF heap: the records' data, then the table (count, 10-byte entries), then the table's offset. */
    private static byte[] heap(Record... records) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ByteBuffer table = le(2 + 10 * records.length).putShort((short) records.length);
        for (Record r : records) {
            table.putShort((short) r.tag()).putInt(r.data().length).putInt(data.size());
            data.writeBytes(r.data());
        }
        int tableOffset = data.size();
        data.writeBytes(table.array());
        data.writeBytes(le(4).putInt(tableOffset).array());
        return data.toByteArray();
    }

    private static byte[] block(String id, byte[] content) {
        return ByteBuffer.allocate(8 + content.length).put(id.getBytes(StandardCharsets.ISO_8859_1))
                .putInt(content.length).put(content).array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
