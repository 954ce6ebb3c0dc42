-- Version 5: knowledge bases — documents, chunks, keyword and vector indexes, citations.
-- Never edit this file once released.

-- A knowledge base. settings holds chunking, cleaning and retrieval choices (JSON, see
-- KnowledgeSettings); the embedding model is optional (keyword retrieval needs none).
CREATE TABLE knowledge_bases (
    id                       TEXT PRIMARY KEY NOT NULL,
    name                     TEXT NOT NULL,
    description              TEXT NOT NULL DEFAULT '',
    settings                 TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    embedding_connection_id  TEXT REFERENCES connections(id) ON DELETE SET NULL,
    embedding_model          TEXT,
    generation               INTEGER NOT NULL DEFAULT 0,  -- bumped when its chunks or vectors change
    created_at               INTEGER NOT NULL,
    updated_at               INTEGER NOT NULL
);
CREATE UNIQUE INDEX knowledge_bases_name ON knowledge_bases (name COLLATE NOCASE);

-- A document's bytes, stored once per content (the id is the SHA-256 in hex), in parts of at most
-- 1 MiB so that a large file is copied in and read back in bounded memory.
CREATE TABLE knowledge_files (
    id          TEXT PRIMARY KEY NOT NULL,
    size        INTEGER NOT NULL CHECK (size >= 0),
    parts       INTEGER NOT NULL CHECK (parts >= 0),
    created_at  INTEGER NOT NULL
);
CREATE TABLE knowledge_file_parts (
    file_id  TEXT NOT NULL REFERENCES knowledge_files(id) ON DELETE CASCADE,
    part     INTEGER NOT NULL CHECK (part >= 0),
    data     BLOB NOT NULL,
    PRIMARY KEY (file_id, part)
);

-- A file in a base. The same content is in a base at most once.
CREATE TABLE knowledge_documents (
    id           TEXT PRIMARY KEY NOT NULL,
    base_id      TEXT NOT NULL REFERENCES knowledge_bases(id) ON DELETE CASCADE,
    file_id      TEXT NOT NULL REFERENCES knowledge_files(id),
    name         TEXT NOT NULL,
    source_path  TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN
                     ('waiting', 'parsing', 'splitting', 'indexing', 'embedding', 'completed', 'error', 'paused')),
    error        TEXT NOT NULL DEFAULT '',
    enabled      INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    chunk_count  INTEGER NOT NULL DEFAULT 0,
    token_count  INTEGER NOT NULL DEFAULT 0,
    char_count   INTEGER NOT NULL DEFAULT 0,
    position     INTEGER NOT NULL,            -- the order documents were added in
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    indexed_at   INTEGER,
    UNIQUE (base_id, file_id)
);
CREATE INDEX knowledge_documents_file ON knowledge_documents (file_id);
CREATE INDEX knowledge_documents_order ON knowledge_documents (base_id, position);
CREATE INDEX knowledge_documents_search ON knowledge_documents (id, enabled, indexed_at);
-- The ingestion queue: the next waiting document without a scan.
CREATE INDEX knowledge_documents_waiting ON knowledge_documents (created_at, position) WHERE status = 'waiting';

-- The bytes go with the last document that refers to them.
CREATE TRIGGER knowledge_documents_release AFTER DELETE ON knowledge_documents
WHEN NOT EXISTS (SELECT 1 FROM knowledge_documents WHERE file_id = OLD.file_id)
BEGIN
    DELETE FROM knowledge_files WHERE id = OLD.file_id;
END;

-- Chunks of a document. seq never changes and is never reused (citations refer to it).
CREATE TABLE knowledge_chunks (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id   TEXT NOT NULL REFERENCES knowledge_documents(id) ON DELETE CASCADE,
    base_id       TEXT NOT NULL REFERENCES knowledge_bases(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 0),
    content       TEXT NOT NULL,
    tokens        INTEGER NOT NULL DEFAULT 0,
    content_hash  TEXT NOT NULL,               -- SHA-256 of the UTF-8 text, hex: the embedding cache key
    hit_count     INTEGER NOT NULL DEFAULT 0,
    enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    edited        INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
    updated_at    INTEGER NOT NULL,
    UNIQUE (document_id, position)
);
-- A base's chunks in the order they were made (appending stays cheap as the base grows).
CREATE INDEX knowledge_chunks_base ON knowledge_chunks (base_id);
-- What keyword search checks for every chunk that matches, without reading the chunks' text.
CREATE INDEX knowledge_chunks_search ON knowledge_chunks (seq, base_id, enabled, document_id);

-- Keyword index over chunk text (rowid = knowledge_chunks.seq). The text indexed is the chunk in
-- "index form" (CJK characters spaced apart so that each is a word); kept in step by the storage
-- layer on insert and edit, and here on delete.
CREATE VIRTUAL TABLE knowledge_fts USING fts5(
    content, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
-- How many chunks hold each word: a query leaves out words that are in most chunks (they say
-- little about relevance and would make it rank nearly every chunk).
CREATE VIRTUAL TABLE knowledge_fts_terms USING fts5vocab('knowledge_fts', 'row');
CREATE TRIGGER knowledge_chunks_fts_delete AFTER DELETE ON knowledge_chunks BEGIN
    DELETE FROM knowledge_fts WHERE rowid = OLD.seq;
END;

-- Embeddings, keyed by what was embedded and by whom: model_key is "<connection id>/<model>". A chunk's
-- vector is found through its content_hash, so the same text is embedded once per model however
-- many bases hold it, and vectors of different models are never mixed. vector: float32,
-- little-endian, unit length.
CREATE TABLE knowledge_embeddings (
    model_key     TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    dims          INTEGER NOT NULL CHECK (dims > 0),
    vector        BLOB NOT NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (model_key, content_hash)
);

-- Every retrieval (the test panel, the CLI, chats): what was asked and what came back.
CREATE TABLE knowledge_queries (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    base_id      TEXT NOT NULL REFERENCES knowledge_bases(id) ON DELETE CASCADE,
    query        TEXT NOT NULL,
    mode         TEXT NOT NULL CHECK (mode IN ('keyword', 'vector', 'hybrid')),
    top_k        INTEGER NOT NULL,
    results      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(results)),
    source       TEXT NOT NULL DEFAULT '',    -- test | cli | chat
    duration_ms  REAL NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL
);
CREATE INDEX knowledge_queries_base ON knowledge_queries (base_id, created_at);

-- Knowledge bases attached to a chat: retrieved from on every question.
CREATE TABLE chat_knowledge (
    chat_id  TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    base_id  TEXT NOT NULL REFERENCES knowledge_bases(id) ON DELETE CASCADE,
    PRIMARY KEY (chat_id, base_id)
) WITHOUT ROWID;

-- The sources of an answer, numbered as the answer cites them. What was cited is copied (names and
-- snippet), so a citation still reads right after its document is edited or deleted.
CREATE TABLE message_citations (
    message_id     TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    number         INTEGER NOT NULL CHECK (number >= 1),
    base_id        TEXT,
    base_name      TEXT NOT NULL DEFAULT '',
    document_id    TEXT,
    document_name  TEXT NOT NULL DEFAULT '',
    chunk_seq      INTEGER,
    chunk_position INTEGER,
    score          REAL NOT NULL DEFAULT 0,
    snippet        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (message_id, number)
) WITHOUT ROWID;
