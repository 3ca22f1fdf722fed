package io.darkroom.thumbnail.domain;

import java.io.IOException;

/**
 * The original is out of reach because its whole library root is (an unmounted share, a folder gone or empty), not
 * because the file was removed. An IOException, so the item waits on its worker like a storage fault
 * ({@link IoRetry}) and is done once the root is back.
 */
public final class RootUnavailableException extends IOException {

    private final String root;

    public RootUnavailableException(String root, IOException cause) {
        super("The library root '" + root + "' is unavailable (not mounted, unreadable or empty)", cause);
        this.root = root;
    }

    public String root() {
        return root;
    }
}
