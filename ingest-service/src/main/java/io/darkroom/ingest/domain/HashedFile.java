package io.darkroom.ingest.domain;

/** A settled file and the SHA-256 of its content. */
public record HashedFile(FileStat stat, String contentHash) {
}
