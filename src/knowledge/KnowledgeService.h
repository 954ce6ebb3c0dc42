#pragma once

#include "common/Result.h"
#include "knowledge/DocumentReader.h"
#include "knowledge/KnowledgeSettings.h"
#include "knowledge/VectorIndex.h"
#include "services/ConnectionService.h"
#include "storage/KnowledgeRepository.h"

#include <QHash>
#include <QList>
#include <QLockFile>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace cairn {
class Database;
class SecretStore;
} // namespace cairn

namespace cairn::knowledge {

// What became of one file given to addPaths().
struct AddOutcome {
    enum Kind { Added, Skipped, Refused };
    Kind kind = Added;
    QString path;
    QString documentId; // Added
    QString message; // Skipped / Refused: why, naming the file
};

// Ingestion control: the worker checks it between pieces of work.
// Shutdown: the process is ending; the document being read waits again for the next start.
enum class IngestControl { Run = 0, Pause = 1, Cancel = 2, Shutdown = 3 };

struct IngestProgress {
    QString documentId;
    QString baseId;
    QString name;
    QString status; // DocumentStatus
    qint64 done = 0; // bytes read while parsing … indexing; texts embedded while embedding
    qint64 total = 0;
};

struct RetrievedChunk {
    qint64 seq = 0;
    QString baseId;
    QString baseName;
    QString documentId;
    QString documentName;
    int position = 0;
    QString content;
    int tokens = 0;
    double score = 0; // 0 … 1, what the results are ranked and thresholded by
    std::optional<double> keywordScore; // BM25 (higher is better), when the keyword retriever found it
    std::optional<double> vectorScore; // cosine similarity, when the vector retriever found it
    int keywordRank = 0; // 1-based; 0: not found by that retriever
    int vectorRank = 0;
    QString foundBy() const; // keyword | vector | keyword+vector
};

struct RetrievalOptions {
    std::optional<RetrievalMode> mode; // unset: the base's setting
    std::optional<int> topK;
    std::optional<double> scoreThreshold;
    QString source = QStringLiteral("test"); // logged with the query: test | cli | chat
    bool log = true;
    bool countHits = true;
};

struct RetrievalResult {
    RetrievalMode mode = RetrievalMode::Keyword; // what was actually used
    QString note; // e.g. why hybrid fell back to keyword
    QList<RetrievedChunk> chunks;
    double durationMs = 0;
};

// Turns texts into vectors through a connection's embedding model (blocking; any thread).
class Embedder
{
public:
    virtual ~Embedder() = default;
    virtual QString modelKey() const = 0; // "<connection id>/<model>"
    virtual Result<QList<QVector<float>>> embed(const QStringList &texts, const std::atomic<int> *control)
        = 0;
};

// Knowledge bases end to end: adding files, ingestion (parse → clean → split → keyword index →
// embed), retrieval (keyword, vector, hybrid) and its log. Every call blocks on the database (and
// for embeddings on the network): call it off the GUI thread. Safe to use from several threads;
// each uses its own database connection.
class KnowledgeService
{
public:
    KnowledgeService(std::shared_ptr<Database> db, SecretStore *secrets);
    ~KnowledgeService();

    Result<KnowledgeRepository> repo();
    ConnectionService &connections() { return m_connections; }

    // Bases. `embedding` may be invalid (keyword retrieval only); a valid one must name an existing
    // connection.
    Result<KnowledgeBaseRecord> createBase(const QString &name, const QString &description,
        const KnowledgeSettings &settings, const ModelRef &embedding = {});
    Result<KnowledgeBaseRecord> findBase(const QString &idOrName);
    Result<QList<KnowledgeBaseRecord>> bases();
    // Saves name, description, settings and embedding model. Changed chunking re-indexes every
    // document; a changed embedding model re-embeds them (keyword search keeps working meanwhile).
    Result<void> updateBase(const KnowledgeBaseRecord &base);
    Result<void> deleteBase(const QString &id);

    // Adds files and folders (recursively; hidden files and folders are left out) to a base: each
    // file's kind is checked from its name and first bytes, its bytes are copied into the database
    // (once per content) and it waits for ingestion. Unsupported, unreadable and empty files are
    // refused and files already in the base skipped, each with the reason; the rest go on.
    // `progress` gets (files done, files found, current path).
    Result<QList<AddOutcome>> addPaths(const QString &baseId, const QStringList &paths,
        const std::function<void(int, int, const QString &)> &progress = {},
        const std::atomic<int> *control = nullptr);

    // Only one process works through the ingestion queue at a time (the app or a cairn-cli): the
    // lock (a file beside the database) is held while this returns non-null. A process that dies
    // leaves a stale lock that the next one takes over.
    std::unique_ptr<QLockFile> tryLockIngestion() const;
    // Documents a crashed or killed process left half-done wait again (call with the lock held).
    Result<int> recoverInterrupted();
    // Ingests the next waiting document, if any (returns false when none waits). A document that
    // fails ends in "error" with the reason and ingestion goes on with the next one. Pause leaves the
    // current document "paused"; Cancel leaves it "error" ("Cancelled").
    Result<bool> ingestNext(const std::function<void(const IngestProgress &)> &progress = {},
        const std::atomic<int> *control = nullptr);

    // Ingests waiting documents for about `budgetMs` (at least one): small documents of bases without
    // an embedding model share one transaction (a folder of many small files does not pay a commit
    // each); others go one by one as in ingestNext. Returns how many were worked on (0: none waits).
    Result<int> ingestBatch(const std::function<void(const IngestProgress &)> &progress = {},
        const std::atomic<int> *control = nullptr, int budgetMs = 250);

    // Retrieval over one base (or several: results merged by score).
    Result<RetrievalResult> retrieve(
        const QString &baseId, const QString &query, const RetrievalOptions &options = {});
    Result<RetrievalResult> retrieve(
        const QStringList &baseIds, const QString &query, const RetrievalOptions &options = {});

    // Chunk and document edits (they keep the indexes in step).
    Result<void> updateChunk(qint64 seq, const QString &content);
    Result<void> setChunkEnabled(qint64 seq, bool enabled);
    Result<void> setDocumentEnabled(const QString &documentId, bool enabled);
    Result<void> deleteDocument(const QString &documentId);
    Result<int> reindex(const QString &baseId, const QString &documentId = {});

    // For tests and the benchmark: embeddings come from here instead of a connection.
    void setEmbedderFactory(std::function<std::unique_ptr<Embedder>(const KnowledgeBaseRecord &)> factory);

    // Beyond this many vectors (VectorIndex::kExactLimit unless changed, for tests) a base's vectors
    // also get an approximate index. It is built in the background once they are loaded; searches
    // scan exactly until it is ready, and a change to the base cancels a build that is under way.
    void setApproximateAbove(qsizetype vectors);
    // Whether an approximate index over the base's current vectors is ready.
    bool approximateReady(const QString &baseId);

private:
    Result<std::unique_ptr<Embedder>> embedderFor(const KnowledgeBaseRecord &base);
    // Runs a change to one document and marks its base's vectors as changed.
    Result<void> changeDocument(
        const QString &documentId, const std::function<Result<void>(KnowledgeRepository &)> &change);
    Result<bool> ingestDocument(KnowledgeRepository &repository, const KnowledgeDocumentRecord &doc,
        const KnowledgeBaseRecord &base, const std::function<void(const IngestProgress &)> &progress,
        const std::atomic<int> *control);
    Result<std::shared_ptr<const VectorIndex>> vectorIndex(
        KnowledgeRepository &repo, const QString &baseId, const QString &modelKey);
    void invalidateVectors(const QString &baseId);
    Result<void> embedDocument(KnowledgeRepository &repo, const KnowledgeBaseRecord &base,
        const KnowledgeDocumentRecord &doc, const std::function<void(const IngestProgress &)> &progress,
        const std::atomic<int> *control);

    std::shared_ptr<Database> m_db;
    ConnectionService m_connections;
    // Drops cached vectors whose key starts with `prefix`, cancelling their index builds (m_mutex held).
    void dropVectorsLocked(const QString &prefix);

    QMutex m_mutex;
    QHash<QString, std::shared_ptr<const VectorIndex>> m_vectors; // "<base>|<model key>|<generation>"
    // Approximate-index builds under way, by the key of the vectors they index.
    QHash<QString, std::shared_ptr<std::atomic<bool>>> m_buildCancels;
    qsizetype m_approximateAbove = VectorIndex::kExactLimit;
    QThreadPool m_indexBuilds; // one build at a time
    std::function<std::unique_ptr<Embedder>(const KnowledgeBaseRecord &)> m_embedderFactory;
};

// The model key of a base's embedding model ("" without one).
QString embeddingKey(const KnowledgeBaseRecord &base);

// The question as it goes to the model with its sources: numbered <source> blocks (document name and
// text) and the instruction to cite them as [1], [2] … (the citation template).
QString withSources(const QString &question, const QList<RetrievedChunk> &sources);
// The citations to store with the answer, numbered as in withSources (snippets of at most 300
// characters).
QList<CitationRecord> citationsFor(const QList<RetrievedChunk> &sources);

} // namespace cairn::knowledge
