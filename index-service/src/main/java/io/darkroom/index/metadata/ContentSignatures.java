package io.darkroom.index.metadata;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The common formats whose first bytes settle the MIME type, so that Tika's chain of detectors (0.4-1.3 ms a file,
 * more than the rest of a read) runs only where they do not. Apart from JPEG, a signature answers only where the
 * name's extension agrees with it: Tika combines its magic with the name (an ISO BMFF file with brand {@code isom}
 * is {@code video/mp4} only when named {@code .mp4}; a {@code 3gp5} one named {@code .mp4} stays {@code video/3gpp}),
 * and for such files it answers what is mapped here. XMP and JSON sidecars count too: a {@code .xmp} beginning with an
 * XMP packet or {@code x:xmpmeta}, a {@code .json} beginning with an object or array. Tests ask Tika for every
 * mapping and for every corpus file.
 * TIFF and the RAW formats stay with Tika: the name refines those.
 */
final class ContentSignatures {

    /** Bytes to read: the longest signature, an ISO BMFF {@code ftyp} box's size, type and major brand. */
    static final int HEAD_LENGTH = 12;

    private static final String PNG = "\u0089PNG\r\n\u001A\n";

    /** Major brands (bytes 8-11 of an {@code ftyp} box first in the file); others (mif1, crx, XAVC, avis...) go to Tika. */
    private static final Map<String, String> BY_BRAND = Map.of("qt  ", "video/quicktime", "isom", "video/mp4",
            "mp41", "video/mp4", "mp42", "video/mp4", "mp4v", "video/mp4", "heic", "image/heic", "heix", "image/heic",
            "avif", "image/avif", "3gp4", "video/3gpp", "3gp5", "video/3gpp");

    /** The extensions Tika's globs give each type: the names under which the signature alone decides. */
    private static final Map<String, Set<String>> EXTENSIONS = Map.of("image/png", Set.of("png"),
            "image/gif", Set.of("gif"), "image/webp", Set.of("webp"), "video/quicktime", Set.of("mov", "qt"),
            "video/mp4", Set.of("mp4"), "image/heic", Set.of("heic"), "image/avif", Set.of("avif"),
            "video/3gpp", Set.of("3gp"), "application/rdf+xml", Set.of("xmp"), "application/json", Set.of("json"));

    private ContentSignatures() {
    }

    /** The type the head settles for a file of this name, or empty where Tika must decide. */
    static Optional<String> mimeType(byte[] head, String fileName) {
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of("image/jpeg"); // whatever the name: Tika's magic and globs agree on any JPEG
        }
        String type = null;
        if (has(head, 0, PNG)) {
            type = "image/png";
        } else if (has(head, 0, "GIF87a") || has(head, 0, "GIF89a")) {
            type = "image/gif";
        } else if (has(head, 0, "RIFF") && has(head, 8, "WEBP")) {
            type = "image/webp";
        } else if (has(head, 4, "ftyp") && head.length >= 12) {
            type = BY_BRAND.get(new String(head, 8, 4, StandardCharsets.ISO_8859_1));
        } else if (has(head, 0, "<?xpacket") || has(head, 0, "<x:xmpmeta")) {
            type = "application/rdf+xml"; // an XMP sidecar (darktable, Lightroom, digiKam)
        } else if (has(head, 0, "{") || has(head, 0, "[")) {
            type = "application/json"; // a JSON sidecar (Google Takeout); only under a .json name, like the rest
        }
        return type != null && EXTENSIONS.get(type).contains(extension(fileName)) ? Optional.of(type) : Optional.empty();
    }

    /**
     * The lower-case extension, or "" where Tika might read the name differently: it parses the name as a URI, so a
     * '#', '?', ':', '%' or '/' can change which name its globs see.
     */
    private static String extension(String fileName) {
        if (fileName.chars().anyMatch(c -> c == '#' || c == '?' || c == ':' || c == '%' || c == '/')) {
            return "";
        }
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Whether the head holds these bytes (ISO-8859-1, one byte a char) at the offset. */
    private static boolean has(byte[] head, int offset, String signature) {
        if (head.length < offset + signature.length()) {
            return false;
        }
        for (int i = 0; i < signature.length(); i++) {
            if ((head[offset + i] & 0xFF) != signature.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
