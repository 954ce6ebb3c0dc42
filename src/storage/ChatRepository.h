#pragma once

#include "common/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace cairn {

struct ChatRecord {
    QString id;
    QString folderId; // empty: the root
    QString title;
    QString currentMessageId; // the message in view (the leaf of the branch the user is on)
    QString connectionId;
    QString model;
    QString systemPrompt;
    QJsonObject params;
    bool pinned = false;
    bool archived = false;
    QJsonObject meta;
    qint64 createdAt = 0; // ms since the epoch, UTC
    qint64 updatedAt = 0;
    QString sourceKey; // where an imported chat came from; empty for chats made here
    QStringList tags;
};

// A file attached to a message (its bytes are read apart, see ChatRepository::attachmentData).
struct AttachmentRef {
    QString id; // SHA-256 of the bytes, hex
    QString name; // as attached
    QString mime;
    qint64 size = 0;
    QString kind; // text (inlined into the context) | image (sent to vision models)
};

// An attachment with its bytes, as stored or as read from an export.
struct AttachmentData {
    AttachmentRef ref;
    QByteArray data;
};

struct MessageRecord {
    QString id;
    QString chatId;
    QString parentId; // empty: a root
    QString role; // system | user | assistant | tool
    QString content;
    QString reasoning;
    QString connectionId;
    QString model;
    QString status = QStringLiteral("done"); // done | streaming | stopped | error | interrupted
    QString error;
    QString finishReason;
    std::optional<qint64> promptTokens;
    std::optional<qint64> completionTokens;
    std::optional<qint64> firstTokenMs;
    std::optional<qint64> latencyMs;
    std::optional<double> cost;
    int rating = 0; // -1, 0 (none), 1
    QString ratingComment;
    QJsonObject meta;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QList<AttachmentRef> attachments; // loaded by messages() and messagesByIds(), not the outline
};

struct FolderRecord {
    QString id;
    QString parentId; // empty: the root
    QString name;
    bool expanded = false;
    int position = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

// Which chats a list shows.
struct ChatFilter {
    bool archived = false;
    std::optional<QString> folderId; // unset: any folder; empty string: the root only
    QString tag;
};

// A full-text query with its filters. Any text is safe: it is searched for literally.
struct SearchQuery {
    QString text;
    std::optional<QString> folderId;
    QString tag;
    QString model;
    qint64 fromMs = 0; // message time, inclusive; 0: open
    qint64 toMs = 0; // exclusive; 0: open
    std::optional<bool> archived; // unset: both
    int limit = 50;
};

struct SearchHit {
    QString chatId;
    QString chatTitle;
    QString messageId; // empty: the chat's title matched
    QString role;
    QString snippet; // with the matches between \x02 and \x03 (see SearchSnippet)
    double score = 0; // higher is better
    qint64 createdAt = 0;
};

// SQL for chats, their message trees, tags, folders and full-text search. Works on the calling
// thread's connection; writes that belong together go through inTransaction().
class ChatRepository
{
public:
    explicit ChatRepository(QSqlDatabase db) : m_db(std::move(db)) { }

    Result<void> inTransaction(const std::function<Result<void>()> &work);

    // Chats. An empty id gets a new UUID; zero times get "now".
    Result<ChatRecord> createChat(ChatRecord chat);
    Result<ChatRecord> chat(const QString &id);
    Result<QList<ChatRecord>> listChats(const ChatFilter &filter, int offset, int limit);
    Result<qint64> countChats(const ChatFilter &filter);
    // Title, folder, model, prompt, params, pinned, archived, meta; touchUpdated bumps updated_at.
    Result<void> updateChat(const ChatRecord &chat, bool touchUpdated = true);
    Result<void> deleteChat(const QString &id);
    Result<bool> sourceKeyExists(const QString &sourceKey);
    Result<QString> chatIdForSourceKey(const QString &sourceKey);

    // Messages. addMessage also moves the chat's current message to it and bumps updated_at.
    Result<MessageRecord> addMessage(MessageRecord message, bool makeCurrent = true);
    // The message with files (stored once per content; a file with no data must already be stored,
    // as when an edit keeps the original's files), in one transaction.
    Result<MessageRecord> addMessageWithAttachments(
        MessageRecord message, const QList<AttachmentData> &files, bool makeCurrent = true);
    Result<void> updateMessage(const MessageRecord &message);
    // The files of a message with their bytes, in the order they were attached.
    Result<QList<AttachmentData>> attachmentsOf(const QString &messageId);
    Result<AttachmentData> attachment(const QString &attachmentId);
    Result<MessageRecord> message(const QString &id);
    Result<QList<MessageRecord>> messages(const QString &chatId); // every branch, oldest first
    Result<qint64> messageCount(const QString &chatId);
    // Every message's place in the tree without its text (content, reasoning and meta are empty):
    // enough to lay out the branches of a long chat before reading what is on screen.
    Result<QList<MessageRecord>> messageOutline(const QString &chatId);
    // Full messages of a chat by id (any number).
    Result<QList<MessageRecord>> messagesByIds(const QString &chatId, const QStringList &ids);
    // Deletes the message and everything below it; the chat's current message moves to the parent.
    Result<void> deleteMessageSubtree(const QString &id);
    Result<void> setCurrentMessage(const QString &chatId, const QString &messageId);
    Result<void> rateMessage(const QString &id, int rating, const QString &comment);
    // Messages left "streaming" by a process that died become "interrupted"; returns how many.
    Result<int> markInterrupted();

    // Tags (names; case-insensitive, created on first use).
    Result<void> setTags(const QString &chatId, const QStringList &names);
    Result<QStringList> allTags();

    // Folders: names unique per parent (case-insensitive); no cycles.
    Result<FolderRecord> createFolder(const QString &name, const QString &parentId);
    Result<QList<FolderRecord>> folders();
    Result<void> renameFolder(const QString &id, const QString &name);
    Result<void> moveFolder(const QString &id, const QString &newParentId);
    Result<void> setFolderExpanded(const QString &id, bool expanded);
    // Deletes the folder and its subfolders; their chats go to the root, or are deleted too.
    Result<void> deleteFolder(const QString &id, bool deleteChats);
    Result<void> moveChat(const QString &chatId, const QString &folderId);

    Result<QList<SearchHit>> search(const SearchQuery &query);

private:
    Result<void> loadAttachmentRefs(QList<MessageRecord> &messages);
    Result<QString> tagId(const QString &name);
    Result<QStringList> tagsOf(const QString &chatId);

    QSqlDatabase m_db;
};

// Snippets: the text around the first match, with every match marked by kOpen / kClose.
namespace SearchSnippet {
inline constexpr QChar kOpen = QChar(0x02);
inline constexpr QChar kClose = QChar(0x03);
QString make(const QString &text, const QStringList &terms, int width = 160);
// The words of a query as they are searched for (whitespace-separated; quotes group words).
QStringList terms(const QString &query);
} // namespace SearchSnippet

} // namespace cairn

Q_DECLARE_METATYPE(cairn::ChatRecord)
Q_DECLARE_METATYPE(cairn::MessageRecord)
Q_DECLARE_METATYPE(cairn::AttachmentRef)
Q_DECLARE_METATYPE(cairn::AttachmentData)
