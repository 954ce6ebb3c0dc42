#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <memory>
#include <optional>

namespace cairn {

struct KnowledgeBaseRecord {
    QString id;
    QString name;
    QString description;
    QJsonObject settings; // see knowledge::KnowledgeSettings
    QString embeddingConnectionId; // empty: keyword retrieval only
    QString embeddingModel;
    qint64 generation = 0; // changes whenever the base's searchable chunks or vectors change
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    // Filled by bases() / base(): counts over the documents.
    int documentCount = 0;
    int completedCount = 0;
    int errorCount = 0;
    qint64 chunkCount = 0;
    qint64 bytes = 0;
};

namespace DocumentStatus {
inline const QString Waiting = QStringLiteral("waiting");
inline const QString Parsing = QStringLiteral("parsing");
inline const QString Splitting = QStringLiteral("splitting");
inline const QString Indexing = QStringLiteral("indexing");
inline const QString Embedding = QStringLiteral("embedding");
inline const QString Completed = QStringLiteral("completed");
inline const QString Failed = QStringLiteral("error");
inline const QString Paused = QStringLiteral("paused");
} // namespace DocumentStatus

struct KnowledgeDocumentRecord {
    QString id;
    QString baseId;
    QString fileId; // SHA-256 of the bytes
    QString name;
    QString sourcePath;
    QString kind; // text | markdown | html | csv | code | pdf | docx
    QString status = DocumentStatus::Waiting;
    QString error;
    bool enabled = true;
    int chunkCount = 0;
    qint64 tokenCount = 0;
    qint64 charCount = 0;
    qint64 size = 0; // of the file
    int position = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 indexedAt = 0;
};

struct KnowledgeChunkRecord {
    qint64 seq = 0;
    QString documentId;
    QString baseId;
    int position = 0;
    QString content;
    int tokens = 0;
    QString contentHash;
    int hitCount = 0;
    bool enabled = true;
    bool edited = false;
    qint64 updatedAt = 0;
    QString documentName; // filled by chunksBySeq()
    QString indexText; // appendChunks: the text in index form when the caller made it (else made there)
};

// A chunk's text to embed (once per distinct text).
struct PendingEmbedding {
    QString contentHash;
    QString content;
};

struct StoredEmbedding {
    QString contentHash;
    QVector<float> vector;
};

struct KeywordHit {
    qint64 seq = 0;
    double score = 0; // BM25, higher is better
};

struct CitationRecord {
    int number = 0;
    QString baseId;
    QString baseName;
    QString documentId;
    QString documentName;
    qint64 chunkSeq = 0;
    int chunkPosition = 0;
    double score = 0;
    QString snippet;
};

struct QueryLogRecord {
    qint64 id = 0;
    QString baseId;
    QString query;
    QString mode;
    int topK = 0;
    QJsonArray results;
    QString source;
    double durationMs = 0;
    qint64 createdAt = 0;
};

// SQL for knowledge bases: their documents (bytes stored once per content), chunks, keyword index,
// embeddings, query log, chat links and citations. Works on the calling thread's connection.
class KnowledgeRepository
{
public:
    static constexpr qint64 kPartBytes = 1024 * 1024;

    explicit KnowledgeRepository(QSqlDatabase db) : m_db(std::move(db)) { }
    // A copy shares the connection and its prepared statements, not the keyword-index entries
    // waiting for the end of a transaction (those are written by the object that made them).
    KnowledgeRepository(const KnowledgeRepository &other);
    KnowledgeRepository &operator=(const KnowledgeRepository &other);
    KnowledgeRepository(KnowledgeRepository &&) noexcept = default;
    KnowledgeRepository &operator=(KnowledgeRepository &&) noexcept = default;
    ~KnowledgeRepository() = default;

    // Nested calls are savepoints. Keyword-index entries of the chunks appended inside are written
    // when this repository's outermost call ends (still inside the transaction): FTS5 writes its
    // pending entries out at every savepoint that follows one, so a group of many small documents
    // would otherwise leave thousands of tiny index segments to merge (half the time of adding a
    // folder of small files).
    Result<void> inTransaction(const std::function<Result<void>()> &work);

    // Bases: names are unique (case-insensitive).
    Result<KnowledgeBaseRecord> createBase(KnowledgeBaseRecord base);
    Result<QList<KnowledgeBaseRecord>> bases();
    // withCounts: also the document, chunk and size totals (they read every document of the base).
    Result<KnowledgeBaseRecord> base(const QString &id, bool withCounts = true);
    // By id, or else by name (case-insensitive).
    Result<KnowledgeBaseRecord> findBase(const QString &idOrName);
    Result<void> updateBase(const KnowledgeBaseRecord &base);
    Result<void> deleteBase(const QString &id);
    // Marks the base's chunks or vectors as changed (caches of them, in any process, reload).
    Result<void> bumpGeneration(const QString &id);

    // File bytes. storeFile reads `nextPart` (an empty part ends the file) into parts; `sha256`
    // must be what the bytes hash to (checked unless the caller hashed these very bytes in memory:
    // a file that changed since it was hashed is refused). Bytes stored already are not read again.
    enum class HashCheck { Check, HashedInMemory };
    Result<bool> fileExists(const QString &sha256);
    Result<void> storeFile(const QString &sha256, qint64 size,
        const std::function<Result<QByteArray>()> &nextPart, HashCheck check = HashCheck::Check);
    Result<QByteArray> filePart(const QString &fileId, int part);
    Result<int> filePartCount(const QString &fileId);

    // Documents. addDocument fails with AlreadyExists when the base already holds the same bytes
    // (the message names the document); it returns the record as stored (its size left as given).
    Result<KnowledgeDocumentRecord> addDocument(KnowledgeDocumentRecord doc);
    Result<QList<KnowledgeDocumentRecord>> documents(const QString &baseId);
    Result<KnowledgeDocumentRecord> document(const QString &id);
    Result<void> setDocumentStatus(const QString &id, const QString &status, const QString &error = {});
    Result<void> setDocumentEnabled(const QString &id, bool enabled);
    Result<void> deleteDocument(const QString &id);
    // The next document to work on (waiting, oldest first), any base; nothing when none waits.
    Result<std::optional<KnowledgeDocumentRecord>> nextQueued();
    // Documents a process left half-done (parsing … embedding) wait again; returns how many.
    Result<int> requeueInterrupted();
    // Waiting documents (of one base, or all when baseId is empty) become paused, and back.
    Result<int> pauseQueued(const QString &baseId);
    Result<int> resumePaused(const QString &baseId);
    // Waiting and paused documents end in error with `reason`; returns how many.
    Result<int> cancelQueued(const QString &baseId, const QString &reason);
    // Every document of a base (or one) waits to be worked on again: read and split again from its
    // file (reparse), or only embedded again (its chunks stay searchable meanwhile). A document being
    // worked on right now is left alone (its worker would overwrite the request).
    Result<int> requeue(const QString &baseId, const QString &documentId, bool reparse);
    Result<int> queuedCount();

    // Chunks. clearChunks removes a document's chunks (and their index entries); appendChunks adds
    // chunks (keyword-indexed before the outermost transaction ends); finishIndexing records the
    // totals.
    Result<void> clearChunks(const QString &documentId);
    Result<void> appendChunks(
        const QString &documentId, const QString &baseId, const QList<KnowledgeChunkRecord> &chunks);
    // status: also the document's new status (empty: unchanged).
    Result<void> finishIndexing(
        const QString &documentId, int chunks, qint64 tokens, qint64 chars, const QString &status = {});
    Result<QList<KnowledgeChunkRecord>> chunks(const QString &documentId, int offset, int limit);
    Result<QList<KnowledgeChunkRecord>> chunksBySeq(const QList<qint64> &seqs);
    // Edits a chunk's text: re-indexed at once; its embedding is looked up again by content.
    Result<void> updateChunk(qint64 seq, const QString &content, int tokens);
    Result<void> setChunkEnabled(qint64 seq, bool enabled);
    Result<void> addHits(const QList<qint64> &seqs);

    // Keyword search over a base's enabled chunks of enabled, indexed documents. An empty or
    // unsearchable query gives no hits.
    Result<QList<KeywordHit>> keywordSearch(const QString &baseId, const QString &query, int limit);

    // Embeddings. modelKey is "<connection id>/<model>".
    Result<QList<PendingEmbedding>> missingEmbeddings(
        const QString &baseId, const QString &modelKey, int limit, const QString &documentId = {});
    Result<qint64> missingEmbeddingCount(const QString &baseId, const QString &modelKey);
    Result<void> storeEmbeddings(const QString &modelKey, const QList<StoredEmbedding> &vectors);
    // Every enabled chunk's vector for one model (chunks without one are left out); `sink` gets the
    // chunk's seq and its vector as stored (float32 little-endian), and returns false to stop.
    Result<void> forEachVector(const QString &baseId, const QString &modelKey,
        const std::function<bool(qint64 seq, const QByteArray &vector)> &sink);
    // How many vectors a base has for a model, and of which dimensions (0: none).
    Result<int> vectorDims(const QString &baseId, const QString &modelKey);

    Result<void> logQuery(const QueryLogRecord &entry);
    Result<QList<QueryLogRecord>> queries(const QString &baseId, int limit);

    // Chats.
    Result<void> setChatBases(const QString &chatId, const QStringList &baseIds);
    Result<QStringList> chatBases(const QString &chatId);
    Result<void> addCitations(const QString &messageId, const QList<CitationRecord> &citations);
    Result<QList<CitationRecord>> citations(const QString &messageId);

private:
    // A prepared statement kept for this repository's lifetime (hot paths prepare once).
    QSqlQuery &prepared(const QString &sqlText);
    QStringList selectiveTerms(const QStringList &terms, bool *allCommon);
    Result<KnowledgeBaseRecord> baseWhere(
        const QString &condition, const QString &value, bool withCounts = true);

    // Keyword-index entries waiting for the end of the outermost inTransaction().
    struct PendingIndexEntry {
        qint64 seq = 0;
        QString documentId;
        QString contentHash; // of the chunk as appended: written only if it still has this text
        QString text;
    };
    Result<void> writePendingIndex();

    QSqlDatabase m_db;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
    QList<PendingIndexEntry> m_pendingIndex;
    int m_transactionDepth = 0;
};

} // namespace cairn

Q_DECLARE_METATYPE(cairn::KnowledgeBaseRecord)
Q_DECLARE_METATYPE(cairn::KnowledgeDocumentRecord)
Q_DECLARE_METATYPE(cairn::KnowledgeChunkRecord)
Q_DECLARE_METATYPE(cairn::QueryLogRecord)
