-- Resumable uploads in progress: the bytes wait in <root>/<upload folder>/.partial/<id> (hidden: ingest skips it)
-- until the last chunk, then move into the library. id is a random token that only its uploader knows.
CREATE TABLE upload (
    id              CHAR(43)      NOT NULL,
    account_id      BIGINT        NOT NULL,
    file_name       VARCHAR(255)  NOT NULL,
    size_bytes      BIGINT        NOT NULL,
    received_bytes  BIGINT        NOT NULL DEFAULT 0,
    -- optional: the SHA-256 the client says the whole file has, checked before it enters the library
    sha256          CHAR(64)      NULL,
    created_at      DATETIME(3)   NOT NULL,
    -- where the finished file went, relative to the root; NULL while uploading
    library_path    VARCHAR(1024) NULL,
    PRIMARY KEY (id),
    KEY idx_upload_account (account_id),
    CONSTRAINT fk_upload_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
