package io.darkroom.thumbnail.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What the first bytes of a file say: its container format and, where the header states them, its pixel
 * dimensions. Read before any decoder runs, so a header that claims 65535 x 65535 pixels is refused without
 * allocating a single row.
 */
public record ImageHeader(Format format, int width, int height) {

    /** Container formats told apart by their signature. */
    public enum Format {
        JPEG, PNG, GIF, WEBP, TIFF, BMP, HEIF, AVIF, VIDEO, UNKNOWN
    }

    /** True when the header stated the dimensions. */
    public boolean hasDimensions() {
        return width > 0 && height > 0;
    }

    public long pixels() {
        return (long) width * height;
    }

    public static ImageHeader read(byte[] b) {
        if (b.length >= 3 && u8(b, 0) == 0xFF && u8(b, 1) == 0xD8 && u8(b, 2) == 0xFF) {
            int[] size = jpegSize(b, 2);
            return new ImageHeader(Format.JPEG, size[0], size[1]);
        }
        if (startsWith(b, 0, new byte[] {(byte) 0x89, 'P', 'N', 'G'}) && b.length >= 24) {
            return new ImageHeader(Format.PNG, be32(b, 16), be32(b, 20));
        }
        if (startsWith(b, 0, ascii("GIF8")) && b.length >= 10) {
            return new ImageHeader(Format.GIF, le16(b, 6), le16(b, 8));
        }
        if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP")) && b.length >= 30) {
            return webp(b);
        }
        if ((startsWith(b, 0, ascii("II*\0")) || startsWith(b, 0, ascii("MM\0*"))) && b.length >= 8) {
            int[] size = tiffSize(b);
            return new ImageHeader(Format.TIFF, size[0], size[1]);
        }
        if (startsWith(b, 0, ascii("BM")) && b.length >= 26) {
            return new ImageHeader(Format.BMP, le32(b, 18), Math.abs(le32(b, 22)));
        }
        if (b.length >= 12 && startsWith(b, 4, ascii("ftyp"))) {
            String brands = new String(b, 8, Math.min(b.length - 8, Math.max(0, be32(b, 0) - 8)), StandardCharsets.ISO_8859_1);
            String major = brands.substring(0, Math.min(4, brands.length()));
            if (major.startsWith("avi")) {
                return new ImageHeader(Format.AVIF, 0, 0);
            }
            if (major.startsWith("hei") || major.startsWith("hev") || major.equals("mif1") || major.equals("msf1")) {
                return new ImageHeader(Format.HEIF, 0, 0);
            }
            return new ImageHeader(Format.VIDEO, 0, 0);
        }
        if (b.length >= 4 && be32(b, 0) == 0x1A45DFA3) { // Matroska / WebM
            return new ImageHeader(Format.VIDEO, 0, 0);
        }
        if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("AVI "))) {
            return new ImageHeader(Format.VIDEO, 0, 0);
        }
        return new ImageHeader(Format.UNKNOWN, 0, 0);
    }

    /** Width and height from the first start-of-frame marker, {0, 0} when none is found. */
    static int[] jpegSize(byte[] b, int from) {
        int at = from;
        while (at + 9 < b.length) {
            if (u8(b, at) != 0xFF) {
                return new int[] {0, 0};
            }
            int marker = u8(b, at + 1);
            if (marker == 0xFF) {
                at++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                at += 2;
                continue;
            }
            int length = be16(b, at + 2);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                return new int[] {be16(b, at + 7), be16(b, at + 5)};
            }
            if (marker == 0xDA || marker == 0xD9 || length < 2) {
                return new int[] {0, 0};
            }
            at += 2 + length;
        }
        return new int[] {0, 0};
    }

    private static ImageHeader webp(byte[] b) {
        String chunk = new String(b, 12, 4, StandardCharsets.ISO_8859_1);
        return switch (chunk) {
            case "VP8X" -> new ImageHeader(Format.WEBP, 1 + le24(b, 24), 1 + le24(b, 27));
            case "VP8L" -> {
                int bits = le32(b, 21);
                yield new ImageHeader(Format.WEBP, 1 + (bits & 0x3FFF), 1 + ((bits >>> 14) & 0x3FFF));
            }
            case "VP8 " -> new ImageHeader(Format.WEBP, le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF);
            default -> new ImageHeader(Format.WEBP, 0, 0);
        };
    }

    private static int[] tiffSize(byte[] b) {
        ByteBuffer tiff = ByteBuffer.wrap(b).order(b[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        try {
            int ifd = tiff.getInt(4);
            int count = tiff.getShort(ifd) & 0xFFFF;
            int width = 0;
            int height = 0;
            for (int i = 0; i < count; i++) {
                int entry = ifd + 2 + 12 * i;
                int tag = tiff.getShort(entry) & 0xFFFF;
                int type = tiff.getShort(entry + 2) & 0xFFFF;
                int value = type == 3 ? tiff.getShort(entry + 8) & 0xFFFF : tiff.getInt(entry + 8);
                if (tag == 0x0100) {
                    width = value;
                } else if (tag == 0x0101) {
                    height = value;
                }
            }
            return new int[] {width, height};
        } catch (IndexOutOfBoundsException outside) {
            return new int[] {0, 0};
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (b.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int be16(byte[] b, int at) {
        return (u8(b, at) << 8) | u8(b, at + 1);
    }

    static int be32(byte[] b, int at) {
        return (be16(b, at) << 16) | be16(b, at + 2);
    }

    private static int le16(byte[] b, int at) {
        return u8(b, at) | (u8(b, at + 1) << 8);
    }

    private static int le24(byte[] b, int at) {
        return le16(b, at) | (u8(b, at + 2) << 16);
    }

    private static int le32(byte[] b, int at) {
        return le24(b, at) | (u8(b, at + 3) << 24);
    }
}
