package io.darkroom.gateway.domain;

import java.util.Arrays;

/**
 * What an admin or an upload asks ingest-service to scan now: a library root, or one folder of it. Checked here so a
 * malformed request gets a 400 with a reason; whether the root exists is ingest-service's to judge (it owns the roots),
 * and a command naming an unknown root lands on the rescan dead-letter topic with that reason.
 */
public record RescanTarget(String root, String folder) {

    /** Longest folder path accepted: far beyond any real library, short of anything a file system would refuse. */
    static final int MAX_FOLDER_CHARS = 1024;
    static final int MAX_ROOT_CHARS = 64;

    public static RescanTarget of(String root, String folder) {
        if (root == null || root.isBlank()) {
            throw new InvalidRequestException("Name the library root to rescan, e.g. {\"root\": \"family\"}.");
        }
        if (root.length() > MAX_ROOT_CHARS || !root.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidRequestException("A library root name is 1 to " + MAX_ROOT_CHARS
                    + " letters, digits, '.', '_' or '-'.");
        }
        String relative = folder == null ? "" : folder.strip();
        while (relative.endsWith("/")) {
            relative = relative.substring(0, relative.length() - 1);
        }
        if (relative.length() > MAX_FOLDER_CHARS) {
            throw new InvalidRequestException("The folder path is longer than " + MAX_FOLDER_CHARS + " characters.");
        }
        if (relative.startsWith("/") || relative.contains("\\") || relative.indexOf('\0') >= 0
                || Arrays.stream(relative.split("/")).anyMatch(s -> s.equals("..") || s.equals("."))
                || (!relative.isEmpty() && Arrays.stream(relative.split("/")).anyMatch(String::isEmpty))) {
            throw new InvalidRequestException("The folder must be a path inside the root, with forward slashes and no"
                    + " '.' or '..' segments, e.g. \"2024/holidays\".");
        }
        return new RescanTarget(root, relative);
    }

    public boolean wholeRoot() {
        return folder.isEmpty();
    }
}
