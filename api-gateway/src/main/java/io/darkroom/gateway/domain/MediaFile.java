package io.darkroom.gateway.domain;

/**
 * What media delivery needs of an item: where its original is, what it is, and where its playable copy is
 * ({@code transcodePath} under the derived-files folder; null with {@code transcodeStatus} DONE when the original
 * itself plays in browsers).
 */
public record MediaFile(long id, String root, String relativePath, String fileName, String contentHash,
        String mimeType, String status, String kind, String transcodeStatus, String transcodePath) {

    public boolean inLibrary() {
        return !"MISSING".equals(status);
    }

    public boolean video() {
        return "VIDEO".equals(kind) || mimeType != null && mimeType.startsWith("video/");
    }
}
