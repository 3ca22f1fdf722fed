package io.darkroom.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random bearer secrets (session ids, API tokens, share tokens) and the digest we store instead of them. 256 random
 * bits need no slow hash: nobody can guess or brute-force them, so a plain SHA-256 keeps a database dump useless.
 */
public final class SecretTokens {

    /** API tokens carry a prefix so that secret scanners and people recognise them. */
    public static final String API_TOKEN_PREFIX = "drk_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_LENGTH = 128;

    private SecretTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether a presented secret is worth a database lookup: our alphabet, a sane length. */
    public static boolean plausible(String secret) {
        return secret != null && !secret.isEmpty() && secret.length() <= MAX_LENGTH
                && secret.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'));
    }
}
