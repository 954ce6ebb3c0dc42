-- Connections to model servers: per-connection options, cached model lists, and the key for
-- setups without a keychain.

-- Protocol options: {"azure_api_version": "...", "anthropic_version": "...",
-- "trusted_cert_sha256": "hex", "max_retries": n}.
ALTER TABLE connections ADD COLUMN options TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options));

-- Only used when no keychain exists and the database is in passphrase mode: the API key then lives
-- here, inside the encrypted database (key_ref = 'db'), never in a plaintext file.
CREATE TABLE connection_secrets (
    connection_id TEXT PRIMARY KEY NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    secret        BLOB NOT NULL
);

-- The models a connection offered when last listed; the user can hide (disable) some.
CREATE TABLE connection_models (
    connection_id  TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    model_id       TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    context_length INTEGER NOT NULL DEFAULT 0,
    capabilities   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(capabilities)),
    enabled        INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    fetched_at     INTEGER NOT NULL,
    PRIMARY KEY (connection_id, model_id)
) WITHOUT ROWID;
