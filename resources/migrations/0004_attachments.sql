-- Version 4: files attached to messages.
-- Never edit this file once released.

-- The bytes of an attached file, stored once per content (the id is its SHA-256 in hex) inside the
-- encrypted database, never as base64 in a message's text: chat lists and search never read them.
CREATE TABLE attachments (
    id          TEXT PRIMARY KEY NOT NULL,   -- SHA-256 of data, lower-case hex
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL CHECK (size >= 0),
    data        BLOB NOT NULL,
    created_at  INTEGER NOT NULL
);

-- Which files a message carries, in the order they were attached, under the name they had.
CREATE TABLE message_attachments (
    message_id     TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL CHECK (position >= 0),
    attachment_id  TEXT NOT NULL REFERENCES attachments(id),
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('text', 'image')),
    PRIMARY KEY (message_id, position)
) WITHOUT ROWID;
CREATE INDEX message_attachments_file ON message_attachments (attachment_id);

-- A file no message refers to any more goes with the last reference.
CREATE TRIGGER message_attachments_release AFTER DELETE ON message_attachments
WHEN NOT EXISTS (SELECT 1 FROM message_attachments WHERE attachment_id = OLD.attachment_id)
BEGIN
    DELETE FROM attachments WHERE id = OLD.attachment_id;
END;
