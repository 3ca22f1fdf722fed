package io.darkroom.gateway.domain;

import java.util.Locale;

/**
 * A browser's file name made safe to create in the library: no folders, no control or reserved characters, not
 * hidden (ingest skips hidden files), not too long; the extension is kept (index-service reads content, but people
 * read names).
 */
public final class UploadNames {

    private static final int MAX = 200;

    private UploadNames() {
    }

    public static String clean(String name) {
        if (name == null) {
            throw new InvalidRequestException("Send the file's name.");
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder();
        base.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) || "<>:\"|?*".indexOf(c) >= 0
                ? '_' : c));
        String cleaned = out.toString().strip().replaceAll("^\\.+", "");
        if (cleaned.isEmpty() || cleaned.equals("..")) {
            throw new InvalidRequestException("The file name '" + abbreviate(name) + "' has nothing left to use.");
        }
        if (cleaned.length() > MAX) {
            int dot = cleaned.lastIndexOf('.');
            String extension = dot > 0 && cleaned.length() - dot <= 10 ? cleaned.substring(dot) : "";
            cleaned = cleaned.substring(0, MAX - extension.length()) + extension;
        }
        return cleaned;
    }

    /** {@code name (2).jpg} for the n-th file of the same name. */
    public static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot).toLowerCase(Locale.ROOT)
                : name + " (" + n + ")";
    }

    private static String abbreviate(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "…" : name;
    }
}
