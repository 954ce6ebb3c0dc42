#include "knowledge/KnowledgeService.h"

#include "llm/LlmClient.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTimer>

#include <algorithm>
#include <cmath>

#include <spdlog/spdlog.h>

namespace cairn::knowledge {

namespace {

bool stopRequested(const std::atomic<int> *control)
{
    return control && control->load() != int(IngestControl::Run);
}

// Chunks are written in batches of this many (one transaction each), so other writers never wait
// long, however large the document.
constexpr int kChunkBatch = 256;
constexpr int kEmbedBatch = 64;
// Reciprocal-rank fusion constant (the usual 60).
constexpr double kRrfK = 60.0;

QString kindKey(DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::Text:
        return QStringLiteral("text");
    case DocumentKind::Markdown:
        return QStringLiteral("markdown");
    case DocumentKind::Html:
        return QStringLiteral("html");
    case DocumentKind::Csv:
        return QStringLiteral("csv");
    case DocumentKind::Code:
        return QStringLiteral("code");
    case DocumentKind::Pdf:
        return QStringLiteral("pdf");
    case DocumentKind::Docx:
        return QStringLiteral("docx");
    case DocumentKind::Unsupported:
        break;
    }
    return QStringLiteral("unsupported");
}

DocumentKind kindFromKey(const QString &key)
{
    for (const DocumentKind k : {DocumentKind::Text, DocumentKind::Markdown, DocumentKind::Html,
             DocumentKind::Csv, DocumentKind::Code, DocumentKind::Pdf, DocumentKind::Docx})
        if (kindKey(k) == key)
            return k;
    return DocumentKind::Unsupported;
}

// A stored file read back part by part (bounded memory), as a sequential device.
class PartsDevice : public QIODevice
{
public:
    PartsDevice(KnowledgeRepository &repo, QString fileId, int parts, qint64 size)
        : m_repo(repo), m_fileId(std::move(fileId)), m_parts(parts), m_size(size)
    { }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return (m_size - m_delivered) + QIODevice::bytesAvailable(); }
    qint64 consumed() const { return m_delivered - QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_at >= m_buffer.size()) {
            if (m_next >= m_parts)
                return m_delivered >= m_size
                    ? -1
                    : fail(QCoreApplication::translate(
                        "cairn::knowledge::KnowledgeService", "the stored file is shorter than recorded"));
            Result<QByteArray> part = m_repo.filePart(m_fileId, m_next++);
            if (!part)
                return fail(part.error().message);
            if (part->isEmpty())
                return fail(QCoreApplication::translate(
                    "cairn::knowledge::KnowledgeService", "a part of the stored file is missing"));
            m_buffer = part.value();
            m_at = 0;
        }
        const qint64 n = std::min<qint64>(maxSize, m_buffer.size() - m_at);
        std::copy_n(m_buffer.constData() + m_at, n, data);
        m_at += n;
        m_delivered += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 fail(const QString &why)
    {
        setErrorString(why);
        m_parts = 0;
        m_size = m_delivered;
        return -1;
    }

    KnowledgeRepository &m_repo;
    QString m_fileId;
    int m_parts;
    qint64 m_size;
    int m_next = 0;
    QByteArray m_buffer;
    qint64 m_at = 0;
    qint64 m_delivered = 0;
};

// Embeddings through a connection (LlmClient on the calling thread, run to completion).
class ConnectionEmbedder : public Embedder
{
public:
    ConnectionEmbedder(llm::ProviderConfig config, QString connectionId, QString model)
        : m_config(std::move(config)), m_key(connectionId + u'/' + model), m_model(std::move(model))
    { }
    QString modelKey() const override { return m_key; }
    Result<QList<QVector<float>>> embed(const QStringList &texts, const std::atomic<int> *control) override
    {
        llm::LlmClient client;
        llm::EmbeddingsJob *job = client.embed(m_config, m_model, texts, kEmbedBatch);
        QEventLoop loop;
        QObject::connect(job, &llm::EmbeddingsJob::finished, &loop, &QEventLoop::quit);
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (stopRequested(control))
                job->cancel();
        });
        poll.start(50);
        if (!job->isFinished())
            loop.exec();
        if (job->error().kind != llm::LlmError::Kind::None)
            return Error::make(stopRequested(control) ? ErrorCode::Cancelled : ErrorCode::Unavailable,
                QCoreApplication::translate("cairn::knowledge::KnowledgeService", "Embedding failed: %1")
                    .arg(job->error().message));
        return job->vectors();
    }

private:
    llm::ProviderConfig m_config;
    QString m_key;
    QString m_model;
};

} // namespace

QString RetrievedChunk::foundBy() const
{
    if (keywordRank > 0 && vectorRank > 0)
        return QStringLiteral("keyword+vector");
    return vectorRank > 0 ? QStringLiteral("vector") : QStringLiteral("keyword");
}

QString embeddingKey(const KnowledgeBaseRecord &base)
{
    if (base.embeddingConnectionId.isEmpty() || base.embeddingModel.isEmpty())
        return {};
    return base.embeddingConnectionId + u'/' + base.embeddingModel;
}

KnowledgeService::KnowledgeService(std::shared_ptr<Database> db, SecretStore *secrets)
    : m_db(std::move(db)), m_connections(m_db, secrets)
{ }

KnowledgeService::~KnowledgeService() = default;

Result<KnowledgeRepository> KnowledgeService::repo()
{
    Result<QSqlDatabase> c = m_db->threadConnection();
    if (!c)
        return c.error();
    return KnowledgeRepository(c.value());
}

void KnowledgeService::setEmbedderFactory(
    std::function<std::unique_ptr<Embedder>(const KnowledgeBaseRecord &)> f)
{
    m_embedderFactory = std::move(f);
}

// ---- bases -----------------------------------------------------------------------------------------

Result<KnowledgeBaseRecord> KnowledgeService::createBase(const QString &name, const QString &description,
    const KnowledgeSettings &settings, const ModelRef &embedding)
{
    auto r = repo();
    if (!r)
        return r.error();
    KnowledgeBaseRecord b;
    b.name = name;
    b.description = description;
    KnowledgeSettings chosen = settings;
    if (!embedding.isValid() && chosen.mode == RetrievalMode::Hybrid)
        chosen.mode = RetrievalMode::Keyword; // nothing to fuse without an embedding model
    b.settings = chosen.toJson();
    if (embedding.isValid()) {
        auto conn = m_connections.find(embedding.connectionId);
        if (!conn)
            return conn.error();
        b.embeddingConnectionId = conn->id;
        b.embeddingModel = embedding.model;
    }
    return r->createBase(b);
}

Result<KnowledgeBaseRecord> KnowledgeService::findBase(const QString &idOrName)
{
    auto r = repo();
    if (!r)
        return r.error();
    return r->findBase(idOrName);
}

Result<QList<KnowledgeBaseRecord>> KnowledgeService::bases()
{
    auto r = repo();
    if (!r)
        return r.error();
    return r->bases();
}

Result<void> KnowledgeService::updateBase(const KnowledgeBaseRecord &changed)
{
    auto r = repo();
    if (!r)
        return r.error();
    auto before = r->base(changed.id);
    if (!before)
        return before.error();
    const bool rechunk = !(KnowledgeSettings::fromJson(before->settings).effectiveChunking()
        == KnowledgeSettings::fromJson(changed.settings).effectiveChunking());
    const bool reembed = embeddingKey(before.value()) != embeddingKey(changed);
    Result<void> done = r->inTransaction([&]() -> Result<void> {
        if (auto u = r->updateBase(changed); !u)
            return u;
        if (rechunk) {
            if (auto q = r->requeue(changed.id, {}, true); !q)
                return q.error();
        } else if (reembed && !embeddingKey(changed).isEmpty()) {
            if (auto q = r->requeue(changed.id, {}, false); !q)
                return q.error();
        }
        return {};
    });
    if (done)
        invalidateVectors(changed.id);
    return done;
}

Result<void> KnowledgeService::deleteBase(const QString &id)
{
    auto r = repo();
    if (!r)
        return r.error();
    auto done = r->deleteBase(id);
    invalidateVectors(id);
    return done;
}

// ---- adding files ----------------------------------------------------------------------------------

Result<QList<AddOutcome>> KnowledgeService::addPaths(const QString &baseId, const QStringList &paths,
    const std::function<void(int, int, const QString &)> &progress, const std::atomic<int> *control)
{
    auto r = repo();
    if (!r)
        return r.error();
    auto base = r->base(baseId);
    if (!base)
        return base.error();

    QList<AddOutcome> out;
    QStringList files;
    for (const QString &p : paths) {
        const QFileInfo info(p);
        if (info.isDir()) {
            QStringList found;
            QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::NoDotAndDotDot | QDir::Readable,
                QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString f = it.next();
                // Hidden files and anything inside hidden folders (.git …) are left out.
                const QString rel = QDir(info.absoluteFilePath()).relativeFilePath(f);
                if (rel.startsWith(u'.') || rel.contains(QStringLiteral("/.")))
                    continue;
                found.append(f);
            }
            found.sort();
            files += found;
        } else if (info.exists()) {
            files.append(info.absoluteFilePath());
        } else {
            out.append(AddOutcome {AddOutcome::Refused, p, {},
                QCoreApplication::translate(
                    "cairn::knowledge::KnowledgeService", "\u201c%1\u201d does not exist.")
                    .arg(p)});
        }
    }

    const int total = int(files.size());
    for (int i = 0; i < total; ++i) {
        if (stopRequested(control))
            break;
        const QString path = files.at(i);
        if (progress)
            progress(i, total, path);
        const QString name = QFileInfo(path).fileName();
        const auto refuse = [&](const QString &why) {
            out.append(AddOutcome {AddOutcome::Refused, path, {}, why});
        };
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            refuse(QCoreApplication::translate(
                "cairn::knowledge::KnowledgeService", "Could not open \u201c%1\u201d: %2")
                       .arg(name, file.errorString()));
            continue;
        }
        const qint64 size = file.size();
        const DocumentKind kind = kindOf(name, file.peek(64 * 1024));
        if (kind == DocumentKind::Unsupported) {
            refuse(QCoreApplication::translate("cairn::knowledge::KnowledgeService",
                "\u201c%1\u201d is not a supported document (text, Markdown, HTML, PDF, Word .docx, CSV or "
                "source code).")
                       .arg(name));
            continue;
        }
        if (size == 0) {
            refuse(
                QCoreApplication::translate("cairn::knowledge::KnowledgeService", "\u201c%1\u201d is empty.")
                    .arg(name));
            continue;
        }
        // Hash first: content already stored is not copied again.
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (!hash.addData(&file)) {
            refuse(QCoreApplication::translate(
                "cairn::knowledge::KnowledgeService", "Could not read \u201c%1\u201d: %2")
                       .arg(name, file.errorString()));
            continue;
        }
        const QString sha = QString::fromLatin1(hash.result().toHex());
        Result<void> stored = r->inTransaction([&]() -> Result<void> {
            auto exists = r->fileExists(sha);
            if (!exists)
                return exists.error();
            if (!exists.value()) {
                if (!file.seek(0))
                    return Error::make(ErrorCode::Io,
                        QCoreApplication::translate(
                            "cairn::knowledge::KnowledgeService", "Could not read \u201c%1\u201d: %2")
                            .arg(name, file.errorString()));
                auto s = r->storeFile(sha, size, [&]() -> Result<QByteArray> {
                    const QByteArray part = file.read(KnowledgeRepository::kPartBytes);
                    if (part.isEmpty() && !file.atEnd())
                        return Error::make(ErrorCode::Io,
                            QCoreApplication::translate(
                                "cairn::knowledge::KnowledgeService", "Could not read \u201c%1\u201d: %2")
                                .arg(name, file.errorString()));
                    return part;
                });
                if (!s)
                    return s;
            }
            KnowledgeDocumentRecord doc;
            doc.baseId = baseId;
            doc.fileId = sha;
            doc.name = name;
            doc.sourcePath = path;
            doc.kind = kindKey(kind);
            auto added = r->addDocument(doc);
            if (!added)
                return added.error();
            out.append(AddOutcome {AddOutcome::Added, path, added->id, {}});
            return {};
        });
        if (!stored) {
            if (stored.error().code == ErrorCode::AlreadyExists)
                out.append(AddOutcome {AddOutcome::Skipped, path, {}, stored.error().message});
            else
                refuse(stored.error().message);
        }
    }
    if (progress)
        progress(total, total, QString());
    return out;
}

// ---- ingestion -------------------------------------------------------------------------------------

Result<int> KnowledgeService::recoverInterrupted()
{
    auto r = repo();
    if (!r)
        return r.error();
    return r->requeueInterrupted();
}

Result<bool> KnowledgeService::ingestNext(
    const std::function<void(const IngestProgress &)> &progress, const std::atomic<int> *control)
{
    if (stopRequested(control))
        return false;
    auto r = repo();
    if (!r)
        return r.error();
    auto next = r->nextQueued();
    if (!next)
        return next.error();
    if (!next->has_value())
        return false;
    const KnowledgeDocumentRecord doc = *next.value();
    auto base = r->base(doc.baseId);
    if (!base)
        return base.error();
    const KnowledgeSettings settings = KnowledgeSettings::fromJson(base->settings);
    const ChunkSettings chunking = settings.effectiveChunking();

    IngestProgress report {doc.id, doc.baseId, doc.name, DocumentStatus::Parsing, 0, doc.size};
    const auto setStatus = [&](const QString &status) -> Result<void> {
        report.status = status;
        if (progress)
            progress(report);
        return r->setDocumentStatus(doc.id, status);
    };
    // How a stop or a failure leaves the document.
    const auto stopWith = [&](const Error &e) -> Result<bool> {
        QString status = DocumentStatus::Failed;
        QString reason = e.message;
        if (e.code == ErrorCode::Cancelled || stopRequested(control)) {
            const bool pause = control && control->load() == int(IngestControl::Pause);
            status = pause ? DocumentStatus::Paused : DocumentStatus::Failed;
            reason = pause ? QString()
                           : QCoreApplication::translate("cairn::knowledge::KnowledgeService", "Cancelled.");
        }
        spdlog::info("knowledge: document {} {}", doc.id.toStdString(), status.toStdString());
        report.status = status;
        if (progress)
            progress(report);
        if (auto s = r->setDocumentStatus(doc.id, status, reason); !s)
            return s.error();
        invalidateVectors(doc.baseId);
        return true;
    };

    // A document whose chunks are all stored only needs its embeddings.
    const bool indexed = doc.indexedAt != 0;
    if (!indexed) {
        if (auto s = setStatus(DocumentStatus::Parsing); !s)
            return s.error();
        if (auto c = r->clearChunks(doc.id); !c)
            return stopWith(c.error());
        auto parts = r->filePartCount(doc.fileId);
        if (!parts)
            return stopWith(parts.error());
        PartsDevice device(r.value(), doc.fileId, parts.value(), doc.size);
        device.open(QIODevice::ReadOnly);
        ChunkStream stream(chunking);
        QList<KnowledgeChunkRecord> batch;
        int chunkCount = 0;
        qint64 tokens = 0;
        qint64 chars = 0;
        std::optional<Error> writeError;
        QElapsedTimer sinceReport;
        sinceReport.start();
        const auto flush = [&](bool all) -> bool {
            for (const Chunk &c : stream.take()) {
                KnowledgeChunkRecord rec;
                rec.position = c.position;
                rec.content = c.text;
                rec.tokens = c.tokens;
                batch.append(rec);
                ++chunkCount;
                tokens += c.tokens;
                chars += c.text.size();
            }
            if (batch.size() >= kChunkBatch || (all && !batch.isEmpty())) {
                if (report.status != DocumentStatus::Indexing)
                    if (auto s = setStatus(DocumentStatus::Indexing); !s) {
                        writeError = s.error();
                        return false;
                    }
                if (auto a = r->appendChunks(doc.id, doc.baseId, batch); !a) {
                    writeError = a.error();
                    return false;
                }
                batch.clear();
            }
            return true;
        };
        Result<qint64> read
            = readDocument(device, doc.size, doc.name, kindFromKey(doc.kind), [&](QStringView piece) {
                  if (stopRequested(control))
                      return false;
                  if (report.status == DocumentStatus::Parsing)
                      if (auto s = setStatus(DocumentStatus::Splitting); !s) {
                          writeError = s.error();
                          return false;
                      }
                  stream.feed(clean(piece.toString(), chunking));
                  if (!flush(false))
                      return false;
                  report.done = device.consumed();
                  if (progress && sinceReport.elapsed() >= 100) {
                      progress(report);
                      sinceReport.restart();
                  }
                  return true;
              });
        if (writeError)
            return stopWith(*writeError);
        if (!read)
            return stopWith(read.error());
        stream.finish();
        if (!flush(true))
            return stopWith(*writeError);
        if (chunkCount == 0)
            return stopWith(Error::make(ErrorCode::InvalidArgument,
                QCoreApplication::translate(
                    "cairn::knowledge::KnowledgeService", "\u201c%1\u201d has no text.")
                    .arg(doc.name)));
        if (auto f = r->finishIndexing(doc.id, chunkCount, tokens, chars); !f)
            return stopWith(f.error());
        report.done = doc.size;
    }
    if (!embeddingKey(base.value()).isEmpty()) {
        if (auto s = setStatus(DocumentStatus::Embedding); !s)
            return s.error();
        invalidateVectors(doc.baseId); // keyword search sees the document from here on
        if (auto e = embedDocument(r.value(), base.value(), doc, progress, control); !e)
            return stopWith(e.error());
    }
    if (auto s = setStatus(DocumentStatus::Completed); !s)
        return s.error();
    invalidateVectors(doc.baseId);
    return true;
}

Result<std::unique_ptr<Embedder>> KnowledgeService::embedderFor(const KnowledgeBaseRecord &base)
{
    if (m_embedderFactory)
        return m_embedderFactory(base);
    if (embeddingKey(base).isEmpty())
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate(
                "cairn::knowledge::KnowledgeService", "This knowledge base has no embedding model."));
    auto config = m_connections.providerConfig(base.embeddingConnectionId);
    if (!config)
        return config.error();
    return std::unique_ptr<Embedder>(
        new ConnectionEmbedder(config.value(), base.embeddingConnectionId, base.embeddingModel));
}

Result<void> KnowledgeService::embedDocument(KnowledgeRepository &r, const KnowledgeBaseRecord &base,
    const KnowledgeDocumentRecord &doc, const std::function<void(const IngestProgress &)> &progress,
    const std::atomic<int> *control)
{
    auto embedder = embedderFor(base);
    if (!embedder)
        return embedder.error();
    const QString key = embedder.value()->modelKey();
    IngestProgress report {doc.id, doc.baseId, doc.name, DocumentStatus::Embedding, 0, 0};
    for (;;) {
        if (stopRequested(control))
            return Error::make(ErrorCode::Cancelled,
                QCoreApplication::translate("cairn::knowledge::KnowledgeService", "Cancelled."));
        auto pending = r.missingEmbeddings(base.id, key, kEmbedBatch * 4, doc.id);
        if (!pending)
            return pending.error();
        if (pending->isEmpty())
            return {};
        if (report.total == 0)
            report.total = pending->size();
        QStringList texts;
        for (const PendingEmbedding &p : pending.value())
            texts.append(p.content);
        auto vectors = embedder.value()->embed(texts, control);
        if (!vectors)
            return vectors.error();
        if (vectors->size() != texts.size())
            return Error::make(ErrorCode::Generic,
                QCoreApplication::translate("cairn::knowledge::KnowledgeService",
                    "The embedding model returned %1 vectors for %2 texts.")
                    .arg(vectors->size())
                    .arg(texts.size()));
        QList<StoredEmbedding> rows;
        for (qsizetype i = 0; i < texts.size(); ++i) {
            const QVector<float> v = VectorIndex::normalised(vectors->at(i));
            if (v.isEmpty())
                return Error::make(ErrorCode::Generic,
                    QCoreApplication::translate("cairn::knowledge::KnowledgeService",
                        "The embedding model returned an empty vector."));
            rows.append(StoredEmbedding {pending->at(i).contentHash, v});
        }
        if (auto s = r.storeEmbeddings(key, rows); !s)
            return s;
        report.done += rows.size();
        report.total = std::max(report.total, report.done);
        if (progress)
            progress(report);
    }
}

// ---- retrieval -------------------------------------------------------------------------------------

void KnowledgeService::invalidateVectors(const QString &baseId)
{
    QMutexLocker lock(&m_mutex);
    for (auto it = m_vectors.begin(); it != m_vectors.end();) {
        if (it.key().startsWith(baseId + u'|'))
            it = m_vectors.erase(it);
        else
            ++it;
    }
}

Result<std::shared_ptr<const VectorIndex>> KnowledgeService::vectorIndex(
    KnowledgeRepository &r, const QString &baseId, const QString &modelKey)
{
    const QString cacheKey = baseId + u'|' + modelKey;
    {
        QMutexLocker lock(&m_mutex);
        if (auto found = m_vectors.value(cacheKey))
            return found;
    }
    auto dims = r.vectorDims(baseId, modelKey);
    if (!dims)
        return dims.error();
    auto index = std::make_shared<VectorIndex>(std::max(dims.value(), 1));
    if (dims.value() > 0) {
        auto read = r.forEachVector(baseId, modelKey, [&](qint64 seq, const QByteArray &bytes) {
            index->addStored(seq, bytes); // vectors of other dimensions are never mixed in
            return true;
        });
        if (!read)
            return read.error();
        if (index->size() > VectorIndex::kExactLimit)
            index->buildApproximate();
    }
    QMutexLocker lock(&m_mutex);
    m_vectors.insert(cacheKey, index);
    return std::shared_ptr<const VectorIndex>(index);
}

Result<RetrievalResult> KnowledgeService::retrieve(
    const QString &baseId, const QString &query, const RetrievalOptions &options)
{
    return retrieve(QStringList {baseId}, query, options);
}

Result<RetrievalResult> KnowledgeService::retrieve(
    const QStringList &baseIds, const QString &query, const RetrievalOptions &options)
{
    QElapsedTimer timer;
    timer.start();
    auto r = repo();
    if (!r)
        return r.error();
    RetrievalResult result;
    QList<RetrievedChunk> merged;
    QStringList notes;
    int topKUsed = 0;
    for (const QString &baseId : baseIds) {
        auto base = r->base(baseId);
        if (!base)
            return base.error();
        const KnowledgeSettings settings = KnowledgeSettings::fromJson(base->settings);
        RetrievalMode mode = options.mode.value_or(settings.mode);
        const int topK = std::clamp(options.topK.value_or(settings.topK), 1, 100);
        topKUsed = std::max(topKUsed, topK);
        const double threshold = options.scoreThreshold.value_or(settings.scoreThreshold);
        const QString key = embeddingKey(base.value());

        // The query's vector, when the mode needs one.
        QVector<float> queryVector;
        std::shared_ptr<const VectorIndex> index;
        if (mode != RetrievalMode::Keyword) {
            QString why;
            if (key.isEmpty() && !m_embedderFactory) {
                why = QCoreApplication::translate(
                    "cairn::knowledge::KnowledgeService", "%1 has no embedding model")
                          .arg(base->name);
            } else {
                auto embedder = embedderFor(base.value());
                auto idx = embedder ? vectorIndex(r.value(), baseId, embedder.value()->modelKey())
                                    : Result<std::shared_ptr<const VectorIndex>>(embedder.error());
                if (!idx) {
                    why = idx.error().message;
                } else if (idx.value()->size() == 0) {
                    why = QCoreApplication::translate(
                        "cairn::knowledge::KnowledgeService", "%1 has no embeddings yet")
                              .arg(base->name);
                } else {
                    auto v = embedder.value()->embed(QStringList {query}, nullptr);
                    if (!v || v->size() != 1)
                        why = v ? QCoreApplication::translate("cairn::knowledge::KnowledgeService",
                                  "the embedding model returned no vector")
                                : v.error().message;
                    else if (v->first().size() != idx.value()->dims())
                        why = QCoreApplication::translate("cairn::knowledge::KnowledgeService",
                            "the embedding model now returns vectors of %1 dimensions, not %2; re-index the "
                            "base")
                                  .arg(v->first().size())
                                  .arg(idx.value()->dims());
                    else {
                        queryVector = v->first();
                        index = idx.value();
                    }
                }
            }
            if (!index) {
                if (mode == RetrievalMode::Vector)
                    return Error::make(ErrorCode::InvalidArgument,
                        QCoreApplication::translate(
                            "cairn::knowledge::KnowledgeService", "Vector search is not possible: %1.")
                            .arg(why));
                notes.append(QCoreApplication::translate(
                    "cairn::knowledge::KnowledgeService", "Keyword search only: %1.")
                                 .arg(why));
                mode = RetrievalMode::Keyword;
            }
        }
        result.mode = baseIds.size() == 1 ? mode : result.mode;

        const int candidates = mode == RetrievalMode::Hybrid ? std::max(topK * 4, 40) : topK;
        QHash<qint64, RetrievedChunk> found;
        if (mode != RetrievalMode::Vector) {
            auto hits = r->keywordSearch(baseId, query, candidates);
            if (!hits)
                return hits.error();
            int rank = 0;
            for (const KeywordHit &h : hits.value()) {
                RetrievedChunk &c = found[h.seq];
                c.seq = h.seq;
                c.keywordScore = h.score;
                c.keywordRank = ++rank;
            }
        }
        if (index) {
            int rank = 0;
            for (const VectorHit &h : index->search(queryVector, candidates)) {
                RetrievedChunk &c = found[h.id];
                c.seq = h.id;
                c.vectorScore = h.similarity;
                c.vectorRank = ++rank;
            }
        }
        // Scores on 0 … 1.
        double bestKeyword = 0;
        for (const RetrievedChunk &c : std::as_const(found))
            bestKeyword = std::max(bestKeyword, c.keywordScore.value_or(0));
        QList<RetrievedChunk> ranked;
        for (RetrievedChunk c : std::as_const(found)) {
            const double kw = c.keywordScore.value_or(0);
            const double vec = std::max(0.0, c.vectorScore.value_or(0));
            if (mode == RetrievalMode::Keyword)
                c.score = bestKeyword > 0 ? kw / bestKeyword : 0; // BM25 relative to the best match
            else if (mode == RetrievalMode::Vector)
                c.score = vec;
            else if (settings.fusion == Fusion::Weighted)
                c.score = settings.vectorWeight * vec
                    + (1.0 - settings.vectorWeight) * (bestKeyword > 0 ? kw / bestKeyword : 0);
            else
                c.score = ((c.keywordRank ? 1.0 / (kRrfK + c.keywordRank) : 0)
                              + (c.vectorRank ? 1.0 / (kRrfK + c.vectorRank) : 0))
                    * (kRrfK + 1) / 2.0;
            if (c.score >= threshold)
                ranked.append(c);
        }
        std::sort(ranked.begin(), ranked.end(), [](const RetrievedChunk &a, const RetrievedChunk &b) {
            return a.score != b.score ? a.score > b.score : a.seq < b.seq;
        });
        if (ranked.size() > topK)
            ranked.resize(topK);
        for (RetrievedChunk &c : ranked) {
            c.baseId = baseId;
            c.baseName = base->name;
        }
        merged += ranked;
    }
    std::stable_sort(merged.begin(), merged.end(),
        [](const RetrievedChunk &a, const RetrievedChunk &b) { return a.score > b.score; });
    if (baseIds.size() > 1 && merged.size() > topKUsed)
        merged.resize(topKUsed);

    // The chunks' text and documents.
    QList<qint64> seqs;
    for (const RetrievedChunk &c : std::as_const(merged))
        seqs.append(c.seq);
    auto records = r->chunksBySeq(seqs);
    if (!records)
        return records.error();
    QHash<qint64, KnowledgeChunkRecord> bySeq;
    for (const KnowledgeChunkRecord &rec : records.value())
        bySeq.insert(rec.seq, rec);
    for (RetrievedChunk &c : merged) {
        const KnowledgeChunkRecord rec = bySeq.value(c.seq);
        c.documentId = rec.documentId;
        c.documentName = rec.documentName;
        c.position = rec.position;
        c.content = rec.content;
        c.tokens = rec.tokens;
    }
    result.chunks = merged;
    result.note = notes.join(u' ');
    result.durationMs = double(timer.nsecsElapsed()) / 1e6;

    if (options.countHits)
        if (auto h = r->addHits(seqs); !h)
            spdlog::warn("knowledge: could not count hits: {}", h.error().message.toStdString());
    if (options.log) {
        for (const QString &baseId : baseIds) {
            QJsonArray logged;
            for (const RetrievedChunk &c : std::as_const(result.chunks))
                if (c.baseId == baseId)
                    logged.append(QJsonObject {{QStringLiteral("seq"), c.seq},
                        {QStringLiteral("document"), c.documentName},
                        {QStringLiteral("position"), c.position}, {QStringLiteral("score"), c.score},
                        {QStringLiteral("found_by"), c.foundBy()}});
            QueryLogRecord entry;
            entry.baseId = baseId;
            entry.query = query;
            entry.mode = modeName(result.mode);
            entry.topK = topKUsed;
            entry.results = logged;
            entry.source = options.source;
            entry.durationMs = result.durationMs;
            if (auto l = r->logQuery(entry); !l)
                spdlog::warn("knowledge: could not log the query: {}", l.error().message.toStdString());
        }
    }
    return result;
}

// ---- edits -----------------------------------------------------------------------------------------

Result<void> KnowledgeService::updateChunk(qint64 seq, const QString &content)
{
    auto r = repo();
    if (!r)
        return r.error();
    auto chunk = r->chunksBySeq({seq});
    if (!chunk)
        return chunk.error();
    if (chunk->isEmpty())
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate(
                "cairn::knowledge::KnowledgeService", "The chunk is no longer there."));
    auto done = r->updateChunk(seq, content, estimateTokens(content));
    if (!done)
        return done;
    const QString baseId = chunk->first().baseId;
    invalidateVectors(baseId);
    // Its new text needs a vector: the document goes back to "embedding" when the base has a model.
    auto base = r->base(baseId);
    if (base && !embeddingKey(base.value()).isEmpty())
        if (auto q = r->requeue(baseId, chunk->first().documentId, false); !q)
            return q.error();
    return {};
}

Result<void> KnowledgeService::setChunkEnabled(qint64 seq, bool enabled)
{
    auto r = repo();
    if (!r)
        return r.error();
    auto chunk = r->chunksBySeq({seq});
    if (!chunk)
        return chunk.error();
    if (chunk->isEmpty())
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate(
                "cairn::knowledge::KnowledgeService", "The chunk is no longer there."));
    auto done = r->setChunkEnabled(seq, enabled);
    invalidateVectors(chunk->first().baseId);
    return done;
}

Result<void> KnowledgeService::setDocumentEnabled(const QString &documentId, bool enabled)
{
    auto r = repo();
    if (!r)
        return r.error();
    auto doc = r->document(documentId);
    if (!doc)
        return doc.error();
    auto done = r->setDocumentEnabled(documentId, enabled);
    invalidateVectors(doc->baseId);
    return done;
}

Result<void> KnowledgeService::deleteDocument(const QString &documentId)
{
    auto r = repo();
    if (!r)
        return r.error();
    auto doc = r->document(documentId);
    if (!doc)
        return doc.error();
    auto done = r->deleteDocument(documentId);
    invalidateVectors(doc->baseId);
    return done;
}

Result<int> KnowledgeService::reindex(const QString &baseId, const QString &documentId)
{
    auto r = repo();
    if (!r)
        return r.error();
    auto n = r->requeue(baseId, documentId, true);
    invalidateVectors(baseId);
    return n;
}

} // namespace cairn::knowledge
