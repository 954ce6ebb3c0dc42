#pragma once

#include "knowledge/KnowledgeService.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

class QThread;
class QTimer;

namespace cairn {
class Database;
class SecretStore;
} // namespace cairn

namespace cairn::knowledge {

// Knowledge bases for the GUI: every call returns at once and is carried out on a worker thread of
// its own (the database and the network never block the GUI); results arrive as signals. The
// ingestion queue is worked through on that thread between other requests, batch by batch, so a
// search or a listing never waits for a whole folder to be indexed.
class KnowledgeBackend : public QObject
{
    Q_OBJECT
public:
    KnowledgeBackend(std::shared_ptr<Database> db, SecretStore *secrets, QObject *parent = nullptr);
    ~KnowledgeBackend() override; // stops ingestion at the next piece of work, closes the connection

    void listBases();
    void createBase(const QString &name, const QString &description, const KnowledgeSettings &settings,
        const ModelRef &embedding);
    void updateBase(const KnowledgeBaseRecord &base);
    void deleteBase(const QString &baseId);
    void listDocuments(const QString &baseId);
    void addPaths(const QString &baseId, const QStringList &paths);
    void listChunks(const QString &documentId);
    void updateChunk(const QString &documentId, qint64 seq, const QString &content);
    void setChunkEnabled(const QString &documentId, qint64 seq, bool enabled);
    void setDocumentEnabled(const QString &baseId, const QString &documentId, bool enabled);
    void deleteDocument(const QString &baseId, const QString &documentId);
    void reindex(const QString &baseId, const QString &documentId = {});
    void retrieve(int requestId, const QString &baseId, const QString &query, RetrievalMode mode, int topK);
    void listModels(); // connections and their embedding-capable models, for the settings
    void listQueries(const QString &baseId); // the base's query log, newest first

    // Ingestion control (immediate; the worker sees it at its next piece of work).
    void pause();
    void resume();
    void cancel();
    bool isPaused() const { return m_control.load() == int(IngestControl::Pause); }

Q_SIGNALS:
    void basesListed(const QList<cairn::KnowledgeBaseRecord> &bases);
    void baseCreated(const cairn::KnowledgeBaseRecord &base);
    void documentsListed(const QString &baseId, const QList<cairn::KnowledgeDocumentRecord> &documents);
    void addProgress(const QString &baseId, int done, int total, const QString &path);
    void addFinished(const QString &baseId, int added, int skipped, const QStringList &problems);
    void ingestProgress(const cairn::knowledge::IngestProgress &progress);
    void queueChanged(int waiting, bool paused); // after each document and on pause / resume
    void queriesListed(const QString &baseId, const QList<cairn::QueryLogRecord> &queries);
    void chunksListed(const QString &documentId, const QList<cairn::KnowledgeChunkRecord> &chunks);
    void retrieved(int requestId, const cairn::knowledge::RetrievalResult &result);
    void modelsListed(const QStringList &connectionNames, const QStringList &connectionIds);
    void failed(const QString &message);

private:
    void run(std::function<void()> work);
    void pump(); // worker thread: one batch of ingestion, then again while work waits
    void schedulePump();
    void touched(); // worker thread: restart the idle timer that closes the connection

    std::shared_ptr<Database> m_db;
    QThread *m_thread;
    QObject *m_context; // lives on m_thread: what queued work runs in
    std::unique_ptr<KnowledgeService> m_service; // used on m_thread only
    std::unique_ptr<QLockFile> m_ingestLock;
    std::atomic<int> m_control {int(IngestControl::Run)};
    std::atomic<int> m_addControl {int(IngestControl::Run)};
    std::atomic<bool> m_pumping {false};
    std::atomic<bool> m_stopping {false};
    QTimer *m_idle = nullptr; // on m_thread
};

} // namespace cairn::knowledge

Q_DECLARE_METATYPE(cairn::knowledge::IngestProgress)
Q_DECLARE_METATYPE(cairn::knowledge::RetrievalResult)
