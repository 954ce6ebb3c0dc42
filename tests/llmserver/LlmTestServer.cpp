#include "LlmTestServer.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMutex>
#include <QMutexLocker>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <functional>
#include <utility>

namespace cairn::test {

QByteArray RecordedRequest::header(const QByteArray &nameCaseInsensitive) const
{
    for (const auto &h : headers) {
        if (h.first.compare(nameCaseInsensitive, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

namespace {

constexpr qint64 kWriteChunk = 64 * 1024; // generated bodies go out in writes of this size
constexpr qint64 kHighWater = 1024 * 1024; // stop producing while more than this waits to be sent
constexpr qsizetype kMaxHead = 1024 * 1024; // request line + headers
constexpr qint64 kMaxBody = 256 * 1024 * 1024; // request body
constexpr int kIdleIntervalMs = 50; // NeverEnding keep-alive interval
constexpr qint64 kModelsCreated = 1700000000;

// Stands for the raw bytes C3 28 inside JSON text until the bytes are final.
const char kInvalidUtf8Marker[] = "@@CAIRN_INVALID_UTF8@@";
QByteArray invalidUtf8Bytes()
{
    return QByteArray("\xC3\x28", 2);
}

struct Shared {
    mutable QMutex mutex;
    ServerConfig config;
    std::deque<std::pair<FaultSpec, int>> faults;
    QList<RecordedRequest> requests;
    std::atomic<int> openConnections {0};
    std::atomic<qint64> serial {0};
};

// ---- JSON, written by hand so that members keep the order real servers use

QByteArray jstr(const QString &s)
{
    const QByteArray a = QJsonDocument(QJsonArray {s}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

QByteArray jnum(double v)
{
    return QByteArray::number(v, 'g', QLocale::FloatingPointShortest);
}

QByteArray arr(const QList<QByteArray> &items)
{
    return QByteArray("[") + items.join(',') + QByteArray("]");
}

class Obj
{
public:
    Obj &raw(const char *key, const QByteArray &json)
    {
        m_out += m_out.isEmpty() ? '{' : ',';
        m_out += '"';
        m_out += key;
        m_out += "\":";
        m_out += json;
        return *this;
    }
    Obj &str(const char *key, const QString &v) { return raw(key, jstr(v)); }
    Obj &lit(const char *key, const char *ascii)
    {
        return raw(key, QByteArray("\"") + ascii + QByteArray("\""));
    }
    Obj &num(const char *key, qint64 v) { return raw(key, QByteArray::number(v)); }
    Obj &boolean(const char *key, bool v) { return raw(key, v ? QByteArray("true") : QByteArray("false")); }
    Obj &null(const char *key) { return raw(key, QByteArray("null")); }
    QByteArray bytes() const { return m_out.isEmpty() ? QByteArray("{}") : m_out + '}'; }

private:
    QByteArray m_out;
};

// ---- the response as a list of steps that a connection plays

struct Step;
using Generator = std::function<bool(QList<Step> &)>; // appends steps; true = call again afterwards

struct Step {
    enum Kind {
        Raw, // bytes as they are (the response head)
        Body, // body bytes, cut into writes by the chunk mode
        Direct, // body bytes as one write of their own
        Pause, // nothing for `ms`
        Flush, // write what the chunk mode holds back
        Abort, // flush, wait until everything is sent, close without terminating the body
        Finish, // flush, terminating chunk, graceful close
        Close, // (internal) graceful close
        Hold, // send nothing more; wait for the client to leave
        Generate,
    };
    Kind kind = Raw;
    QByteArray data;
    int ms = 0;
    std::shared_ptr<Generator> gen;
};

Step makeStep(Step::Kind kind, const QByteArray &data = {}, int ms = 0)
{
    Step s;
    s.kind = kind;
    s.data = data;
    s.ms = ms;
    return s;
}
Step rawStep(const QByteArray &data)
{
    return makeStep(Step::Raw, data);
}
Step bodyStep(const QByteArray &data)
{
    return makeStep(Step::Body, data);
}
Step directStep(const QByteArray &data)
{
    return makeStep(Step::Direct, data);
}
Step pauseStep(int ms)
{
    return makeStep(Step::Pause, {}, ms);
}
Step generateStep(Generator gen)
{
    Step s = makeStep(Step::Generate);
    s.gen = std::make_shared<Generator>(std::move(gen));
    return s;
}

struct Plan {
    QList<Step> steps;
    bool chunked = false;
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct Reply {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    Headers headers;
};

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 413:
        return "Payload Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

// contentLength < 0: chunked transfer encoding
QByteArray head(int status, const QByteArray &contentType, qint64 contentLength, const Headers &extra)
{
    QByteArray h = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    h += "Date: "
        + QLocale::c()
              .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
              .toLatin1()
        + "\r\n";
    h += "Server: cairn-llm-test-server\r\n";
    if (!contentType.isEmpty())
        h += "Content-Type: " + contentType + "\r\n";
    if (contentLength >= 0)
        h += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    else
        h += "Transfer-Encoding: chunked\r\n";
    h += "Connection: close\r\n";
    for (const auto &e : extra)
        h += e.first + ": " + e.second + "\r\n";
    h += "\r\n";
    return h;
}

Step idleLoop(const QByteArray &ping)
{
    return generateStep([ping](QList<Step> &out) {
        out << directStep(ping) << pauseStep(kIdleIntervalMs);
        return true;
    });
}

// A huge JSON string of exactly `size` bytes with a Content-Length.
Plan hugePlan(const FaultSpec &f)
{
    Plan p;
    const qint64 size = std::max<qint64>(2, f.sizeBytes);
    p.steps << rawStep(head(200, "application/json", size, {}));
    auto sent = std::make_shared<qint64>(0);
    p.steps << generateStep([sent, size](QList<Step> &out) {
        const qint64 n = std::min(kWriteChunk, size - *sent);
        QByteArray b(n, 'a');
        if (*sent == 0)
            b[0] = '"';
        if (*sent + n == size)
            b[n - 1] = '"';
        *sent += n;
        out << directStep(b);
        if (*sent < size)
            return true;
        out << makeStep(Step::Finish);
        return false;
    });
    return p;
}

// A line of `lineBytes` bytes (counted from the last newline of the prefix) that never ends.
void appendOverlong(QList<Step> &steps, const QByteArray &prefix, qint64 lineBytes)
{
    steps << makeStep(Step::Flush) << directStep(prefix);
    const qint64 already = prefix.size() - (prefix.lastIndexOf('\n') + 1);
    auto remaining = std::make_shared<qint64>(std::max<qint64>(0, lineBytes - already));
    steps << generateStep([remaining](QList<Step> &out) {
        if (*remaining <= 0) {
            out << makeStep(Step::Hold);
            return false;
        }
        const qint64 n = std::min(kWriteChunk, *remaining);
        *remaining -= n;
        out << directStep(QByteArray(n, 'x'));
        return true;
    });
}

// A complete non-stream reply, with the fault applied to it.
Plan plainPlan(Reply r, const FaultSpec &f)
{
    Plan p;
    if (f.fault == Fault::SlowFirstByte && f.delayMs > 0)
        p.steps << pauseStep(f.delayMs);
    switch (f.fault) {
    case Fault::HugeBody:
    case Fault::OverlongLine:
        return hugePlan(f);
    case Fault::NeverEnding:
        p.chunked = true;
        p.steps << rawStep(head(r.status, r.contentType, -1, r.headers)) << idleLoop("\n");
        return p;
    case Fault::InvalidJsonEvent:
        r.body = "{\"choices\": [";
        break;
    case Fault::InvalidUtf8:
        if (!r.body.contains(kInvalidUtf8Marker)) {
            const qsizetype at = r.body.indexOf("\":\"");
            if (at >= 0)
                r.body.insert(at + 3, kInvalidUtf8Marker);
            else
                r.body.append(kInvalidUtf8Marker);
        }
        break;
    default:
        break;
    }
    r.body.replace(kInvalidUtf8Marker, invalidUtf8Bytes());
    p.steps << rawStep(head(r.status, r.contentType, r.body.size(), r.headers));
    const qsizetype half = r.body.size() / 2;
    if (f.fault == Fault::StallMidStream) {
        p.steps << bodyStep(r.body.left(half)) << makeStep(Step::Flush) << pauseStep(f.delayMs)
                << bodyStep(r.body.mid(half));
    } else if (f.fault == Fault::DropMidStream) {
        p.steps << bodyStep(r.body.left(half)) << makeStep(Step::Abort);
        return p;
    } else {
        p.steps << bodyStep(r.body);
    }
    p.steps << makeStep(Step::Finish);
    return p;
}

// ---- pieces and stream formats

enum class PieceKind { Reasoning, Content, ToolArgs, ToolWhole };

struct Piece {
    PieceKind kind = PieceKind::Content;
    QString text;
    bool first = false; // the first tool-argument fragment (carries id and name)
};

QStringList splitAfterSpaces(const QString &text)
{
    QStringList out;
    QString cur;
    for (const QChar c : text) {
        cur += c;
        if (c == u' ') {
            out << cur;
            cur.clear();
        }
    }
    if (!cur.isEmpty())
        out << cur;
    return out;
}

QString toolArguments()
{
    return QStringLiteral(R"({"city":"Paris"})");
}
QStringList toolFragments()
{
    return {QStringLiteral(R"({"city":)"), QStringLiteral(R"("Par)"), QStringLiteral(R"(is"})")};
}

class StreamFormat
{
public:
    explicit StreamFormat(QByteArray eol) : m_eol(std::move(eol)) { }
    virtual ~StreamFormat() = default;
    virtual QByteArray contentType() const { return "text/event-stream; charset=utf-8"; }
    virtual QList<QByteArray> prologue() { return {}; }
    virtual QList<QByteArray> piece(const Piece &p) = 0;
    virtual QList<QByteArray> epilogue() = 0;
    virtual QByteArray brokenEvent() const { return sse({}, "{\"choices\": ["); }
    virtual QByteArray keepAlive() const { return ": keep-alive" + m_eol + m_eol; }
    virtual QByteArray idlePing() const { return ": ping" + m_eol + m_eol; }
    virtual QByteArray overlongPrefix() const = 0;

protected:
    QByteArray sse(const QByteArray &event, const QByteArray &data) const
    {
        QByteArray out;
        if (!event.isEmpty())
            out += "event: " + event + m_eol;
        out += "data: " + data + m_eol + m_eol;
        return out;
    }
    QByteArray m_eol;
};

struct ChatContext {
    QString id;
    QString toolId;
    QString model;
    qint64 created = 0;
    QString createdAt; // Ollama
    int promptTokens = 0;
    int completionTokens = 0;
    QString finishReason;
    bool includeUsage = false;
};

QByteArray openAiUsage(const ChatContext &c)
{
    return Obj()
        .num("prompt_tokens", c.promptTokens)
        .num("completion_tokens", c.completionTokens)
        .num("total_tokens", c.promptTokens + c.completionTokens)
        .bytes();
}

class OpenAiFormat : public StreamFormat
{
public:
    OpenAiFormat(ChatContext c, QByteArray eol) : StreamFormat(std::move(eol)), m_c(std::move(c)) { }
    QList<QByteArray> prologue() override
    {
        return {chunk(Obj().lit("role", "assistant").lit("content", "").bytes(), "null")};
    }
    QList<QByteArray> piece(const Piece &p) override
    {
        switch (p.kind) {
        case PieceKind::Reasoning:
            return {chunk(Obj().str("reasoning_content", p.text).bytes(), "null")};
        case PieceKind::ToolArgs:
        case PieceKind::ToolWhole: {
            Obj call;
            call.num("index", 0);
            if (p.first) {
                call.str("id", m_c.toolId)
                    .lit("type", "function")
                    .raw("function", Obj().lit("name", "get_weather").str("arguments", p.text).bytes());
            } else {
                call.raw("function", Obj().str("arguments", p.text).bytes());
            }
            return {chunk(Obj().raw("tool_calls", arr({call.bytes()})).bytes(), "null")};
        }
        case PieceKind::Content:
            break;
        }
        return {chunk(Obj().str("content", p.text).bytes(), "null")};
    }
    QList<QByteArray> epilogue() override
    {
        QList<QByteArray> out {chunk("{}", jstr(m_c.finishReason))};
        if (m_c.includeUsage)
            out << sse({}, base().raw("choices", "[]").raw("usage", openAiUsage(m_c)).bytes());
        out << "data: [DONE]" + m_eol + m_eol;
        return out;
    }
    QByteArray overlongPrefix() const override
    {
        return "data: " + base().raw("choices", "[{\"index\":0,\"delta\":{\"content\":\"").bytes().chopped(1);
    }

private:
    Obj base() const
    {
        Obj o;
        o.str("id", m_c.id)
            .lit("object", "chat.completion.chunk")
            .num("created", m_c.created)
            .str("model", m_c.model)
            .lit("system_fingerprint", "fp_cairn_test");
        return o;
    }
    QByteArray chunk(const QByteArray &delta, const QByteArray &finishReason) const
    {
        const QByteArray choice = Obj()
                                      .num("index", 0)
                                      .raw("delta", delta)
                                      .null("logprobs")
                                      .raw("finish_reason", finishReason)
                                      .bytes();
        Obj o = base();
        o.raw("choices", arr({choice}));
        if (m_c.includeUsage)
            o.null("usage");
        return sse({}, o.bytes());
    }
    ChatContext m_c;
};

QString anthropicStopReason(const QString &finishReason, bool toolCall)
{
    if (finishReason == u"stop")
        return toolCall ? QStringLiteral("tool_use") : QStringLiteral("end_turn");
    if (finishReason == u"length")
        return QStringLiteral("max_tokens");
    if (finishReason == u"tool_calls")
        return QStringLiteral("tool_use");
    return finishReason;
}

class AnthropicFormat : public StreamFormat
{
public:
    AnthropicFormat(ChatContext c, QString stopReason, QByteArray eol)
        : StreamFormat(std::move(eol)), m_c(std::move(c)), m_stopReason(std::move(stopReason))
    { }
    QList<QByteArray> prologue() override
    {
        const QByteArray usage = Obj().num("input_tokens", m_c.promptTokens).num("output_tokens", 1).bytes();
        const QByteArray message = Obj()
                                       .str("id", m_c.id)
                                       .lit("type", "message")
                                       .lit("role", "assistant")
                                       .str("model", m_c.model)
                                       .raw("content", "[]")
                                       .null("stop_reason")
                                       .null("stop_sequence")
                                       .raw("usage", usage)
                                       .bytes();
        return {sse("message_start", Obj().lit("type", "message_start").raw("message", message).bytes()),
            sse("ping", "{\"type\": \"ping\"}")};
    }
    QList<QByteArray> piece(const Piece &p) override
    {
        QList<QByteArray> out;
        const PieceKind kind = p.kind == PieceKind::ToolWhole ? PieceKind::ToolArgs : p.kind;
        if (!m_open || m_kind != kind) {
            out << closeBlock();
            out << openBlock(kind);
        }
        Obj delta;
        switch (kind) {
        case PieceKind::Reasoning:
            delta.lit("type", "thinking_delta").str("thinking", p.text);
            break;
        case PieceKind::ToolArgs:
        case PieceKind::ToolWhole:
            delta.lit("type", "input_json_delta").str("partial_json", p.text);
            break;
        case PieceKind::Content:
            delta.lit("type", "text_delta").str("text", p.text);
            break;
        }
        out << sse("content_block_delta",
            Obj()
                .lit("type", "content_block_delta")
                .num("index", m_index)
                .raw("delta", delta.bytes())
                .bytes());
        return out;
    }
    QList<QByteArray> epilogue() override
    {
        QList<QByteArray> out = closeBlock();
        const QByteArray delta = Obj().str("stop_reason", m_stopReason).null("stop_sequence").bytes();
        out << sse("message_delta",
            Obj()
                .lit("type", "message_delta")
                .raw("delta", delta)
                .raw("usage", Obj().num("output_tokens", m_c.completionTokens).bytes())
                .bytes());
        out << sse("message_stop", "{\"type\":\"message_stop\"}");
        return out;
    }
    QByteArray brokenEvent() const override { return sse("content_block_delta", "{\"choices\": ["); }
    QByteArray overlongPrefix() const override
    {
        return "event: content_block_delta" + m_eol + "data: {\"type\":\"content_block_delta\",\"index\":"
            + QByteArray::number(std::max(0, m_index)) + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"";
    }

private:
    QList<QByteArray> closeBlock()
    {
        QList<QByteArray> out;
        if (!m_open)
            return out;
        if (m_kind == PieceKind::Reasoning) {
            const QByteArray delta
                = Obj().lit("type", "signature_delta").lit("signature", "Y2Fpcm4tdGVzdA==").bytes();
            out << sse("content_block_delta",
                Obj().lit("type", "content_block_delta").num("index", m_index).raw("delta", delta).bytes());
        }
        out << sse(
            "content_block_stop", Obj().lit("type", "content_block_stop").num("index", m_index).bytes());
        m_open = false;
        return out;
    }
    QList<QByteArray> openBlock(PieceKind kind)
    {
        ++m_index;
        m_open = true;
        m_kind = kind;
        Obj block;
        switch (kind) {
        case PieceKind::Reasoning:
            block.lit("type", "thinking").lit("thinking", "");
            break;
        case PieceKind::ToolArgs:
        case PieceKind::ToolWhole:
            block.lit("type", "tool_use").str("id", m_c.toolId).lit("name", "get_weather").raw("input", "{}");
            break;
        case PieceKind::Content:
            block.lit("type", "text").lit("text", "");
            break;
        }
        return {sse("content_block_start",
            Obj()
                .lit("type", "content_block_start")
                .num("index", m_index)
                .raw("content_block", block.bytes())
                .bytes())};
    }
    ChatContext m_c;
    QString m_stopReason;
    int m_index = -1;
    bool m_open = false;
    PieceKind m_kind = PieceKind::Content;
};

QByteArray ollamaToolCalls()
{
    const QByteArray fn = Obj().lit("name", "get_weather").raw("arguments", toolArguments().toUtf8()).bytes();
    return arr({Obj().raw("function", fn).bytes()});
}

class OllamaFormat : public StreamFormat
{
public:
    explicit OllamaFormat(ChatContext c) : StreamFormat("\n"), m_c(std::move(c)) { }
    QByteArray contentType() const override { return "application/x-ndjson"; }
    QList<QByteArray> piece(const Piece &p) override
    {
        Obj message;
        message.lit("role", "assistant");
        switch (p.kind) {
        case PieceKind::Reasoning:
            message.lit("content", "").str("thinking", p.text);
            break;
        case PieceKind::ToolArgs:
        case PieceKind::ToolWhole:
            message.lit("content", "").raw("tool_calls", ollamaToolCalls());
            break;
        case PieceKind::Content:
            message.str("content", p.text);
            break;
        }
        return {Obj()
                    .str("model", m_c.model)
                    .str("created_at", m_c.createdAt)
                    .raw("message", message.bytes())
                    .boolean("done", false)
                    .bytes()
            + '\n'};
    }
    QList<QByteArray> epilogue() override
    {
        return {Obj()
                    .str("model", m_c.model)
                    .str("created_at", m_c.createdAt)
                    .raw("message", Obj().lit("role", "assistant").lit("content", "").bytes())
                    .str("done_reason", m_c.finishReason)
                    .boolean("done", true)
                    .num("total_duration", 123456789)
                    .num("load_duration", 1234567)
                    .num("prompt_eval_count", m_c.promptTokens)
                    .num("prompt_eval_duration", 2345678)
                    .num("eval_count", m_c.completionTokens)
                    .num("eval_duration", 98765432)
                    .bytes()
            + '\n'};
    }
    QByteArray brokenEvent() const override { return "{\"choices\": [\n"; }
    QByteArray keepAlive() const override { return "\n"; }
    QByteArray idlePing() const override { return "\n"; }
    QByteArray overlongPrefix() const override
    {
        return Obj()
            .str("model", m_c.model)
            .str("created_at", m_c.createdAt)
            .raw("message", "{\"role\":\"assistant\",\"content\":\"")
            .bytes()
            .chopped(1);
    }

private:
    ChatContext m_c;
};

bool isMidStreamFault(Fault f)
{
    switch (f) {
    case Fault::StallMidStream:
    case Fault::DropMidStream:
    case Fault::InvalidJsonEvent:
    case Fault::OverlongLine:
    case Fault::InvalidUtf8:
        return true;
    default:
        return false;
    }
}

Plan streamPlan(StreamFormat &fmt, const QList<Piece> &pieces, const ServerConfig &cfg, const FaultSpec &f,
    const Headers &extraHeaders)
{
    Plan p;
    p.chunked = true;
    if (f.fault == Fault::SlowFirstByte && f.delayMs > 0)
        p.steps << pauseStep(f.delayMs);
    Headers headers = extraHeaders;
    headers << qMakePair(QByteArray("Cache-Control"), QByteArray("no-cache"));
    p.steps << rawStep(head(200, fmt.contentType(), -1, headers));
    if (f.fault == Fault::NeverEnding) {
        p.steps << idleLoop(fmt.idlePing());
        return p;
    }

    bool anyEvent = false;
    const auto emitEvent = [&](const QByteArray &event) {
        if (cfg.keepAliveComments && anyEvent)
            p.steps << bodyStep(fmt.keepAlive());
        p.steps << bodyStep(event);
        anyEvent = true;
    };
    // false: the stream ends here
    const auto strike = [&](qsizetype done) {
        switch (f.fault) {
        case Fault::StallMidStream:
            p.steps << makeStep(Step::Flush) << pauseStep(f.delayMs);
            return true;
        case Fault::DropMidStream:
            p.steps << makeStep(Step::Abort);
            return false;
        case Fault::InvalidJsonEvent:
            emitEvent(fmt.brokenEvent());
            return true;
        case Fault::OverlongLine:
            appendOverlong(p.steps, fmt.overlongPrefix(), f.sizeBytes);
            return false;
        case Fault::InvalidUtf8: {
            Piece bad;
            bad.text = QString::fromLatin1(kInvalidUtf8Marker);
            if (done > 0 && pieces.at(done - 1).kind == PieceKind::Reasoning)
                bad.kind = PieceKind::Reasoning;
            else if (done == 0 && !pieces.isEmpty() && pieces.first().kind == PieceKind::Reasoning)
                bad.kind = PieceKind::Reasoning;
            const QList<QByteArray> events = fmt.piece(bad);
            for (QByteArray e : events)
                emitEvent(e.replace(kInvalidUtf8Marker, invalidUtf8Bytes()));
            return true;
        }
        default:
            return true;
        }
    };

    const QList<QByteArray> prologue = fmt.prologue();
    for (const QByteArray &e : prologue)
        emitEvent(e);
    const bool midFault = isMidStreamFault(f.fault);
    const qsizetype strikeAt = std::clamp<qsizetype>(f.afterPieces, 0, pieces.size());
    if (midFault && strikeAt == 0 && !strike(0))
        return p;
    qint64 lastMs = 0;
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        if (i > 0 && cfg.tokensPerSecond > 0) {
            const auto at
                = static_cast<qint64>(std::llround(1000.0 * static_cast<double>(i) / cfg.tokensPerSecond));
            if (at > lastMs)
                p.steps << pauseStep(static_cast<int>(at - lastMs));
            lastMs = at;
        }
        const QList<QByteArray> events = fmt.piece(pieces.at(i));
        for (const QByteArray &e : events)
            emitEvent(e);
        if (midFault && i + 1 == strikeAt && !strike(i + 1))
            return p;
    }
    QList<QByteArray> epilogue = fmt.epilogue();
    if (cfg.omitFinalNewline && !epilogue.isEmpty()) {
        QByteArray &last = epilogue.last();
        while (last.endsWith('\n') || last.endsWith('\r'))
            last.chop(1);
    }
    for (const QByteArray &e : epilogue)
        emitEvent(e);
    if (f.fault == Fault::HoldOpenAfterEnd)
        p.steps << makeStep(Step::Flush) << makeStep(Step::Hold);
    else
        p.steps << makeStep(Step::Finish);
    return p;
}

// ---- routing and protocols

enum class Proto { Plain, OpenAi, Ollama, Anthropic };

enum class Route {
    Unknown,
    OllamaRoot,
    OllamaVersion,
    OpenAiModels,
    AnthropicModels,
    OpenAiChat,
    OpenAiEmbeddings,
    OllamaTags,
    OllamaShow,
    OllamaChat,
    OllamaEmbed,
    OllamaEmbeddingsLegacy,
    AnthropicMessages,
};

struct RouteInfo {
    Route route = Route::Unknown;
    QString deployment; // Azure
};

RouteInfo classify(const RecordedRequest &req)
{
    QByteArray path = req.path;
    const qsizetype q = path.indexOf('?');
    if (q >= 0)
        path.truncate(q);
    const bool get = req.method == "GET";
    const bool post = req.method == "POST";
    RouteInfo r;
    if (get && path == "/")
        r.route = Route::OllamaRoot;
    else if (get && path == "/api/version")
        r.route = Route::OllamaVersion;
    else if (get && path == "/v1/models")
        r.route = req.header("anthropic-version").isEmpty() ? Route::OpenAiModels : Route::AnthropicModels;
    else if (post && path == "/v1/chat/completions")
        r.route = Route::OpenAiChat;
    else if (post && path == "/v1/embeddings")
        r.route = Route::OpenAiEmbeddings;
    else if (get && path == "/api/tags")
        r.route = Route::OllamaTags;
    else if (post && path == "/api/show")
        r.route = Route::OllamaShow;
    else if (post && path == "/api/chat")
        r.route = Route::OllamaChat;
    else if (post && path == "/api/embed")
        r.route = Route::OllamaEmbed;
    else if (post && path == "/api/embeddings")
        r.route = Route::OllamaEmbeddingsLegacy;
    else if (post && path == "/v1/messages")
        r.route = Route::AnthropicMessages;
    else if (get && path == "/openai/models" && req.path.contains("api-version="))
        r.route = Route::OpenAiModels; // Azure's classic data plane: the resource's model list
    else if (post && req.path.contains("api-version=")) {
        static const QRegularExpression azure(
            QStringLiteral("^/openai/deployments/([^/]+)/(chat/completions|embeddings)$"));
        const QRegularExpressionMatch m = azure.match(QString::fromUtf8(path));
        if (m.hasMatch()) {
            r.deployment = QUrl::fromPercentEncoding(m.captured(1).toUtf8());
            r.route = m.captured(2) == u"embeddings" ? Route::OpenAiEmbeddings : Route::OpenAiChat;
        }
    }
    return r;
}

Proto protoOf(Route r)
{
    switch (r) {
    case Route::OpenAiModels:
    case Route::OpenAiChat:
    case Route::OpenAiEmbeddings:
        return Proto::OpenAi;
    case Route::OllamaRoot:
    case Route::OllamaVersion:
    case Route::OllamaTags:
    case Route::OllamaShow:
    case Route::OllamaChat:
    case Route::OllamaEmbed:
    case Route::OllamaEmbeddingsLegacy:
        return Proto::Ollama;
    case Route::AnthropicModels:
    case Route::AnthropicMessages:
        return Proto::Anthropic;
    case Route::Unknown:
        break;
    }
    return Proto::Plain;
}

Reply openAiError(
    int status, const QString &message, const char *type, const char *code, const char *param = nullptr)
{
    Obj e;
    e.str("message", message).lit("type", type);
    if (param)
        e.lit("param", param);
    else
        e.null("param");
    if (code)
        e.lit("code", code);
    else
        e.null("code");
    Reply r;
    r.status = status;
    r.body = Obj().raw("error", e.bytes()).bytes();
    return r;
}

Reply anthropicError(int status, const char *type, const QString &message)
{
    Reply r;
    r.status = status;
    r.body = Obj()
                 .lit("type", "error")
                 .raw("error", Obj().lit("type", type).str("message", message).bytes())
                 .bytes();
    return r;
}

Reply ollamaError(int status, const QString &message)
{
    Reply r;
    r.status = status;
    r.body = Obj().str("error", message).bytes();
    return r;
}

Reply jsonReply(const QByteArray &body)
{
    Reply r;
    r.body = body;
    return r;
}

QString contentText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    QStringList parts;
    const QJsonArray a = v.toArray();
    for (const QJsonValue &e : a) {
        const QJsonObject o = e.toObject();
        if (o.value(u"type").toString() == u"text")
            parts << o.value(u"text").toString();
    }
    return parts.join(u'\n');
}

QString lastUserText(const QJsonArray &messages)
{
    for (qsizetype i = messages.size() - 1; i >= 0; --i) {
        const QJsonObject m = messages.at(i).toObject();
        if (m.value(u"role").toString() == u"user")
            return contentText(m.value(u"content"));
    }
    return {};
}

QString isoNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

class Responder
{
public:
    Responder(const RecordedRequest &req, const RouteInfo &route, ServerConfig cfg, const FaultSpec &fault,
        qint64 serial)
        : m_req(req),
          m_route(route),
          m_cfg(std::move(cfg)),
          m_fault(fault),
          m_serial(serial),
          m_proto(protoOf(route.route))
    {
        const QJsonDocument doc = QJsonDocument::fromJson(req.body);
        m_bodyIsObject = doc.isObject();
        m_body = doc.object();
        m_model = route.deployment.isEmpty() ? m_body.value(u"model").toString() : route.deployment;
        if (m_model.isEmpty() && route.route == Route::OllamaShow)
            m_model = m_body.value(u"name").toString();
    }

    Plan build()
    {
        if (m_route.route == Route::Unknown) {
            const QString what = QString::fromLatin1(m_req.method) + u' ' + QString::fromUtf8(m_req.path);
            return reply(
                openAiError(404, QStringLiteral("Unknown request URL: %1. (cairn test server)").arg(what),
                    "invalid_request_error", "unknown_url"));
        }
        switch (m_fault.fault) {
        case Fault::Unauthorized401:
        case Fault::RateLimited429:
        case Fault::ServerError500:
        case Fault::ServiceUnavailable503:
        case Fault::ModelNotFound404:
        case Fault::ContextTooLong400: {
            Reply r = faultReply();
            if (m_fault.retryAfterSeconds >= 0)
                r.headers << qMakePair(
                    QByteArray("Retry-After"), QByteArray::number(m_fault.retryAfterSeconds));
            return plainPlan(r, {});
        }
        case Fault::RedirectOtherOrigin: {
            QUrl target = m_fault.redirectTarget;
            const QByteArray path = m_req.path;
            const qsizetype q = path.indexOf('?');
            target.setPath(QString::fromUtf8(q >= 0 ? path.left(q) : path), QUrl::TolerantMode);
            target.setQuery(q >= 0 ? QString::fromUtf8(path.mid(q + 1)) : QString());
            Reply r;
            r.status = m_fault.redirectStatus;
            r.contentType.clear();
            r.headers << qMakePair(QByteArray("Location"), target.toEncoded());
            return plainPlan(r, {});
        }
        case Fault::HugeBody:
            return hugePlan(m_fault);
        default:
            break;
        }
        if (!authorized())
            return reply(authError());

        switch (m_route.route) {
        case Route::OllamaRoot: {
            Reply r = jsonReply("Ollama is running");
            r.contentType = "text/plain; charset=utf-8";
            return reply(r);
        }
        case Route::OllamaVersion:
            return reply(jsonReply("{\"version\":\"0.6.8\"}"));
        case Route::OpenAiModels:
            return reply(openAiModels());
        case Route::AnthropicModels:
            return reply(anthropicModels());
        case Route::OllamaTags:
            return reply(ollamaTags());
        case Route::OllamaShow:
            return reply(ollamaShow());
        case Route::OpenAiEmbeddings:
        case Route::OllamaEmbed:
        case Route::OllamaEmbeddingsLegacy:
            return reply(embeddings());
        case Route::OpenAiChat:
        case Route::OllamaChat:
        case Route::AnthropicMessages:
            return chat();
        case Route::Unknown:
            break;
        }
        return reply(jsonReply("{}"));
    }

private:
    Plan reply(const Reply &r) const { return plainPlan(r, m_fault); }

    bool knownModel(const QString &name) const
    {
        for (const QString &m : m_cfg.models) {
            if (m == name)
                return true;
            if (m_proto == Proto::Ollama && (m + u":latest" == name || name + u":latest" == m))
                return true;
        }
        return false;
    }

    bool authorized() const
    {
        const QByteArray &key = m_cfg.requiredKey;
        if (key.isEmpty())
            return true;
        const QByteArray bearer = "Bearer " + key;
        switch (m_proto) {
        case Proto::OpenAi:
            return m_req.header("authorization") == bearer || m_req.header("api-key") == key;
        case Proto::Ollama:
            return m_req.header("authorization") == bearer;
        case Proto::Anthropic:
            return m_req.header("x-api-key") == key;
        case Proto::Plain:
            break;
        }
        return true;
    }

    Reply authError() const
    {
        switch (m_proto) {
        case Proto::Anthropic:
            return anthropicError(401, "authentication_error", QStringLiteral("invalid x-api-key"));
        case Proto::Ollama:
            return ollamaError(401, QStringLiteral("unauthorized"));
        case Proto::OpenAi:
        case Proto::Plain:
            break;
        }
        if (m_req.header("authorization").isEmpty() && m_req.header("api-key").isEmpty()) {
            return openAiError(401,
                QStringLiteral(
                    "You didn't provide an API key. You need to provide your API key in an Authorization "
                    "header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."),
                "invalid_request_error", nullptr);
        }
        // Like some servers, this one echoes the key it got: clients must not log or show it.
        QByteArray given = m_req.header("api-key");
        if (given.isEmpty())
            given = m_req.header("authorization").mid(7);
        return openAiError(401,
            QStringLiteral("Incorrect API key provided: %1. You can find your API key at "
                           "https://platform.openai.com/account/api-keys.")
                .arg(QString::fromUtf8(given)),
            "invalid_request_error", "invalid_api_key");
    }

    Reply modelNotFound() const
    {
        const QString name = m_model.isEmpty() ? QStringLiteral("unknown") : m_model;
        switch (m_proto) {
        case Proto::Anthropic:
            return anthropicError(404, "not_found_error", u"model: " + name);
        case Proto::Ollama:
            return ollamaError(404, QStringLiteral("model \"%1\" not found, try pulling it first").arg(name));
        case Proto::OpenAi:
        case Proto::Plain:
            break;
        }
        if (!m_route.deployment.isEmpty()) {
            Reply r;
            r.status = 404;
            r.body
                = Obj()
                      .raw("error",
                          Obj()
                              .lit("code", "DeploymentNotFound")
                              .lit("message",
                                  "The API deployment for this resource does not exist. If you created the "
                                  "deployment within the last 5 minutes, please wait a moment and try again.")
                              .bytes())
                      .bytes();
            return r;
        }
        return openAiError(404,
            QStringLiteral("The model `%1` does not exist or you do not have access to it.").arg(name),
            "invalid_request_error", "model_not_found");
    }

    Reply faultReply() const
    {
        const bool anthropic = m_proto == Proto::Anthropic;
        const bool ollama = m_proto == Proto::Ollama;
        switch (m_fault.fault) {
        case Fault::Unauthorized401:
            return authError();
        case Fault::RateLimited429: {
            const QString m
                = QStringLiteral("Rate limit reached (simulated rate limit). Please try again later.");
            if (anthropic)
                return anthropicError(429, "rate_limit_error", m);
            if (ollama)
                return ollamaError(429, m);
            return openAiError(429, m, "requests", "rate_limit_exceeded");
        }
        case Fault::ServerError500: {
            const QString m = QStringLiteral("simulated server failure");
            if (anthropic)
                return anthropicError(500, "api_error", m);
            if (ollama)
                return ollamaError(500, m);
            return openAiError(500, m, "server_error", nullptr);
        }
        case Fault::ServiceUnavailable503: {
            const QString m = QStringLiteral("simulated service unavailable: the server is overloaded");
            if (anthropic)
                return anthropicError(503, "overloaded_error", m);
            if (ollama)
                return ollamaError(503, m);
            return openAiError(503, m, "server_error", nullptr);
        }
        case Fault::ModelNotFound404:
            return modelNotFound();
        case Fault::ContextTooLong400:
            if (anthropic)
                return anthropicError(400, "invalid_request_error",
                    QStringLiteral("prompt is too long: 9000 tokens > 8192 maximum"));
            if (ollama)
                return ollamaError(400, QStringLiteral("the input length exceeds the context length"));
            return openAiError(400,
                QStringLiteral(
                    "This model's maximum context length is 8192 tokens. However, your messages resulted "
                    "in 9000 tokens. Please reduce the length of the messages."),
                "invalid_request_error", "context_length_exceeded", "messages");
        default:
            break;
        }
        return ollamaError(500, QStringLiteral("simulated server failure"));
    }

    Reply badRequest(const QString &message) const
    {
        switch (m_proto) {
        case Proto::Anthropic:
            return anthropicError(400, "invalid_request_error", message);
        case Proto::Ollama:
            return ollamaError(400, message);
        case Proto::OpenAi:
        case Proto::Plain:
            break;
        }
        return openAiError(400, message, "invalid_request_error", nullptr);
    }

    // ---- models

    Reply openAiModels() const
    {
        QList<QByteArray> data;
        for (const QString &m : m_cfg.models) {
            data << Obj()
                        .str("id", m)
                        .lit("object", "model")
                        .num("created", kModelsCreated)
                        .lit("owned_by", "cairn-test")
                        .bytes();
        }
        return jsonReply(Obj().lit("object", "list").raw("data", arr(data)).bytes());
    }

    Reply anthropicModels() const
    {
        const QUrlQuery query(QUrl::fromEncoded(m_req.path).query());
        int limit = query.hasQueryItem(QStringLiteral("limit"))
            ? query.queryItemValue(QStringLiteral("limit")).toInt()
            : 20;
        if (limit < 1 || limit > 1000)
            return anthropicError(400, "invalid_request_error", QStringLiteral("limit: out of range"));
        if (m_cfg.modelsPageSize > 0)
            limit = std::min(limit, m_cfg.modelsPageSize);
        qsizetype from = 0;
        const QString after = query.queryItemValue(QStringLiteral("after_id"));
        if (!after.isEmpty()) {
            from = m_cfg.models.indexOf(after);
            if (from < 0)
                return anthropicError(400, "invalid_request_error", QStringLiteral("after_id: unknown"));
            ++from;
        }
        const QStringList page = m_cfg.models.mid(from, limit);
        QList<QByteArray> data;
        for (const QString &m : page) {
            data << Obj()
                        .lit("type", "model")
                        .str("id", m)
                        .str("display_name", u"Test " + m)
                        .lit("created_at", "2025-01-01T00:00:00Z")
                        .bytes();
        }
        Obj o;
        o.raw("data", arr(data)).boolean("has_more", from + page.size() < m_cfg.models.size());
        if (page.isEmpty())
            o.null("first_id").null("last_id");
        else
            o.str("first_id", page.first()).str("last_id", page.last());
        return jsonReply(o.bytes());
    }

    static QByteArray ollamaDetails()
    {
        return Obj()
            .lit("parent_model", "")
            .lit("format", "gguf")
            .lit("family", "test")
            .raw("families", "[\"test\"]")
            .lit("parameter_size", "1B")
            .lit("quantization_level", "Q4_0")
            .bytes();
    }

    Reply ollamaTags() const
    {
        QList<QByteArray> models;
        qint64 size = 1000000;
        for (const QString &m : m_cfg.models) {
            const QByteArray digest
                = QCryptographicHash::hash(m.toUtf8(), QCryptographicHash::Sha256).toHex();
            models << Obj()
                          .str("name", m)
                          .str("model", m)
                          .lit("modified_at", "2025-01-01T00:00:00.000000000Z")
                          .num("size", size++)
                          .raw("digest", '"' + digest + '"')
                          .raw("details", ollamaDetails())
                          .bytes();
        }
        return jsonReply(Obj().raw("models", arr(models)).bytes());
    }

    Reply ollamaShow() const
    {
        if (m_model.isEmpty())
            return ollamaError(400, QStringLiteral("model is required"));
        if (!knownModel(m_model))
            return modelNotFound();
        const bool embed = m_model.contains(u"embed");
        const QByteArray info = Obj()
                                    .lit("general.architecture", "test")
                                    .num("test.context_length", 8192)
                                    .num("test.embedding_length", m_cfg.embeddingDims)
                                    .bytes();
        return jsonReply(
            Obj()
                .lit("license", "")
                .lit("modelfile", "")
                .lit("parameters", "")
                .lit("template", "{{ .Prompt }}")
                .raw("details", ollamaDetails())
                .raw("model_info", info)
                .raw("capabilities", embed ? QByteArray("[\"embedding\"]") : QByteArray("[\"completion\"]"))
                .lit("modified_at", "2025-01-01T00:00:00.000000000Z")
                .bytes());
    }

    // ---- embeddings

    static QByteArray vector(const QString &text, int dims)
    {
        QList<QByteArray> v;
        const QList<double> e = LlmTestServer::embeddingFor(text, dims);
        for (double x : e)
            v << jnum(x);
        return arr(v);
    }

    Reply embeddings() const
    {
        if (!m_bodyIsObject)
            return badRequest(QStringLiteral("We could not parse the JSON body of your request."));
        if (m_model.isEmpty())
            return badRequest(m_proto == Proto::Ollama
                    ? QStringLiteral("model is required")
                    : QStringLiteral("you must provide a model parameter"));
        if (!knownModel(m_model))
            return modelNotFound();
        const bool legacy = m_route.route == Route::OllamaEmbeddingsLegacy;
        const QJsonValue input = m_body.value(legacy ? u"prompt" : u"input");
        QStringList texts;
        if (input.isArray()) {
            const QJsonArray a = input.toArray();
            for (const QJsonValue &v : a)
                texts << (v.isString()
                        ? v.toString()
                        : QString::fromUtf8(QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact)));
        } else if (input.isString()) {
            texts << input.toString();
        }
        if (texts.isEmpty())
            return badRequest(QStringLiteral("'input' is a required property"));
        const int dims = std::max(1, m_cfg.embeddingDims);
        if (legacy)
            return jsonReply(Obj().raw("embedding", vector(texts.first(), dims)).bytes());
        if (m_proto == Proto::Ollama) {
            QList<QByteArray> vs;
            for (const QString &t : texts)
                vs << vector(t, dims);
            return jsonReply(Obj()
                                 .str("model", m_model)
                                 .raw("embeddings", arr(vs))
                                 .num("total_duration", 12345678)
                                 .num("load_duration", 1234567)
                                 .num("prompt_eval_count", m_cfg.promptTokens)
                                 .bytes());
        }
        QList<QByteArray> data;
        for (qsizetype i = 0; i < texts.size(); ++i) {
            data << Obj()
                        .lit("object", "embedding")
                        .num("index", i)
                        .raw("embedding", vector(texts.at(i), dims))
                        .bytes();
        }
        return jsonReply(Obj()
                             .lit("object", "list")
                             .raw("data", arr(data))
                             .str("model", m_model)
                             .raw("usage",
                                 Obj()
                                     .num("prompt_tokens", m_cfg.promptTokens)
                                     .num("total_tokens", m_cfg.promptTokens)
                                     .bytes())
                             .bytes());
    }

    // ---- chat

    Plan chat()
    {
        if (!m_bodyIsObject) {
            return reply(badRequest(m_proto == Proto::Ollama
                    ? QStringLiteral("invalid character in request body")
                    : QStringLiteral(
                        "We could not parse the JSON body of your request. (HINT: This likely means "
                        "you aren't using your HTTP library correctly.)")));
        }
        if (m_proto == Proto::Anthropic) {
            if (m_req.header("anthropic-version").isEmpty())
                return reply(badRequest(QStringLiteral("anthropic-version: header is required")));
        }
        if (m_model.isEmpty()) {
            return reply(badRequest(m_proto == Proto::Ollama ? QStringLiteral("model is required")
                    : m_proto == Proto::Anthropic            ? QStringLiteral("model: Field required")
                                                  : QStringLiteral("you must provide a model parameter")));
        }
        const QJsonValue messages = m_body.value(u"messages");
        if (!messages.isArray()) {
            if (m_proto == Proto::OpenAi)
                return reply(openAiError(400, QStringLiteral("Missing required parameter: 'messages'."),
                    "invalid_request_error", "missing_required_parameter", "messages"));
            return reply(badRequest(m_proto == Proto::Anthropic ? QStringLiteral("messages: Field required")
                                                                : QStringLiteral("messages are required")));
        }
        if (m_proto == Proto::Anthropic && !m_body.value(u"max_tokens").isDouble())
            return reply(badRequest(QStringLiteral("max_tokens: Field required")));
        if (!knownModel(m_model))
            return reply(modelNotFound());

        // What the answer is made of
        QStringList content = m_cfg.pieces;
        if (content.isEmpty()) {
            const QString text
                = m_cfg.reply.isEmpty() ? u"Echo: " + lastUserText(messages.toArray()) : m_cfg.reply;
            content = splitAfterSpaces(text);
        }
        const bool thinkOff
            = m_proto == Proto::Ollama && m_body.value(u"think").isBool() && !m_body.value(u"think").toBool();
        const QString reasoning = thinkOff ? QString() : m_cfg.reasoning;
        const bool stream = m_body.value(u"stream").toBool(m_proto == Proto::Ollama)
            && m_fault.fault != Fault::JsonInsteadOfStream;
        if (m_fault.fault == Fault::JsonErrorOnStream) {
            const QString m = QStringLiteral("simulated: the model is overloaded");
            Reply r = m_proto == Proto::Anthropic ? anthropicError(200, "overloaded_error", m)
                : m_proto == Proto::Ollama        ? ollamaError(200, m)
                                                  : openAiError(200, m, "server_error", nullptr);
            return reply(r);
        }

        ChatContext c;
        const QString serial = QString::number(m_serial);
        c.model = m_model;
        c.created = QDateTime::currentSecsSinceEpoch();
        c.createdAt = isoNow();
        c.promptTokens = m_cfg.promptTokens;
        c.completionTokens
            = m_cfg.completionTokens >= 0 ? m_cfg.completionTokens : static_cast<int>(content.size());
        c.finishReason = m_cfg.finishReason;
        if (m_cfg.toolCall && m_proto == Proto::OpenAi && c.finishReason == u"stop")
            c.finishReason = QStringLiteral("tool_calls");
        c.includeUsage = m_body.value(u"stream_options").toObject().value(u"include_usage").toBool(false);
        switch (m_proto) {
        case Proto::Anthropic:
            c.id = u"msg_test_" + serial;
            c.toolId = u"toolu_test_" + serial;
            break;
        default:
            c.id = u"chatcmpl-test-" + serial;
            c.toolId = u"call_test_" + serial;
            break;
        }
        const QString stopReason = anthropicStopReason(m_cfg.finishReason, m_cfg.toolCall);
        Headers headers;
        headers << qMakePair(QByteArray(m_proto == Proto::Anthropic ? "request-id" : "x-request-id"),
            "req_test_" + serial.toLatin1());

        if (stream) {
            QList<Piece> pieces;
            for (const QString &t : splitAfterSpaces(reasoning))
                pieces << Piece {PieceKind::Reasoning, t, false};
            for (const QString &t : std::as_const(content))
                pieces << Piece {PieceKind::Content, t, false};
            if (m_cfg.toolCall) {
                if (m_proto == Proto::Ollama) {
                    pieces << Piece {PieceKind::ToolWhole, toolArguments(), true};
                } else {
                    const QStringList fragments = toolFragments();
                    for (qsizetype i = 0; i < fragments.size(); ++i)
                        pieces << Piece {PieceKind::ToolArgs, fragments.at(i), i == 0};
                }
            }
            const QByteArray eol = m_cfg.useCrLf ? QByteArray("\r\n") : QByteArray("\n");
            std::unique_ptr<StreamFormat> fmt;
            switch (m_proto) {
            case Proto::Anthropic:
                fmt = std::make_unique<AnthropicFormat>(c, stopReason, eol);
                break;
            case Proto::Ollama:
                fmt = std::make_unique<OllamaFormat>(c);
                break;
            case Proto::OpenAi:
            case Proto::Plain:
                fmt = std::make_unique<OpenAiFormat>(c, eol);
                break;
            }
            return streamPlan(*fmt, pieces, m_cfg, m_fault, headers);
        }

        QString text;
        const qsizetype markAt = m_fault.fault == Fault::InvalidUtf8
            ? std::clamp<qsizetype>(m_fault.afterPieces, 0, content.size())
            : -1;
        for (qsizetype i = 0; i <= content.size(); ++i) {
            if (i == markAt)
                text += QString::fromLatin1(kInvalidUtf8Marker);
            if (i < content.size())
                text += content.at(i);
        }

        Reply r;
        r.headers = headers;
        switch (m_proto) {
        case Proto::Anthropic: {
            QList<QByteArray> blocks;
            if (!reasoning.isEmpty())
                blocks << Obj()
                              .lit("type", "thinking")
                              .str("thinking", reasoning)
                              .lit("signature", "Y2Fpcm4tdGVzdA==")
                              .bytes();
            if (!text.isEmpty() || !m_cfg.toolCall)
                blocks << Obj().lit("type", "text").str("text", text).bytes();
            if (m_cfg.toolCall) {
                blocks << Obj()
                              .lit("type", "tool_use")
                              .str("id", c.toolId)
                              .lit("name", "get_weather")
                              .raw("input", toolArguments().toUtf8())
                              .bytes();
            }
            r.body = Obj()
                         .str("id", c.id)
                         .lit("type", "message")
                         .lit("role", "assistant")
                         .str("model", c.model)
                         .raw("content", arr(blocks))
                         .str("stop_reason", stopReason)
                         .null("stop_sequence")
                         .raw("usage",
                             Obj()
                                 .num("input_tokens", c.promptTokens)
                                 .num("output_tokens", c.completionTokens)
                                 .bytes())
                         .bytes();
            break;
        }
        case Proto::Ollama: {
            Obj message;
            message.lit("role", "assistant").str("content", text);
            if (!reasoning.isEmpty())
                message.str("thinking", reasoning);
            if (m_cfg.toolCall)
                message.raw("tool_calls", ollamaToolCalls());
            r.body = Obj()
                         .str("model", c.model)
                         .str("created_at", c.createdAt)
                         .raw("message", message.bytes())
                         .str("done_reason", c.finishReason)
                         .boolean("done", true)
                         .num("total_duration", 123456789)
                         .num("load_duration", 1234567)
                         .num("prompt_eval_count", c.promptTokens)
                         .num("prompt_eval_duration", 2345678)
                         .num("eval_count", c.completionTokens)
                         .num("eval_duration", 98765432)
                         .bytes();
            break;
        }
        case Proto::OpenAi:
        case Proto::Plain: {
            Obj message;
            message.lit("role", "assistant").str("content", text);
            if (!reasoning.isEmpty())
                message.str("reasoning_content", reasoning);
            if (m_cfg.toolCall) {
                const QByteArray fn
                    = Obj().lit("name", "get_weather").str("arguments", toolArguments()).bytes();
                message.raw("tool_calls",
                    arr({Obj().str("id", c.toolId).lit("type", "function").raw("function", fn).bytes()}));
            }
            message.null("refusal");
            const QByteArray choice = Obj()
                                          .num("index", 0)
                                          .raw("message", message.bytes())
                                          .null("logprobs")
                                          .str("finish_reason", c.finishReason)
                                          .bytes();
            r.body = Obj()
                         .str("id", c.id)
                         .lit("object", "chat.completion")
                         .num("created", c.created)
                         .str("model", c.model)
                         .raw("choices", arr({choice}))
                         .raw("usage", openAiUsage(c))
                         .lit("system_fingerprint", "fp_cairn_test")
                         .bytes();
            break;
        }
        }
        return reply(r);
    }

    const RecordedRequest &m_req;
    RouteInfo m_route;
    ServerConfig m_cfg;
    FaultSpec m_fault;
    qint64 m_serial;
    Proto m_proto;
    QJsonObject m_body;
    bool m_bodyIsObject = false;
    QString m_model;
};

// ---- one client connection: reads one request, plays the response's steps

class Connection : public QObject
{
public:
    Connection(QTcpSocket *socket, std::shared_ptr<Shared> shared, QObject *parent)
        : QObject(parent), m_socket(socket), m_shared(std::move(shared))
    {
        ++m_shared->openConnections;
        m_socket->setParent(this);
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(m_socket, &QIODevice::readyRead, this, [this] { onReadyRead(); });
        connect(m_socket, &QIODevice::bytesWritten, this, [this](qint64) { onBytesWritten(); });
        connect(m_socket, &QAbstractSocket::disconnected, this, [this] { onGone(); });
        connect(m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            if (m_socket->state() == QAbstractSocket::UnconnectedState)
                onGone();
        });
        // A TLS socket may hold decrypted bytes already.
        QMetaObject::invokeMethod(
            this, [this] { onReadyRead(); }, Qt::QueuedConnection);
    }

    ~Connection() override
    {
        m_socket->disconnect(this);
        if (!m_gone)
            --m_shared->openConnections;
        m_gone = true;
    }

private:
    enum class Phase { Reading, Responding };

    void onGone()
    {
        if (m_gone)
            return;
        m_gone = true;
        --m_shared->openConnections;
        m_steps.clear();
        m_wire.clear();
        deleteLater();
    }

    // ---- reading the request

    void onReadyRead()
    {
        if (m_gone)
            return;
        const QByteArray data = m_socket->readAll();
        if (m_phase != Phase::Reading)
            return; // one request per connection; anything more is ignored
        m_in += data;
        if (!m_headDone) {
            const qsizetype end = m_in.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_in.size() > kMaxHead)
                    fail(431, "request head too large");
                return;
            }
            const QString problem = parseHead(m_in.left(end));
            m_in.remove(0, end + 4);
            m_headDone = true;
            if (!problem.isEmpty()) {
                fail(problem == u"too large" ? 413 : 400, problem.toLatin1());
                return;
            }
        }
        if (m_chunkedIn) {
            const int state = decodeChunkedBody();
            if (state < 0)
                fail(400, "malformed chunked body");
            if (state <= 0)
                return;
        } else {
            if (m_in.size() < m_contentLength)
                return;
            m_req.body = m_in.left(m_contentLength);
        }
        m_in.clear();
        respond();
    }

    // Empty on success, else what is wrong.
    QString parseHead(const QByteArray &headBytes)
    {
        const QList<QByteArray> lines = headBytes.split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
            return QStringLiteral("malformed request line");
        m_req.method = requestLine.at(0);
        m_req.path = requestLine.at(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            if (line.isEmpty())
                continue;
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                return QStringLiteral("malformed header line");
            m_req.headers << qMakePair(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
        }
        if (m_req.header("transfer-encoding").toLower().contains("chunked")) {
            m_chunkedIn = true;
        } else {
            const QByteArray cl = m_req.header("content-length");
            if (!cl.isEmpty()) {
                bool ok = false;
                m_contentLength = cl.toLongLong(&ok);
                if (!ok || m_contentLength < 0)
                    return QStringLiteral("bad Content-Length");
                if (m_contentLength > kMaxBody)
                    return QStringLiteral("too large");
            }
        }
        return {};
    }

    // 1 = complete, 0 = needs more, -1 = malformed
    int decodeChunkedBody()
    {
        while (true) {
            if (m_trailer) {
                // Trailer lines until an empty line
                while (true) {
                    const qsizetype eol = m_in.indexOf("\r\n");
                    if (eol < 0)
                        return 0;
                    const bool empty = eol == 0;
                    m_in.remove(0, eol + 2);
                    if (empty)
                        return 1;
                }
            }
            const qsizetype eol = m_in.indexOf("\r\n");
            if (eol < 0)
                return m_in.size() > 1024 ? -1 : 0;
            QByteArray sizeField = m_in.left(eol);
            const qsizetype semi = sizeField.indexOf(';');
            if (semi >= 0)
                sizeField.truncate(semi);
            bool ok = false;
            const qint64 size = sizeField.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0 || m_req.body.size() + size > kMaxBody)
                return -1;
            if (size == 0) {
                m_in.remove(0, eol + 2);
                m_trailer = true;
                continue;
            }
            if (m_in.size() < eol + 2 + size + 2)
                return 0;
            m_req.body += m_in.mid(eol + 2, size);
            if (m_in.mid(eol + 2 + size, 2) != "\r\n")
                return -1;
            m_in.remove(0, eol + 2 + size + 2);
        }
    }

    void fail(int status, const QByteArray &why)
    {
        m_phase = Phase::Responding;
        const Reply r = openAiError(status, QString::fromLatin1(why), "invalid_request_error", nullptr);
        start(plainPlan(r, {}), ServerConfig());
    }

    void respond()
    {
        m_phase = Phase::Responding;
        m_req.receivedMs = QDateTime::currentMSecsSinceEpoch();
        const RouteInfo route = classify(m_req);
        ServerConfig cfg;
        FaultSpec fault;
        {
            QMutexLocker lock(&m_shared->mutex);
            m_shared->requests.append(m_req);
            cfg = m_shared->config;
            const bool faultable = route.route != Route::Unknown && route.route != Route::OllamaRoot
                && route.route != Route::OllamaVersion;
            if (faultable && !m_shared->faults.empty()) {
                fault = m_shared->faults.front().first;
                if (--m_shared->faults.front().second <= 0)
                    m_shared->faults.pop_front();
            }
        }
        const qint64 serial = ++m_shared->serial;
        Responder responder(m_req, route, cfg, fault, serial);
        start(responder.build(), cfg);
    }

    // ---- writing the response

    void start(const Plan &plan, const ServerConfig &cfg)
    {
        m_chunkedOut = plan.chunked;
        m_mode = cfg.chunkMode;
        m_param = cfg.chunkParam;
        m_pauseMs = std::max(0, cfg.chunkPauseMs);
        if ((m_mode == ChunkMode::FixedSize && m_param <= 0) || (m_mode == ChunkMode::SplitAt && m_param < 0))
            m_mode = ChunkMode::PerEvent;
        for (const Step &s : plan.steps)
            m_steps.push_back(s);
        pump();
    }

    QByteArray frame(const QByteArray &payload) const
    {
        if (!m_chunkedOut)
            return payload;
        return QByteArray::number(payload.size(), 16) + "\r\n" + payload + "\r\n";
    }

    void pushBody(const QByteArray &payload)
    {
        if (payload.isEmpty())
            return;
        m_wire.push_back({frame(payload), true});
        m_bodyWritten += payload.size();
    }

    // Cuts body bytes into writes according to the chunk mode.
    void feed(const QByteArray &payload)
    {
        switch (m_mode) {
        case ChunkMode::PerEvent:
            pushBody(payload);
            return;
        case ChunkMode::ByteByByte:
            for (const char c : payload)
                pushBody(QByteArray(1, c));
            return;
        case ChunkMode::FixedSize:
            m_pending += payload;
            while (m_pending.size() >= m_param) {
                pushBody(m_pending.left(m_param));
                m_pending.remove(0, m_param);
            }
            return;
        case ChunkMode::SplitAt:
            m_pending += payload;
            if (!m_splitDone && m_bodyWritten + m_pending.size() >= m_param) {
                const qint64 n = m_param - m_bodyWritten;
                pushBody(m_pending.left(n));
                m_pending.remove(0, n);
                m_splitDone = true;
            }
            return;
        }
    }

    void flushPending()
    {
        pushBody(m_pending);
        m_pending.clear();
    }

    void waitFor(int ms)
    {
        m_waitingTimer = true;
        QTimer::singleShot(ms, Qt::PreciseTimer, this, [this] {
            m_waitingTimer = false;
            pump();
        });
    }

    void onBytesWritten()
    {
        if (m_gone)
            return;
        const qint64 left = m_socket->bytesToWrite();
        if ((m_drainAll && left == 0) || (m_drainSome && left <= kHighWater)) {
            m_drainAll = m_drainSome = false;
            pump();
        }
    }

    void pump()
    {
        while (!m_gone && !m_waitingTimer && !m_drainAll && !m_drainSome) {
            if (m_socket->bytesToWrite() > kHighWater) {
                m_drainSome = true;
                return;
            }
            if (!m_wire.empty()) {
                const Wire w = m_wire.front();
                if (w.body && m_needPause && m_pauseMs > 0) {
                    m_needPause = false;
                    waitFor(m_pauseMs);
                    return;
                }
                m_wire.pop_front();
                m_socket->write(w.bytes);
                m_socket->flush();
                if (w.body && m_mode != ChunkMode::PerEvent)
                    m_needPause = true;
                continue;
            }
            if (m_steps.empty())
                return;
            const Step s = m_steps.front();
            m_steps.pop_front();
            switch (s.kind) {
            case Step::Raw:
                m_wire.push_back({s.data, false});
                break;
            case Step::Body:
                feed(s.data);
                break;
            case Step::Direct:
                flushPending();
                if (!s.data.isEmpty()) {
                    m_wire.push_back({frame(s.data), false});
                    m_bodyWritten += s.data.size();
                }
                break;
            case Step::Flush:
                flushPending();
                break;
            case Step::Pause:
                m_needPause = false;
                waitFor(s.ms);
                return;
            case Step::Abort:
                if (!m_pending.isEmpty()) {
                    flushPending();
                    m_steps.push_front(s); // after the wire is written
                    break;
                }
                if (m_socket->bytesToWrite() > 0) {
                    m_socket->flush();
                    if (m_socket->bytesToWrite() > 0) {
                        m_steps.push_front(s);
                        m_drainAll = true;
                        return;
                    }
                }
                m_socket->abort();
                onGone();
                return;
            case Step::Finish:
                flushPending();
                if (m_chunkedOut)
                    m_wire.push_back({QByteArray("0\r\n\r\n"), true});
                m_steps.push_front(makeStep(Step::Close));
                break;
            case Step::Close:
                m_steps.clear();
                m_socket->disconnectFromHost();
                return;
            case Step::Hold:
                m_steps.clear();
                return;
            case Step::Generate: {
                QList<Step> more;
                if ((*s.gen)(more))
                    more << s;
                for (qsizetype i = more.size() - 1; i >= 0; --i)
                    m_steps.push_front(more.at(i));
                break;
            }
            }
        }
    }

    struct Wire {
        QByteArray bytes;
        bool body = false; // a write of body bytes (paused between in the non-PerEvent modes)
    };

    QTcpSocket *m_socket;
    std::shared_ptr<Shared> m_shared;
    bool m_gone = false;

    Phase m_phase = Phase::Reading;
    QByteArray m_in;
    bool m_headDone = false;
    bool m_chunkedIn = false;
    bool m_trailer = false;
    qint64 m_contentLength = 0;
    RecordedRequest m_req;

    std::deque<Step> m_steps;
    std::deque<Wire> m_wire;
    bool m_chunkedOut = false;
    ChunkMode m_mode = ChunkMode::PerEvent;
    int m_param = 0;
    int m_pauseMs = 0;
    QByteArray m_pending;
    qint64 m_bodyWritten = 0;
    bool m_splitDone = false;
    bool m_needPause = false;
    bool m_waitingTimer = false;
    bool m_drainAll = false;
    bool m_drainSome = false;
};

// ---- the listening socket; lives on the server thread

class Listener : public QObject
{
public:
    explicit Listener(std::shared_ptr<Shared> shared) : m_shared(std::move(shared)) { }

    quint16 listenPlain(quint16 port, QString *error)
    {
        auto *server = new QTcpServer(this);
        return adopt(server, port, false, error);
    }

    // Takes `port` again, or a free port if that fails and `orFree` is set.
    quint16 listenTls(
        const QSslCertificate &cert, const QSslKey &key, quint16 port, bool orFree, QString *error)
    {
        closeServer();
        if (!QSslSocket::supportsSsl()) {
            *error = QStringLiteral("this Qt has no TLS backend");
            return 0;
        }
        auto *server = new QSslServer(this);
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificate(cert);
        conf.setPrivateKey(key);
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        server->setSslConfiguration(conf);
        return adopt(server, port, orFree, error);
    }

    void shutdown()
    {
        m_server = nullptr;
        const QObjectList kids = children();
        qDeleteAll(kids);
    }

private:
    quint16 adopt(QTcpServer *server, quint16 port, bool orFree, QString *error)
    {
        closeServer();
        m_server = server;
        connect(server, &QTcpServer::newConnection, this, [this] { acceptPending(); });
        connect(server, &QTcpServer::pendingConnectionAvailable, this, [this] { acceptPending(); });
        if (!server->listen(QHostAddress::LocalHost, port)
            && (!orFree || port == 0 || !server->listen(QHostAddress::LocalHost, 0))) {
            *error = server->errorString();
            return 0;
        }
        return server->serverPort();
    }

    void closeServer()
    {
        if (m_server) {
            m_server->close();
            delete m_server;
            m_server = nullptr;
        }
    }

    void acceptPending()
    {
        if (!m_server)
            return;
        while (QTcpSocket *socket = m_server->nextPendingConnection())
            new Connection(socket, m_shared, this);
    }

    std::shared_ptr<Shared> m_shared;
    QTcpServer *m_server = nullptr;
};

} // namespace

struct LlmTestServer::Private {
    std::shared_ptr<Shared> shared = std::make_shared<Shared>();
    QThread thread;
    Listener *listener = nullptr;
    mutable QMutex mutex;
    quint16 requestedPort = 0;
    quint16 port = 0;
    bool tls = false;
    QString error;
};

LlmTestServer::LlmTestServer(quint16 port) : d(std::make_unique<Private>())
{
    d->requestedPort = port;
    d->thread.setObjectName(QStringLiteral("LlmTestServer"));
    d->listener = new Listener(d->shared);
    d->listener->moveToThread(&d->thread);
    d->thread.start();
    QString error;
    quint16 actual = 0;
    Listener *listener = d->listener;
    QMetaObject::invokeMethod(
        listener, [&] { actual = listener->listenPlain(port, &error); }, Qt::BlockingQueuedConnection);
    QMutexLocker lock(&d->mutex);
    d->port = actual;
    d->error = error;
}

LlmTestServer::~LlmTestServer()
{
    Listener *listener = d->listener;
    QThread *home = QThread::currentThread();
    QMetaObject::invokeMethod(
        listener,
        [listener, home] {
            listener->shutdown();
            listener->moveToThread(home);
        },
        Qt::BlockingQueuedConnection);
    d->thread.quit();
    d->thread.wait();
    delete listener;
}

bool LlmTestServer::isListening() const
{
    QMutexLocker lock(&d->mutex);
    return d->port != 0;
}

QString LlmTestServer::errorString() const
{
    QMutexLocker lock(&d->mutex);
    return d->error;
}

bool LlmTestServer::startTls(const QSslCertificate &certificate, const QSslKey &privateKey)
{
    QString error;
    quint16 actual = 0;
    const quint16 current = port() != 0 ? port() : d->requestedPort;
    const bool orFree = d->requestedPort == 0;
    Listener *listener = d->listener;
    QMetaObject::invokeMethod(
        listener, [&] { actual = listener->listenTls(certificate, privateKey, current, orFree, &error); },
        Qt::BlockingQueuedConnection);
    QMutexLocker lock(&d->mutex);
    d->port = actual;
    d->tls = actual != 0;
    d->error = error;
    return actual != 0;
}

bool LlmTestServer::isTls() const
{
    QMutexLocker lock(&d->mutex);
    return d->tls;
}

quint16 LlmTestServer::port() const
{
    QMutexLocker lock(&d->mutex);
    return d->port;
}

QUrl LlmTestServer::origin() const
{
    QUrl u;
    u.setScheme(isTls() ? QStringLiteral("https") : QStringLiteral("http"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(port());
    return u;
}

QUrl LlmTestServer::openAiBaseUrl() const
{
    QUrl u = origin();
    u.setPath(QStringLiteral("/v1"));
    return u;
}

QUrl LlmTestServer::ollamaBaseUrl() const
{
    return origin();
}

QUrl LlmTestServer::anthropicBaseUrl() const
{
    return origin();
}

void LlmTestServer::setConfig(const ServerConfig &config)
{
    QMutexLocker lock(&d->shared->mutex);
    d->shared->config = config;
}

ServerConfig LlmTestServer::config() const
{
    QMutexLocker lock(&d->shared->mutex);
    return d->shared->config;
}

void LlmTestServer::queueFault(const FaultSpec &fault, int times)
{
    if (times <= 0)
        return;
    QMutexLocker lock(&d->shared->mutex);
    d->shared->faults.emplace_back(fault, times);
}

void LlmTestServer::clearFaults()
{
    QMutexLocker lock(&d->shared->mutex);
    d->shared->faults.clear();
}

int LlmTestServer::pendingFaults() const
{
    QMutexLocker lock(&d->shared->mutex);
    int n = 0;
    for (const auto &f : d->shared->faults)
        n += f.second;
    return n;
}

QList<RecordedRequest> LlmTestServer::requests() const
{
    QMutexLocker lock(&d->shared->mutex);
    return d->shared->requests;
}

void LlmTestServer::clearRequests()
{
    QMutexLocker lock(&d->shared->mutex);
    d->shared->requests.clear();
}

int LlmTestServer::requestCount() const
{
    QMutexLocker lock(&d->shared->mutex);
    return static_cast<int>(d->shared->requests.size());
}

int LlmTestServer::openConnections() const
{
    return d->shared->openConnections.load();
}

namespace {

// A unit vector of `dims` components derived from SHA-256 of the UTF-8 text.
QList<double> hashVector(const QString &text, int dims)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray pool;
    for (int block = 0; pool.size() < qsizetype(dims) * 4; ++block) {
        QByteArray seed = utf8;
        seed.append('\0');
        seed.append(QByteArray::number(block));
        pool += QCryptographicHash::hash(seed, QCryptographicHash::Sha256);
    }
    QList<double> v;
    v.reserve(dims);
    for (int i = 0; i < dims; ++i) {
        const auto *b = reinterpret_cast<const uchar *>(pool.constData()) + 4 * i;
        const quint32 u
            = (quint32(b[0]) << 24) | (quint32(b[1]) << 16) | (quint32(b[2]) << 8) | quint32(b[3]);
        v << static_cast<double>(u) / 4294967295.0 * 2.0 - 1.0;
    }
    return v;
}

} // namespace

QList<double> LlmTestServer::embeddingFor(const QString &text, int dims)
{
    dims = std::max(1, dims);
    // A bag of words: texts that share words point the same way (as a real embedding model's
    // vectors of related texts do), so retrieval by similarity can be tested.
    QList<double> v(dims, 0.0);
    bool anyWord = false;
    QString word;
    const auto addWord = [&] {
        if (word.isEmpty())
            return;
        const QList<double> w = hashVector(word, dims);
        for (int i = 0; i < dims; ++i)
            v[i] += w.at(i);
        anyWord = true;
        word.clear();
    };
    for (const QChar c : text) {
        if (c.isLetterOrNumber())
            word += c.toLower();
        else
            addWord();
    }
    addWord();
    if (!anyWord)
        v = hashVector(text, dims);
    double sum = 0;
    for (const double x : v)
        sum += x * x;
    const double norm = std::sqrt(sum);
    for (double &x : v)
        x = norm > 0 ? x / norm : 0;
    if (norm <= 0)
        v[0] = 1;
    return v;
}

bool LlmTestServer::generateSelfSignedCert(const QString &dir, QSslCertificate *certificate, QSslKey *key)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return false;
    const QString certPath = QDir(dir).filePath(QStringLiteral("cert.pem"));
    const QString keyPath = QDir(dir).filePath(QStringLiteral("key.pem"));
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(openssl,
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
            QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), keyPath,
            QStringLiteral("-out"), certPath, QStringLiteral("-days"), QStringLiteral("2"),
            QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
            QStringLiteral("subjectAltName=IP:127.0.0.1")});
    p.closeWriteChannel();
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return false;
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return false;
    const QSslCertificate c(certFile.readAll(), QSsl::Pem);
    const QSslKey k(keyFile.readAll(), QSsl::Rsa, QSsl::Pem);
    if (c.isNull() || k.isNull())
        return false;
    if (certificate)
        *certificate = c;
    if (key)
        *key = k;
    return true;
}

} // namespace cairn::test
