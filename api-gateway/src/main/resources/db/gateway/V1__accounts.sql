-- api-gateway's own tables: who may see what. index-service owns media_item and friends; these have their own
-- Flyway history (gateway_schema_history). Secrets (session ids, API tokens, share tokens) are stored only as their
-- SHA-256: a leaked dump opens nothing. Passwords are Argon2id strings.

CREATE TABLE account (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    username        VARCHAR(64)  NOT NULL,
    password_hash   VARCHAR(255) NOT NULL,
    -- ADMIN, USER, VIEWER
    role            VARCHAR(16)  NOT NULL,
    disabled        BOOLEAN      NOT NULL DEFAULT FALSE,
    -- consecutive failed logins; at the limit the account is locked until locked_until
    failed_logins   INT          NOT NULL DEFAULT 0,
    locked_until    DATETIME(3)  NULL,
    created_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_account_username (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE account_session (
    id_hash         BINARY(32)   NOT NULL,
    account_id      BIGINT       NOT NULL,
    -- the synchronizer token a cookie session must echo in X-CSRF-Token on every unsafe request
    csrf_token      VARCHAR(64)  NOT NULL,
    created_at      DATETIME(3)  NOT NULL,
    last_seen_at    DATETIME(3)  NOT NULL,
    expires_at      DATETIME(3)  NOT NULL,
    client_ip       VARCHAR(45)  NULL,
    PRIMARY KEY (id_hash),
    KEY idx_session_account (account_id),
    CONSTRAINT fk_session_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE = InnoDB;

CREATE TABLE api_token (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    account_id      BIGINT       NOT NULL,
    name            VARCHAR(100) NOT NULL,
    token_hash      BINARY(32)   NOT NULL,
    created_at      DATETIME(3)  NOT NULL,
    last_used_at    DATETIME(3)  NULL,
    revoked_at      DATETIME(3)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_token_hash (token_hash),
    KEY idx_token_account (account_id),
    CONSTRAINT fk_token_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE share_link (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    token_hash      BINARY(32)   NOT NULL,
    created_by      BIGINT       NOT NULL,
    -- ITEM or ALBUM, and the id it opens
    scope           VARCHAR(8)   NOT NULL,
    target_id       BIGINT       NOT NULL,
    -- NULL when the link needs no password
    password_hash   VARCHAR(255) NULL,
    expires_at      DATETIME(3)  NULL,
    revoked_at      DATETIME(3)  NULL,
    created_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_share_token (token_hash),
    KEY idx_share_creator (created_by),
    CONSTRAINT fk_share_creator FOREIGN KEY (created_by) REFERENCES account (id) ON DELETE CASCADE
) ENGINE = InnoDB;

-- A password-protected link, once unlocked: the holder presents this grant instead of the password.
CREATE TABLE share_grant (
    grant_hash      BINARY(32)   NOT NULL,
    share_id        BIGINT       NOT NULL,
    expires_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (grant_hash),
    KEY idx_grant_share (share_id),
    CONSTRAINT fk_grant_share FOREIGN KEY (share_id) REFERENCES share_link (id) ON DELETE CASCADE
) ENGINE = InnoDB;

CREATE TABLE audit_event (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    at              DATETIME(3)  NOT NULL,
    -- the username, or NULL for an anonymous caller
    actor           VARCHAR(64)  NULL,
    -- LOGIN, LOGIN_FAILED, LOCKED_OUT, LOGOUT, USER_CREATED, ...
    action          VARCHAR(32)  NOT NULL,
    target          VARCHAR(255) NULL,
    client_ip       VARCHAR(45)  NULL,
    PRIMARY KEY (id),
    KEY idx_audit_at (at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
