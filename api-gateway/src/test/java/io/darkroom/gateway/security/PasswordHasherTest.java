package io.darkroom.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void aHashIsSaltedArgon2idAndVerifiesOnlyItsPassword() {
        String first = PasswordHasher.hashNow("correct horse battery");
        String second = PasswordHasher.hashNow("correct horse battery");
        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(second);
        assertThat(hasher.verifyNow("correct horse battery", first)).isTrue();
        assertThat(hasher.verifyNow("correct horse batterY", first)).isFalse();
        assertThat(hasher.verifyNow("", first)).isFalse();
    }

    @Test
    void malformedOrGreedyHashesNeverMatch() {
        assertThat(hasher.verifyNow("x", null)).isFalse();
        assertThat(hasher.verifyNow("x", "$2a$10$bcryptlooking")).isFalse();
        assertThat(hasher.verifyNow("x", "$argon2id$v=19$m=4194304,t=1,p=1$AAAA$AAAA")).isFalse();
        assertThat(hasher.verifyNow("x", "$argon2id$v=19$m=19456,t=2,p=1$!!$??")).isFalse();
    }

    @Test
    void theAsyncFormsAgreeWithTheBlockingOnes() {
        String hash = hasher.hash("family photos 2024").await().indefinitely();
        assertThat(hasher.verify("family photos 2024", hash).await().indefinitely()).isTrue();
        assertThat(hasher.verify("family photos 2025", hash).await().indefinitely()).isFalse();
    }
}
