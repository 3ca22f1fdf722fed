package io.darkroom.thumbnail.media;

import static io.darkroom.thumbnail.media.ImageHeader.be16;
import static io.darkroom.thumbnail.media.ImageHeader.be32;
import static io.darkroom.thumbnail.media.ImageHeader.startsWith;
import static io.darkroom.thumbnail.media.ImageHeader.u8;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Embedded ICC profiles (Display P3 from phones, Adobe RGB from cameras) read from JPEG APP2 and PNG iCCP, and
 * the conversion of decoded pixels to sRGB, the space browsers assume for untagged thumbnails. The conversion
 * is the JDK's colour management (LittleCMS) on the decoded image, before any size is made.
 */
public final class ColourProfiles {

    private static final byte[] ICC_MARKER = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int MAX_PROFILE_BYTES = 4 << 20;
    private static final byte[] COLR_PROF = "colrprof".getBytes(StandardCharsets.ISO_8859_1);

    private ColourProfiles() {
    }

    /** The embedded profile unless it is absent, unreadable, not RGB, or sRGB already. */
    public static Optional<ICC_Profile> nonSrgbProfile(byte[] file, ImageHeader.Format format) {
        byte[] data = switch (format) {
            case JPEG -> jpegProfile(file);
            case PNG -> pngProfile(file);
            case HEIF, AVIF -> heifProfile(file);
            default -> null;
        };
        if (data == null || data.length < 132) {
            return Optional.empty();
        }
        try {
            ICC_Profile profile = ICC_Profile.getInstance(data);
            if (profile.getColorSpaceType() != ColorSpace.TYPE_RGB || isSrgb(profile)) {
                return Optional.empty();
            }
            return Optional.of(profile);
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty(); // a broken profile is ignored: the pixels are still shown, as sRGB
        }
    }

    /** Converts a BGR 8-bit image from {@code profile} to sRGB in place. */
    public static void toSrgb(Mat bgr, ICC_Profile profile) {
        int width = bgr.cols();
        int height = bgr.rows();
        byte[] pixels = new byte[width * height * 3];
        bgr.data().get(pixels);
        BufferedImage source = wrap(pixels, width, height, new ICC_ColorSpace(profile));
        byte[] converted = new byte[pixels.length];
        BufferedImage target = wrap(converted, width, height, ColorSpace.getInstance(ColorSpace.CS_sRGB));
        new ColorConvertOp(null).filter(source, target);
        bgr.data().put(converted);
    }

    private static BufferedImage wrap(byte[] bgr, int width, int height, ColorSpace space) {
        ComponentColorModel model = new ComponentColorModel(space, false, false, Transparency.OPAQUE,
                DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(bgr, bgr.length), width, height,
                width * 3, 3, new int[] {2, 1, 0}, null);
        return new BufferedImage(model, raster, false, null);
    }

    private static boolean isSrgb(ICC_Profile profile) {
        byte[] desc = profile.getData(ICC_Profile.icSigProfileDescriptionTag);
        if (desc == null) {
            return false;
        }
        String latin = new String(desc, StandardCharsets.ISO_8859_1);
        String utf16 = new String(desc, StandardCharsets.UTF_16BE);
        return latin.contains("sRGB") || utf16.contains("sRGB");
    }

    /**
     * The ICC profile of a HEIF/AVIF {@code colr} box of type {@code prof} (an item property in the {@code meta} box,
     * near the start of the file). A {@code colr} box of type {@code nclx} (primaries and transfer as code points)
     * is not read: see docs/decisions.md.
     */
    static byte[] heifProfile(byte[] b) {
        int limit = Math.min(b.length - COLR_PROF.length, 1 << 20);
        for (int at = 4; at < limit; at++) {
            if (startsWith(b, at, COLR_PROF)) {
                int length = be32(b, at - 4) - 12; // box size less size, type and colour type
                if (length > 0 && length <= MAX_PROFILE_BYTES && at + 8 + length <= b.length) {
                    return java.util.Arrays.copyOfRange(b, at + 8, at + 8 + length);
                }
            }
        }
        return null;
    }

    /** APP2 "ICC_PROFILE" chunks, joined in their sequence order. */
    static byte[] jpegProfile(byte[] b) {
        TreeMap<Integer, byte[]> chunks = new TreeMap<>();
        int at = 2;
        while (at + 4 < b.length && u8(b, at) == 0xFF) {
            int marker = u8(b, at + 1);
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            int length = be16(b, at + 2);
            if (length < 2 || at + 2 + length > b.length) {
                break;
            }
            if (marker == 0xE2 && length > 16 && startsWith(b, at + 4, ICC_MARKER)) {
                int sequence = u8(b, at + 4 + ICC_MARKER.length);
                int start = at + 4 + ICC_MARKER.length + 2;
                byte[] chunk = new byte[at + 2 + length - start];
                System.arraycopy(b, start, chunk, 0, chunk.length);
                chunks.put(sequence, chunk);
            }
            at += 2 + length;
        }
        if (chunks.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        chunks.values().forEach(joined::writeBytes);
        return joined.toByteArray();
    }

    /** The iCCP chunk's zlib-compressed profile, before the image data. */
    static byte[] pngProfile(byte[] b) {
        int at = 8;
        while (at + 12 <= b.length) {
            int length = be32(b, at);
            String type = new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (length < 0 || at + 12L + length > b.length || type.equals("IDAT")) {
                return null;
            }
            if (type.equals("iCCP")) {
                int name = at + 8;
                while (name < at + 8 + length && b[name] != 0) {
                    name++;
                }
                int start = name + 2; // NUL, compression method
                return inflate(b, start, at + 8 + length - start);
            }
            at += 12 + length;
        }
        return null;
    }

    private static byte[] inflate(byte[] b, int offset, int length) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(b, offset, Math.max(0, length));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished() && out.size() < MAX_PROFILE_BYTES) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException corrupt) {
            return null;
        } finally {
            inflater.end();
        }
    }
}
