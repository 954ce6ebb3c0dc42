#pragma once

#include "common/Result.h"
#include "llm/LlmTypes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QUrl>
#include <QVector>

#include <memory>

namespace cairn::llm {

// One HTTP request as a protocol wants it sent; the transport adds nothing but User-Agent.
struct HttpCall {
    QByteArray method = "GET";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool streaming = false;
    QString model; // for error messages
};

// Turns the body bytes of a streamed answer into deltas, whatever the chunking.
class StreamDecoder
{
public:
    virtual ~StreamDecoder();
    // Appends what the bytes complete to `out`; false once the stream is broken (see error()).
    virtual bool feed(QByteArrayView bytes, QList<ChatDelta> &out) = 0;
    // End of the body.
    virtual bool finish(QList<ChatDelta> &out) = 0;
    // The protocol's own end marker arrived ([DONE], "done": true, message_stop).
    bool sawEnd() const { return m_sawEnd; }
    // Events that carried something (not keep-alives or pings): the idle clock runs on these.
    qint64 meaningfulEvents() const { return m_meaningful; }
    const LlmError &error() const { return m_error; }

protected:
    bool fail(LlmError::Kind kind, const QString &message);
    bool m_sawEnd = false;
    qint64 m_meaningful = 0;
    LlmError m_error;
};

// The wire format of one kind of server: builds requests, parses responses. No I/O here.
class Protocol
{
public:
    static std::unique_ptr<Protocol> create(const ProviderConfig &config);
    explicit Protocol(ProviderConfig config) : m_config(std::move(config)) { }
    virtual ~Protocol();

    const ProviderConfig &config() const { return m_config; }

    virtual HttpCall modelsCall() const = 0;
    virtual Result<QList<ModelInfo>> parseModels(const QByteArray &body) const = 0;
    // When the list comes in pages: the call for the page after this one, if there is one.
    virtual std::optional<HttpCall> nextModelsPage(const QByteArray &body) const;
    // Ollama: /api/show for one model (context length, capabilities); others: none.
    virtual std::optional<HttpCall> modelDetailsCall(const QString &model) const;
    virtual void parseModelDetails(const QByteArray &body, ModelInfo &info) const;

    virtual HttpCall chatCall(const ChatRequest &request) const = 0;
    virtual std::unique_ptr<StreamDecoder> streamDecoder() const = 0;
    // A complete (non-streamed) answer.
    virtual Result<ChatResult> parseChat(const QByteArray &body) const = 0;

    virtual bool supportsEmbeddings() const { return true; }
    virtual HttpCall embedCall(const QString &model, const QStringList &inputs) const = 0;
    virtual Result<QList<QVector<float>>> parseEmbeddings(const QByteArray &body) const = 0;

    // An HTTP error response as a clear, classified error.
    LlmError errorFromResponse(int status, const QByteArray &body, const QString &model = {}) const;
    // The server's own message from an error body in any of the usual shapes, or empty.
    static QString serverMessage(const QByteArray &body);

protected:
    HttpCall jsonCall(const QByteArray &method, const QUrl &url, const QByteArray &body) const;
    virtual void addAuth(HttpCall &call) const = 0;
    QUrl endpoint(const QString &path) const; // base URL + path (keeps the base's own path)

private:
    ProviderConfig m_config;
};

QString normalizeFinishReason(const QString &reason);

} // namespace cairn::llm
