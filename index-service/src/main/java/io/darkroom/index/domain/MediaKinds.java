package io.darkroom.index.domain;

import io.darkroom.events.MediaKind;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What kind of item a detected MIME type is; empty for content Darkroom does not catalogue. */
public final class MediaKinds {

    private static final Set<String> RAW_TYPES = Set.of(
            "image/x-adobe-dng", "image/x-canon-cr2", "image/x-canon-cr3", "image/x-canon-crw",
            "image/x-nikon-nef", "image/x-nikon-nrw", "image/x-sony-arw", "image/x-sony-srf", "image/x-sony-sr2",
            "image/x-fuji-raf", "image/x-olympus-orf", "image/x-panasonic-rw2", "image/x-panasonic-raw",
            "image/x-pentax-pef", "image/x-samsung-srw", "image/x-sigma-x3f", "image/x-kodak-dcr",
            "image/x-kodak-kdc", "image/x-minolta-mrw", "image/x-leica-rwl", "image/x-phaseone-iiq",
            "image/x-hasselblad-3fr", "image/x-epson-erf", "image/x-raw-adobe", "image/x-raw-canon",
            "image/x-raw-nikon", "image/x-raw-sony", "image/x-raw-fuji", "image/x-raw-olympus",
            "image/x-raw-panasonic", "image/x-raw-pentax");

    /** Image types that are documents or icons rather than photos. */
    private static final Set<String> NOT_PHOTOS = Set.of("image/svg+xml", "image/vnd.microsoft.icon", "image/x-icon");

    private MediaKinds() {
    }

    public static Optional<MediaKind> of(String mimeType) {
        if (mimeType == null) {
            return Optional.empty();
        }
        String type = baseType(mimeType);
        if (RAW_TYPES.contains(type) || type.startsWith("image/x-raw-")) {
            return Optional.of(MediaKind.RAW);
        }
        if (type.startsWith("image/") && !NOT_PHOTOS.contains(type)) {
            return Optional.of(MediaKind.IMAGE);
        }
        if (type.startsWith("video/") || type.equals("application/mp4")) {
            return Optional.of(MediaKind.VIDEO);
        }
        return Optional.empty();
    }

    /** {@code image/jpeg; charset=x} → {@code image/jpeg}. */
    public static String baseType(String mimeType) {
        int semicolon = mimeType.indexOf(';');
        return (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
