package io.darkroom.index.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The stack an original belongs to, from its location: files in one folder whose names differ only in extension
 * and case (a RAW+JPEG pair, a Live Photo's {@code IMG_1234.HEIC} and {@code IMG_1234.MOV}, a photo and its
 * {@code .xmp}/{@code .aae} sidecar) and iPhone's edited copy {@code IMG_E1234} share one key. Live Photos whose
 * halves have different names are paired by Apple's ContentIdentifier, stored beside it.
 */
public final class GroupKey {

    private static final Pattern IPHONE_EDIT = Pattern.compile("^img_e(\\d{4,})$");
    /** Google Takeout and editors append these to the media name: {@code IMG_1.jpg.json}, {@code IMG_1.jpg.xmp}. */
    private static final Pattern SECOND_EXTENSION = Pattern.compile("\\.(?:jpe?g|heic|heif|png|dng|cr2|cr3|nef|arw|raf|orf|rw2|mov|mp4)$");

    private GroupKey() {
    }

    /** {@code root:folder/base}, lower case, at most 255 characters (longer keys keep their start and a hash). */
    public static String of(String root, String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        String folder = slash < 0 ? "" : relativePath.substring(0, slash + 1);
        String name = relativePath.substring(slash + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        base = SECOND_EXTENSION.matcher(base).replaceFirst("");
        base = IPHONE_EDIT.matcher(base).replaceFirst("img_$1");
        String key = root + ":" + folder.toLowerCase(Locale.ROOT) + base;
        return key.length() <= 255 ? key : key.substring(0, 230) + "#" + Integer.toHexString(key.hashCode());
    }
}
