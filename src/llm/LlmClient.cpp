#include "llm/LlmClient.h"

#include "llm/HttpExchange.h"
#include "llm/Protocol.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QPointer>

namespace cairn::llm {

// ------------------------------------------------------------------------------------------------

ChatStream::ChatStream(
    QNetworkAccessManager *nam, const ProviderConfig &config, const ChatRequest &request, QObject *parent)
    : QObject(parent), m_protocol(Protocol::create(config)), m_streaming(request.stream)
{
    HttpCall call = m_protocol->chatCall(request);
    if (m_streaming)
        m_decoder = m_protocol->streamDecoder();
    m_exchange = new HttpExchange(nam, std::move(call), config, this);
    connect(m_exchange, &HttpExchange::data, this, &ChatStream::onData);
    connect(m_exchange, &HttpExchange::retrying, this, &ChatStream::retrying);
    connect(m_exchange, &HttpExchange::finished, this, &ChatStream::onExchangeFinished);
}

ChatStream::~ChatStream() = default;

void ChatStream::start()
{
    m_exchange->start();
}

void ChatStream::stop()
{
    if (m_finished)
        return;
    m_stopped = true;
    m_exchange->cancel();
}

void ChatStream::onData(const QByteArray &chunk)
{
    if (!m_decoder || m_finished)
        return;
    QList<ChatDelta> deltas;
    const qint64 before = m_decoder->meaningfulEvents();
    const bool ok = m_decoder->feed(chunk, deltas);
    if (m_decoder->meaningfulEvents() != before)
        m_exchange->noteProgress();
    const QPointer<ChatStream> self(this);
    for (const ChatDelta &d : deltas) {
        apply(d);
        Q_EMIT delta(d);
        if (!self || m_finished) // a receiver stopped or deleted the stream
            return;
    }
    if (!ok)
        m_exchange->failWith(m_decoder->error());
    else if (m_decoder->sawEnd())
        m_exchange->completeEarly(); // whatever the server does with the connection afterwards
}

void ChatStream::apply(const ChatDelta &d)
{
    if ((!d.content.isEmpty() || !d.reasoning.isEmpty()) && m_result.firstTokenMs < 0)
        m_result.firstTokenMs = m_exchange->elapsedMs();
    m_result.content += d.content;
    m_result.reasoning += d.reasoning;
    for (const QJsonValue &v : d.toolCalls) {
        const QJsonObject f = v.toObject();
        const int index = f.value(QStringLiteral("index")).toInt();
        auto it = std::find_if(m_result.toolCalls.begin(), m_result.toolCalls.end(),
            [index](const ToolCall &t) { return t.index == index; });
        if (it == m_result.toolCalls.end()) {
            m_result.toolCalls.append(ToolCall {index, {}, {}, {}});
            it = std::prev(m_result.toolCalls.end());
        }
        if (f.contains(QStringLiteral("id")))
            it->id = f.value(QStringLiteral("id")).toString();
        if (f.contains(QStringLiteral("name")))
            it->name = f.value(QStringLiteral("name")).toString();
        it->arguments += f.value(QStringLiteral("arguments")).toString();
    }
    if (!d.finishReason.isEmpty())
        m_result.finishReason = d.finishReason;
    if (d.promptTokens)
        m_result.promptTokens = d.promptTokens;
    if (d.completionTokens)
        m_result.completionTokens = d.completionTokens;
}

void ChatStream::onExchangeFinished()
{
    if (m_finished)
        return;
    m_result.attempts = m_exchange->attempts();
    const LlmError &e = m_exchange->error();
    if (e.isError()) {
        m_result.status = (m_stopped && e.kind == LlmError::Kind::Cancelled) ? ChatResult::Status::Stopped
                                                                             : ChatResult::Status::Error;
        if (m_result.status == ChatResult::Status::Error)
            m_result.error = e;
        complete();
        return;
    }
    if (m_streaming && m_exchange->answeredWithJson()) {
        finishFromJson();
        return;
    }
    if (m_streaming) {
        QList<ChatDelta> deltas;
        const bool ok = m_decoder->finish(deltas);
        for (const ChatDelta &d : deltas) {
            apply(d);
            Q_EMIT delta(d);
        }
        if (!ok) {
            m_result.status = ChatResult::Status::Error;
            m_result.error = m_decoder->error();
        } else if (!m_decoder->sawEnd() && m_result.finishReason.isEmpty()) {
            m_result.status = ChatResult::Status::Error;
            m_result.error = {LlmError::Kind::BadResponse,
                QCoreApplication::translate("cairn::LlmErrors",
                    "The stream ended before the answer was complete; what arrived is kept.")};
        }
        complete();
        return;
    }
    auto parsed = m_protocol->parseChat(m_exchange->body());
    if (!parsed) {
        m_result.status = ChatResult::Status::Error;
        m_result.error = {LlmError::Kind::BadResponse, parsed.error().message};
        complete();
        return;
    }
    finishWithWholeAnswer(std::move(parsed).value());
}

void ChatStream::finishFromJson()
{
    // A streaming request answered with one JSON document: a complete answer from a server that
    // ignored "stream", an error sent with status 200, or a stream labelled as JSON.
    const QByteArray &body = m_exchange->body();
    auto parsed = m_protocol->parseChat(body);
    if (parsed) {
        finishWithWholeAnswer(std::move(parsed).value());
        return;
    }
    const QString server = Protocol::serverMessage(body);
    if (!server.isEmpty()) {
        m_result.status = ChatResult::Status::Error;
        m_result.error = {LlmError::Kind::ServerError,
            QCoreApplication::translate("cairn::LlmErrors", "The server reported an error: %1").arg(server),
            m_exchange->httpStatus()};
        m_result.error.serverMessage = server;
        complete();
        return;
    }
    QList<ChatDelta> deltas;
    const bool ok = m_decoder->feed(body, deltas) && m_decoder->finish(deltas);
    const QPointer<ChatStream> self(this);
    for (const ChatDelta &d : deltas) {
        apply(d);
        Q_EMIT delta(d);
        if (!self)
            return;
    }
    if (!ok || (!m_decoder->sawEnd() && m_result.finishReason.isEmpty())) {
        m_result.status = ChatResult::Status::Error;
        m_result.error = {LlmError::Kind::BadResponse,
            QCoreApplication::translate("cairn::LlmErrors",
                "The server answered with JSON that is neither an answer nor an error: %1")
                .arg(parsed.error().message)};
    }
    complete();
}

void ChatStream::finishWithWholeAnswer(ChatResult r)
{
    ChatDelta d;
    d.content = r.content;
    d.reasoning = r.reasoning;
    d.finishReason = r.finishReason;
    d.promptTokens = r.promptTokens;
    d.completionTokens = r.completionTokens;
    if (!r.content.isEmpty() || !r.reasoning.isEmpty())
        m_result.firstTokenMs = m_exchange->elapsedMs();
    const qint64 first = m_result.firstTokenMs;
    const int attempts = m_result.attempts;
    m_result = std::move(r);
    m_result.firstTokenMs = first;
    m_result.attempts = attempts;
    const QPointer<ChatStream> self(this);
    Q_EMIT delta(d);
    if (!self)
        return;
    complete();
}

void ChatStream::complete()
{
    m_finished = true;
    m_result.totalMs = m_exchange->elapsedMs();
    Q_EMIT finished();
}

// ------------------------------------------------------------------------------------------------

ModelsJob::ModelsJob(QNetworkAccessManager *nam, const ProviderConfig &config, QObject *parent)
    : QObject(parent), m_nam(nam), m_protocol(Protocol::create(config))
{ }

ModelsJob::~ModelsJob() = default;

void ModelsJob::start()
{
    fetchPage(m_protocol->modelsCall());
}

void ModelsJob::fetchPage(const HttpCall &call)
{
    if (m_exchange)
        m_exchange->deleteLater();
    m_exchange = new HttpExchange(m_nam, call, m_protocol->config(), this);
    connect(m_exchange, &HttpExchange::finished, this, &ModelsJob::onListed);
    m_exchange->start();
}

void ModelsJob::onListed()
{
    if (m_finished)
        return;
    if (m_exchange->error().isError()) {
        done(m_exchange->error());
        return;
    }
    auto parsed = m_protocol->parseModels(m_exchange->body());
    if (!parsed) {
        done({LlmError::Kind::BadResponse, parsed.error().message});
        return;
    }
    m_models += parsed.value();
    constexpr int kMaxPages = 100;
    if (auto next = m_protocol->nextModelsPage(m_exchange->body()); next && ++m_pages < kMaxPages) {
        fetchPage(*next);
        return;
    }
    for (int i = 0; i < m_models.size(); ++i) {
        if (m_protocol->modelDetailsCall(m_models[i].id))
            m_detailQueue.append(i);
    }
    pumpDetails();
}

void ModelsJob::pumpDetails()
{
    // A few at a time: a server with hundreds of models is not asked hundreds of things at once.
    constexpr int kParallel = 4;
    while (!m_finished && m_pendingDetails < kParallel && !m_detailQueue.isEmpty()) {
        const int i = m_detailQueue.takeFirst();
        auto *x = new HttpExchange(
            m_nam, *m_protocol->modelDetailsCall(m_models[i].id), m_protocol->config(), this);
        m_details.append(x);
        ++m_pendingDetails;
        connect(x, &HttpExchange::finished, this, [this, x, i] {
            if (m_finished)
                return;
            if (!x->error().isError())
                m_protocol->parseModelDetails(x->body(), m_models[i]);
            m_details.removeOne(x);
            x->deleteLater();
            --m_pendingDetails;
            pumpDetails();
        });
        x->start();
    }
    if (!m_finished && m_pendingDetails == 0 && m_detailQueue.isEmpty())
        done({});
}

void ModelsJob::cancel()
{
    if (m_finished)
        return;
    if (m_exchange)
        m_exchange->disconnect(this);
    for (HttpExchange *x : std::as_const(m_details))
        x->disconnect(this);
    done({LlmError::Kind::Cancelled, QCoreApplication::translate("cairn::LlmErrors", "Stopped.")});
}

void ModelsJob::done(const LlmError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    if (m_exchange)
        m_exchange->cancel();
    for (HttpExchange *x : std::as_const(m_details))
        x->cancel();
    Q_EMIT finished();
}

// ------------------------------------------------------------------------------------------------

EmbeddingsJob::EmbeddingsJob(QNetworkAccessManager *nam, const ProviderConfig &config, QString model,
    QStringList inputs, int batchSize, QObject *parent)
    : QObject(parent),
      m_nam(nam),
      m_protocol(Protocol::create(config)),
      m_model(std::move(model)),
      m_inputs(std::move(inputs)),
      m_batchSize(std::max(1, batchSize))
{ }

EmbeddingsJob::~EmbeddingsJob() = default;

void EmbeddingsJob::nextBatch()
{
    if (m_finished)
        return;
    if (!m_protocol->supportsEmbeddings()) {
        done({LlmError::Kind::Unsupported,
            QCoreApplication::translate("cairn::LlmErrors", "This kind of server offers no embeddings.")});
        return;
    }
    if (m_next >= m_inputs.size()) {
        done({});
        return;
    }
    const QStringList batch = m_inputs.mid(m_next, m_batchSize);
    HttpCall call = m_protocol->embedCall(m_model, batch);
    call.model = m_model;
    if (m_exchange)
        m_exchange->deleteLater();
    m_exchange = new HttpExchange(m_nam, std::move(call), m_protocol->config(), this);
    connect(m_exchange, &HttpExchange::finished, this, [this, n = batch.size()] {
        if (m_finished)
            return;
        if (m_exchange->error().isError()) {
            done(m_exchange->error());
            return;
        }
        auto parsed = m_protocol->parseEmbeddings(m_exchange->body());
        if (!parsed) {
            done({LlmError::Kind::BadResponse, parsed.error().message});
            return;
        }
        if (parsed->size() != n) {
            done({LlmError::Kind::BadResponse,
                QCoreApplication::translate(
                    "cairn::LlmErrors", "The server returned %1 embeddings for %2 texts.")
                    .arg(parsed->size())
                    .arg(n)});
            return;
        }
        for (const QVector<float> &v : parsed.value()) {
            if (v.isEmpty() || (!m_vectors.isEmpty() && v.size() != m_vectors.first().size())) {
                done({LlmError::Kind::BadResponse,
                    QCoreApplication::translate(
                        "cairn::LlmErrors", "The server returned embeddings of different dimensions.")});
                return;
            }
            m_vectors.append(v);
        }
        m_next += static_cast<int>(n);
        Q_EMIT progress(m_next, static_cast<int>(m_inputs.size()));
        nextBatch();
    });
    m_exchange->start();
}

void EmbeddingsJob::cancel()
{
    if (m_finished)
        return;
    if (m_exchange)
        m_exchange->disconnect(this);
    done({LlmError::Kind::Cancelled, QCoreApplication::translate("cairn::LlmErrors", "Stopped.")});
}

void EmbeddingsJob::done(const LlmError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    if (error.isError())
        m_vectors.clear();
    if (m_exchange)
        m_exchange->cancel();
    Q_EMIT finished();
}

// ------------------------------------------------------------------------------------------------

LlmClient::LlmClient(QObject *parent) : QObject(parent), m_nam(new QNetworkAccessManager(this))
{
    qRegisterMetaType<cairn::llm::ChatDelta>();
}

LlmClient::~LlmClient() = default;

ChatStream *LlmClient::chat(const ProviderConfig &config, const ChatRequest &request)
{
    auto *stream = new ChatStream(m_nam, config, request, this);
    stream->start();
    return stream;
}

ModelsJob *LlmClient::listModels(const ProviderConfig &config)
{
    auto *job = new ModelsJob(m_nam, config, this);
    job->start();
    return job;
}

EmbeddingsJob *LlmClient::embed(
    const ProviderConfig &config, const QString &model, const QStringList &inputs, int batchSize)
{
    auto *job = new EmbeddingsJob(m_nam, config, model, inputs, batchSize, this);
    // Queued, so that finished() never fires before the caller could connect to it.
    QMetaObject::invokeMethod(job, &EmbeddingsJob::nextBatch, Qt::QueuedConnection);
    return job;
}

ChatResult LlmClient::chatSync(const ProviderConfig &config, const ChatRequest &request,
    const std::function<void(const ChatDelta &)> &onDelta)
{
    QEventLoop loop;
    ChatStream *stream = chat(config, request);
    if (onDelta)
        connect(stream, &ChatStream::delta, &loop, onDelta);
    connect(stream, &ChatStream::finished, &loop, &QEventLoop::quit);
    if (!stream->isFinished())
        loop.exec();
    ChatResult result = stream->result();
    delete stream;
    return result;
}

QList<ModelInfo> LlmClient::listModelsSync(const ProviderConfig &config, LlmError *error)
{
    QEventLoop loop;
    ModelsJob *job = listModels(config);
    connect(job, &ModelsJob::finished, &loop, &QEventLoop::quit);
    if (!job->isFinished())
        loop.exec();
    QList<ModelInfo> models = job->models();
    if (error)
        *error = job->error();
    delete job;
    return models;
}

void LlmClient::useSystemProxy()
{
    QNetworkProxyFactory::setUseSystemConfiguration(true);
}

} // namespace cairn::llm
