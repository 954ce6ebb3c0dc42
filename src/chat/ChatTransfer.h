#pragma once

#include "common/Result.h"
#include "storage/ChatRepository.h"

#include <QByteArray>

class QIODevice;
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace cairn {

// Moving chats in and out of Cairn.
//
// Import reads our own JSON, Open WebUI chat exports and ChatGPT's conversations.json (the format
// is detected), keeps every branch, timestamp and model name, and writes everything in one
// transaction: a malformed or hostile file imports nothing. A chat imported before (same source and
// id) is skipped, so importing a file twice creates no duplicates.
//
// Export writes our lossless JSON (format "cairn-chats", schema version 1; attached files travel
// in each chat's "files", base64 by SHA-256) or Markdown (the branch in view of each chat).
namespace ChatTransfer {

enum class Format { Unknown, Cairn, OpenWebUi, ChatGpt };

struct ImportedChat {
    ChatRecord chat; // chat.sourceKey identifies it; chat.id empty (a new one is made)
    QString folderPath; // "A/B" (our JSON): created as needed; empty: the root
    QList<MessageRecord> messages; // ids and parent ids as in the file; parents before children
    QString currentId; // the message in view, an id from the file
    QHash<QString, QByteArray> files; // attachment bytes by id (SHA-256), checked (our JSON)
};

struct ImportSummary {
    Format format = Format::Unknown;
    int chats = 0; // imported
    int messages = 0;
    int skipped = 0; // already there
};

// Called with (done, total) chats; return false to cancel.
using Progress = std::function<bool(int done, int total)>;

QString formatName(Format format);
Format detect(const QByteArray &json);
// Parses without touching the database. Errors are InvalidArgument with a message naming the
// problem (and the chat, where there is one).
Result<QList<ImportedChat>> parse(const QByteArray &json, Format *format = nullptr);
// Parses and writes in one transaction.
Result<ImportSummary> import(ChatRepository &repo, const QByteArray &json, const Progress &progress = {});

struct ExportedChat {
    ChatRecord chat;
    QString folderPath;
    QList<MessageRecord> messages;
    QHash<QString, QByteArray> files; // the bytes of the messages' attachments, by id
};

// Reads what export needs: one chat (chatId non-empty) or every chat, archived ones included.
Result<QList<ExportedChat>> collect(
    ChatRepository &repo, const QString &chatId, const Progress &progress = {});
QByteArray toJson(const QList<ExportedChat> &chats);
QByteArray toMarkdown(const QList<ExportedChat> &chats);

enum class ExportFormat { Json, Markdown };
// Writes one chat (chatId non-empty) or every chat to out, a chat at a time, so memory stays that
// of the largest chat however many there are. Returns how many chats were written.
Result<int> write(ChatRepository &repo, QIODevice &out, ExportFormat format, const QString &chatId = {},
    const Progress &progress = {});

} // namespace ChatTransfer

} // namespace cairn
