package io.darkroom.localstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local system's first admin password: {@code DARKROOM_ADMIN_PASSWORD} when set, else a random one kept in
 * {@code <data>/admin-password} (readable by its owner only) so that the next start, the progress line and the
 * end-to-end tests find it. The gateway uses it only at its first start, to create the admin.
 */
public final class AdminPassword {

    public static final String FILE = "admin-password";

    private AdminPassword() {
    }

    public static String of(Path dataDir) {
        String fromEnv = System.getenv("DARKROOM_ADMIN_PASSWORD");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(dataDir);
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.writeString(file, password + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the file keeps the folder's permissions
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the admin password in " + file, e);
        }
    }
}
