#include "knowledge/KnowledgeService.h"

#include "llm/LlmClient.h"
#include "storage/Database.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QFuture>
#include <QJsonArray>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <numeric>

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
constexpr qint64 kOneTransactionBytes = 4 * 1024 * 1024;
constexpr qint64 kGroupBytes = 32 * 1024 * 1024;
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

// Whether a document is read within one transaction: small, and quick to turn into text (a PDF or
// a Word document of a few megabytes can take seconds to parse, and other writers would wait
// that long; they are read outside any transaction, batch by batch).
bool readsInOneTransaction(const KnowledgeDocumentRecord &doc)
{
    return doc.size <= kOneTransactionBytes && doc.kind != kindKey(DocumentKind::Pdf)
        && doc.kind != kindKey(DocumentKind::Docx);
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
        // The request runs on a thread of its own with its own event loop; the caller waits without
        // running its event loop, so none of its queued work (or its idle timers) runs meanwhile.
        QList<QVector<float>> vectors;
        llm::LlmError error;
        std::unique_ptr<QThread> thread(QThread::create([&] {
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
            vectors = job->vectors();
            error = job->error();
        }));
        thread->setObjectName(QStringLiteral("cairn-embed"));
        thread->start();
        thread->wait();
        if (error.kind != llm::LlmError::Kind::None)
            return Error::make(stopRequested(control) ? ErrorCode::Cancelled : ErrorCode::Unavailable,
                QCoreApplication::translate("cairn::knowledge::KnowledgeService", "Embedding failed: %1")
                    .arg(error.message));
        return vectors;
    }

private:
    llm::ProviderConfig m_config;
    QString m_key;
    QString m_model;
};

// A file read and (when small) cut into chunks off the writing thread, ready to be stored.
struct PreparedFile {
    QString path;
    QString name;
    qint64 size = 0;
    QString sha;
    DocumentKind kind = DocumentKind::Unsupported;
    QString refusal; // not added at all: unsupported, empty, unreadable
    QByteArray bytes; // the whole file when small; else it is copied from disk when stored
    bool indexed = false; // `chunks` are the whole document
    QString readError; // stored, but it cannot be read as a document: it ends in error with this
    QList<KnowledgeChunkRecord> chunks;
    qint64 tokens = 0;
    qint64 chars = 0;
};

PreparedFile prepareFile(const QString &path, const ChunkSettings &chunking, const std::atomic<int> *control)
{
    PreparedFile f;
    f.path = path;
    f.name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        f.refusal = QCoreApplication::translate(
            "cairn::knowledge::KnowledgeService", "Could not open \u201c%1\u201d: %2")
                        .arg(f.name, file.errorString());
        return f;
    }
    f.size = file.size();
    f.kind = kindOf(f.name, file.peek(64 * 1024));
    if (f.kind == DocumentKind::Unsupported) {
        f.refusal = QCoreApplication::translate("cairn::knowledge::KnowledgeService",
            "\u201c%1\u201d is not a supported document (text, Markdown, HTML, PDF, Word .docx, CSV or "
            "source code).")
                        .arg(f.name);
        return f;
    }
    if (f.size == 0) {
        f.refusal
            = QCoreApplication::translate("cairn::knowledge::KnowledgeService", "\u201c%1\u201d is empty.")
                  .arg(f.name);
        return f;
    }
    const auto unreadable = [&] {
        f.refusal = QCoreApplication::translate(
            "cairn::knowledge::KnowledgeService", "Could not read \u201c%1\u201d: %2")
                        .arg(f.name, file.errorString());
        return f;
    };
    if (f.size > kOneTransactionBytes) {
        // Large: hashed here, copied and ingested later in bounded memory.
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (!hash.addData(&file))
            return unreadable();
        f.sha = QString::fromLatin1(hash.result().toHex());
        return f;
    }
    f.bytes = file.readAll();
    if (f.bytes.size() != f.size)
        return unreadable();
    f.sha = QString::fromLatin1(QCryptographicHash::hash(f.bytes, QCryptographicHash::Sha256).toHex());
    // Small: read as a document and cut here.
    QBuffer buffer(&f.bytes);
    buffer.open(QIODevice::ReadOnly);
    ChunkStream stream(chunking);
    const auto collect = [&] {
        for (const Chunk &c : stream.take()) {
            KnowledgeChunkRecord rec;
            rec.position = c.position;
            rec.content = c.text;
            rec.tokens = c.tokens;
            rec.contentHash = QString::fromLatin1(
                QCryptographicHash::hash(c.text.toUtf8(), QCryptographicHash::Sha256).toHex());
            rec.indexText = indexForm(c.text);
            f.tokens += c.tokens;
            f.chars += c.text.size();
            f.chunks.append(rec);
        }
    };
    Result<qint64> read = readDocument(buffer, f.size, f.name, f.kind, [&](QStringView piece) {
        if (stopRequested(control))
            return false;
        stream.feed(piece);
        collect();
        return true;
    });
    if (!read) {
        if (read.error().code != ErrorCode::Cancelled)
            f.readError = read.error().message;
        f.chunks.clear(); // cancelled: ingestion reads it later
        return f;
    }
    stream.finish();
    collect();
    if (f.chunks.isEmpty())
        f.readError
            = QCoreApplication::translate("cairn::knowledge::KnowledgeService", "\u201c%1\u201d has no text.")
                  .arg(f.name);
    else
        f.indexed = true;
    return f;
}

// Stores a prepared file as a document of the base (the bytes once per content); a document cut
// already is indexed at once. Returns the document's id.
Result<QString> storePrepared(
    KnowledgeRepository &r, const QString &baseId, bool needsVectors, const PreparedFile &f)
{
    {
        QFile file(f.path);
        qint64 at = 0;
        if (f.bytes.isEmpty() && !file.open(QIODevice::ReadOnly))
            return Error::make(ErrorCode::Io,
                QCoreApplication::translate(
                    "cairn::knowledge::KnowledgeService", "Could not read \u201c%1\u201d: %2")
                    .arg(f.name, file.errorString()));
        auto stored = r.storeFile(
            f.sha, f.size,
            [&]() -> Result<QByteArray> {
                if (!f.bytes.isEmpty()) {
                    const QByteArray part = f.bytes.mid(at, KnowledgeRepository::kPartBytes);
                    at += part.size();
                    return part;
                }
                const QByteArray part = file.read(KnowledgeRepository::kPartBytes);
                if (part.isEmpty() && !file.atEnd())
                    return Error::make(ErrorCode::Io,
                        QCoreApplication::translate(
                            "cairn::knowledge::KnowledgeService", "Could not read \u201c%1\u201d: %2")
                            .arg(f.name, file.errorString()));
                return part;
            },
            f.bytes.isEmpty() ? KnowledgeRepository::HashCheck::Check
                              : KnowledgeRepository::HashCheck::HashedInMemory);
        if (!stored)
            return stored.error();
    }
    KnowledgeDocumentRecord doc;
    doc.baseId = baseId;
    doc.fileId = f.sha;
    doc.name = f.name;
    doc.sourcePath = f.path;
    doc.kind = kindKey(f.kind);
    // It goes in as it ends (one statement): failed, indexed, or waiting to be read.
    if (!f.readError.isEmpty()) {
        doc.status = DocumentStatus::Failed;
        doc.error = f.readError;
    } else if (f.indexed) {
        // With an embedding model it waits for its vectors (and is searchable by keyword already).
        doc.status = needsVectors ? DocumentStatus::Waiting : DocumentStatus::Completed;
        doc.chunkCount = int(f.chunks.size());
        doc.tokenCount = f.tokens;
        doc.charCount = f.chars;
        doc.indexedAt = QDateTime::currentMSecsSinceEpoch();
    }
    auto added = r.addDocument(doc);
    if (!added)
        return added.error();
    if (f.indexed)
        if (auto a = r.appendChunks(added->id, baseId, f.chunks); !a)
            return a.error();
    return added->id;
}

// A chunk by its seq, or NotFound.
Result<KnowledgeChunkRecord> chunkBySeq(KnowledgeRepository &r, qint64 seq)
{
    auto found = r.chunksBySeq({seq});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate(
                "cairn::knowledge::KnowledgeService", "The chunk is no longer there."));
    return found->first();
}

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

QString withSources(const QString &question, const QList<RetrievedChunk> &sources)
{
    if (sources.isEmpty())
        return question;
    QString text = QStringLiteral(
        "Answer the question below. Where the numbered sources help, use them and cite them right after "
        "the statements they support, as [1], [2] and so on. If the sources do not hold the answer, say "
        "so and answer from what you know.\n\n<sources>\n");
    // Names and texts cannot close or open the tags around them.
    const auto escaped = [](QString t) {
        return t.replace(u'&', QStringLiteral("&amp;"))
            .replace(u'<', QStringLiteral("&lt;"))
            .replace(u'>', QStringLiteral("&gt;"));
    };
    for (qsizetype i = 0; i < sources.size(); ++i) {
        QString name = escaped(sources.at(i).documentName).simplified();
        name.replace(u'"', QStringLiteral("&quot;"));
        text += QStringLiteral("<source id=\"") + QString::number(i + 1) + QStringLiteral("\" document=\"")
            + name + QStringLiteral("\">\n") + escaped(sources.at(i).content)
            + QStringLiteral("\n</source>\n");
    }
    text += QStringLiteral("</sources>\n\n<question>\n") + question + QStringLiteral("\n</question>");
    return text;
}

QList<CitationRecord> citationsFor(const QList<RetrievedChunk> &sources)
{
    QList<CitationRecord> out;
    for (qsizetype i = 0; i < sources.size(); ++i) {
        const RetrievedChunk &c = sources.at(i);
        CitationRecord r;
        r.number = int(i + 1);
        r.baseId = c.baseId;
        r.baseName = c.baseName;
        r.documentId = c.documentId;
        r.documentName = c.documentName;
        r.chunkSeq = c.seq;
        r.chunkPosition = c.position;
        r.score = c.score;
        r.snippet = c.content.simplified().left(300);
        out.append(r);
    }
    return out;
}

KnowledgeService::KnowledgeService(std::shared_ptr<Database> db, SecretStore *secrets)
    : m_db(std::move(db)), m_connections(m_db, secrets)
{
    m_indexBuilds.setMaxThreadCount(1);
}

KnowledgeService::~KnowledgeService()
{
    {
        QMutexLocker lock(&m_mutex);
        dropVectorsLocked(QString());
    }
    m_indexBuilds.waitForDone();
}

void KnowledgeService::setApproximateAbove(qsizetype vectors)
{
    QMutexLocker lock(&m_mutex);
    m_approximateAbove = vectors;
}

bool KnowledgeService::approximateReady(const QString &baseId)
{
    auto r = repo();
    if (!r)
        return false;
    auto base = r->base(baseId, false);
    if (!base)
        return false;
    const QString prefix = baseId + u'|';
    const QString suffix = u'|' + QString::number(base->generation);
    QMutexLocker lock(&m_mutex);
    for (auto it = m_vectors.cbegin(); it != m_vectors.cend(); ++it)
        if (it.key().startsWith(prefix) && it.key().endsWith(suffix) && it.value()->hasApproximate())
            return true;
    return false;
}

void KnowledgeService::dropVectorsLocked(const QString &prefix)
{
    for (auto it = m_buildCancels.begin(); it != m_buildCancels.end();) {
        if (it.key().startsWith(prefix)) {
            it.value()->store(true);
            it = m_buildCancels.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = m_vectors.begin(); it != m_vectors.end();)
        it = it.key().startsWith(prefix) ? m_vectors.erase(it) : std::next(it);
}

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
    auto base = r->base(baseId, false); // its settings; the totals are not needed here
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
    // Each file is prepared on a pool thread (read, hashed, and when small enough read as a
    // document and cut into chunks), and written here in order, in groups of one transaction each
    // (a file that fails rolls back alone): reading and cutting the next files overlaps with
    // writing this one, and a folder of many small files does not pay a commit per file.
    const KnowledgeSettings settings = KnowledgeSettings::fromJson(base->settings);
    const ChunkSettings chunking = settings.effectiveChunking();
    const bool needsVectors = !embeddingKey(base.value()).isEmpty();
    const auto prepare
        = [chunking, control](const QString &path) { return prepareFile(path, chunking, control); };
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    // Read ahead a few files, and no more than kAheadBytes of them (as they are on disk).
    constexpr int kAhead = 16;
    constexpr qint64 kAheadBytes = 32 * 1024 * 1024;
    QList<QFuture<PreparedFile>> inFlight;
    QList<qint64> inFlightBytes;
    int queued = 0;
    const auto fill = [&] {
        while (queued < total && inFlight.size() < kAhead
            && (inFlight.isEmpty()
                || std::accumulate(inFlightBytes.cbegin(), inFlightBytes.cend(), qint64(0)) < kAheadBytes)) {
            const qint64 size = QFileInfo(files.at(queued)).size();
            inFlight.append(QtConcurrent::run(&pool, prepare, files.at(queued++)));
            inFlightBytes.append(std::min(size, kOneTransactionBytes));
        }
    };
    fill();
    int next = 0;
    while (next < total && !stopRequested(control)) {
        // The next file is waited for outside any transaction: the write lock is only held while
        // files that are ready are written.
        inFlight.first().waitForFinished();
        QElapsedTimer group;
        group.start();
        qint64 groupBytes = 0;
        Result<void> committed = r->inTransaction([&]() -> Result<void> {
            while (next < total && !stopRequested(control) && group.elapsed() < 1000
                && groupBytes < kGroupBytes && inFlight.first().isFinished()) {
                if (progress)
                    progress(next, total, files.at(next));
                PreparedFile f = inFlight.takeFirst().result();
                inFlightBytes.removeFirst();
                ++next;
                fill();
                groupBytes += f.size;
                if (!f.refusal.isEmpty()) {
                    out.append(AddOutcome {AddOutcome::Refused, f.path, {}, f.refusal});
                    continue;
                }
                Result<void> one = r->inTransaction([&]() -> Result<void> {
                    auto id = storePrepared(r.value(), baseId, needsVectors, f);
                    if (!id)
                        return id.error();
                    out.append(AddOutcome {AddOutcome::Added, f.path, id.value(), {}});
                    return {};
                });
                if (!one)
                    out.append(AddOutcome {one.error().code == ErrorCode::AlreadyExists ? AddOutcome::Skipped
                                                                                        : AddOutcome::Refused,
                        f.path, {}, one.error().message});
            }
            return {};
        });
        if (!committed) {
            for (auto &f : inFlight)
                f.waitForFinished();
            return committed.error();
        }
    }
    for (auto &f : inFlight)
        f.waitForFinished();
    if (progress)
        progress(total, total, QString());
    return out;
}

// ---- ingestion -------------------------------------------------------------------------------------

std::unique_ptr<QLockFile> KnowledgeService::tryLockIngestion() const
{
    auto lock = std::make_unique<QLockFile>(m_db->path() + QStringLiteral(".ingest.lock"));
    lock->setStaleLockTime(0); // held for as long as the process lives; a dead owner's lock is stale
    if (!lock->tryLock(0))
        return nullptr;
    return lock;
}

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
    auto base = r->base(next.value()->baseId, false);
    if (!base)
        return base.error();
    return ingestDocument(r.value(), *next.value(), base.value(), progress, control);
}

Result<bool> KnowledgeService::ingestDocument(KnowledgeRepository &repository,
    const KnowledgeDocumentRecord &doc, const KnowledgeBaseRecord &baseRecord,
    const std::function<void(const IngestProgress &)> &progress, const std::atomic<int> *control)
{
    KnowledgeRepository *r = &repository;
    const KnowledgeBaseRecord *base = &baseRecord;
    const KnowledgeSettings settings = KnowledgeSettings::fromJson(base->settings);
    const ChunkSettings chunking = settings.effectiveChunking();
    // A small document is indexed in one transaction: its passing statuses are reported, not
    // written (no other connection could see them before the commit anyway).
    const bool small = readsInOneTransaction(doc);

    IngestProgress report {doc.id, doc.baseId, doc.name, DocumentStatus::Parsing, 0, doc.size};
    const auto setStatus = [&](const QString &status) -> Result<void> {
        report.status = status;
        if (progress)
            progress(report);
        const bool passing = status == DocumentStatus::Parsing || status == DocumentStatus::Splitting
            || status == DocumentStatus::Indexing;
        return small && passing ? Result<void>() : r->setDocumentStatus(doc.id, status);
    };
    // How a stop or a failure leaves the document.
    const auto stopWith = [&](const Error &e) -> Result<bool> {
        QString status = DocumentStatus::Failed;
        QString reason = e.message;
        if (e.code == ErrorCode::Cancelled || stopRequested(control)) {
            const int how = control ? control->load() : int(IngestControl::Cancel);
            status = how == int(IngestControl::Pause) ? DocumentStatus::Paused
                : how == int(IngestControl::Shutdown) ? DocumentStatus::Waiting
                                                      : DocumentStatus::Failed;
            reason = status == DocumentStatus::Failed
                ? QCoreApplication::translate("cairn::knowledge::KnowledgeService", "Cancelled.")
                : QString();
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
    if (doc.indexedAt == 0) {
        const auto indexDocument = [&]() -> Result<void> {
            if (auto s = setStatus(DocumentStatus::Parsing); !s)
                return s;
            if (auto c = r->clearChunks(doc.id); !c)
                return c;
            auto parts = r->filePartCount(doc.fileId);
            if (!parts)
                return parts.error();
            PartsDevice device(*r, doc.fileId, parts.value(), doc.size);
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
                      stream.feed(piece); // ChunkStream cleans as it cuts
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
                return *writeError;
            if (!read)
                return read.error();
            stream.finish();
            if (!flush(true))
                return *writeError;
            if (chunkCount == 0)
                return Result<void>(Error::make(ErrorCode::InvalidArgument,
                    QCoreApplication::translate(
                        "cairn::knowledge::KnowledgeService", "\u201c%1\u201d has no text.")
                        .arg(doc.name)));
            if (auto f = r->finishIndexing(doc.id, chunkCount, tokens, chars); !f)
                return f;
            report.done = doc.size;
            return {};
        };
        // A small document is indexed in one transaction (one commit, however many statuses and
        // chunks); a large one commits batch by batch, so other writers never wait long.
        const Result<void> indexed = small ? r->inTransaction(indexDocument) : indexDocument();
        if (!indexed)
            return stopWith(indexed.error());
    }
    if (!embeddingKey(*base).isEmpty()) {
        if (auto s = setStatus(DocumentStatus::Embedding); !s)
            return stopWith(s.error());
        invalidateVectors(doc.baseId); // keyword search sees the document from here on
        if (auto e = embedDocument(*r, *base, doc, progress, control); !e)
            return stopWith(e.error());
    }
    if (auto s = setStatus(DocumentStatus::Completed); !s)
        return stopWith(s.error());
    invalidateVectors(doc.baseId);
    return true;
}

Result<int> KnowledgeService::ingestBatch(const std::function<void(const IngestProgress &)> &progress,
    const std::atomic<int> *control, int budgetMs)
{
    auto r = repo();
    if (!r)
        return r.error();
    // The next waiting document with its base, and whether it can share the batch's transaction.
    struct Next {
        std::optional<KnowledgeDocumentRecord> doc;
        KnowledgeBaseRecord base;
        bool small = false;
    };
    QHash<QString, KnowledgeBaseRecord> bases;
    const auto peek = [&]() -> Result<Next> {
        Next n;
        auto next = r->nextQueued();
        if (!next)
            return next.error();
        if (!next->has_value())
            return n;
        n.doc = *next.value();
        if (!bases.contains(n.doc->baseId)) {
            auto base = r->base(n.doc->baseId, false);
            if (!base)
                return base.error();
            bases.insert(n.doc->baseId, base.value());
        }
        n.base = bases.value(n.doc->baseId);
        // No network wait inside the transaction: bases with an embedding model go one by one.
        n.small = readsInOneTransaction(*n.doc) && embeddingKey(n.base).isEmpty();
        return n;
    };
    if (stopRequested(control))
        return 0;
    auto next = peek();
    if (!next)
        return next.error();
    if (!next->doc)
        return 0;
    if (!next->small) {
        auto one = ingestDocument(r.value(), *next->doc, next->base, progress, control);
        if (!one)
            return one.error();
        return 1;
    }
    int done = 0;
    QElapsedTimer timer;
    timer.start();
    Result<void> batch = r->inTransaction([&]() -> Result<void> {
        while (next->doc && next->small) {
            auto one = ingestDocument(r.value(), *next->doc, next->base, progress, control);
            if (!one)
                return one.error();
            ++done;
            if (stopRequested(control) || timer.elapsed() >= budgetMs)
                break;
            next = peek();
            if (!next)
                return next.error();
        }
        return {};
    });
    if (!batch)
        return batch.error();
    return done;
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
    // Other processes and other KnowledgeService instances (the chat's) see the change too.
    if (auto r = repo(); r)
        if (auto bumped = r->bumpGeneration(baseId); !bumped)
            spdlog::warn("knowledge: {}", bumped.error().message.toStdString());
    QMutexLocker lock(&m_mutex);
    dropVectorsLocked(baseId + u'|');
}

Result<std::shared_ptr<const VectorIndex>> KnowledgeService::vectorIndex(
    KnowledgeRepository &r, const QString &baseId, const QString &modelKey)
{
    auto base = r.base(baseId, false);
    if (!base)
        return base.error();
    // The base's generation is part of the key: a change made anywhere loads the vectors again.
    const QString cacheKey = baseId + u'|' + modelKey + u'|' + QString::number(base->generation);
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
    }
    QMutexLocker lock(&m_mutex);
    // Older generations of the same vectors go (they would hold their memory for nothing).
    dropVectorsLocked(baseId + u'|' + modelKey + u'|');
    m_vectors.insert(cacheKey, index);
    if (index->size() > m_approximateAbove) {
        // Built in the background (minutes for some hundred thousand vectors): until it is ready,
        // searches scan exactly. A change to the base cancels it (the vectors are loaded again).
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        m_buildCancels.insert(cacheKey, cancel);
        const int threads = std::max(1, QThread::idealThreadCount() - 1); // leave a core to the rest
        m_indexBuilds.start([this, index, cancel, cacheKey, threads] {
            QElapsedTimer t;
            t.start();
            spdlog::info("knowledge: building the approximate index of {} vectors", index->size());
            const bool built = index->buildApproximate(threads, cancel.get());
            spdlog::info("knowledge: approximate index of {} vectors {} after {} s", index->size(),
                built ? "ready" : "cancelled", t.elapsed() / 1000);
            QMutexLocker done(&m_mutex);
            if (m_buildCancels.value(cacheKey) == cancel)
                m_buildCancels.remove(cacheKey);
        });
    }
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
        auto base = r->base(baseId, false);
        if (!base) {
            if (baseIds.size() > 1 && base.error().code == ErrorCode::NotFound)
                continue; // deleted meanwhile: the others still answer
            return base.error();
        }
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
                if (mode == RetrievalMode::Vector && baseIds.size() == 1)
                    return Error::make(ErrorCode::Generic,
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
    // A chunk deleted since its vector was cached is not a result.
    merged.removeIf([&](const RetrievedChunk &c) { return !bySeq.contains(c.seq); });
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
    auto chunk = chunkBySeq(r.value(), seq);
    if (!chunk)
        return chunk.error();
    auto done = r->updateChunk(seq, content, estimateTokens(content));
    if (!done)
        return done;
    const QString baseId = chunk->baseId;
    invalidateVectors(baseId);
    // Its new text needs a vector: the document goes back to "embedding" when the base has a model.
    auto base = r->base(baseId, false);
    if (base && !embeddingKey(base.value()).isEmpty())
        if (auto q = r->requeue(baseId, chunk->documentId, false); !q)
            return q.error();
    return {};
}

Result<void> KnowledgeService::setChunkEnabled(qint64 seq, bool enabled)
{
    auto r = repo();
    if (!r)
        return r.error();
    auto chunk = chunkBySeq(r.value(), seq);
    if (!chunk)
        return chunk.error();
    auto done = r->setChunkEnabled(seq, enabled);
    invalidateVectors(chunk->baseId);
    return done;
}

Result<void> KnowledgeService::changeDocument(
    const QString &documentId, const std::function<Result<void>(KnowledgeRepository &)> &change)
{
    auto r = repo();
    if (!r)
        return r.error();
    auto doc = r->document(documentId);
    if (!doc)
        return doc.error();
    auto done = change(r.value());
    invalidateVectors(doc->baseId);
    return done;
}

Result<void> KnowledgeService::setDocumentEnabled(const QString &documentId, bool enabled)
{
    return changeDocument(
        documentId, [&](KnowledgeRepository &r) { return r.setDocumentEnabled(documentId, enabled); });
}

Result<void> KnowledgeService::deleteDocument(const QString &documentId)
{
    return changeDocument(documentId, [&](KnowledgeRepository &r) { return r.deleteDocument(documentId); });
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
