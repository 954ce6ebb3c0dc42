#pragma once

// Cairn's own LLM test server for tests and benchmarks. It speaks three protocols over HTTP/1.1 on a
// loopback port at the same time and misbehaves on request:
//
//   OpenAI-compatible  GET /v1/models, POST /v1/chat/completions, POST /v1/embeddings,
//                      Azure style POST /openai/deployments/{deployment}/chat/completions|embeddings
//                      and GET /openai/models (both only with an api-version query)
//   Ollama             GET /api/tags, GET /api/version, POST /api/show, POST /api/chat,
//                      POST /api/embed, POST /api/embeddings (legacy), GET / ("Ollama is running")
//   Anthropic          GET /v1/models (chosen when the request has an anthropic-version header),
//                      POST /v1/messages
//
// Every response carries "Connection: close" (one request per connection). Non-stream responses have a
// Content-Length; streams (SSE for OpenAI and Anthropic, NDJSON for Ollama) use chunked transfer
// encoding, and the ChunkMode applies to the decoded body bytes: each HTTP chunk is exactly one write.
//
// The server runs on its own thread, so a test that blocks its own thread still gets served. All
// accessors are thread-safe.
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class QSslCertificate;
class QSslKey;

namespace cairn::test {

// How the (decoded) body bytes are cut into writes; every write is flushed and, on a chunked stream,
// is exactly one HTTP chunk.
//   PerEvent    one write per SSE event / NDJSON line (keep-alives are writes of their own)
//   ByteByByte  every byte its own write
//   SplitAt     a write boundary at byte offset chunkParam of the body; the bytes before it go out as
//               soon as they exist, everything after it is held back and written in one piece at the
//               end of the body (or just before a mid-stream fault strikes)
//   FixedSize   writes of chunkParam bytes; a shorter rest at the end of the body (or at a fault)
// Outside PerEvent, the server pauses chunkPauseMs between two writes.
enum class ChunkMode { PerEvent, ByteByByte, SplitAt, FixedSize };

// Misbehaviours; see FaultSpec for the parameters. "Pieces" are the reasoning, content and tool-call
// events of a stream (prologue/epilogue events such as the role chunk or message_start do not count).
enum class Fault {
    None,
    SlowFirstByte, // wait delayMs before sending anything (status line included)
    StallMidStream, // after afterPieces pieces, send nothing for delayMs, then continue normally
    DropMidStream, // after afterPieces pieces, close the connection (no terminating chunk)
    InvalidJsonEvent, // after afterPieces pieces, one event whose data is `{"choices": [`; then continue
    Unauthorized401,
    RateLimited429, // Retry-After: retryAfterSeconds when >= 0 (also honoured by the other error faults)
    ServerError500,
    ServiceUnavailable503,
    ModelNotFound404,
    ContextTooLong400,
    OverlongLine, // after afterPieces pieces, one line of sizeBytes bytes without a newline, then
                  // the connection stays open (nothing more is sent) until the client leaves
    RedirectOtherOrigin, // redirectStatus (307) to redirectTarget's origin, keeping path and query
    NeverEnding, // keep-alives only (SSE ": ping", NDJSON blank lines), every 50 ms, forever
    InvalidUtf8, // after afterPieces pieces, a piece whose JSON string holds the raw bytes C3 28
    HugeBody, // 200, Content-Length sizeBytes, the body a JSON string of that size
    HoldOpenAfterEnd, // stream: the whole answer and its end marker, then the connection stays open
                      // (no terminating chunk) until the client leaves
    JsonInsteadOfStream, // chat: a streaming request gets the complete non-stream answer as
                         // application/json, as from a server that ignores "stream"
    JsonErrorOnStream, // chat: 200 application/json whose body is an error in the protocol's shape
};
// Non-stream responses (chat with stream off, models, embeddings, show, tags) and the mid-stream faults:
//   StallMidStream  the first half of the body, the stall, the second half
//   DropMidStream   the first half of the body, then the connection is closed
//   InvalidJsonEvent the body is `{"choices": [` (with a matching Content-Length)
//   InvalidUtf8     chat: the raw bytes go into the message content after afterPieces content pieces;
//                   other endpoints: into the first string value of the body
//   OverlongLine    behaves like HugeBody
//   NeverEnding     chunked 200 whose body is one "\n" every 50 ms, forever
// The error faults, RedirectOtherOrigin and HugeBody replace the response before the API key is checked.

struct FaultSpec {
    Fault fault = Fault::None;
    int delayMs = 0; // SlowFirstByte / StallMidStream length
    int afterPieces = 2; // where mid-stream faults strike (clamped to the number of pieces)
    int retryAfterSeconds = -1; // -1 = no Retry-After header
    QUrl redirectTarget; // RedirectOtherOrigin: only scheme, host and port are used
    qint64 sizeBytes = 9 * 1024 * 1024; // OverlongLine line length / HugeBody body size
    int redirectStatus = 307; // RedirectOtherOrigin: 301, 302, 303, 307 or 308
};

struct ServerConfig {
    QStringList models {QStringLiteral("test-chat"), QStringLiteral("test-embed")};
    QString reply; // empty = echo: "Echo: " + the text of the last user message
    QStringList pieces; // explicit content pieces; else `reply` split after each space (spaces kept)
    QString reasoning; // streamed first as reasoning/thinking pieces (split the same way); Ollama
                       // leaves it out when the request says "think": false
    bool toolCall = false; // the answer also carries one call get_weather({"city":"Paris"}); OpenAI and
                           // Anthropic stream its arguments in fragments, Ollama sends it whole. With
                           // finishReason "stop" the finish reason becomes "tool_calls" / "tool_use".
    int promptTokens = 11;
    int completionTokens = -1; // -1 = the number of content pieces
    int tokensPerSecond = 0; // 0 = as fast as possible; else the pieces of a stream are paced
    ChunkMode chunkMode = ChunkMode::PerEvent;
    int chunkParam = 0;
    int chunkPauseMs = 1;
    bool useCrLf = false; // SSE lines end with \r\n instead of \n
    bool keepAliveComments = false; // SSE ": keep-alive" comments between events; Ollama: blank lines
    bool omitFinalNewline = false; // the last line of a stream has no line terminator
    QByteArray requiredKey; // non-empty: OpenAI "Authorization: Bearer K" or "api-key: K"; Anthropic
                            // "x-api-key: K"; Ollama "Authorization: Bearer K"; else 401
    int embeddingDims = 8; // see LlmTestServer::embeddingFor
    int modelsPageSize = 0; // Anthropic /v1/models pages: 0 = the request's limit (default 20, max
                            // 1000); else at most this many a page (after_id / has_more / last_id)
    QString finishReason = QStringLiteral("stop"); // Anthropic: stop -> end_turn, length -> max_tokens
};

struct RecordedRequest {
    QByteArray method;
    QByteArray path; // including the query
    QList<QPair<QByteArray, QByteArray>> headers; // as received
    QByteArray body;
    qint64 receivedMs = 0; // ms since the epoch when the whole request had arrived
    QByteArray header(const QByteArray &nameCaseInsensitive) const; // empty if absent
};

class LlmTestServer
{
public:
    // Starts the server thread and listens on 127.0.0.1:port (0 = a free port) before returning.
    explicit LlmTestServer(quint16 port = 0);
    ~LlmTestServer();
    LlmTestServer(const LlmTestServer &) = delete;
    LlmTestServer &operator=(const LlmTestServer &) = delete;

    bool isListening() const;
    QString errorString() const;

    // Switches to HTTPS: the plain listener closes and a TLS listener takes the same port (if that fails
    // and the server was made with port 0, a free one). origin() then starts with https://. Returns false
    // (and stops listening) on failure.
    bool startTls(const QSslCertificate &certificate, const QSslKey &privateKey);
    bool isTls() const;

    quint16 port() const;
    QUrl origin() const; // http://127.0.0.1:PORT
    QUrl openAiBaseUrl() const; // origin + "/v1"
    QUrl ollamaBaseUrl() const; // origin
    QUrl anthropicBaseUrl() const; // origin (the client appends /v1/messages, /v1/models)

    void setConfig(const ServerConfig &config);
    ServerConfig config() const;

    // The next `times` requests to a known endpoint get this fault; then normal service resumes.
    // Queued faults are used in order. Unknown paths, GET / and GET /api/version use up no fault.
    void queueFault(const FaultSpec &fault, int times = 1);
    void clearFaults();
    int pendingFaults() const; // requests that will still get a queued fault

    QList<RecordedRequest> requests() const; // every request, known endpoint or not, in arrival order
    void clearRequests();
    int requestCount() const;

    int openConnections() const; // client connections currently open (TLS: once the handshake is done)

    // What the embedding endpoints return for each input: a unit vector of `dims` components, the
    // sum of one SHA-256-derived vector per word (letters and digits, case folded), so texts sharing
    // words are similar; a text without words gets the vector of its bytes.
    static QList<double> embeddingFor(const QString &text, int dims);

    // Writes cert.pem and key.pem (RSA 2048, CN and subjectAltName 127.0.0.1) into dir with the openssl
    // command-line tool; false if it is missing or fails.
    static bool generateSelfSignedCert(const QString &dir, QSslCertificate *certificate, QSslKey *key);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace cairn::test
