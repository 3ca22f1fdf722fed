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
    /** Every authenticated request digests its credential: a clone of this skips getInstance's provider lookup. */
    private static final MessageDigest SHA256 = sha256();

    private SecretTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] digest(String secret) {
        return newSha256().digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether a presented secret is worth a database lookup: our alphabet, a sane length. */
    public static boolean plausible(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (c >= 128 || !(Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
