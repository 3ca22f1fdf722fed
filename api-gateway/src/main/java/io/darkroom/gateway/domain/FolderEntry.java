package io.darkroom.gateway.domain;

/** A folder under the one being browsed: its name, its path inside the root, and the items below it (all depths). */
public record FolderEntry(String name, String path, long items) {
}
