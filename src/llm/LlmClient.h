#pragma once

#include "llm/LlmTypes.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QVector>

#include <memory>

class QNetworkAccessManager;

namespace cairn::llm {

class HttpExchange;
struct HttpCall;
class Protocol;
class StreamDecoder;

// A chat completion in flight. Deltas arrive as they are parsed; finished() comes exactly once,
// after which result() holds the whole answer: Done, Stopped (stop() keeps the partial text) or
// Error (the partial text is kept too, and result().error says what happened).
class ChatStream : public QObject
{
    Q_OBJECT
public:
    ~ChatStream() override;
    void stop();
    bool isFinished() const { return m_finished; }
    const ChatResult &result() const { return m_result; }

Q_SIGNALS:
    void delta(const cairn::llm::ChatDelta &delta);
    void retrying(int attempt, int delayMs, const QString &reason);
    void finished();

private:
    friend class LlmClient;
    ChatStream(QNetworkAccessManager *nam, const ProviderConfig &config, const ChatRequest &request,
        QObject *parent);
    void start();
    void onData(const QByteArray &chunk);
    void onExchangeFinished();
    void finishFromJson();
    void finishWithWholeAnswer(ChatResult r);
    void apply(const ChatDelta &d);
    void complete();

    std::unique_ptr<Protocol> m_protocol;
    std::unique_ptr<StreamDecoder> m_decoder;
    HttpExchange *m_exchange = nullptr;
    ChatResult m_result;
    bool m_streaming = true;
    bool m_finished = false;
    bool m_stopped = false;
};

// Lists a server's models (for Ollama with each model's details); also how a connection is verified.
class ModelsJob : public QObject
{
    Q_OBJECT
public:
    ~ModelsJob() override;
    void cancel();
    bool isFinished() const { return m_finished; }
    const QList<ModelInfo> &models() const { return m_models; }
    const LlmError &error() const { return m_error; }

Q_SIGNALS:
    void finished();

private:
    friend class LlmClient;
    ModelsJob(QNetworkAccessManager *nam, const ProviderConfig &config, QObject *parent);
    void start();
    void fetchPage(const HttpCall &call);
    void onListed();
    void pumpDetails();
    void done(const LlmError &error);

    QNetworkAccessManager *m_nam;
    std::unique_ptr<Protocol> m_protocol;
    HttpExchange *m_exchange = nullptr;
    int m_pages = 0;
    QList<HttpExchange *> m_details;
    QList<int> m_detailQueue;
    int m_pendingDetails = 0;
    QList<ModelInfo> m_models;
    LlmError m_error;
    bool m_finished = false;
};

// Embeds texts in batches, one request at a time, each with the usual retries.
class EmbeddingsJob : public QObject
{
    Q_OBJECT
public:
    ~EmbeddingsJob() override;
    void cancel();
    bool isFinished() const { return m_finished; }
    const QList<QVector<float>> &vectors() const { return m_vectors; }
    const LlmError &error() const { return m_error; }

Q_SIGNALS:
    void progress(int done, int total);
    void finished();

private:
    friend class LlmClient;
    EmbeddingsJob(QNetworkAccessManager *nam, const ProviderConfig &config, QString model, QStringList inputs,
        int batchSize, QObject *parent);
    void nextBatch();
    void done(const LlmError &error);

    QNetworkAccessManager *m_nam;
    std::unique_ptr<Protocol> m_protocol;
    QString m_model;
    QStringList m_inputs;
    int m_batchSize;
    int m_next = 0;
    HttpExchange *m_exchange = nullptr;
    QList<QVector<float>> m_vectors;
    LlmError m_error;
    bool m_finished = false;
};

// Entry point: one per thread that talks to model servers (QtNetwork objects belong to a thread).
// Jobs are children of the client; delete them (deleteLater) when done with them.
class LlmClient : public QObject
{
    Q_OBJECT
public:
    explicit LlmClient(QObject *parent = nullptr);
    ~LlmClient() override;

    ChatStream *chat(const ProviderConfig &config, const ChatRequest &request);
    ModelsJob *listModels(const ProviderConfig &config);
    EmbeddingsJob *embed(
        const ProviderConfig &config, const QString &model, const QStringList &inputs, int batchSize = 64);

    // Blocking conveniences for the CLI and worker threads (they spin a local event loop).
    ChatResult chatSync(const ProviderConfig &config, const ChatRequest &request,
        const std::function<void(const ChatDelta &)> &onDelta = {});
    QList<ModelInfo> listModelsSync(const ProviderConfig &config, LlmError *error);

    QNetworkAccessManager *networkAccessManager() const { return m_nam; }

    // Honour the system's proxy settings (environment variables on Linux); call once at start-up.
    static void useSystemProxy();

private:
    QNetworkAccessManager *m_nam;
};

} // namespace cairn::llm
