package io.darkroom.thumbnail.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * AVIF files laid out as some cameras and phones write HEIF, which FFmpeg 7.1 misreads, built around the one
 * picture of an AVIF that FFmpeg wrote: its {@code av1C}, {@code ispe} and coded bytes are kept, the item boxes are
 * written anew with an Exif item beside the picture.
 */
final class HeifLayouts {

    /**
     * @param exifFirstInLocations the Exif item's {@code iloc} entry before the picture's ({@code iinf} lists the
     *     picture first)
     * @param emptyAssociation an {@code ipma} association with property index 0 ("none") on the picture
     * @param halfPixelCrop a {@code clap} one pixel smaller than the picture, centred half a pixel up and left
     */
    record Layout(boolean exifFirstInLocations, boolean emptyAssociation, boolean halfPixelCrop) {
        static final Layout PLAIN = new Layout(false, false, false);
    }

    private static final int PICTURE = 1;
    private static final int EXIF = 2;
    /** An Exif item: the TIFF header's offset, then a big-endian TIFF header with no entries. */
    private static final byte[] EXIF_DATA = {0, 0, 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0};

    private HeifLayouts() {
    }

    /** {@code avif} (one picture, as FFmpeg's muxer writes it) laid out as {@code layout} says. */
    static byte[] rewrite(byte[] avif, Layout layout) {
        ByteBuffer file = ByteBuffer.wrap(avif);
        int ftypEnd = file.getInt(0);
        int meta = ftypEnd;
        int ipco = find(avif, find(avif, meta + 12, meta + file.getInt(meta), "iprp") + 8, -1, "ipco");
        byte[] av1c = box(avif, find(avif, ipco + 8, ipco + file.getInt(ipco), "av1C"));
        byte[] ispe = box(avif, find(avif, ipco + 8, ipco + file.getInt(ipco), "ispe"));
        int iloc = find(avif, meta + 12, meta + file.getInt(meta), "iloc");
        // FFmpeg writes iloc version 0 with 4-byte offsets and lengths, no base offset, one item of one extent.
        int pictureOffset = file.getInt(iloc + 22);
        int pictureLength = file.getInt(iloc + 26);
        byte[] picture = Arrays.copyOfRange(avif, pictureOffset, pictureOffset + pictureLength);
        int width = ByteBuffer.wrap(ispe).getInt(12);
        int height = ByteBuffer.wrap(ispe).getInt(16);

        byte[] ftyp = Arrays.copyOf(avif, ftypEnd);
        byte[] draft = meta(layout, av1c, ispe, width, height, 0, picture.length);
        int mdatData = ftyp.length + draft.length + 8;
        byte[] metaBox = meta(layout, av1c, ispe, width, height, mdatData, picture.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ftyp);
        out.writeBytes(metaBox);
        out.writeBytes(box("mdat", concat(picture, EXIF_DATA)));
        return out.toByteArray();
    }

    private static byte[] meta(Layout layout, byte[] av1c, byte[] ispe, int width, int height, int mdatData,
            int pictureLength) {
        byte[] hdlr = fullBox("hdlr", 0, concat(new byte[4], "pict".getBytes(StandardCharsets.US_ASCII), new byte[13]));
        byte[] pitm = fullBox("pitm", 0, u16(PICTURE));
        byte[] pictureEntry = concat(u16(PICTURE), u16(0), u16(1), u32(mdatData), u32(pictureLength));
        byte[] exifEntry = concat(u16(EXIF), u16(0), u16(1), u32(mdatData + pictureLength), u32(EXIF_DATA.length));
        byte[] iloc = fullBox("iloc", 0, concat(new byte[] {0x44, 0x00}, u16(2),
                layout.exifFirstInLocations() ? exifEntry : pictureEntry,
                layout.exifFirstInLocations() ? pictureEntry : exifEntry));
        byte[] iinf = fullBox("iinf", 0, concat(u16(2), infe(PICTURE, "av01"), infe(EXIF, "Exif")));
        byte[] clap = box("clap", concat(u32(width - 1), u32(1), u32(height - 1), u32(1), u32(-1), u32(2),
                u32(-1), u32(2)));
        byte[] ipco = box("ipco", layout.halfPixelCrop() ? concat(ispe, av1c, clap) : concat(ispe, av1c));
        ByteArrayOutputStream associations = new ByteArrayOutputStream();
        associations.write(1); // ispe
        associations.write(0x80 | 2); // av1C, essential
        if (layout.emptyAssociation()) {
            associations.write(0);
        }
        if (layout.halfPixelCrop()) {
            associations.write(0x80 | 3);
        }
        byte[] assoc = associations.toByteArray();
        byte[] ipma = fullBox("ipma", 0, concat(u32(1), u16(PICTURE), new byte[] {(byte) assoc.length}, assoc));
        byte[] iprp = box("iprp", concat(ipco, ipma));
        return fullBox("meta", 0, concat(hdlr, pitm, iloc, iinf, iprp));
    }

    private static byte[] infe(int id, String type) {
        return fullBox("infe", 2, concat(u16(id), u16(0), type.getBytes(StandardCharsets.US_ASCII), new byte[1]));
    }

    private static int find(byte[] bytes, int from, int end, String type) {
        int limit = end < 0 ? bytes.length : end;
        for (int at = from; at + 8 <= limit; at += ByteBuffer.wrap(bytes).getInt(at)) {
            if (new String(bytes, at + 4, 4, StandardCharsets.ISO_8859_1).equals(type)) {
                return at;
            }
        }
        throw new IllegalStateException("no " + type + " box in FFmpeg's AVIF");
    }

    private static byte[] box(byte[] bytes, int at) {
        return Arrays.copyOfRange(bytes, at, at + ByteBuffer.wrap(bytes).getInt(at));
    }

    private static byte[] box(String type, byte[] payload) {
        return concat(u32(8 + payload.length), type.getBytes(StandardCharsets.US_ASCII), payload);
    }

    private static byte[] fullBox(String type, int version, byte[] payload) {
        return box(type, concat(new byte[] {(byte) version, 0, 0, 0}, payload));
    }

    private static byte[] u16(int value) {
        return new byte[] {(byte) (value >> 8), (byte) value};
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
