package io.darkroom.gateway.domain;

import java.util.List;

/**
 * A folder of the library named in a request ({@code root} and {@code folder}): checked, and without its outer
 * slashes ('' is the top of the root). Used by the folder listing and the timeline's folder filter alike.
 */
public final class LibraryFolder {

    private LibraryFolder() {
    }

    public static String clean(String root, String folder) {
        String clean = folder == null ? "" : folder.replaceAll("^/+|/+$", "");
        if (root == null || root.isBlank() || root.length() > 64 || clean.length() > 1024 || clean.contains("\\")
                || List.of(clean.split("/")).contains("..") || clean.contains("//")) {
            throw new InvalidRequestException("root and folder name a folder of the library, such as root=family"
                    + " and folder=2024/holidays.");
        }
        return clean;
    }
}
