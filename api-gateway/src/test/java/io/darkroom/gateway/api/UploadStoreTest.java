package io.darkroom.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** What a user reads when an upload cannot be stored: the cause in words, never an exception's class. */
class UploadStoreTest {

    @Test
    void aReadOnlyRootAFullDiskAndAnyOtherFaultAreToldApart() {
        assertThat(UploadStore.unwritableReason(new FileSystemException("/photos/uploads/.partial/abc", null,
                "Read-only file system"), "family")).isEqualTo("Uploads cannot be stored right now: the library root"
                        + " 'family' is read-only. Send the same request again once it is fixed; nothing received so far"
                        + " is lost.");
        assertThat(UploadStore.unwritableReason(new IOException("No space left on device"), "family"))
                .contains("the library's disk is full");
        assertThat(UploadStore.unwritableReason(new FileAlreadyExistsException("/photos/uploads/2026-11-26"),
                "family")).contains("the upload folder cannot be written").doesNotContain("Exception");
    }
}
