#include "knowledge/KnowledgeBackend.h"

#include "storage/Database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

#include <spdlog/spdlog.h>

namespace cairn::knowledge {

KnowledgeBackend::KnowledgeBackend(std::shared_ptr<Database> db, SecretStore *secrets, QObject *parent)
    : QObject(parent),
      m_db(db),
      m_thread(new QThread(this)),
      m_context(new QObject),
      m_service(std::make_unique<KnowledgeService>(std::move(db), secrets))
{
    qRegisterMetaType<cairn::KnowledgeBaseRecord>();
    qRegisterMetaType<QList<cairn::KnowledgeBaseRecord>>();
    qRegisterMetaType<QList<cairn::KnowledgeDocumentRecord>>();
    qRegisterMetaType<QList<cairn::KnowledgeChunkRecord>>();
    qRegisterMetaType<cairn::knowledge::IngestProgress>();
    qRegisterMetaType<cairn::knowledge::RetrievalResult>();
    qRegisterMetaType<QList<cairn::QueryLogRecord>>();
    m_thread->setObjectName(QStringLiteral("cairn-knowledge"));
    m_context->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread->start();
    // Work a process left unfinished goes on (when no other process works the queue).
    run([this] {
        m_ingestLock = m_service->tryLockIngestion();
        if (!m_ingestLock) {
            spdlog::info("knowledge: another process works the ingestion queue");
            return;
        }
        if (auto n = m_service->recoverInterrupted(); n && n.value() > 0)
            spdlog::info("knowledge: {} interrupted documents wait again", n.value());
        schedulePump();
    });
}

KnowledgeBackend::~KnowledgeBackend()
{
    m_stopping = true;
    // A document being read stops at its next piece and waits for the next start; adding stops too.
    m_control = int(IngestControl::Shutdown);
    m_addControl = int(IngestControl::Cancel);
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            m_ingestLock.reset();
            m_service.reset();
            m_db->closeThreadConnection();
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void KnowledgeBackend::run(std::function<void()> work)
{
    QMetaObject::invokeMethod(
        m_context,
        [this, work = std::move(work)] {
            if (m_stopping || !m_service)
                return; // shutting down: what was queued behind the shutdown is dropped
            work();
            touched();
        },
        Qt::QueuedConnection);
}

void KnowledgeBackend::touched()
{
    // The worker's database connection closes when it has been idle for a moment (so a re-key
    // never waits for it, and a quiet pane holds nothing open).
    if (!m_idle) {
        m_idle = new QTimer(m_context);
        m_idle->setSingleShot(true);
        m_idle->setInterval(1500);
        QObject::connect(m_idle, &QTimer::timeout, m_context, [this] {
            if (m_pumping.load())
                m_idle->start();
            else
                m_db->closeThreadConnection();
        });
    }
    m_idle->start();
}

void KnowledgeBackend::schedulePump()
{
    // On the worker thread: one pump at a time, queued behind other requests.
    if (m_stopping || !m_ingestLock || m_pumping.exchange(true))
        return;
    QTimer::singleShot(0, m_context, [this] { pump(); });
}

void KnowledgeBackend::pump()
{
    m_pumping = false;
    if (m_stopping || m_control.load() != int(IngestControl::Run))
        return;
    touched();
    auto done = m_service->ingestBatch(
        [this](const IngestProgress &p) { Q_EMIT ingestProgress(p); }, &m_control, 150);
    if (!done) {
        Q_EMIT failed(done.error().message);
        // A passing failure (the database busy, a full disk freed) should not leave the queue idle.
        QTimer::singleShot(2000, m_context, [this] { schedulePump(); });
        return;
    }
    auto r = m_service->repo();
    const int waiting = r ? r->queuedCount().value_or(0) : 0;
    Q_EMIT queueChanged(waiting, isPaused());
    if (done.value() > 0)
        schedulePump();
}

void KnowledgeBackend::listBases()
{
    run([this] {
        auto bases = m_service->bases();
        if (!bases)
            Q_EMIT failed(bases.error().message);
        else
            Q_EMIT basesListed(bases.value());
    });
}

void KnowledgeBackend::createBase(const QString &name, const QString &description,
    const KnowledgeSettings &settings, const ModelRef &embedding)
{
    run([this, name, description, settings, embedding] {
        auto created = m_service->createBase(name, description, settings, embedding);
        if (!created) {
            Q_EMIT failed(created.error().message);
            return;
        }
        Q_EMIT baseCreated(created.value());
        if (auto bases = m_service->bases(); bases)
            Q_EMIT basesListed(bases.value());
    });
}

void KnowledgeBackend::updateBase(const KnowledgeBaseRecord &base)
{
    run([this, base] {
        if (auto done = m_service->updateBase(base); !done)
            Q_EMIT failed(done.error().message);
        if (auto bases = m_service->bases(); bases)
            Q_EMIT basesListed(bases.value());
        schedulePump(); // changed chunking or model: the documents wait again
    });
}

void KnowledgeBackend::deleteBase(const QString &baseId)
{
    run([this, baseId] {
        if (auto done = m_service->deleteBase(baseId); !done)
            Q_EMIT failed(done.error().message);
        if (auto bases = m_service->bases(); bases)
            Q_EMIT basesListed(bases.value());
    });
}

void KnowledgeBackend::listDocuments(const QString &baseId)
{
    run([this, baseId] {
        auto r = m_service->repo();
        auto docs = r ? r->documents(baseId) : Result<QList<KnowledgeDocumentRecord>>(r.error());
        if (!docs)
            Q_EMIT failed(docs.error().message);
        else
            Q_EMIT documentsListed(baseId, docs.value());
    });
}

void KnowledgeBackend::addPaths(const QString &baseId, const QStringList &paths)
{
    run([this, baseId, paths] {
        m_addControl = int(IngestControl::Run);
        QElapsedTimer sinceReport; // a few reports a second, not one per file
        sinceReport.start();
        auto outcome = m_service->addPaths(
            baseId, paths,
            [this, baseId, &sinceReport](int done, int total, const QString &path) {
                if (sinceReport.elapsed() >= 100 || done == total) {
                    sinceReport.restart();
                    Q_EMIT addProgress(baseId, done, total, path);
                }
            },
            &m_addControl);
        if (!outcome) {
            Q_EMIT failed(outcome.error().message);
            return;
        }
        int added = 0;
        int skipped = 0;
        QStringList problems;
        for (const AddOutcome &o : outcome.value()) {
            if (o.kind == AddOutcome::Added)
                ++added;
            else if (o.kind == AddOutcome::Skipped)
                ++skipped;
            else
                problems.append(o.message);
        }
        Q_EMIT addFinished(baseId, added, skipped, problems);
        if (auto r = m_service->repo(); r) {
            if (auto docs = r->documents(baseId); docs)
                Q_EMIT documentsListed(baseId, docs.value());
            Q_EMIT queueChanged(r->queuedCount().value_or(0), isPaused());
        }
        if (auto bases = m_service->bases(); bases)
            Q_EMIT basesListed(bases.value());
        schedulePump();
    });
}

void KnowledgeBackend::listChunks(const QString &documentId)
{
    run([this, documentId] {
        auto r = m_service->repo();
        auto chunks = r ? r->chunks(documentId, 0, 100000) : Result<QList<KnowledgeChunkRecord>>(r.error());
        if (!chunks)
            Q_EMIT failed(chunks.error().message);
        else
            Q_EMIT chunksListed(documentId, chunks.value());
    });
}

void KnowledgeBackend::updateChunk(const QString &documentId, qint64 seq, const QString &content)
{
    run([this, documentId, seq, content] {
        if (auto done = m_service->updateChunk(seq, content); !done)
            Q_EMIT failed(done.error().message);
        listChunks(documentId);
        schedulePump();
    });
}

void KnowledgeBackend::setChunkEnabled(const QString &documentId, qint64 seq, bool enabled)
{
    run([this, documentId, seq, enabled] {
        if (auto done = m_service->setChunkEnabled(seq, enabled); !done)
            Q_EMIT failed(done.error().message);
        listChunks(documentId);
    });
}

void KnowledgeBackend::setDocumentEnabled(const QString &baseId, const QString &documentId, bool enabled)
{
    run([this, baseId, documentId, enabled] {
        if (auto done = m_service->setDocumentEnabled(documentId, enabled); !done)
            Q_EMIT failed(done.error().message);
        listDocuments(baseId);
    });
}

void KnowledgeBackend::deleteDocument(const QString &baseId, const QString &documentId)
{
    run([this, baseId, documentId] {
        if (auto done = m_service->deleteDocument(documentId); !done)
            Q_EMIT failed(done.error().message);
        listDocuments(baseId);
        listBases();
    });
}

void KnowledgeBackend::reindex(const QString &baseId, const QString &documentId)
{
    run([this, baseId, documentId] {
        if (auto done = m_service->reindex(baseId, documentId); !done)
            Q_EMIT failed(done.error().message);
        listDocuments(baseId);
        schedulePump();
    });
}

void KnowledgeBackend::retrieve(
    int requestId, const QString &baseId, const QString &query, RetrievalMode mode, int topK)
{
    run([this, requestId, baseId, query, mode, topK] {
        RetrievalOptions o;
        o.mode = mode;
        o.topK = topK;
        o.source = QStringLiteral("test");
        auto found = m_service->retrieve(baseId, query, o);
        if (!found)
            Q_EMIT failed(found.error().message);
        else
            Q_EMIT retrieved(requestId, found.value());
    });
}

void KnowledgeBackend::listQueries(const QString &baseId)
{
    run([this, baseId] {
        auto r = m_service->repo();
        auto queries = r ? r->queries(baseId, 100) : Result<QList<QueryLogRecord>>(r.error());
        if (!queries)
            Q_EMIT failed(queries.error().message);
        else
            Q_EMIT queriesListed(baseId, queries.value());
    });
}

void KnowledgeBackend::listModels()
{
    run([this] {
        auto list = m_service->connections().list();
        if (!list) {
            Q_EMIT failed(list.error().message);
            return;
        }
        QStringList names;
        QStringList ids;
        for (const ConnectionRecord &c : list.value()) {
            names.append(c.name);
            ids.append(c.id);
        }
        Q_EMIT modelsListed(names, ids);
    });
}

void KnowledgeBackend::pause()
{
    m_control = int(IngestControl::Pause);
    run([this] {
        if (auto r = m_service->repo(); r) {
            (void)r->pauseQueued({});
            Q_EMIT queueChanged(r->queuedCount().value_or(0), true);
        }
    });
}

void KnowledgeBackend::resume()
{
    m_control = int(IngestControl::Run);
    run([this] {
        if (auto r = m_service->repo(); r) {
            (void)r->resumePaused({});
            Q_EMIT queueChanged(r->queuedCount().value_or(0), false);
        }
        schedulePump();
    });
}

void KnowledgeBackend::cancel()
{
    m_control = int(IngestControl::Cancel);
    m_addControl = int(IngestControl::Cancel); // a folder being added stops after the current file
    run([this] {
        if (auto r = m_service->repo(); r)
            (void)r->cancelQueued(
                {}, QCoreApplication::translate("cairn::knowledge::KnowledgeService", "Cancelled."));
        m_control = int(IngestControl::Run);
        if (auto r = m_service->repo(); r)
            Q_EMIT queueChanged(r->queuedCount().value_or(0), false);
    });
}

} // namespace cairn::knowledge
