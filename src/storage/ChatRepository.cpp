#include "storage/ChatRepository.h"

#include "storage/Database.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>

namespace cairn {

namespace {

// One page of the chat list at most (each chat's id is a bound variable of the tag query).
constexpr int kMaxPage = 1000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString toJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject fromJson(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

// A null QString binds as SQL NULL; NOT NULL text columns get "" instead.
QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QVariant nullableText(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

QVariant nullableInt(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::LongLong));
}

std::optional<qint64> optionalInt(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toLongLong();
}

Error sqlError(const QSqlQuery &q, const char *context)
{
    return Database::errorFrom(q.lastError(), QCoreApplication::translate("cairn::ChatRepository", context));
}

Error notFound(const QString &what)
{
    return Error::make(ErrorCode::NotFound, what);
}

const char *kChatColumns = "id, folder_id, title, current_message_id, connection_id, model, system_prompt, "
                           "params, pinned, archived, meta, created_at, updated_at, source_key";

ChatRecord chatFrom(const QSqlQuery &q)
{
    ChatRecord c;
    c.id = q.value(0).toString();
    c.folderId = q.value(1).toString();
    c.title = q.value(2).toString();
    c.currentMessageId = q.value(3).toString();
    c.connectionId = q.value(4).toString();
    c.model = q.value(5).toString();
    c.systemPrompt = q.value(6).toString();
    c.params = fromJson(q.value(7));
    c.pinned = q.value(8).toBool();
    c.archived = q.value(9).toBool();
    c.meta = fromJson(q.value(10));
    c.createdAt = q.value(11).toLongLong();
    c.updatedAt = q.value(12).toLongLong();
    c.sourceKey = q.value(13).toString();
    return c;
}

const char *kMessageColumns
    = "id, chat_id, parent_id, role, content, reasoning, connection_id, model, status, error, finish_reason, "
      "prompt_tokens, completion_tokens, first_token_ms, latency_ms, cost, rating, rating_comment, meta, "
      "created_at, updated_at";

MessageRecord messageFrom(const QSqlQuery &q)
{
    MessageRecord m;
    m.id = q.value(0).toString();
    m.chatId = q.value(1).toString();
    m.parentId = q.value(2).toString();
    m.role = q.value(3).toString();
    m.content = q.value(4).toString();
    m.reasoning = q.value(5).toString();
    m.connectionId = q.value(6).toString();
    m.model = q.value(7).toString();
    m.status = q.value(8).toString();
    m.error = q.value(9).toString();
    m.finishReason = q.value(10).toString();
    m.promptTokens = optionalInt(q.value(11));
    m.completionTokens = optionalInt(q.value(12));
    m.firstTokenMs = optionalInt(q.value(13));
    m.latencyMs = optionalInt(q.value(14));
    if (!q.value(15).isNull())
        m.cost = q.value(15).toDouble();
    m.rating = q.value(16).toInt();
    m.ratingComment = q.value(17).toString();
    m.meta = fromJson(q.value(18));
    m.createdAt = q.value(19).toLongLong();
    m.updatedAt = q.value(20).toLongLong();
    return m;
}

void bindMessage(QSqlQuery &q, const MessageRecord &m)
{
    q.bindValue(QStringLiteral(":id"), m.id);
    q.bindValue(QStringLiteral(":chat"), m.chatId);
    q.bindValue(QStringLiteral(":parent"), nullableText(m.parentId));
    q.bindValue(QStringLiteral(":role"), m.role);
    q.bindValue(QStringLiteral(":content"), text(m.content));
    q.bindValue(QStringLiteral(":reasoning"), nullableText(m.reasoning));
    q.bindValue(QStringLiteral(":conn"), nullableText(m.connectionId));
    q.bindValue(QStringLiteral(":model"), nullableText(m.model));
    q.bindValue(QStringLiteral(":status"), m.status);
    q.bindValue(QStringLiteral(":error"), nullableText(m.error));
    q.bindValue(QStringLiteral(":finish"), nullableText(m.finishReason));
    q.bindValue(QStringLiteral(":pt"), nullableInt(m.promptTokens));
    q.bindValue(QStringLiteral(":ct"), nullableInt(m.completionTokens));
    q.bindValue(QStringLiteral(":ftt"), nullableInt(m.firstTokenMs));
    q.bindValue(QStringLiteral(":lat"), nullableInt(m.latencyMs));
    q.bindValue(QStringLiteral(":cost"), m.cost ? QVariant(*m.cost) : QVariant(QMetaType(QMetaType::Double)));
    q.bindValue(QStringLiteral(":rating"),
        m.rating == 0 ? QVariant(QMetaType(QMetaType::Int)) : QVariant(m.rating > 0 ? 1 : -1));
    q.bindValue(QStringLiteral(":rc"), nullableText(m.ratingComment));
    q.bindValue(QStringLiteral(":meta"), toJson(m.meta));
    q.bindValue(QStringLiteral(":created"), m.createdAt);
    q.bindValue(QStringLiteral(":updated"), m.updatedAt);
}

// "\" escapes LIKE's wildcards.
QString likePattern(const QString &term)
{
    QString escaped = term;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    escaped.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

// An FTS5 string literal: the term is matched as it is, operators and all.
QString ftsLiteral(const QString &term)
{
    QString escaped = term;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

const char *kFolderSubtree
    = "WITH RECURSIVE sub(id) AS (SELECT :folder UNION ALL "
      "SELECT f.id FROM folders f JOIN sub ON f.parent_id = sub.id) SELECT id FROM sub";

// Runs a query over any number of ids, 500 bound variables (:m0, :m1, …) at a time. `sql` has %1
// where the list goes; `bind` binds anything else; every row goes to `row`.
Result<void> inIdChunks(const QSqlDatabase &db, const QStringList &ids, const QString &sql,
    const std::function<void(QSqlQuery &)> &bind, const std::function<void(const QSqlQuery &)> &row,
    const char *context)
{
    constexpr qsizetype kChunk = 500;
    for (qsizetype from = 0; from < ids.size(); from += kChunk) {
        const QStringList part = ids.mid(from, kChunk);
        QStringList marks;
        for (qsizetype i = 0; i < part.size(); ++i)
            marks.append(QStringLiteral(":m%1").arg(i));
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(sql.arg(marks.join(QLatin1Char(','))));
        if (bind)
            bind(q);
        for (qsizetype i = 0; i < part.size(); ++i)
            q.bindValue(marks[i], part[i]);
        if (!q.exec())
            return sqlError(q, context);
        while (q.next())
            row(q);
    }
    return {};
}

} // namespace

Result<void> ChatRepository::inTransaction(const std::function<Result<void>()> &work)
{
    return Database::inTransaction(m_db, work);
}

// ---- chats ----------------------------------------------------------------------------------------

Result<ChatRecord> ChatRepository::createChat(ChatRecord c)
{
    if (c.id.isEmpty())
        c.id = newId();
    const qint64 now = nowMs();
    if (c.createdAt <= 0)
        c.createdAt = now;
    if (c.updatedAt <= 0)
        c.updatedAt = c.createdAt;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO chats(id, folder_id, title, connection_id, model, system_prompt, params, pinned, "
        "archived, meta, created_at, updated_at, source_key) VALUES (:id, :folder, :title, :conn, :model, "
        ":prompt, :params, :pinned, :archived, :meta, :created, :updated, :source)"));
    q.bindValue(QStringLiteral(":id"), c.id);
    q.bindValue(QStringLiteral(":folder"), nullableText(c.folderId));
    q.bindValue(QStringLiteral(":title"), text(c.title));
    q.bindValue(QStringLiteral(":conn"), nullableText(c.connectionId));
    q.bindValue(QStringLiteral(":model"), nullableText(c.model));
    q.bindValue(QStringLiteral(":prompt"), nullableText(c.systemPrompt));
    q.bindValue(QStringLiteral(":params"), toJson(c.params));
    q.bindValue(QStringLiteral(":pinned"), c.pinned ? 1 : 0);
    q.bindValue(QStringLiteral(":archived"), c.archived ? 1 : 0);
    q.bindValue(QStringLiteral(":meta"), toJson(c.meta));
    q.bindValue(QStringLiteral(":created"), c.createdAt);
    q.bindValue(QStringLiteral(":updated"), c.updatedAt);
    q.bindValue(QStringLiteral(":source"), nullableText(c.sourceKey));
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not create the chat"));
    if (!c.tags.isEmpty()) {
        if (Result<void> tagged = setTags(c.id, c.tags); !tagged)
            return tagged.error();
    }
    return c;
}

Result<ChatRecord> ChatRepository::chat(const QString &id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM chats WHERE id = :id").arg(QLatin1String(kChatColumns)));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not read the chat"));
    if (!q.next())
        return notFound(QCoreApplication::translate(
            "cairn::ChatRepository", "There is no chat with the id \u201c%1\u201d.")
                            .arg(id));
    ChatRecord c = chatFrom(q);
    q.finish();
    Result<QStringList> tags = tagsOf(c.id);
    if (!tags)
        return tags.error();
    c.tags = tags.value();
    return c;
}

namespace {

QString chatWhere(const ChatFilter &f)
{
    QString where = QStringLiteral("archived = :archived");
    if (f.folderId)
        where += f.folderId->isEmpty() ? QStringLiteral(" AND folder_id IS NULL")
                                       : QStringLiteral(" AND folder_id = :folder");
    if (!f.tag.isEmpty())
        where += QStringLiteral(" AND EXISTS (SELECT 1 FROM chat_tags ct JOIN tags t ON t.id = ct.tag_id "
                                "WHERE ct.chat_id = chats.id AND t.name = :tag COLLATE NOCASE)");
    return where;
}

void bindChatFilter(QSqlQuery &q, const ChatFilter &f)
{
    q.bindValue(QStringLiteral(":archived"), f.archived ? 1 : 0);
    if (f.folderId && !f.folderId->isEmpty())
        q.bindValue(QStringLiteral(":folder"), *f.folderId);
    if (!f.tag.isEmpty())
        q.bindValue(QStringLiteral(":tag"), f.tag);
}

} // namespace

Result<QList<ChatRecord>> ChatRepository::listChats(const ChatFilter &filter, int offset, int limit)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM chats WHERE %2 ORDER BY pinned DESC, updated_at DESC, id "
                             "LIMIT :limit OFFSET :offset")
                  .arg(QLatin1String(kChatColumns), chatWhere(filter)));
    bindChatFilter(q, filter);
    q.bindValue(QStringLiteral(":limit"), std::clamp(limit, 0, kMaxPage));
    q.bindValue(QStringLiteral(":offset"), std::max(offset, 0));
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not list the chats"));
    QList<ChatRecord> out;
    while (q.next())
        out.append(chatFrom(q));
    q.finish();
    // Tags for the page in one query.
    if (!out.isEmpty()) {
        QSqlQuery t(m_db);
        t.setForwardOnly(true);
        QStringList marks;
        for (int i = 0; i < out.size(); ++i)
            marks.append(QStringLiteral(":c%1").arg(i));
        t.prepare(
            QStringLiteral("SELECT ct.chat_id, t.name FROM chat_tags ct JOIN tags t ON t.id = ct.tag_id "
                           "WHERE ct.chat_id IN (%1) ORDER BY t.name COLLATE NOCASE")
                .arg(marks.join(QLatin1Char(','))));
        for (int i = 0; i < out.size(); ++i)
            t.bindValue(marks[i], out[i].id);
        if (!t.exec())
            return sqlError(t, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not list the chats"));
        QHash<QString, qsizetype> row;
        for (qsizetype i = 0; i < out.size(); ++i)
            row.insert(out[i].id, i);
        while (t.next())
            out[row.value(t.value(0).toString())].tags.append(t.value(1).toString());
    }
    return out;
}

Result<qint64> ChatRepository::countChats(const ChatFilter &filter)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM chats WHERE %1").arg(chatWhere(filter)));
    bindChatFilter(q, filter);
    if (!q.exec() || !q.next())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not count the chats"));
    return q.value(0).toLongLong();
}

Result<void> ChatRepository::updateChat(const ChatRecord &c, bool touchUpdated)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "UPDATE chats SET folder_id = :folder, title = :title, connection_id = :conn, model = :model, "
        "system_prompt = :prompt, params = :params, pinned = :pinned, archived = :archived, meta = :meta, "
        "updated_at = CASE WHEN :touch THEN max(updated_at, :now) ELSE updated_at END WHERE id = :id"));
    q.bindValue(QStringLiteral(":folder"), nullableText(c.folderId));
    q.bindValue(QStringLiteral(":title"), text(c.title));
    q.bindValue(QStringLiteral(":conn"), nullableText(c.connectionId));
    q.bindValue(QStringLiteral(":model"), nullableText(c.model));
    q.bindValue(QStringLiteral(":prompt"), nullableText(c.systemPrompt));
    q.bindValue(QStringLiteral(":params"), toJson(c.params));
    q.bindValue(QStringLiteral(":pinned"), c.pinned ? 1 : 0);
    q.bindValue(QStringLiteral(":archived"), c.archived ? 1 : 0);
    q.bindValue(QStringLiteral(":meta"), toJson(c.meta));
    q.bindValue(QStringLiteral(":touch"), touchUpdated ? 1 : 0);
    q.bindValue(QStringLiteral(":now"), nowMs());
    q.bindValue(QStringLiteral(":id"), c.id);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not save the chat"));
    if (q.numRowsAffected() == 0)
        return notFound(QCoreApplication::translate(
            "cairn::ChatRepository", "There is no chat with the id \u201c%1\u201d.")
                            .arg(c.id));
    return {};
}

Result<void> ChatRepository::deleteChat(const QString &id)
{
    // Messages hang from each other with ON DELETE CASCADE; SQLite stops cascading after 1000
    // levels, so a long conversation is cut loose first and then deleted flat.
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("UPDATE messages SET parent_id = NULL WHERE chat_id = :id AND parent_id IS NOT NULL"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not delete the chat"));
    q.prepare(QStringLiteral("DELETE FROM chats WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not delete the chat"));
    if (q.numRowsAffected() == 0)
        return notFound(QCoreApplication::translate(
            "cairn::ChatRepository", "There is no chat with the id \u201c%1\u201d.")
                            .arg(id));
    return {};
}

Result<bool> ChatRepository::sourceKeyExists(const QString &sourceKey)
{
    Result<QString> id = chatIdForSourceKey(sourceKey);
    if (!id)
        return id.error();
    return !id->isEmpty();
}

Result<QString> ChatRepository::chatIdForSourceKey(const QString &sourceKey)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM chats WHERE source_key = :k"));
    q.bindValue(QStringLiteral(":k"), sourceKey);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not read the chat"));
    return q.next() ? q.value(0).toString() : QString();
}

// ---- messages -------------------------------------------------------------------------------------

Result<MessageRecord> ChatRepository::addMessage(MessageRecord m, bool makeCurrent)
{
    if (m.id.isEmpty())
        m.id = newId();
    if (m.createdAt <= 0)
        m.createdAt = nowMs();
    if (m.updatedAt <= 0)
        m.updatedAt = m.createdAt;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO messages(%1) SELECT :id, :chat, :parent, :role, :content, :reasoning, :conn, :model, "
        ":status, :error, :finish, :pt, :ct, :ftt, :lat, :cost, :rating, :rc, :meta, :created, :updated "
        "WHERE :parent IS NULL OR EXISTS (SELECT 1 FROM messages WHERE id = :parent AND chat_id = :chat)")
                  .arg(QLatin1String(kMessageColumns)));
    bindMessage(q, m);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not save the message"));
    if (q.numRowsAffected() == 0) // a parent in another chat would tie two chats' fates together
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate(
                "cairn::ChatRepository", "The message answers one that is not in this chat."));
    if (makeCurrent) {
        QSqlQuery c(m_db);
        c.prepare(QStringLiteral("UPDATE chats SET current_message_id = :m, updated_at = max(updated_at, :t) "
                                 "WHERE id = :chat"));
        c.bindValue(QStringLiteral(":m"), m.id);
        c.bindValue(QStringLiteral(":t"), m.createdAt);
        c.bindValue(QStringLiteral(":chat"), m.chatId);
        if (!c.exec())
            return sqlError(c, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not save the message"));
    }
    return m;
}

Result<void> ChatRepository::updateMessage(const MessageRecord &m)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "UPDATE messages SET content = :content, reasoning = :reasoning, connection_id = :conn, model = "
        ":model, "
        "status = :status, error = :error, finish_reason = :finish, prompt_tokens = :pt, "
        "completion_tokens = :ct, first_token_ms = :ftt, latency_ms = :lat, cost = :cost, rating = :rating, "
        "rating_comment = :rc, meta = :meta, updated_at = :updated WHERE id = :id AND chat_id = :chat "
        "AND role = :role AND parent_id IS :parent AND created_at = :created"));
    MessageRecord copy = m;
    copy.updatedAt = std::max(nowMs(), m.updatedAt);
    bindMessage(q, copy);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not save the message"));
    if (q.numRowsAffected() == 0)
        return notFound(
            QCoreApplication::translate("cairn::ChatRepository", "There is no such message to update."));
    return {};
}

Result<MessageRecord> ChatRepository::message(const QString &id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM messages WHERE id = :id").arg(QLatin1String(kMessageColumns)));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not read the message"));
    if (!q.next())
        return notFound(QCoreApplication::translate(
            "cairn::ChatRepository", "There is no message with the id \u201c%1\u201d.")
                            .arg(id));
    QList<MessageRecord> one {messageFrom(q)};
    if (Result<void> refs = loadAttachmentRefs(one); !refs)
        return refs.error();
    return one.constFirst();
}

Result<QList<MessageRecord>> ChatRepository::messages(const QString &chatId)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM messages WHERE chat_id = :chat ORDER BY created_at, seq")
                  .arg(QLatin1String(kMessageColumns)));
    q.bindValue(QStringLiteral(":chat"), chatId);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not read the messages"));
    QList<MessageRecord> out;
    while (q.next())
        out.append(messageFrom(q));
    if (Result<void> refs = loadAttachmentRefs(out); !refs)
        return refs.error();
    return out;
}

Result<QList<MessageRecord>> ChatRepository::messageOutline(const QString &chatId)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT id, parent_id, role, model, status, rating, created_at, updated_at FROM messages "
        "WHERE chat_id = :chat ORDER BY created_at, seq"));
    q.bindValue(QStringLiteral(":chat"), chatId);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not read the messages"));
    QList<MessageRecord> out;
    while (q.next()) {
        MessageRecord m;
        m.id = q.value(0).toString();
        m.chatId = chatId;
        m.parentId = q.value(1).toString();
        m.role = q.value(2).toString();
        m.model = q.value(3).toString();
        m.status = q.value(4).toString();
        m.rating = q.value(5).toInt();
        m.createdAt = q.value(6).toLongLong();
        m.updatedAt = q.value(7).toLongLong();
        out.append(m);
    }
    return out;
}

Result<QList<MessageRecord>> ChatRepository::messagesByIds(const QString &chatId, const QStringList &ids)
{
    QList<MessageRecord> out;
    Result<void> read = inIdChunks(
        m_db, ids,
        QStringLiteral("SELECT %1 FROM messages WHERE chat_id = :chat AND id IN (%2)")
            .arg(QLatin1String(kMessageColumns), QStringLiteral("%1")),
        [&](QSqlQuery &q) { q.bindValue(QStringLiteral(":chat"), chatId); },
        [&](const QSqlQuery &q) { out.append(messageFrom(q)); },
        QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not read the messages"));
    if (!read)
        return read.error();
    if (Result<void> refs = loadAttachmentRefs(out); !refs)
        return refs.error();
    return out;
}

Result<void> ChatRepository::loadAttachmentRefs(QList<MessageRecord> &messages)
{
    // Only user messages carry files; most chats have none, which one indexed probe per chunk finds.
    QHash<QString, qsizetype> at;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        if (messages[i].role == QStringLiteral("user"))
            at.insert(messages[i].id, i);
    }
    return inIdChunks(
        m_db, at.keys(),
        QStringLiteral("SELECT ma.message_id, ma.attachment_id, ma.name, a.mime, a.size, ma.kind "
                       "FROM message_attachments ma JOIN attachments a ON a.id = ma.attachment_id "
                       "WHERE ma.message_id IN (%1) ORDER BY ma.message_id, ma.position"),
        {},
        [&](const QSqlQuery &q) {
            AttachmentRef ref;
            ref.id = q.value(1).toString();
            ref.name = q.value(2).toString();
            ref.mime = q.value(3).toString();
            ref.size = q.value(4).toLongLong();
            ref.kind = q.value(5).toString();
            messages[at.value(q.value(0).toString())].attachments.append(ref);
        },
        QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not read the attachments"));
}

Result<MessageRecord> ChatRepository::addMessageWithAttachments(
    MessageRecord m, const QList<AttachmentData> &files, bool makeCurrent)
{
    MessageRecord added;
    Result<void> done = inTransaction([&]() -> Result<void> {
        Result<MessageRecord> a = addMessage(m, makeCurrent);
        if (!a)
            return a.error();
        added = a.value();
        added.attachments.clear();
        QSqlQuery store(m_db);
        store.prepare(QStringLiteral("INSERT OR IGNORE INTO attachments(id, mime, size, data, created_at) "
                                     "VALUES (:id, :mime, :size, :data, :t)"));
        QSqlQuery link(m_db);
        link.prepare(QStringLiteral("INSERT INTO message_attachments(message_id, position, attachment_id, "
                                    "name, kind) VALUES (:m, :p, :a, :n, :k)"));
        int position = 0;
        for (const AttachmentData &f : files) {
            if (!f.data.isNull()) {
                store.bindValue(QStringLiteral(":id"), f.ref.id);
                store.bindValue(QStringLiteral(":mime"), f.ref.mime);
                store.bindValue(QStringLiteral(":size"), static_cast<qint64>(f.data.size()));
                store.bindValue(QStringLiteral(":data"), f.data);
                store.bindValue(QStringLiteral(":t"), nowMs());
                if (!store.exec())
                    return sqlError(
                        store, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not save the attachment"));
            }
            link.bindValue(QStringLiteral(":m"), added.id);
            link.bindValue(QStringLiteral(":p"), position++);
            link.bindValue(QStringLiteral(":a"), f.ref.id);
            link.bindValue(QStringLiteral(":n"), f.ref.name);
            link.bindValue(QStringLiteral(":k"), f.ref.kind);
            if (!link.exec())
                return sqlError(
                    link, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not save the attachment"));
            AttachmentRef ref = f.ref;
            if (!f.data.isNull())
                ref.size = f.data.size();
            added.attachments.append(ref);
        }
        return {};
    });
    if (!done)
        return done.error();
    return added;
}

Result<QList<AttachmentData>> ChatRepository::attachmentsOf(const QString &messageId)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ma.attachment_id, ma.name, a.mime, a.size, ma.kind, a.data "
                             "FROM message_attachments ma JOIN attachments a ON a.id = ma.attachment_id "
                             "WHERE ma.message_id = :m ORDER BY ma.position"));
    q.bindValue(QStringLiteral(":m"), messageId);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not read the attachments"));
    QList<AttachmentData> out;
    while (q.next()) {
        AttachmentData d;
        d.ref.id = q.value(0).toString();
        d.ref.name = q.value(1).toString();
        d.ref.mime = q.value(2).toString();
        d.ref.size = q.value(3).toLongLong();
        d.ref.kind = q.value(4).toString();
        d.data = q.value(5).toByteArray();
        out.append(d);
    }
    return out;
}

Result<AttachmentData> ChatRepository::attachment(const QString &attachmentId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT a.mime, a.size, a.data, (SELECT name FROM message_attachments "
                             "WHERE attachment_id = a.id LIMIT 1), (SELECT kind FROM message_attachments "
                             "WHERE attachment_id = a.id LIMIT 1) FROM attachments a WHERE a.id = :id"));
    q.bindValue(QStringLiteral(":id"), attachmentId);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not read the attachments"));
    if (!q.next())
        return notFound(QCoreApplication::translate("cairn::ChatRepository", "The attached file is gone."));
    AttachmentData d;
    d.ref.id = attachmentId;
    d.ref.mime = q.value(0).toString();
    d.ref.size = q.value(1).toLongLong();
    d.data = q.value(2).toByteArray();
    d.ref.name = q.value(3).toString();
    d.ref.kind = q.value(4).toString();
    return d;
}

Result<qint64> ChatRepository::messageCount(const QString &chatId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM messages WHERE chat_id = :chat"));
    q.bindValue(QStringLiteral(":chat"), chatId);
    if (!q.exec() || !q.next())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not count the messages"));
    return q.value(0).toLongLong();
}

Result<void> ChatRepository::deleteMessageSubtree(const QString &id)
{
    Result<MessageRecord> m = message(id);
    if (!m)
        return m.error();
    return inTransaction([&]() -> Result<void> {
        // If the current message is in the subtree, the view moves to the deleted message's parent.
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral(
            "UPDATE chats SET current_message_id = :parent, updated_at = max(updated_at, :now) WHERE id = "
            ":chat "
            "AND current_message_id IN (WITH RECURSIVE sub(id) AS (SELECT :id UNION ALL SELECT m.id FROM "
            "messages m JOIN sub ON m.parent_id = sub.id) SELECT id FROM sub)"));
        q.bindValue(QStringLiteral(":parent"), nullableText(m->parentId));
        q.bindValue(QStringLiteral(":now"), nowMs());
        q.bindValue(QStringLiteral(":chat"), m->chatId);
        q.bindValue(QStringLiteral(":id"), id);
        if (!q.exec())
            return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not delete the message"));
        // The subtree is collected first and deleted flat (cascades stop at 1000 levels).
        if (!q.exec(
                QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS doomed(id TEXT PRIMARY KEY) WITHOUT ROWID"))
            || !q.exec(QStringLiteral("DELETE FROM temp.doomed")))
            return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not delete the message"));
        q.prepare(QStringLiteral(
            "INSERT INTO temp.doomed(id) WITH RECURSIVE sub(id) AS (SELECT :id UNION ALL "
            "SELECT m.id FROM messages m JOIN sub ON m.parent_id = sub.id) SELECT id FROM sub"));
        q.bindValue(QStringLiteral(":id"), id);
        if (!q.exec()
            || !q.exec(QStringLiteral(
                "UPDATE messages SET parent_id = NULL WHERE id IN (SELECT id FROM temp.doomed)"))
            || !q.exec(QStringLiteral("DELETE FROM messages WHERE id IN (SELECT id FROM temp.doomed)"))
            || !q.exec(QStringLiteral("DELETE FROM temp.doomed")))
            return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not delete the message"));
        return {};
    });
}

Result<void> ChatRepository::setCurrentMessage(const QString &chatId, const QString &messageId)
{
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("UPDATE chats SET current_message_id = :m WHERE id = :chat AND "
                       "(:m IS NULL OR EXISTS (SELECT 1 FROM messages WHERE id = :m AND chat_id = :chat))"));
    q.bindValue(QStringLiteral(":m"), nullableText(messageId));
    q.bindValue(QStringLiteral(":chat"), chatId);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not save the chat"));
    if (q.numRowsAffected() == 0)
        return notFound(
            QCoreApplication::translate("cairn::ChatRepository", "That message is not part of this chat."));
    return {};
}

Result<void> ChatRepository::rateMessage(const QString &id, int rating, const QString &comment)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE messages SET rating = :r, rating_comment = :c, updated_at = :now "
                             "WHERE id = :id"));
    q.bindValue(QStringLiteral(":r"),
        rating == 0 ? QVariant(QMetaType(QMetaType::Int)) : QVariant(rating > 0 ? 1 : -1));
    q.bindValue(QStringLiteral(":c"), nullableText(comment));
    q.bindValue(QStringLiteral(":now"), nowMs());
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not save the rating"));
    if (q.numRowsAffected() == 0)
        return notFound(QCoreApplication::translate(
            "cairn::ChatRepository", "There is no message with the id \u201c%1\u201d.")
                            .arg(id));
    return {};
}

Result<int> ChatRepository::markInterrupted()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("UPDATE messages SET status = 'interrupted' WHERE status = 'streaming'")))
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not update the messages"));
    return q.numRowsAffected();
}

// ---- tags -----------------------------------------------------------------------------------------

Result<QString> ChatRepository::tagId(const QString &name)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM tags WHERE account_id IS NULL AND name = :n COLLATE NOCASE"));
    q.bindValue(QStringLiteral(":n"), name);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not save the tags"));
    if (q.next())
        return q.value(0).toString();
    q.finish();
    const QString id = newId();
    q.prepare(QStringLiteral("INSERT INTO tags(id, name, created_at) VALUES (:id, :n, :now)"));
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":n"), name);
    q.bindValue(QStringLiteral(":now"), nowMs());
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not save the tags"));
    return id;
}

Result<void> ChatRepository::setTags(const QString &chatId, const QStringList &names)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM chat_tags WHERE chat_id = :c"));
    q.bindValue(QStringLiteral(":c"), chatId);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not save the tags"));
    for (const QString &raw : names) {
        const QString name = raw.simplified();
        if (name.isEmpty())
            continue;
        Result<QString> id = tagId(name);
        if (!id)
            return id.error();
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO chat_tags(chat_id, tag_id) VALUES (:c, :t)"));
        q.bindValue(QStringLiteral(":c"), chatId);
        q.bindValue(QStringLiteral(":t"), id.value());
        if (!q.exec())
            return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not save the tags"));
    }
    return {};
}

Result<QStringList> ChatRepository::tagsOf(const QString &chatId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT t.name FROM chat_tags ct JOIN tags t ON t.id = ct.tag_id "
                             "WHERE ct.chat_id = :c ORDER BY t.name COLLATE NOCASE"));
    q.bindValue(QStringLiteral(":c"), chatId);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not read the tags"));
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

Result<QStringList> ChatRepository::allTags()
{
    QSqlQuery q(m_db);
    if (!q.exec(
            QStringLiteral("SELECT name FROM tags WHERE account_id IS NULL ORDER BY name COLLATE NOCASE")))
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not read the tags"));
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

// ---- folders --------------------------------------------------------------------------------------

namespace {

Error folderNameTaken(const QString &name)
{
    return Error::make(ErrorCode::AlreadyExists,
        QCoreApplication::translate(
            "cairn::ChatRepository", "A folder named \u201c%1\u201d already exists there.")
            .arg(name));
}

Error emptyFolderName()
{
    return Error::make(ErrorCode::InvalidArgument,
        QCoreApplication::translate("cairn::ChatRepository", "A folder needs a name."));
}

bool isUniqueViolation(const QSqlQuery &q)
{
    return q.lastError().nativeErrorCode() == QStringLiteral("2067")
        || q.lastError().nativeErrorCode() == QStringLiteral("1555");
}

} // namespace

Result<FolderRecord> ChatRepository::createFolder(const QString &name, const QString &parentId)
{
    FolderRecord f;
    f.id = newId();
    f.name = name.simplified();
    f.parentId = parentId;
    f.createdAt = f.updatedAt = nowMs();
    if (f.name.isEmpty())
        return emptyFolderName();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO folders(id, parent_id, name, position, created_at, updated_at) VALUES (:id, :parent, "
        ":name, "
        "(SELECT ifnull(max(position), -1) + 1 FROM folders WHERE parent_id IS :parent), :now, :now)"));
    q.bindValue(QStringLiteral(":id"), f.id);
    q.bindValue(QStringLiteral(":parent"), nullableText(parentId));
    q.bindValue(QStringLiteral(":name"), f.name);
    q.bindValue(QStringLiteral(":now"), f.createdAt);
    if (!q.exec()) {
        if (isUniqueViolation(q))
            return folderNameTaken(f.name);
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not create the folder"));
    }
    return f;
}

Result<QList<FolderRecord>> ChatRepository::folders()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id, parent_id, name, is_expanded, position, created_at, updated_at "
                               "FROM folders ORDER BY position, name COLLATE NOCASE")))
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not read the folders"));
    QList<FolderRecord> out;
    while (q.next()) {
        FolderRecord f;
        f.id = q.value(0).toString();
        f.parentId = q.value(1).toString();
        f.name = q.value(2).toString();
        f.expanded = q.value(3).toBool();
        f.position = q.value(4).toInt();
        f.createdAt = q.value(5).toLongLong();
        f.updatedAt = q.value(6).toLongLong();
        out.append(f);
    }
    return out;
}

Result<void> ChatRepository::renameFolder(const QString &id, const QString &name)
{
    const QString clean = name.simplified();
    if (clean.isEmpty())
        return emptyFolderName();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE folders SET name = :name, updated_at = :now WHERE id = :id"));
    q.bindValue(QStringLiteral(":name"), clean);
    q.bindValue(QStringLiteral(":now"), nowMs());
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec()) {
        if (isUniqueViolation(q))
            return folderNameTaken(clean);
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not rename the folder"));
    }
    if (q.numRowsAffected() == 0)
        return notFound(
            QCoreApplication::translate("cairn::ChatRepository", "That folder no longer exists."));
    return {};
}

Result<void> ChatRepository::moveFolder(const QString &id, const QString &newParentId)
{
    if (!newParentId.isEmpty()) {
        // The new parent must not be the folder itself or one of its descendants.
        QSqlQuery c(m_db);
        c.prepare(
            QStringLiteral("WITH RECURSIVE sub(id) AS (SELECT :folder UNION ALL SELECT f.id FROM folders f "
                           "JOIN sub ON f.parent_id = sub.id) SELECT 1 FROM sub WHERE id = :target"));
        c.bindValue(QStringLiteral(":folder"), id);
        c.bindValue(QStringLiteral(":target"), newParentId);
        if (!c.exec())
            return sqlError(c, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not move the folder"));
        if (c.next())
            return Error::make(ErrorCode::InvalidArgument,
                QCoreApplication::translate("cairn::ChatRepository",
                    "A folder cannot be moved into itself or into one of its own subfolders."));
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE folders SET parent_id = :parent, updated_at = :now WHERE id = :id"));
    q.bindValue(QStringLiteral(":parent"), nullableText(newParentId));
    q.bindValue(QStringLiteral(":now"), nowMs());
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec()) {
        if (isUniqueViolation(q))
            return Error::make(ErrorCode::AlreadyExists,
                QCoreApplication::translate(
                    "cairn::ChatRepository", "A folder with the same name already exists there."));
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not move the folder"));
    }
    if (q.numRowsAffected() == 0)
        return notFound(
            QCoreApplication::translate("cairn::ChatRepository", "That folder no longer exists."));
    return {};
}

Result<void> ChatRepository::setFolderExpanded(const QString &id, bool expanded)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE folders SET is_expanded = :e WHERE id = :id"));
    q.bindValue(QStringLiteral(":e"), expanded ? 1 : 0);
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not save the folder"));
    return {};
}

Result<void> ChatRepository::deleteFolder(const QString &id, bool deleteChats)
{
    return inTransaction([&]() -> Result<void> {
        QSqlQuery q(m_db);
        if (deleteChats) { // cut the conversations loose first (cascades stop at 1000 levels)
            q.prepare(QStringLiteral(
                "UPDATE messages SET parent_id = NULL WHERE parent_id IS NOT NULL AND chat_id IN "
                "(SELECT id FROM chats WHERE folder_id IN (%1))")
                          .arg(QLatin1String(kFolderSubtree)));
            q.bindValue(QStringLiteral(":folder"), id);
            if (!q.exec())
                return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not delete the folder"));
        }
        q.prepare(deleteChats ? QStringLiteral("DELETE FROM chats WHERE folder_id IN (%1)")
                                    .arg(QLatin1String(kFolderSubtree))
                              : QStringLiteral("UPDATE chats SET folder_id = NULL WHERE folder_id IN (%1)")
                                    .arg(QLatin1String(kFolderSubtree)));
        q.bindValue(QStringLiteral(":folder"), id);
        if (!q.exec())
            return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not delete the folder"));
        q.prepare(QStringLiteral("DELETE FROM folders WHERE id = :id")); // subfolders cascade
        q.bindValue(QStringLiteral(":id"), id);
        if (!q.exec())
            return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not delete the folder"));
        if (q.numRowsAffected() == 0)
            return notFound(
                QCoreApplication::translate("cairn::ChatRepository", "That folder no longer exists."));
        return {};
    });
}

Result<void> ChatRepository::moveChat(const QString &chatId, const QString &folderId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE chats SET folder_id = :f WHERE id = :id"));
    q.bindValue(QStringLiteral(":f"), nullableText(folderId));
    q.bindValue(QStringLiteral(":id"), chatId);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "Could not move the chat"));
    if (q.numRowsAffected() == 0)
        return notFound(QCoreApplication::translate(
            "cairn::ChatRepository", "There is no chat with the id \u201c%1\u201d.")
                            .arg(chatId));
    return {};
}

// ---- search ---------------------------------------------------------------------------------------

Result<QList<SearchHit>> ChatRepository::search(const SearchQuery &query)
{
    const QStringList terms = SearchSnippet::terms(query.text);
    if (terms.isEmpty())
        return QList<SearchHit> {};
    // Trigram search needs three characters; shorter terms are matched with LIKE.
    QStringList ftsTerms, likeTerms;
    for (const QString &t : terms)
        (t.toUcs4().size() >= 3 ? ftsTerms : likeTerms).append(t);
    const QString match = [&] {
        QStringList parts;
        for (const QString &t : ftsTerms)
            parts.append(ftsLiteral(t));
        return parts.join(QLatin1Char(' '));
    }();
    const int limit = std::clamp(query.limit, 1, 1000);

    QString filters;
    if (query.archived)
        filters += QStringLiteral(" AND c.archived = :archived");
    if (query.folderId)
        filters += query.folderId->isEmpty()
            ? QStringLiteral(" AND c.folder_id IS NULL")
            : QStringLiteral(" AND c.folder_id IN (%1)").arg(QLatin1String(kFolderSubtree));
    if (!query.tag.isEmpty())
        filters += QStringLiteral(" AND EXISTS (SELECT 1 FROM chat_tags ct JOIN tags t ON t.id = ct.tag_id "
                                  "WHERE ct.chat_id = c.id AND t.name = :tag COLLATE NOCASE)");
    const auto bindFilters = [&](QSqlQuery &q) {
        if (query.archived)
            q.bindValue(QStringLiteral(":archived"), *query.archived ? 1 : 0);
        if (query.folderId && !query.folderId->isEmpty())
            q.bindValue(QStringLiteral(":folder"), *query.folderId);
        if (!query.tag.isEmpty())
            q.bindValue(QStringLiteral(":tag"), query.tag);
        for (int i = 0; i < likeTerms.size(); ++i)
            q.bindValue(QStringLiteral(":like%1").arg(i), likePattern(likeTerms[i]));
    };

    QList<SearchHit> hits;
    // Titles first: a chat whose title matches is the likeliest answer. (Not when the query asks
    // for a model or a time range: those describe messages.)
    if (query.model.isEmpty() && query.fromMs == 0 && query.toMs == 0) {
        QString likes;
        for (int i = 0; i < likeTerms.size(); ++i)
            likes += QStringLiteral(" AND c.title LIKE :like%1 ESCAPE '\\'").arg(i);
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(match.isEmpty()
                ? QStringLiteral("SELECT c.id, c.title, c.updated_at, 0 FROM chats c WHERE 1 %1%2 "
                                 "ORDER BY c.updated_at DESC LIMIT :limit")
                      .arg(filters, likes)
                : QStringLiteral("SELECT c.id, c.title, c.updated_at, bm25(chats_fts) AS rank FROM chats_fts "
                                 "JOIN chats c ON c.seq = chats_fts.rowid WHERE chats_fts MATCH :match %1%2 "
                                 "ORDER BY rank LIMIT :limit")
                      .arg(filters, likes));
        if (!match.isEmpty())
            q.bindValue(QStringLiteral(":match"), match);
        q.bindValue(QStringLiteral(":limit"), std::min(limit, 20));
        bindFilters(q);
        if (!q.exec())
            return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "The search failed"));
        while (q.next()) {
            SearchHit h;
            h.chatId = q.value(0).toString();
            h.chatTitle = q.value(1).toString();
            h.createdAt = q.value(2).toLongLong();
            h.snippet = SearchSnippet::make(h.chatTitle, terms);
            h.score = 1000.0 - q.value(3).toDouble();
            hits.append(h);
        }
    }

    QString messageFilters = filters;
    if (!query.model.isEmpty())
        messageFilters += QStringLiteral(" AND m.model = :model");
    if (query.fromMs > 0)
        messageFilters += QStringLiteral(" AND m.created_at >= :from");
    if (query.toMs > 0)
        messageFilters += QStringLiteral(" AND m.created_at < :to");
    for (int i = 0; i < likeTerms.size(); ++i)
        messageFilters += QStringLiteral(" AND m.content LIKE :like%1 ESCAPE '\\'").arg(i);
    const auto bindMessageFilters = [&](QSqlQuery &q) {
        bindFilters(q);
        if (!query.model.isEmpty())
            q.bindValue(QStringLiteral(":model"), query.model);
        if (query.fromMs > 0)
            q.bindValue(QStringLiteral(":from"), query.fromMs);
        if (query.toMs > 0)
            q.bindValue(QStringLiteral(":to"), query.toMs);
    };
    // Ranking every match of a common word over a million messages takes too long: the ranking
    // looks at the most recent kRankWindow matches (found newest-first straight from the index,
    // which stops there), which is where a chat's user looks anyway.
    constexpr int kRankWindow = 500;
    if (!match.isEmpty() && messageFilters.isEmpty()) {
        // Without filters one pass over the index finds the newest matches and ranks them; only
        // the text of the best `limit` is read.
        QSqlQuery w(m_db);
        w.setForwardOnly(true);
        w.prepare(QStringLiteral("SELECT rowid, bm25(messages_fts) FROM messages_fts WHERE messages_fts "
                                 "MATCH :match ORDER BY rowid DESC LIMIT %1")
                      .arg(kRankWindow));
        w.bindValue(QStringLiteral(":match"), match);
        if (!w.exec())
            return sqlError(w, QT_TRANSLATE_NOOP("cairn::ChatRepository", "The search failed"));
        QList<QPair<double, qint64>> ranked; // bm25 (lower is better), seq
        while (w.next())
            ranked.append({w.value(1).toDouble(), w.value(0).toLongLong()});
        std::stable_sort(
            ranked.begin(), ranked.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        ranked = ranked.mid(0, limit);
        QStringList seqs;
        QHash<qint64, double> rankOf;
        for (const auto &[rank, seq] : std::as_const(ranked)) {
            seqs.append(QString::number(seq));
            rankOf.insert(seq, rank);
        }
        QHash<qint64, SearchHit> bySeq;
        Result<void> read = inIdChunks(
            m_db, seqs,
            QStringLiteral(
                "SELECT m.seq, m.id, m.chat_id, c.title, m.role, m.content, m.created_at FROM messages m "
                "JOIN chats c ON c.id = m.chat_id WHERE m.seq IN (%1)"),
            {},
            [&](const QSqlQuery &q) {
                SearchHit h;
                h.messageId = q.value(1).toString();
                h.chatId = q.value(2).toString();
                h.chatTitle = q.value(3).toString();
                h.role = q.value(4).toString();
                h.snippet = SearchSnippet::make(q.value(5).toString(), terms);
                h.createdAt = q.value(6).toLongLong();
                h.score = -rankOf.value(q.value(0).toLongLong());
                bySeq.insert(q.value(0).toLongLong(), h);
            },
            QT_TRANSLATE_NOOP("cairn::ChatRepository", "The search failed"));
        if (!read)
            return read.error();
        for (const auto &[rank, seq] : std::as_const(ranked)) {
            if (bySeq.contains(seq) && hits.size() < limit)
                hits.append(bySeq.value(seq));
        }
        return hits;
    }
    qint64 fromSeq = 0;
    if (!match.isEmpty()) {
        QSqlQuery w(m_db);
        w.setForwardOnly(true);
        // Without filters the index alone answers (no row of messages or chats is read).
        w.prepare(messageFilters.isEmpty()
                ? QStringLiteral("SELECT min(r) FROM (SELECT rowid AS r FROM messages_fts WHERE messages_fts "
                                 "MATCH :match ORDER BY rowid DESC LIMIT %1)")
                      .arg(kRankWindow)
                : QStringLiteral(
                    "SELECT min(r) FROM (SELECT messages_fts.rowid AS r FROM messages_fts JOIN messages m "
                    "ON m.seq = messages_fts.rowid JOIN chats c ON c.id = m.chat_id WHERE messages_fts "
                    "MATCH :match %1 ORDER BY messages_fts.rowid DESC LIMIT %2)")
                      .arg(messageFilters)
                      .arg(kRankWindow));
        w.bindValue(QStringLiteral(":match"), match);
        bindMessageFilters(w);
        if (!w.exec())
            return sqlError(w, QT_TRANSLATE_NOOP("cairn::ChatRepository", "The search failed"));
        if (w.next())
            fromSeq = w.value(0).toLongLong();
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(match.isEmpty() ? QStringLiteral(
                  "SELECT m.id, m.chat_id, c.title, m.role, m.content, m.created_at, 0 FROM messages m "
                  "JOIN chats c ON c.id = m.chat_id WHERE 1 %1 ORDER BY m.created_at DESC LIMIT :limit")
                                    .arg(messageFilters)
            : messageFilters.isEmpty()
            // Without filters, rank first and read the text of the best `limit` only.
            ? QStringLiteral(
                "SELECT m.id, m.chat_id, c.title, m.role, m.content, m.created_at, r.rank FROM "
                "(SELECT rowid AS seq, bm25(messages_fts) AS rank FROM messages_fts WHERE messages_fts "
                "MATCH :match AND rowid >= :fromSeq ORDER BY rank LIMIT :limit) r "
                "JOIN messages m ON m.seq = r.seq JOIN chats c ON c.id = m.chat_id ORDER BY r.rank")
            : QStringLiteral(
                "SELECT m.id, m.chat_id, c.title, m.role, m.content, m.created_at, "
                "bm25(messages_fts) AS rank FROM messages_fts JOIN messages m ON m.seq = "
                "messages_fts.rowid JOIN chats c ON c.id = m.chat_id WHERE messages_fts MATCH :match "
                "AND messages_fts.rowid >= :fromSeq %1 ORDER BY rank LIMIT :limit")
                  .arg(messageFilters));
    if (!match.isEmpty()) {
        q.bindValue(QStringLiteral(":match"), match);
        q.bindValue(QStringLiteral(":fromSeq"), fromSeq);
    }
    q.bindValue(QStringLiteral(":limit"), limit);
    bindMessageFilters(q);
    if (!q.exec())
        return sqlError(q, QT_TRANSLATE_NOOP("cairn::ChatRepository", "The search failed"));
    while (q.next() && hits.size() < limit) {
        SearchHit h;
        h.messageId = q.value(0).toString();
        h.chatId = q.value(1).toString();
        h.chatTitle = q.value(2).toString();
        h.role = q.value(3).toString();
        h.snippet = SearchSnippet::make(q.value(4).toString(), terms);
        h.createdAt = q.value(5).toLongLong();
        h.score = -q.value(6).toDouble();
        hits.append(h);
    }
    return hits;
}

// ---- snippets -------------------------------------------------------------------------------------

QStringList SearchSnippet::terms(const QString &query)
{
    QStringList out;
    QString current;
    bool quoted = false;
    const auto flush = [&] {
        const QString t = current.simplified();
        if (!t.isEmpty() && !out.contains(t, Qt::CaseInsensitive))
            out.append(t);
        current.clear();
    };
    for (const QChar ch : query) {
        if (ch == QLatin1Char('"')) {
            flush();
            quoted = !quoted;
        } else if (!quoted && ch.isSpace()) {
            flush();
        } else {
            current += ch;
        }
    }
    flush();
    return out;
}

namespace {

// Text folded the way the search index folds it (case and diacritics), with where each folded
// character came from, so that matches found in the folded text mark the original.
struct FoldedText {
    QString text;
    QList<qsizetype> origin; // per character of text: its index in the original
};

FoldedText foldForSearch(const QString &s)
{
    FoldedText out;
    out.text.reserve(s.size());
    out.origin.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c.unicode() < 0x80) { // most text: no allocation, no table lookups
            out.text += QChar(c.unicode() >= 'A' && c.unicode() <= 'Z' ? c.unicode() + 32 : c.unicode());
            out.origin.append(i);
        } else if (c.isMark()) {
            continue; // a combining accent of the character before
        } else if (c.decompositionTag() == QChar::Canonical) {
            for (const QChar d : c.decomposition()) {
                if (!d.isMark()) {
                    out.text += d.toCaseFolded();
                    out.origin.append(i);
                }
            }
        } else {
            out.text += c.toCaseFolded();
            out.origin.append(i);
        }
    }
    return out;
}

QStringList foldedTerms(const QStringList &terms)
{
    QStringList out;
    for (const QString &t : terms) {
        const QString folded = foldForSearch(t).text;
        if (!folded.isEmpty())
            out.append(folded);
    }
    std::sort(out.begin(), out.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return out;
}

// Where the first match of any term starts in the original text (-1: none).
qsizetype firstFoldedMatch(const FoldedText &folded, const QStringList &terms)
{
    qsizetype first = -1;
    for (const QString &t : terms) {
        const qsizetype at = folded.text.indexOf(t);
        if (at >= 0 && (first < 0 || folded.origin.at(at) < first))
            first = folded.origin.at(at);
    }
    return first;
}

// Every match of the terms in a (short) text as [start, end) of the original, longest terms first,
// without overlaps.
QList<QPair<qsizetype, qsizetype>> foldedMatches(const QString &text, const QStringList &terms)
{
    const FoldedText folded = foldForSearch(text);
    QList<QPair<qsizetype, qsizetype>> out;
    QList<bool> taken(text.size() + 1, false);
    for (const QString &t : terms) {
        qsizetype at = 0;
        while ((at = folded.text.indexOf(t, at)) >= 0) {
            const qsizetype start = folded.origin.at(at);
            qsizetype end = folded.origin.at(at + t.size() - 1) + 1;
            while (end < text.size() && text.at(end).isMark())
                ++end; // the accents of the last character belong to it
            if (!std::any_of(taken.begin() + start, taken.begin() + end, [](bool b) { return b; })) {
                std::fill(taken.begin() + start, taken.begin() + end, true);
                out.append({start, end});
            }
            at += t.size();
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

QString SearchSnippet::make(const QString &text, const QStringList &terms, int width)
{
    // The first match anywhere decides the window; only the window is searched for the marks.
    const QStringList folded = foldedTerms(terms);
    const qsizetype first = firstFoldedMatch(foldForSearch(text), folded);
    qsizetype from = 0;
    if (first > width / 3)
        from = first - width / 3;
    // Do not cut a surrogate pair.
    if (from > 0 && text.at(from).isLowSurrogate())
        --from;
    qsizetype to = std::min<qsizetype>(text.size(), from + width);
    if (to < text.size() && to > 0 && text.at(to - 1).isHighSurrogate())
        --to;
    const QString window = text.mid(from, to - from);
    QList<QPair<qsizetype, qsizetype>> marks = foldedMatches(window, folded);
    std::sort(marks.begin(), marks.end());
    QString out;
    if (from > 0)
        out += QChar(0x2026);
    qsizetype pos = 0;
    for (const auto &[start, end] : marks) {
        out += window.mid(pos, start - pos);
        out += kOpen + window.mid(start, end - start) + kClose;
        pos = end;
    }
    out += window.mid(pos);
    if (to < text.size())
        out += QChar(0x2026);
    // One line: newlines and runs of spaces become single spaces.
    QString line;
    line.reserve(out.size());
    bool space = false;
    for (const QChar ch : std::as_const(out)) {
        if (ch.isSpace()) {
            space = true;
            continue;
        }
        if (space && !line.isEmpty())
            line += QLatin1Char(' ');
        space = false;
        line += ch;
    }
    return line;
}

} // namespace cairn
