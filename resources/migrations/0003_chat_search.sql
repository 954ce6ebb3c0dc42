-- Version 3: full-text search over chat titles and message text, and import bookkeeping.
-- Never edit this file once released.

-- Where an imported chat came from ("openwebui:<id>", "chatgpt:<id>", "cairn:<id>"), so that
-- importing the same file again creates no duplicates.
ALTER TABLE chats ADD COLUMN source_key TEXT;
CREATE UNIQUE INDEX chats_source_key ON chats (source_key) WHERE source_key IS NOT NULL;

-- A stable integer per row for the search indexes. (The implicit rowid of a table with a TEXT
-- primary key may change on VACUUM, so the indexes cannot rely on it.)
ALTER TABLE messages ADD COLUMN seq INTEGER;
CREATE UNIQUE INDEX messages_seq ON messages (seq);
ALTER TABLE chats ADD COLUMN seq INTEGER;
CREATE UNIQUE INDEX chats_seq ON chats (seq);

-- Contentless trigram indexes: any script (CJK included) is searchable by substring, case and
-- diacritics folded; the text itself stays only in messages / chats. Snippets are cut from there.
CREATE VIRTUAL TABLE messages_fts USING fts5(
    content, content = '', contentless_delete = 1, tokenize = 'trigram remove_diacritics 1');
CREATE VIRTUAL TABLE chats_fts USING fts5(
    title, content = '', contentless_delete = 1, tokenize = 'trigram remove_diacritics 1');

UPDATE messages SET seq = rowid;
INSERT INTO messages_fts (rowid, content) SELECT seq, content FROM messages;
UPDATE chats SET seq = rowid;
INSERT INTO chats_fts (rowid, title) SELECT seq, title FROM chats;

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    UPDATE messages SET seq = (SELECT ifnull(max(seq), 0) + 1 FROM messages) WHERE id = NEW.id;
    INSERT INTO messages_fts (rowid, content) SELECT seq, NEW.content FROM messages WHERE id = NEW.id;
END;
-- An answer is indexed once it stops streaming (not at every periodic save of its growing text).
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, status ON messages
WHEN NEW.status <> 'streaming' AND (OLD.content IS NOT NEW.content OR OLD.status = 'streaming') BEGIN
    DELETE FROM messages_fts WHERE rowid = OLD.seq;
    INSERT INTO messages_fts (rowid, content) VALUES (NEW.seq, NEW.content);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    DELETE FROM messages_fts WHERE rowid = OLD.seq;
END;

CREATE TRIGGER chats_fts_insert AFTER INSERT ON chats BEGIN
    UPDATE chats SET seq = (SELECT ifnull(max(seq), 0) + 1 FROM chats) WHERE id = NEW.id;
    INSERT INTO chats_fts (rowid, title) SELECT seq, NEW.title FROM chats WHERE id = NEW.id;
END;
CREATE TRIGGER chats_fts_update AFTER UPDATE OF title ON chats
WHEN OLD.title IS NOT NEW.title BEGIN
    DELETE FROM chats_fts WHERE rowid = OLD.seq;
    INSERT INTO chats_fts (rowid, title) VALUES (NEW.seq, NEW.title);
END;
CREATE TRIGGER chats_fts_delete AFTER DELETE ON chats BEGIN
    DELETE FROM chats_fts WHERE rowid = OLD.seq;
END;

-- The chat list: pinned first, then the most recently updated, per view (archived or not).
CREATE INDEX chats_list_folder ON chats (folder_id, archived, pinned DESC, updated_at DESC);
-- Deleting a message sets chats.current_message_id to NULL where it pointed at it: without this
-- index every deleted message would scan all chats.
CREATE INDEX chats_current_message ON chats (current_message_id);
CREATE INDEX messages_model ON messages (model);
-- Opening a long chat reads every message's place in the tree from this index alone, without
-- touching the (long) text of each row.
CREATE INDEX messages_outline
    ON messages (chat_id, created_at, seq, id, parent_id, role, status, model, rating, updated_at);
-- Newest first for searches without an indexable term (all terms shorter than three characters).
CREATE INDEX messages_created ON messages (created_at);
-- Answers left streaming by a process that died, found at start without a scan.
CREATE INDEX messages_streaming ON messages (status) WHERE status = 'streaming';
