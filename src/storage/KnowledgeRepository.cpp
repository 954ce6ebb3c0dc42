#include "storage/KnowledgeRepository.h"

#include "knowledge/KnowledgeText.h"
#include "storage/Database.h"
#include "storage/SqlSupport.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QtEndian>

#include <algorithm>
#include <limits>

namespace cairn {

namespace {

constexpr const char *kContext = "cairn::KnowledgeRepository";

Error failed(const QSqlQuery &q, const char *what)
{
    return sql::queryError(q, kContext, what);
}

// Chunks that are searchable: of an enabled document whose chunks are all stored (indexed_at is set
// when the last one is, and cleared when they are cut again), and enabled themselves.
const char *kSearchable = "d.enabled = 1 AND c.enabled = 1 AND d.indexed_at IS NOT NULL";

const char *kBaseOwnColumns
    = "b.id, b.name, b.description, b.settings, b.embedding_connection_id, b.embedding_model, b.created_at, "
      "b.updated_at, 0, 0, 0, 0, 0, b.generation";
const char *kBaseColumns
    = "b.id, b.name, b.description, b.settings, b.embedding_connection_id, b.embedding_model, b.created_at, "
      "b.updated_at, (SELECT count(*) FROM knowledge_documents d WHERE d.base_id = b.id), "
      "(SELECT count(*) FROM knowledge_documents d WHERE d.base_id = b.id AND d.status = 'completed'), "
      "(SELECT count(*) FROM knowledge_documents d WHERE d.base_id = b.id AND d.status = 'error'), "
      "(SELECT ifnull(sum(d.chunk_count), 0) FROM knowledge_documents d WHERE d.base_id = b.id), "
      "(SELECT ifnull(sum(f.size), 0) FROM knowledge_documents d JOIN knowledge_files f ON f.id = d.file_id "
      "WHERE d.base_id = b.id), b.generation";

KnowledgeBaseRecord baseFrom(const QSqlQuery &q)
{
    KnowledgeBaseRecord b;
    b.id = q.value(0).toString();
    b.name = q.value(1).toString();
    b.description = q.value(2).toString();
    b.settings = sql::jsonObject(q.value(3));
    b.embeddingConnectionId = q.value(4).toString();
    b.embeddingModel = q.value(5).toString();
    b.createdAt = q.value(6).toLongLong();
    b.updatedAt = q.value(7).toLongLong();
    b.documentCount = q.value(8).toInt();
    b.completedCount = q.value(9).toInt();
    b.errorCount = q.value(10).toInt();
    b.chunkCount = q.value(11).toLongLong();
    b.bytes = q.value(12).toLongLong();
    b.generation = q.value(13).toLongLong();
    return b;
}

const char *kDocumentColumns
    = "d.id, d.base_id, d.file_id, d.name, d.source_path, d.kind, d.status, d.error, d.enabled, "
      "d.chunk_count, "
      "d.token_count, d.char_count, f.size, d.position, d.created_at, d.updated_at, d.indexed_at";

KnowledgeDocumentRecord documentFrom(const QSqlQuery &q)
{
    KnowledgeDocumentRecord d;
    d.id = q.value(0).toString();
    d.baseId = q.value(1).toString();
    d.fileId = q.value(2).toString();
    d.name = q.value(3).toString();
    d.sourcePath = q.value(4).toString();
    d.kind = q.value(5).toString();
    d.status = q.value(6).toString();
    d.error = q.value(7).toString();
    d.enabled = q.value(8).toBool();
    d.chunkCount = q.value(9).toInt();
    d.tokenCount = q.value(10).toLongLong();
    d.charCount = q.value(11).toLongLong();
    d.size = q.value(12).toLongLong();
    d.position = q.value(13).toInt();
    d.createdAt = q.value(14).toLongLong();
    d.updatedAt = q.value(15).toLongLong();
    d.indexedAt = q.value(16).toLongLong();
    return d;
}

const char *kChunkColumns
    = "c.seq, c.document_id, c.base_id, c.position, c.content, c.tokens, c.content_hash, "
      "c.hit_count, c.enabled, c.edited, c.updated_at, d.name";

KnowledgeChunkRecord chunkFrom(const QSqlQuery &q)
{
    KnowledgeChunkRecord c;
    c.seq = q.value(0).toLongLong();
    c.documentId = q.value(1).toString();
    c.baseId = q.value(2).toString();
    c.position = q.value(3).toInt();
    c.content = q.value(4).toString();
    c.tokens = q.value(5).toInt();
    c.contentHash = q.value(6).toString();
    c.hitCount = q.value(7).toInt();
    c.enabled = q.value(8).toBool();
    c.edited = q.value(9).toBool();
    c.updatedAt = q.value(10).toLongLong();
    c.documentName = q.value(11).toString();
    return c;
}

QString contentHash(const QString &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QByteArray vectorBytes(const QVector<float> &v)
{
    QByteArray out(v.size() * qsizetype(sizeof(float)), Qt::Uninitialized);
    qToLittleEndian<float>(v.constData(), v.size(), out.data());
    return out;
}

// "a OR b OR "c d"": every term is quoted, so any text is searched literally.
QString ftsExpression(const QStringList &terms, const QString &joiner = QStringLiteral(" OR "))
{
    QStringList quoted;
    for (const QString &t : terms) {
        QString q = t;
        q.replace(u'"', QStringLiteral("\"\""));
        quoted.append(u'"' + q + u'"');
    }
    return quoted.join(joiner);
}

// "?, ?, ?" for n bound values.
QString placeholders(qsizetype n)
{
    QString s;
    for (qsizetype i = 0; i < n; ++i)
        s += i ? QStringLiteral(", ?") : QStringLiteral("?");
    return s;
}

} // namespace

QSqlQuery &KnowledgeRepository::prepared(const QString &sqlText)
{
    std::shared_ptr<QSqlQuery> &q = m_statements[sqlText];
    if (!q) {
        q = std::make_shared<QSqlQuery>(m_db);
        q->setForwardOnly(true);
        q->prepare(sqlText);
    }
    return *q;
}

KnowledgeRepository::KnowledgeRepository(const KnowledgeRepository &other)
    : m_db(other.m_db), m_statements(other.m_statements)
{ }

KnowledgeRepository &KnowledgeRepository::operator=(const KnowledgeRepository &other)
{
    if (this != &other) {
        m_db = other.m_db;
        m_statements = other.m_statements;
        m_pendingIndex.clear();
        m_transactionDepth = 0;
    }
    return *this;
}

Result<void> KnowledgeRepository::inTransaction(const std::function<Result<void>()> &work)
{
    // Entries appended inside are undone with the chunks they index, however this ends (a failure,
    // or an exception from work()). Entries are never removed otherwise before they are written, so
    // the ones before `mark` are still the ones that were there.
    struct Level {
        KnowledgeRepository &r;
        qsizetype mark;
        bool committed = false;
        explicit Level(KnowledgeRepository &repo) : r(repo), mark(repo.m_pendingIndex.size())
        {
            ++r.m_transactionDepth;
        }
        ~Level()
        {
            --r.m_transactionDepth;
            if (!committed && r.m_pendingIndex.size() > mark)
                r.m_pendingIndex.resize(mark);
        }
        Level(const Level &) = delete;
        Level &operator=(const Level &) = delete;
    } level(*this);
    Result<void> done = Database::inTransaction(m_db, [&]() -> Result<void> {
        if (auto w = work(); !w)
            return w;
        return m_transactionDepth == 1 ? writePendingIndex() : Result<void>();
    });
    level.committed = done.ok();
    return done;
}

Result<void> KnowledgeRepository::writePendingIndex()
{
    if (m_pendingIndex.isEmpty())
        return {};
    // An entry is written only if its chunk is still there with the text it was made from: a chunk
    // deleted or edited since (by this repository, another one on the connection, or a trigger) is
    // left out, and so is an entry whose seq was given again after a rollback. The last entry for a
    // seq wins.
    QHash<qint64, qsizetype> last;
    last.reserve(m_pendingIndex.size());
    qint64 lowest = std::numeric_limits<qint64>::max();
    for (qsizetype i = 0; i < m_pendingIndex.size(); ++i) {
        last.insert(m_pendingIndex.at(i).seq, i);
        lowest = std::min(lowest, m_pendingIndex.at(i).seq);
    }
    // The chunks as they are now: one range read (the entries are of chunks appended in this
    // transaction, so their seqs are the newest).
    QSqlQuery &current = prepared(
        QStringLiteral("SELECT seq, document_id, content_hash FROM knowledge_chunks WHERE seq >= ?"));
    current.bindValue(0, lowest);
    if (!current.exec())
        return failed(current, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not index the chunks"));
    QHash<qint64, QString> present; // seq → document id and content hash
    present.reserve(m_pendingIndex.size());
    while (current.next())
        present.insert(
            current.value(0).toLongLong(), current.value(1).toString() + u'|' + current.value(2).toString());
    current.finish();
    QSqlQuery &index = prepared(QStringLiteral("INSERT INTO knowledge_fts (rowid, content) VALUES (?, ?)"));
    for (qsizetype i = 0; i < m_pendingIndex.size(); ++i) {
        const PendingIndexEntry &e = m_pendingIndex.at(i);
        if (last.value(e.seq) != i || present.value(e.seq) != e.documentId + u'|' + e.contentHash)
            continue;
        index.bindValue(0, e.seq);
        index.bindValue(1, e.text);
        if (!index.exec())
            return failed(
                index, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not index the chunks"));
    }
    m_pendingIndex.clear();
    return {};
}

// ---- bases -----------------------------------------------------------------------------------------

Result<KnowledgeBaseRecord> KnowledgeRepository::createBase(KnowledgeBaseRecord b)
{
    if (b.name.trimmed().isEmpty())
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::KnowledgeRepository", "A knowledge base needs a name."));
    b.name = b.name.trimmed();
    if (b.id.isEmpty())
        b.id = sql::newId();
    if (b.createdAt == 0)
        b.createdAt = sql::nowMs();
    if (b.updatedAt == 0)
        b.updatedAt = b.createdAt;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM knowledge_bases WHERE name = ? COLLATE NOCASE"));
    q.addBindValue(b.name);
    if (!q.exec())
        return failed(
            q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not create the knowledge base"));
    if (q.next())
        return Error::make(ErrorCode::AlreadyExists,
            QCoreApplication::translate(
                "cairn::KnowledgeRepository", "A knowledge base called \u201c%1\u201d already exists.")
                .arg(b.name));
    QSqlQuery &write
        = prepared(QStringLiteral("INSERT INTO knowledge_bases (id, name, description, settings, "
                                  "embedding_connection_id, embedding_model, created_at, updated_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    write.addBindValue(b.id);
    write.addBindValue(b.name);
    write.addBindValue(sql::text(b.description));
    write.addBindValue(sql::jsonText(b.settings));
    write.addBindValue(sql::nullableText(b.embeddingConnectionId));
    write.addBindValue(sql::nullableText(b.embeddingModel));
    write.addBindValue(b.createdAt);
    write.addBindValue(b.updatedAt);
    if (!write.exec())
        return failed(
            write, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not create the knowledge base"));
    return b;
}

Result<QList<KnowledgeBaseRecord>> KnowledgeRepository::bases()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT %1 FROM knowledge_bases b ORDER BY b.name COLLATE NOCASE")
                    .arg(QLatin1String(kBaseColumns))))
        return failed(
            q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not list the knowledge bases"));
    QList<KnowledgeBaseRecord> out;
    while (q.next())
        out.append(baseFrom(q));
    return out;
}

Result<KnowledgeBaseRecord> KnowledgeRepository::baseWhere(
    const QString &condition, const QString &value, bool withCounts)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM knowledge_bases b WHERE %2")
                  .arg(QLatin1String(withCounts ? kBaseColumns : kBaseOwnColumns), condition));
    q.addBindValue(value);
    if (!q.exec())
        return failed(
            q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the knowledge base"));
    if (!q.next())
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate(
                "cairn::KnowledgeRepository", "There is no knowledge base \u201c%1\u201d.")
                .arg(value));
    return baseFrom(q);
}

Result<KnowledgeBaseRecord> KnowledgeRepository::base(const QString &id, bool withCounts)
{
    return baseWhere(QStringLiteral("b.id = ?"), id, withCounts);
}

Result<KnowledgeBaseRecord> KnowledgeRepository::findBase(const QString &idOrName)
{
    auto byId = base(idOrName);
    if (byId || byId.error().code != ErrorCode::NotFound)
        return byId;
    return baseWhere(QStringLiteral("b.name = ? COLLATE NOCASE"), idOrName.trimmed());
}

Result<void> KnowledgeRepository::updateBase(const KnowledgeBaseRecord &b)
{
    const QString name = b.name.trimmed();
    if (name.isEmpty())
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::KnowledgeRepository", "A knowledge base needs a name."));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM knowledge_bases WHERE name = ? COLLATE NOCASE AND id <> ?"));
    q.addBindValue(name);
    q.addBindValue(b.id);
    if (!q.exec())
        return failed(
            q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not update the knowledge base"));
    if (q.next())
        return Error::make(ErrorCode::AlreadyExists,
            QCoreApplication::translate(
                "cairn::KnowledgeRepository", "A knowledge base called \u201c%1\u201d already exists.")
                .arg(name));
    QSqlQuery &write = prepared(
        QStringLiteral("UPDATE knowledge_bases SET name = ?, description = ?, settings = ?, "
                       "embedding_connection_id = ?, embedding_model = ?, updated_at = ? WHERE id = ?"));
    write.addBindValue(name);
    write.addBindValue(sql::text(b.description));
    write.addBindValue(sql::jsonText(b.settings));
    write.addBindValue(sql::nullableText(b.embeddingConnectionId));
    write.addBindValue(sql::nullableText(b.embeddingModel));
    write.addBindValue(sql::nowMs());
    write.addBindValue(b.id);
    if (!write.exec())
        return failed(
            write, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not update the knowledge base"));
    if (write.numRowsAffected() == 0)
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate(
                "cairn::KnowledgeRepository", "There is no knowledge base \u201c%1\u201d.")
                .arg(b.id));
    return {};
}

Result<void> KnowledgeRepository::deleteBase(const QString &id)
{
    return inTransaction([&]() -> Result<void> {
        // Documents first, one statement: their triggers release the bytes no other base shares.
        QSqlQuery &write1 = prepared(QStringLiteral("DELETE FROM knowledge_documents WHERE base_id = ?"));
        write1.addBindValue(id);
        if (!write1.exec())
            return failed(write1,
                QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not delete the knowledge base"));
        QSqlQuery &write2 = prepared(QStringLiteral("DELETE FROM knowledge_bases WHERE id = ?"));
        write2.addBindValue(id);
        if (!write2.exec())
            return failed(write2,
                QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not delete the knowledge base"));
        if (write2.numRowsAffected() == 0)
            return Error::make(ErrorCode::NotFound,
                QCoreApplication::translate(
                    "cairn::KnowledgeRepository", "There is no knowledge base \u201c%1\u201d.")
                    .arg(id));
        return {};
    });
}

Result<void> KnowledgeRepository::bumpGeneration(const QString &id)
{
    QSqlQuery &q
        = prepared(QStringLiteral("UPDATE knowledge_bases SET generation = generation + 1 WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return failed(
            q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not update the knowledge base"));
    return {};
}

// ---- files -----------------------------------------------------------------------------------------

Result<bool> KnowledgeRepository::fileExists(const QString &sha256)
{
    QSqlQuery &q = prepared(QStringLiteral("SELECT 1 FROM knowledge_files WHERE id = ?"));
    q.addBindValue(sha256);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the stored files"));
    const bool found = q.next();
    q.finish(); // a kept statement must not hold a read transaction open
    return found;
}

Result<void> KnowledgeRepository::storeFile(
    const QString &sha256, qint64 size, const std::function<Result<QByteArray>()> &nextPart, HashCheck check)
{
    return inTransaction([&]() -> Result<void> {
        const int expectedParts = int((size + kPartBytes - 1) / kPartBytes);
        QSqlQuery &write1 = prepared(QStringLiteral(
            "INSERT OR IGNORE INTO knowledge_files (id, size, parts, created_at) VALUES (?, ?, ?, ?)"));
        write1.addBindValue(sha256);
        write1.addBindValue(size);
        write1.addBindValue(expectedParts);
        write1.addBindValue(sql::nowMs());
        if (!write1.exec())
            return failed(
                write1, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not store the file"));
        if (write1.numRowsAffected() == 0)
            return {}; // stored already (the same bytes, by their hash)
        QCryptographicHash hash(QCryptographicHash::Sha256);
        QSqlQuery &part = prepared(
            QStringLiteral("INSERT INTO knowledge_file_parts (file_id, part, data) VALUES (?, ?, ?)"));
        int n = 0;
        qint64 total = 0;
        for (;;) {
            auto bytes = nextPart();
            if (!bytes)
                return bytes.error();
            if (bytes->isEmpty())
                break;
            if (check == HashCheck::Check)
                hash.addData(*bytes);
            total += bytes->size();
            part.bindValue(0, sha256);
            part.bindValue(1, n++);
            part.bindValue(2, *bytes);
            if (!part.exec())
                return failed(
                    part, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not store the file"));
        }
        if (total != size
            || (check == HashCheck::Check && QString::fromLatin1(hash.result().toHex()) != sha256))
            return Error::make(ErrorCode::Io,
                QCoreApplication::translate(
                    "cairn::KnowledgeRepository", "The file changed while it was being added."));
        if (n == expectedParts)
            return {};
        QSqlQuery &write2 = prepared(QStringLiteral("UPDATE knowledge_files SET parts = ? WHERE id = ?"));
        write2.addBindValue(n);
        write2.addBindValue(sha256);
        if (!write2.exec())
            return failed(
                write2, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not store the file"));
        return {};
    });
}

Result<QByteArray> KnowledgeRepository::filePart(const QString &fileId, int part)
{
    QSqlQuery &q
        = prepared(QStringLiteral("SELECT data FROM knowledge_file_parts WHERE file_id = ? AND part = ?"));
    q.addBindValue(fileId);
    q.addBindValue(part);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the stored file"));
    const QByteArray data = q.next() ? q.value(0).toByteArray() : QByteArray();
    q.finish();
    return data;
}

Result<int> KnowledgeRepository::filePartCount(const QString &fileId)
{
    QSqlQuery &q = prepared(QStringLiteral("SELECT parts FROM knowledge_files WHERE id = ?"));
    q.addBindValue(fileId);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the stored file"));
    const bool found = q.next();
    const int parts = found ? q.value(0).toInt() : 0;
    q.finish();
    if (!found)
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate(
                "cairn::KnowledgeRepository", "The document's file is missing from the database."));
    return parts;
}

// ---- documents -------------------------------------------------------------------------------------

Result<KnowledgeDocumentRecord> KnowledgeRepository::addDocument(KnowledgeDocumentRecord d)
{
    if (d.id.isEmpty())
        d.id = sql::newId();
    d.createdAt = d.updatedAt = sql::nowMs();
    // One statement in the common case; the same bytes twice in a base break UNIQUE (base, file).
    QSqlQuery &write = prepared(QStringLiteral(
        "INSERT OR IGNORE INTO knowledge_documents (id, base_id, file_id, name, source_path, kind, "
        "status, error, enabled, chunk_count, token_count, char_count, indexed_at, position, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "coalesce((SELECT max(position) FROM knowledge_documents WHERE base_id = ?) + 1, 0), ?, ?) "
        "RETURNING position"));
    write.addBindValue(d.id);
    write.addBindValue(d.baseId);
    write.addBindValue(d.fileId);
    write.addBindValue(d.name);
    write.addBindValue(sql::text(d.sourcePath));
    write.addBindValue(d.kind);
    write.addBindValue(d.status);
    write.addBindValue(sql::text(d.error));
    write.addBindValue(d.enabled ? 1 : 0);
    write.addBindValue(d.chunkCount);
    write.addBindValue(d.tokenCount);
    write.addBindValue(d.charCount);
    write.addBindValue(d.indexedAt > 0 ? QVariant(d.indexedAt) : QVariant(QMetaType::fromType<qint64>()));
    write.addBindValue(d.baseId);
    write.addBindValue(d.createdAt);
    write.addBindValue(d.updatedAt);
    if (!write.exec())
        return failed(write, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not add the document"));
    const bool inserted = write.next();
    d.position = inserted ? write.value(0).toInt() : 0;
    write.finish();
    if (inserted)
        return d;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT name FROM knowledge_documents WHERE base_id = ? AND file_id = ?"));
    q.addBindValue(d.baseId);
    q.addBindValue(d.fileId);
    if (!q.exec() || !q.next())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not add the document"));
    return Error::make(ErrorCode::AlreadyExists,
        QCoreApplication::translate("cairn::KnowledgeRepository",
            "\u201c%1\u201d is already in this knowledge base (as \u201c%2\u201d).")
            .arg(d.name, q.value(0).toString()));
}

Result<QList<KnowledgeDocumentRecord>> KnowledgeRepository::documents(const QString &baseId)
{
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT %1 FROM knowledge_documents d JOIN knowledge_files f ON f.id = d.file_id "
                       "WHERE d.base_id = ? ORDER BY d.position")
            .arg(QLatin1String(kDocumentColumns)));
    q.addBindValue(baseId);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not list the documents"));
    QList<KnowledgeDocumentRecord> out;
    while (q.next())
        out.append(documentFrom(q));
    return out;
}

Result<KnowledgeDocumentRecord> KnowledgeRepository::document(const QString &id)
{
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT %1 FROM knowledge_documents d JOIN knowledge_files f ON f.id = d.file_id "
                       "WHERE d.id = ?")
            .arg(QLatin1String(kDocumentColumns)));
    q.addBindValue(id);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the document"));
    if (!q.next())
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate("cairn::KnowledgeRepository", "The document is no longer there."));
    return documentFrom(q);
}

Result<void> KnowledgeRepository::setDocumentStatus(
    const QString &id, const QString &status, const QString &error)
{
    QSqlQuery &q = prepared(
        QStringLiteral("UPDATE knowledge_documents SET status = ?, error = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(status);
    q.addBindValue(sql::text(error));
    q.addBindValue(sql::nowMs());
    q.addBindValue(id);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not update the document"));
    return {};
}

Result<void> KnowledgeRepository::setDocumentEnabled(const QString &id, bool enabled)
{
    QSqlQuery &q
        = prepared(QStringLiteral("UPDATE knowledge_documents SET enabled = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(enabled ? 1 : 0);
    q.addBindValue(sql::nowMs());
    q.addBindValue(id);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not update the document"));
    if (q.numRowsAffected() == 0)
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate("cairn::KnowledgeRepository", "The document is no longer there."));
    return {};
}

Result<void> KnowledgeRepository::deleteDocument(const QString &id)
{
    QSqlQuery &q = prepared(QStringLiteral("DELETE FROM knowledge_documents WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not delete the document"));
    if (q.numRowsAffected() == 0)
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate("cairn::KnowledgeRepository", "The document is no longer there."));
    return {};
}

Result<std::optional<KnowledgeDocumentRecord>> KnowledgeRepository::nextQueued()
{
    QSqlQuery q(m_db);
    if (!q.exec(
            QStringLiteral("SELECT %1 FROM knowledge_documents d JOIN knowledge_files f ON f.id = d.file_id "
                           "WHERE d.status = 'waiting' ORDER BY d.created_at, d.position LIMIT 1")
                .arg(QLatin1String(kDocumentColumns))))
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the queue"));
    if (!q.next())
        return std::optional<KnowledgeDocumentRecord>();
    return std::optional<KnowledgeDocumentRecord>(documentFrom(q));
}

namespace {

Result<int> updateStatuses(QSqlDatabase &db, const QString &sqlText, const QVariantList &values)
{
    QSqlQuery q(db);
    q.prepare(sqlText);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not update the documents"));
    return q.numRowsAffected();
}

} // namespace

Result<int> KnowledgeRepository::requeueInterrupted()
{
    return updateStatuses(m_db,
        QStringLiteral("UPDATE knowledge_documents SET status = 'waiting', updated_at = ? "
                       "WHERE status IN ('parsing', 'splitting', 'indexing', 'embedding')"),
        {sql::nowMs()});
}

Result<int> KnowledgeRepository::pauseQueued(const QString &baseId)
{
    return updateStatuses(m_db,
        QStringLiteral("UPDATE knowledge_documents SET status = 'paused', updated_at = ? "
                       "WHERE status = 'waiting' AND (? = '' OR base_id = ?)"),
        {sql::nowMs(), sql::text(baseId), sql::text(baseId)});
}

Result<int> KnowledgeRepository::resumePaused(const QString &baseId)
{
    return updateStatuses(m_db,
        QStringLiteral("UPDATE knowledge_documents SET status = 'waiting', updated_at = ? "
                       "WHERE status = 'paused' AND (? = '' OR base_id = ?)"),
        {sql::nowMs(), sql::text(baseId), sql::text(baseId)});
}

Result<int> KnowledgeRepository::cancelQueued(const QString &baseId, const QString &reason)
{
    return updateStatuses(m_db,
        QStringLiteral("UPDATE knowledge_documents SET status = 'error', error = ?, updated_at = ? "
                       "WHERE status IN ('waiting', 'paused') AND (? = '' OR base_id = ?)"),
        {reason, sql::nowMs(), sql::text(baseId), sql::text(baseId)});
}

Result<int> KnowledgeRepository::requeue(const QString &baseId, const QString &documentId, bool reparse)
{
    return updateStatuses(m_db,
        QStringLiteral("UPDATE knowledge_documents SET status = 'waiting', error = '', updated_at = ?, "
                       "indexed_at = CASE WHEN ? THEN NULL ELSE indexed_at END "
                       "WHERE base_id = ? AND (? = '' OR id = ?) AND status NOT IN ('parsing', 'splitting', "
                       "'indexing', 'embedding')"),
        {sql::nowMs(), reparse ? 1 : 0, baseId, sql::text(documentId), sql::text(documentId)});
}

Result<int> KnowledgeRepository::queuedCount()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM knowledge_documents WHERE status IN "
                               "('waiting', 'parsing', 'splitting', 'indexing', 'embedding')"))
        || !q.next())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the queue"));
    return q.value(0).toInt();
}

// ---- chunks ----------------------------------------------------------------------------------------

Result<void> KnowledgeRepository::clearChunks(const QString &documentId)
{
    QSqlQuery &write1 = prepared(QStringLiteral("DELETE FROM knowledge_chunks WHERE document_id = ?"));
    write1.addBindValue(documentId);
    if (!write1.exec())
        return failed(
            write1, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not clear the document's chunks"));
    QSqlQuery &write2 = prepared(
        QStringLiteral("UPDATE knowledge_documents SET chunk_count = 0, token_count = 0, char_count = 0, "
                       "indexed_at = NULL WHERE id = ?"));
    write2.addBindValue(documentId);
    if (!write2.exec())
        return failed(
            write2, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not clear the document's chunks"));
    return {};
}

Result<void> KnowledgeRepository::appendChunks(
    const QString &documentId, const QString &baseId, const QList<KnowledgeChunkRecord> &chunks)
{
    return inTransaction([&]() -> Result<void> {
        QSqlQuery &insert = prepared(
            QStringLiteral("INSERT INTO knowledge_chunks (document_id, base_id, position, content, tokens, "
                           "content_hash, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        const qint64 now = sql::nowMs();
        for (const KnowledgeChunkRecord &c : chunks) {
            insert.bindValue(0, documentId);
            insert.bindValue(1, baseId);
            insert.bindValue(2, c.position);
            insert.bindValue(3, c.content);
            insert.bindValue(4, c.tokens);
            const QString hash = c.contentHash.isEmpty() ? contentHash(c.content) : c.contentHash;
            insert.bindValue(5, hash);
            insert.bindValue(6, now);
            if (!insert.exec())
                return failed(
                    insert, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not store the chunks"));
            // Indexed when the outermost transaction ends (see inTransaction()).
            m_pendingIndex.append(PendingIndexEntry {insert.lastInsertId().toLongLong(), documentId, hash,
                c.indexText.isEmpty() ? knowledge::indexForm(c.content) : c.indexText});
        }
        return {};
    });
}

Result<void> KnowledgeRepository::finishIndexing(
    const QString &documentId, int chunks, qint64 tokens, qint64 chars, const QString &status)
{
    QSqlQuery &q = prepared(QStringLiteral(
        "UPDATE knowledge_documents SET status = ifnull(?, status), chunk_count = ?, token_count = ?, "
        "char_count = ?, indexed_at = ?, updated_at = ? WHERE id = ?"));
    const qint64 now = sql::nowMs();
    q.addBindValue(sql::nullableText(status));
    q.addBindValue(chunks);
    q.addBindValue(tokens);
    q.addBindValue(chars);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(documentId);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not update the document"));
    return {};
}

Result<QList<KnowledgeChunkRecord>> KnowledgeRepository::chunks(
    const QString &documentId, int offset, int limit)
{
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT %1 FROM knowledge_chunks c JOIN knowledge_documents d ON d.id = c.document_id "
                       "WHERE c.document_id = ? ORDER BY c.position LIMIT ? OFFSET ?")
            .arg(QLatin1String(kChunkColumns)));
    q.addBindValue(documentId);
    q.addBindValue(limit);
    q.addBindValue(offset);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the chunks"));
    QList<KnowledgeChunkRecord> out;
    while (q.next())
        out.append(chunkFrom(q));
    return out;
}

Result<QList<KnowledgeChunkRecord>> KnowledgeRepository::chunksBySeq(const QList<qint64> &seqs)
{
    QList<KnowledgeChunkRecord> out;
    if (seqs.isEmpty())
        return out;
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT %1 FROM knowledge_chunks c JOIN knowledge_documents d ON d.id = c.document_id "
                       "WHERE c.seq IN (%2)")
            .arg(QLatin1String(kChunkColumns), placeholders(seqs.size())));
    for (const qint64 s : seqs)
        q.addBindValue(s);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the chunks"));
    QHash<qint64, KnowledgeChunkRecord> bySeq;
    while (q.next()) {
        KnowledgeChunkRecord c = chunkFrom(q);
        bySeq.insert(c.seq, c);
    }
    for (const qint64 s : seqs) // in the order asked for
        if (bySeq.contains(s))
            out.append(bySeq.value(s));
    return out;
}

Result<void> KnowledgeRepository::updateChunk(qint64 seq, const QString &content, int tokens)
{
    if (content.trimmed().isEmpty())
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::KnowledgeRepository", "A chunk cannot be empty."));
    return inTransaction([&]() -> Result<void> {
        QSqlQuery q(m_db);
        QSqlQuery &write1 = prepared(QStringLiteral(
            "UPDATE knowledge_chunks SET content = ?, tokens = ?, content_hash = ?, edited = 1, "
            "updated_at = ? WHERE seq = ?"));
        write1.addBindValue(content);
        write1.addBindValue(tokens);
        write1.addBindValue(contentHash(content));
        write1.addBindValue(sql::nowMs());
        write1.addBindValue(seq);
        if (!write1.exec())
            return failed(
                write1, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not update the chunk"));
        if (write1.numRowsAffected() == 0)
            return Error::make(ErrorCode::NotFound,
                QCoreApplication::translate("cairn::KnowledgeRepository", "The chunk is no longer there."));
        QSqlQuery &write2 = prepared(QStringLiteral("DELETE FROM knowledge_fts WHERE rowid = ?"));
        write2.addBindValue(seq);
        if (!write2.exec())
            return failed(
                write2, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not index the chunk"));
        QSqlQuery &write3
            = prepared(QStringLiteral("INSERT INTO knowledge_fts (rowid, content) VALUES (?, ?)"));
        write3.addBindValue(seq);
        write3.addBindValue(knowledge::indexForm(content));
        if (!write3.exec())
            return failed(
                write3, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not index the chunk"));
        q.prepare(QStringLiteral(
            "UPDATE knowledge_documents SET token_count = (SELECT ifnull(sum(tokens), 0) "
            "FROM knowledge_chunks WHERE document_id = knowledge_documents.id), updated_at = ? "
            "WHERE id = (SELECT document_id FROM knowledge_chunks WHERE seq = ?)"));
        q.addBindValue(sql::nowMs());
        q.addBindValue(seq);
        if (!q.exec())
            return failed(
                q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not update the document"));
        return {};
    });
}

Result<void> KnowledgeRepository::setChunkEnabled(qint64 seq, bool enabled)
{
    QSqlQuery &q
        = prepared(QStringLiteral("UPDATE knowledge_chunks SET enabled = ?, updated_at = ? WHERE seq = ?"));
    q.addBindValue(enabled ? 1 : 0);
    q.addBindValue(sql::nowMs());
    q.addBindValue(seq);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not update the chunk"));
    if (q.numRowsAffected() == 0)
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate("cairn::KnowledgeRepository", "The chunk is no longer there."));
    return {};
}

Result<void> KnowledgeRepository::addHits(const QList<qint64> &seqs)
{
    if (seqs.isEmpty())
        return {};
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE knowledge_chunks SET hit_count = hit_count + 1 WHERE seq IN (%1)")
                  .arg(placeholders(seqs.size())));
    for (const qint64 s : seqs)
        q.addBindValue(s);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not count the chunks' hits"));
    return {};
}

QStringList KnowledgeRepository::selectiveTerms(const QStringList &terms, bool *allCommon)
{
    if (allCommon)
        *allCommon = false;
    // Words in more than a tenth of all chunks are left out, as long as a more selective word
    // remains; when none does, all stay and *allCommon says so. Phrases (CJK runs) always stay.
    QSqlQuery &total = prepared(QStringLiteral("SELECT count(*) FROM knowledge_chunks"));
    if (!total.exec() || !total.next())
        return terms;
    const qint64 chunks = total.value(0).toLongLong();
    total.finish();
    if (chunks < 1000 || terms.size() < 2)
        return terms;
    QSqlQuery &df = prepared(QStringLiteral("SELECT doc FROM knowledge_fts_terms WHERE term = ?"));
    QList<QPair<qint64, QString>> counted;
    for (const QString &t : terms) {
        qint64 n = 0;
        if (!t.contains(u' ')) {
            df.addBindValue(t.toLower());
            if (df.exec() && df.next())
                n = df.value(0).toLongLong();
            df.finish();
        }
        counted.append({n, t});
    }
    QStringList kept;
    for (const auto &[n, t] : std::as_const(counted))
        if (n * 10 <= chunks)
            kept.append(t);
    if (kept.isEmpty() && allCommon)
        *allCommon = true;
    return kept.isEmpty() ? terms : kept;
}

Result<QList<KeywordHit>> KnowledgeRepository::keywordSearch(
    const QString &baseId, const QString &query, int limit)
{
    QList<KeywordHit> out;
    const QStringList terms = knowledge::searchTerms(query);
    if (terms.isEmpty() || limit <= 0)
        return out;
    bool allCommon = false;
    const QStringList useful = selectiveTerms(terms, &allCommon);
    QSqlQuery &q = prepared(QStringLiteral(
        "SELECT f.rowid, bm25(knowledge_fts) AS score FROM knowledge_fts f "
        "JOIN knowledge_chunks c INDEXED BY knowledge_chunks_search ON c.seq = f.rowid "
        "JOIN knowledge_documents d INDEXED BY knowledge_documents_search ON d.id = c.document_id "
        "WHERE knowledge_fts MATCH ? AND c.base_id = ? AND d.enabled = 1 AND c.enabled = 1 "
        "AND d.indexed_at IS NOT NULL ORDER BY score LIMIT ?"));
    // Only common words: chunks with all of them first (far fewer to rank than with any of them).
    for (const QString &expression : allCommon
            ? QStringList {ftsExpression(useful, QStringLiteral(" AND ")), ftsExpression(useful)}
            : QStringList {ftsExpression(useful)}) {
        q.addBindValue(expression);
        q.addBindValue(baseId);
        q.addBindValue(limit);
        if (!q.exec())
            return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Keyword search failed"));
        while (q.next())
            out.append(KeywordHit {q.value(0).toLongLong(), -q.value(1).toDouble()});
        if (!out.isEmpty())
            break;
    }
    return out;
}

// ---- embeddings ------------------------------------------------------------------------------------

Result<QList<PendingEmbedding>> KnowledgeRepository::missingEmbeddings(
    const QString &baseId, const QString &modelKey, int limit, const QString &documentId)
{
    QSqlQuery &q
        = prepared(QStringLiteral("SELECT c.content_hash, min(c.content) FROM knowledge_chunks c "
                                  "WHERE c.base_id = ? AND (? = '' OR c.document_id = ?) AND NOT EXISTS "
                                  "(SELECT 1 FROM knowledge_embeddings e WHERE e.model_key = ? "
                                  "AND e.content_hash = c.content_hash) GROUP BY c.content_hash LIMIT ?"));
    q.addBindValue(baseId);
    q.addBindValue(sql::text(documentId));
    q.addBindValue(sql::text(documentId));
    q.addBindValue(modelKey);
    q.addBindValue(limit);
    if (!q.exec())
        return failed(
            q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the chunks to embed"));
    QList<PendingEmbedding> out;
    while (q.next())
        out.append(PendingEmbedding {q.value(0).toString(), q.value(1).toString()});
    return out;
}

Result<qint64> KnowledgeRepository::missingEmbeddingCount(const QString &baseId, const QString &modelKey)
{
    QSqlQuery &q = prepared(
        QStringLiteral("SELECT count(DISTINCT c.content_hash) FROM knowledge_chunks c WHERE c.base_id = ? "
                       "AND NOT EXISTS (SELECT 1 FROM knowledge_embeddings e WHERE e.model_key = ? "
                       "AND e.content_hash = c.content_hash)"));
    q.addBindValue(baseId);
    q.addBindValue(modelKey);
    if (!q.exec() || !q.next())
        return failed(
            q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the chunks to embed"));
    const qint64 n = q.value(0).toLongLong();
    q.finish(); // a kept statement must not hold a read transaction open
    return n;
}

Result<void> KnowledgeRepository::storeEmbeddings(
    const QString &modelKey, const QList<StoredEmbedding> &vectors)
{
    if (vectors.isEmpty())
        return {};
    const qsizetype dims = vectors.first().vector.size();
    for (const StoredEmbedding &v : vectors)
        if (v.vector.size() != dims || dims == 0)
            return Error::make(ErrorCode::InvalidArgument,
                QCoreApplication::translate(
                    "cairn::KnowledgeRepository", "The embeddings have different dimensions."));
    return inTransaction([&]() -> Result<void> {
        // A model that now answers with other dimensions is another model: its old vectors go.
        QSqlQuery &write1
            = prepared(QStringLiteral("DELETE FROM knowledge_embeddings WHERE model_key = ? AND dims <> ?"));
        write1.addBindValue(modelKey);
        write1.addBindValue(dims);
        if (!write1.exec())
            return failed(
                write1, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not store the embeddings"));
        QSqlQuery &write2 = prepared(QStringLiteral(
            "INSERT OR REPLACE INTO knowledge_embeddings (model_key, content_hash, dims, vector, "
            "created_at) VALUES (?, ?, ?, ?, ?)"));
        const qint64 now = sql::nowMs();
        for (const StoredEmbedding &v : vectors) {
            write2.bindValue(0, modelKey);
            write2.bindValue(1, v.contentHash);
            write2.bindValue(2, dims);
            write2.bindValue(3, vectorBytes(v.vector));
            write2.bindValue(4, now);
            if (!write2.exec())
                return failed(write2,
                    QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not store the embeddings"));
        }
        return {};
    });
}

Result<void> KnowledgeRepository::forEachVector(const QString &baseId, const QString &modelKey,
    const std::function<bool(qint64 seq, const QByteArray &vector)> &sink)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT c.seq, e.vector FROM knowledge_chunks c "
                       "JOIN knowledge_documents d ON d.id = c.document_id "
                       "JOIN knowledge_embeddings e ON e.model_key = ? AND e.content_hash = c.content_hash "
                       "WHERE c.base_id = ? AND %1")
            .arg(QLatin1String(kSearchable)));
    q.addBindValue(modelKey);
    q.addBindValue(baseId);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the embeddings"));
    while (q.next())
        if (!sink(q.value(0).toLongLong(), q.value(1).toByteArray()))
            break;
    return {};
}

Result<int> KnowledgeRepository::vectorDims(const QString &baseId, const QString &modelKey)
{
    QSqlQuery &q = prepared(
        QStringLiteral("SELECT e.dims FROM knowledge_chunks c JOIN knowledge_embeddings e "
                       "ON e.model_key = ? AND e.content_hash = c.content_hash WHERE c.base_id = ? LIMIT 1"));
    q.addBindValue(modelKey);
    q.addBindValue(baseId);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the embeddings"));
    const int dims = q.next() ? q.value(0).toInt() : 0;
    q.finish();
    return dims;
}

// ---- query log -------------------------------------------------------------------------------------

Result<void> KnowledgeRepository::logQuery(const QueryLogRecord &e)
{
    QSqlQuery &q = prepared(
        QStringLiteral("INSERT INTO knowledge_queries (base_id, query, mode, top_k, results, source, "
                       "duration_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(e.baseId);
    q.addBindValue(e.query);
    q.addBindValue(e.mode);
    q.addBindValue(e.topK);
    q.addBindValue(QString::fromUtf8(QJsonDocument(e.results).toJson(QJsonDocument::Compact)));
    q.addBindValue(sql::text(e.source));
    q.addBindValue(e.durationMs);
    q.addBindValue(e.createdAt ? e.createdAt : sql::nowMs());
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not log the query"));
    return {};
}

Result<QList<QueryLogRecord>> KnowledgeRepository::queries(const QString &baseId, int limit)
{
    QSqlQuery &q = prepared(
        QStringLiteral("SELECT id, base_id, query, mode, top_k, results, source, duration_ms, created_at "
                       "FROM knowledge_queries WHERE base_id = ? ORDER BY id DESC LIMIT ?"));
    q.addBindValue(baseId);
    q.addBindValue(limit);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the query log"));
    QList<QueryLogRecord> out;
    while (q.next()) {
        QueryLogRecord r;
        r.id = q.value(0).toLongLong();
        r.baseId = q.value(1).toString();
        r.query = q.value(2).toString();
        r.mode = q.value(3).toString();
        r.topK = q.value(4).toInt();
        r.results = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).array();
        r.source = q.value(6).toString();
        r.durationMs = q.value(7).toDouble();
        r.createdAt = q.value(8).toLongLong();
        out.append(r);
    }
    return out;
}

// ---- chats -----------------------------------------------------------------------------------------

Result<void> KnowledgeRepository::setChatBases(const QString &chatId, const QStringList &baseIds)
{
    return inTransaction([&]() -> Result<void> {
        QSqlQuery &write1 = prepared(QStringLiteral("DELETE FROM chat_knowledge WHERE chat_id = ?"));
        write1.addBindValue(chatId);
        if (!write1.exec())
            return failed(write1,
                QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not attach the knowledge bases"));
        QSqlQuery &write2 = prepared(
            QStringLiteral("INSERT OR IGNORE INTO chat_knowledge (chat_id, base_id) VALUES (?, ?)"));
        for (const QString &b : baseIds) {
            write2.bindValue(0, chatId);
            write2.bindValue(1, b);
            if (!write2.exec())
                return failed(write2,
                    QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not attach the knowledge bases"));
        }
        return {};
    });
}

Result<QStringList> KnowledgeRepository::chatBases(const QString &chatId)
{
    QSqlQuery &q = prepared(
        QStringLiteral("SELECT k.base_id FROM chat_knowledge k JOIN knowledge_bases b ON b.id = k.base_id "
                       "WHERE k.chat_id = ? ORDER BY b.name COLLATE NOCASE"));
    q.addBindValue(chatId);
    if (!q.exec())
        return failed(
            q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the chat's knowledge bases"));
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

Result<void> KnowledgeRepository::addCitations(
    const QString &messageId, const QList<CitationRecord> &citations)
{
    return inTransaction([&]() -> Result<void> {
        QSqlQuery &q = prepared(QStringLiteral(
            "INSERT OR REPLACE INTO message_citations (message_id, number, base_id, base_name, "
            "document_id, document_name, chunk_seq, chunk_position, score, snippet) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const CitationRecord &c : citations) {
            q.bindValue(0, messageId);
            q.bindValue(1, c.number);
            q.bindValue(2, sql::nullableText(c.baseId));
            q.bindValue(3, sql::text(c.baseName));
            q.bindValue(4, sql::nullableText(c.documentId));
            q.bindValue(5, sql::text(c.documentName));
            q.bindValue(6, c.chunkSeq);
            q.bindValue(7, c.chunkPosition);
            q.bindValue(8, c.score);
            q.bindValue(9, sql::text(c.snippet));
            if (!q.exec())
                return failed(
                    q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not store the citations"));
        }
        return {};
    });
}

Result<QList<CitationRecord>> KnowledgeRepository::citations(const QString &messageId)
{
    QSqlQuery &q = prepared(
        QStringLiteral("SELECT number, base_id, base_name, document_id, document_name, chunk_seq, "
                       "chunk_position, score, snippet FROM message_citations WHERE message_id = ? "
                       "ORDER BY number"));
    q.addBindValue(messageId);
    if (!q.exec())
        return failed(q, QT_TRANSLATE_NOOP("cairn::KnowledgeRepository", "Could not read the citations"));
    QList<CitationRecord> out;
    while (q.next()) {
        CitationRecord c;
        c.number = q.value(0).toInt();
        c.baseId = q.value(1).toString();
        c.baseName = q.value(2).toString();
        c.documentId = q.value(3).toString();
        c.documentName = q.value(4).toString();
        c.chunkSeq = q.value(5).toLongLong();
        c.chunkPosition = q.value(6).toInt();
        c.score = q.value(7).toDouble();
        c.snippet = q.value(8).toString();
        out.append(c);
    }
    return out;
}

} // namespace cairn
