#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace cairn::llm {

// The wire protocol a connection speaks.
enum class ProviderKind { OpenAi, Ollama, Anthropic };

QString kindToString(ProviderKind kind); // "openai", "ollama", "anthropic" (as stored)
std::optional<ProviderKind> kindFromString(const QString &text);

// Everything needed to talk to one server. Built from a stored connection plus its key.
struct ProviderConfig {
    ProviderKind kind = ProviderKind::OpenAi;
    QUrl baseUrl; // e.g. https://api.openai.com/v1, http://127.0.0.1:11434, https://api.anthropic.com
    QByteArray apiKey; // empty: none (local servers)
    QList<QPair<QByteArray, QByteArray>> extraHeaders;
    // OpenAI-compatible only: Azure OpenAI (api-key header, ?api-version=); enabled when set, or
    // detected from a *.openai.azure.com host (then a default version is used).
    QString azureApiVersion;
    QString anthropicVersion = QStringLiteral("2023-06-01");
    QByteArray trustedCertSha256; // hex SHA-256 of a certificate the user chose to trust
    int connectTimeoutMs = 10000;
    int firstByteTimeoutMs = 60000; // until the first event of the answer
    int idleTimeoutMs = 60000; // between events once the answer is flowing
    int maxRetries = 3; // extra attempts on 429/502/503/504 and connection errors
    int retryBaseDelayMs = 500;
    int retryMaxDelayMs = 20000;
    qint64 maxLineBytes = 8 * 1024 * 1024; // one SSE/NDJSON line
    qint64 maxBodyBytes = 32 * 1024 * 1024; // a non-streamed response body
    qint64 maxStreamBytes = 256 * 1024 * 1024; // everything a stream may send
    qint64 maxDurationMs = 60 * 60 * 1000; // a stream that never ends ends here
    bool quiet = false; // failures are expected (probing): log them at debug level only

    bool isAzure() const;
};

struct ImagePart {
    QByteArray mimeType; // image/png, image/jpeg, ...
    QByteArray data; // raw bytes (encoded to base64 on the wire)
};

struct ChatMessage {
    enum class Role { System, User, Assistant };
    Role role = Role::User;
    QString content;
    QList<ImagePart> images;

    static QString roleName(Role role);
};

struct ChatParams {
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> maxTokens;
    std::optional<qint64> seed;
    QStringList stop;
    QJsonObject extra; // provider-specific fields merged into the request body as-is
};

struct ChatRequest {
    QString model;
    QList<ChatMessage> messages;
    ChatParams params;
    bool stream = true;
};

struct ToolCall {
    int index = 0;
    QString id;
    QString name;
    QString arguments; // JSON text as the server sent it (assembled from fragments)
};

// One step of a streamed answer. Several fields can be set at once.
struct ChatDelta {
    QString content;
    QString reasoning; // "thinking" text, shown apart from the answer
    QJsonArray toolCalls; // raw tool-call fragments, kept as data
    QString finishReason;
    std::optional<qint64> promptTokens;
    std::optional<qint64> completionTokens;
    bool isEmpty() const
    {
        return content.isEmpty() && reasoning.isEmpty() && toolCalls.isEmpty() && finishReason.isEmpty()
            && !promptTokens && !completionTokens;
    }
};

// What went wrong, in classes the UI can act on; `message` is for people and already includes the
// server's own error text when it sent one.
struct LlmError {
    enum class Kind {
        None,
        BadKey, // 401/403
        ModelNotFound,
        RateLimited, // 429
        ContextTooLong,
        BadRequest, // other 4xx
        ServerError, // 5xx
        Unreachable, // DNS, refused, reset before an answer
        Tls, // certificate or handshake failure
        Timeout,
        BadResponse, // malformed JSON, invalid UTF-8, over-long line, oversized body
        Redirect, // refused cross-origin redirect
        Unsupported, // e.g. embeddings on Anthropic
        Cancelled,
    };
    LlmError() = default;
    LlmError(Kind k, QString text, int status = 0) : kind(k), message(std::move(text)), httpStatus(status) { }

    Kind kind = Kind::None;
    QString message;
    int httpStatus = 0;
    QString serverMessage;
    QByteArray certSha256; // Tls: the fingerprint the user could choose to trust
    bool isError() const { return kind != Kind::None; }
    static QString kindName(Kind kind);
};

struct ChatResult {
    enum class Status { Done, Stopped, Error };
    Status status = Status::Done;
    QString content;
    QString reasoning;
    QList<ToolCall> toolCalls;
    QString finishReason;
    std::optional<qint64> promptTokens;
    std::optional<qint64> completionTokens;
    qint64 firstTokenMs = -1; // from sending the request to the first content or reasoning
    qint64 totalMs = 0;
    int attempts = 0;
    LlmError error;
};

struct ModelInfo {
    QString id;
    QString displayName;
    qint64 contextLength = 0; // 0: unknown
    QStringList capabilities; // e.g. "completion", "vision", "embedding" when the server says so
};

} // namespace cairn::llm

Q_DECLARE_METATYPE(cairn::llm::ChatDelta)
