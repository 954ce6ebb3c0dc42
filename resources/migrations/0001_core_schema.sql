-- Cairn core schema, version 1.
-- Applied in one transaction by the Migrator. Never edit this file once released: later changes
-- go into new, higher-numbered migrations.
-- Conventions: ids are TEXT (UUIDs); timestamps are INTEGER milliseconds since the Unix epoch, UTC;
-- JSON columns hold objects or arrays and are checked with json_valid().

-- Local accounts: app-level access control on a shared machine (not cryptographic separation).
CREATE TABLE accounts (
    id             TEXT PRIMARY KEY NOT NULL,
    name           TEXT NOT NULL,
    email          TEXT COLLATE NOCASE UNIQUE,
    role           TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('admin', 'user', 'pending')),
    password_hash  TEXT,                      -- argon2id encoded hash; NULL: no local sign-in
    profile_image  BLOB,
    settings       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    last_active_at INTEGER
);

-- Model server connections. The API key lives in the OS keychain; key_ref names the entry.
CREATE TABLE connections (
    id                    TEXT PRIMARY KEY NOT NULL,
    name                  TEXT NOT NULL UNIQUE,
    kind                  TEXT NOT NULL CHECK (kind IN ('openai', 'ollama', 'anthropic')),
    base_url              TEXT NOT NULL,
    key_ref               TEXT,
    headers               TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(headers)),
    enabled               INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    connect_timeout_ms    INTEGER NOT NULL DEFAULT 10000,
    first_byte_timeout_ms INTEGER NOT NULL DEFAULT 60000,
    idle_timeout_ms       INTEGER NOT NULL DEFAULT 60000,
    price_input_per_mtok  REAL,
    price_output_per_mtok REAL,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL
);

-- Nested folders; a name is unique among its siblings.
CREATE TABLE folders (
    id          TEXT PRIMARY KEY NOT NULL,
    account_id  TEXT REFERENCES accounts(id) ON DELETE CASCADE,
    parent_id   TEXT REFERENCES folders(id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    is_expanded INTEGER NOT NULL DEFAULT 0 CHECK (is_expanded IN (0, 1)),
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX folders_unique_name
    ON folders (ifnull(account_id, ''), ifnull(parent_id, ''), name COLLATE NOCASE);
CREATE INDEX folders_parent ON folders (parent_id);

CREATE TABLE chats (
    id                 TEXT PRIMARY KEY NOT NULL,
    account_id         TEXT REFERENCES accounts(id) ON DELETE CASCADE,
    folder_id          TEXT REFERENCES folders(id) ON DELETE SET NULL,
    title              TEXT NOT NULL DEFAULT '',
    current_message_id TEXT REFERENCES messages(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    connection_id      TEXT REFERENCES connections(id) ON DELETE SET NULL,
    model              TEXT,
    system_prompt      TEXT,
    params             TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(params)),
    pinned             INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    archived           INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    meta               TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta)),
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX chats_list ON chats (archived, pinned DESC, updated_at DESC);
CREATE INDEX chats_folder ON chats (folder_id);
CREATE INDEX chats_account ON chats (account_id);

-- Messages form a tree per chat through parent_id: regenerating adds a sibling answer, editing a
-- user message adds a sibling branch. Usage, latency, status and error are kept per answer.
CREATE TABLE messages (
    id                TEXT PRIMARY KEY NOT NULL,
    chat_id           TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    parent_id         TEXT REFERENCES messages(id) ON DELETE CASCADE,
    role              TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content           TEXT NOT NULL DEFAULT '',
    reasoning         TEXT,                  -- thinking / reasoning text, shown apart
    connection_id     TEXT REFERENCES connections(id) ON DELETE SET NULL,
    model             TEXT,
    status            TEXT NOT NULL DEFAULT 'done'
                      CHECK (status IN ('done', 'streaming', 'stopped', 'error', 'interrupted')),
    error             TEXT,
    finish_reason     TEXT,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    first_token_ms    INTEGER,               -- time to first token
    latency_ms        INTEGER,               -- request to last byte
    cost              REAL,                  -- in the connection's currency, when it has prices
    rating            INTEGER CHECK (rating IS NULL OR rating IN (-1, 1)),
    rating_comment    TEXT,
    meta              TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta)),
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX messages_chat ON messages (chat_id, created_at);
CREATE INDEX messages_parent ON messages (parent_id);

CREATE TABLE tags (
    id         TEXT PRIMARY KEY NOT NULL,
    account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    color      TEXT,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX tags_unique_name ON tags (ifnull(account_id, ''), name COLLATE NOCASE);

CREATE TABLE chat_tags (
    chat_id TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    tag_id  TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (chat_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX chat_tags_tag ON chat_tags (tag_id);

-- Versioned key/value settings; value is JSON.
CREATE TABLE config (
    key        TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL CHECK (json_valid(value)),
    version    INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL
);
