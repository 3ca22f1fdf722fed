package io.darkroom.index.domain;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Text cameras write into EXIF ImageDescription by themselves ({@code OLYMPUS DIGITAL CAMERA}, {@code SAMSUNG},
 * {@code DCIM\100GOPRO}): a placeholder, not a caption anybody wrote, so it is not kept as the description.
 */
public final class Captions {

    private static final Set<String> PLACEHOLDERS = Set.of("olympus digital camera", "sony dsc", "digital camera",
            "konica minolta digital camera", "minolta digital camera", "exif_jpeg_picture", "default", "image",
            "picture", "camera", "<no description>", "no description", "untitled", "sdr", "hdr");
    private static final Pattern FOLDER = Pattern.compile("(?i)^(dcim|\\d{3}[a-z_]{5})([\\\\/].*)?$");

    private Captions() {
    }

    /** Whether an EXIF ImageDescription is a camera's placeholder: a known one, a DCIM folder, or the make/model. */
    public static boolean isPlaceholder(String text, String make, String model) {
        if (text == null) {
            return false;
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        return PLACEHOLDERS.contains(lower) || FOLDER.matcher(lower).matches()
                || (make != null && lower.equals(make.strip().toLowerCase(Locale.ROOT)))
                || (model != null && lower.equals(model.strip().toLowerCase(Locale.ROOT)))
                || (make != null && lower.startsWith(make.strip().toLowerCase(Locale.ROOT) + " digital camera"));
    }
}
