package io.darkroom.gateway.security;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), with
 * OWASP's recommended minimum cost. Each hash takes ~19 MiB and tens of milliseconds of CPU, so it never runs on
 * an event loop: a small pool of one thread per core does it, which also bounds the memory a login flood can take.
 */
@ApplicationScoped
public class PasswordHasher {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** Longer passwords are refused before hashing: hashing megabytes is a denial of service. */
    public static final int MAX_PASSWORD_LENGTH = 256;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final ExecutorService pool = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), runnable -> {
                Thread thread = new Thread(runnable, "password-hash");
                thread.setDaemon(true);
                return thread;
            });
    /** Compared against when the username is unknown, so that the answer takes as long as for a known one. */
    private final String decoy = hashNow("decoy password " + System.nanoTime());

    public Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> hashNow(password)).runSubscriptionOn(pool);
    }

    /** Whether the password matches; a null or malformed hash never matches (but costs the same time). */
    public Uni<Boolean> verify(String password, String encoded) {
        return Uni.createFrom().item(() -> verifyNow(password, encoded)).runSubscriptionOn(pool);
    }

    static String hashNow(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    boolean verifyNow(String password, String encoded) {
        Parsed parsed = Parsed.of(encoded);
        if (parsed == null) {
            verifyNow(password, decoy);
            return false;
        }
        byte[] actual = argon2(password, parsed.salt, parsed.memory, parsed.iterations, parsed.parallelism);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    private static byte[] argon2(String password, byte[] salt, int memory, int iterations, int parallelism) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memory).withIterations(iterations).withParallelism(parallelism)
                .build());
        byte[] out = new byte[HASH_BYTES];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }

    /** The fields of a PHC string; null when it is not one of ours. */
    private record Parsed(int memory, int iterations, int parallelism, byte[] salt, byte[] hash) {

        static Parsed of(String encoded) {
            if (encoded == null) {
                return null;
            }
            String[] parts = encoded.split("\\$");
            if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
                return null;
            }
            try {
                int memory = 0;
                int iterations = 0;
                int parallelism = 0;
                for (String parameter : parts[3].split(",")) {
                    int value = Integer.parseInt(parameter.substring(2));
                    switch (parameter.substring(0, 2)) {
                        case "m=" -> memory = value;
                        case "t=" -> iterations = value;
                        case "p=" -> parallelism = value;
                        default -> {
                            return null;
                        }
                    }
                }
                // a hash from the database is trusted, but not to ask for gigabytes
                if (memory < 8 || memory > 256 * 1024 || iterations < 1 || iterations > 10 || parallelism < 1
                        || parallelism > 4) {
                    return null;
                }
                return new Parsed(memory, iterations, parallelism, B64D.decode(parts[4]), B64D.decode(parts[5]));
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                return null;
            }
        }
    }
}
