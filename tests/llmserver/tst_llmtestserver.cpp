// The LLM test server itself: every protocol's shapes through QNetworkAccessManager, and every
// misbehaviour at the byte level through a raw socket (the server runs on its own thread, so the raw
// client may block).
#include "LlmTestServer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <cmath>

using namespace cairn::test;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// ---- QNetworkAccessManager requests

struct HttpResult {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    Headers headers;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

HttpResult http(const QByteArray &verb, const QUrl &url, const QByteArray &body = {},
    const Headers &headers = {}, const QSslConfiguration *ssl = nullptr, bool followRedirects = false)
{
    QNetworkAccessManager nam;
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
        followRedirects ? QNetworkRequest::NoLessSafeRedirectPolicy : QNetworkRequest::ManualRedirectPolicy);
    if (verb == "POST")
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    for (const auto &h : headers)
        req.setRawHeader(h.first, h.second);
    if (ssl)
        req.setSslConfiguration(*ssl);
    QNetworkReply *reply = nam.sendCustomRequest(req, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(8000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpResult r;
    if (!reply->isFinished()) {
        reply->abort();
        r.error = QNetworkReply::TimeoutError;
    } else {
        r.error = reply->error();
    }
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.headers = reply->rawHeaderPairs();
    delete reply;
    return r;
}

QUrl url(const LlmTestServer &server, const QString &path)
{
    QUrl u = server.origin();
    const qsizetype q = path.indexOf(u'?');
    u.setPath(q >= 0 ? path.left(q) : path);
    if (q >= 0)
        u.setQuery(path.mid(q + 1));
    return u;
}

QByteArray chatBody(const char *model, const char *text, bool stream, bool includeUsage = false)
{
    QJsonObject o {{QStringLiteral("model"), QString::fromLatin1(model)},
        {QStringLiteral("messages"),
            QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("system")},
                            {QStringLiteral("content"), QStringLiteral("be brief")}},
                QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                    {QStringLiteral("content"), QString::fromUtf8(text)}}}},
        {QStringLiteral("stream"), stream}};
    if (includeUsage)
        o.insert(QStringLiteral("stream_options"), QJsonObject {{QStringLiteral("include_usage"), true}});
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray anthropicBody(const char *model, const char *text, bool stream, bool maxTokens = true)
{
    QJsonObject o {{QStringLiteral("model"), QString::fromLatin1(model)},
        {QStringLiteral("system"), QStringLiteral("be brief")},
        {QStringLiteral("messages"),
            QJsonArray {QJsonObject {{QStringLiteral("role"), QStringLiteral("user")},
                {QStringLiteral("content"),
                    QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                        {QStringLiteral("text"), QString::fromUtf8(text)}}}}}}},
        {QStringLiteral("stream"), stream}};
    if (maxTokens)
        o.insert(QStringLiteral("max_tokens"), 256);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

const Headers kAnthropicHeaders {{"anthropic-version", "2023-06-01"}};
const char kBrokenJson[] = "{\"choices\": [";

// ---- raw socket requests

struct RawResult {
    int status = 0;
    QByteArray head;
    QByteArray raw; // everything after the head, as it came off the wire
    QList<QByteArray> chunks; // chunked: the payload of each HTTP chunk
    QByteArray body; // the decoded body
    bool chunked = false;
    bool terminated = false; // chunked: the terminating chunk arrived
    qint64 firstByteMs = -1;
    QList<QPair<qint64, QByteArray>> reads; // (ms since the request was sent, bytes read)
    QByteArray header(const QByteArray &name) const
    {
        const QList<QByteArray> lines = head.split('\n');
        for (const QByteArray &l : lines) {
            const qsizetype colon = l.indexOf(':');
            if (colon > 0 && l.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return l.mid(colon + 1).trimmed();
        }
        return {};
    }
};

void parseRaw(const QByteArray &all, RawResult *r)
{
    const qsizetype end = all.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    r->head = all.left(end);
    r->raw = all.mid(end + 4);
    r->status = r->head.split(' ').value(1).toInt();
    r->chunked = r->header("transfer-encoding") == "chunked";
    if (!r->chunked) {
        r->body = r->raw;
        return;
    }
    qsizetype pos = 0;
    while (true) {
        const qsizetype eol = r->raw.indexOf("\r\n", pos);
        if (eol < 0)
            break;
        bool ok = false;
        const qsizetype size = r->raw.mid(pos, eol - pos).toLongLong(&ok, 16);
        if (!ok)
            break;
        if (size == 0) {
            r->terminated = r->raw.mid(eol + 2, 2) == "\r\n";
            break;
        }
        const QByteArray payload = r->raw.mid(eol + 2, size);
        r->body += payload;
        if (payload.size() < size)
            break; // cut off
        r->chunks << payload;
        pos = eol + 2 + size + 2;
    }
}

// Sends `request`, reads until the server closes, `timeoutMs` passes, nothing arrives for `idleMs`
// (if > 0) or `maxBytes` arrived (if > 0); then closes the connection.
RawResult rawRequest(
    quint16 port, const QByteArray &request, int timeoutMs = 5000, int idleMs = 0, qint64 maxBytes = 0)
{
    RawResult r;
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(3000))
        return r;
    s.write(request);
    s.waitForBytesWritten(3000);
    QElapsedTimer t;
    t.start();
    QByteArray all;
    qint64 lastData = 0;
    while (t.elapsed() < timeoutMs) {
        const int wait = idleMs > 0 ? idleMs : static_cast<int>(timeoutMs - t.elapsed());
        if (!s.waitForReadyRead(std::max(1, wait))) {
            if (s.state() != QAbstractSocket::ConnectedState)
                break;
            if (idleMs > 0 && t.elapsed() - lastData >= idleMs)
                break;
            continue;
        }
        const QByteArray d = s.readAll();
        if (!d.isEmpty()) {
            lastData = t.elapsed();
            if (r.firstByteMs < 0)
                r.firstByteMs = lastData;
            r.reads << qMakePair(lastData, d);
            all += d;
        }
        if (maxBytes > 0 && all.size() >= maxBytes)
            break;
    }
    all += s.readAll();
    s.abort();
    parseRaw(all, &r);
    return r;
}

QByteArray rawPost(const QByteArray &path, const QByteArray &body, const QByteArray &extraHeaderLines = {})
{
    return "POST " + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n" + extraHeaderLines + "\r\n" + body;
}

QByteArray rawGet(const QByteArray &path, const QByteArray &extraHeaderLines = {})
{
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaderLines + "\r\n";
}

// ---- stream parsing

struct SseEvent {
    QByteArray event;
    QByteArray data;
};

QList<SseEvent> parseSse(QByteArray body)
{
    body.replace("\r\n", "\n");
    QList<SseEvent> out;
    const QList<QByteArray> blocks = body.split('\n');
    SseEvent cur;
    bool any = false;
    for (const QByteArray &line : blocks) {
        if (line.isEmpty()) {
            if (any)
                out << cur;
            cur = {};
            any = false;
        } else if (line.startsWith(':')) {
            continue;
        } else if (line.startsWith("event: ")) {
            cur.event = line.mid(7);
            any = true;
        } else if (line.startsWith("data: ")) {
            cur.data += line.mid(6);
            any = true;
        }
    }
    if (any)
        out << cur;
    return out;
}

QList<QJsonObject> sseJson(const QByteArray &body)
{
    QList<QJsonObject> out;
    const QList<SseEvent> events = parseSse(body);
    for (const SseEvent &e : events) {
        if (e.data != "[DONE]")
            out << QJsonDocument::fromJson(e.data).object();
    }
    return out;
}

QList<QJsonObject> ndjson(const QByteArray &body)
{
    QList<QJsonObject> out;
    const QList<QByteArray> lines = body.split('\n');
    for (const QByteArray &l : lines) {
        if (!l.trimmed().isEmpty())
            out << QJsonDocument::fromJson(l).object();
    }
    return out;
}

// Concatenated OpenAI delta field (content, reasoning_content) of a stream.
QString openAiDeltas(const QList<QJsonObject> &chunks, const QString &field)
{
    QString s;
    for (const QJsonObject &c : chunks) {
        const QJsonArray choices = c.value(u"choices").toArray();
        if (!choices.isEmpty())
            s += choices.first().toObject().value(u"delta").toObject().value(field).toString();
    }
    return s;
}

QByteArray normalized(QByteArray body)
{
    static const QRegularExpression ids(
        QStringLiteral(R"((chatcmpl-test-|call_test_|msg_test_|toolu_test_)\d+)"));
    static const QRegularExpression created(QStringLiteral(R"("created(_at)?":("[^"]*"|\d+))"));
    QString s = QString::fromUtf8(body);
    s.replace(ids, QStringLiteral("\\1N"));
    s.replace(created, QStringLiteral("\"created\\1\":0"));
    return s.toUtf8();
}

double norm(const QJsonArray &v)
{
    double sum = 0;
    for (const QJsonValue &x : v)
        sum += x.toDouble() * x.toDouble();
    return std::sqrt(sum);
}

} // namespace

class TestLlmTestServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listensOnLoopback()
    {
        LlmTestServer server;
        QVERIFY(server.isListening());
        QVERIFY(server.port() != 0);
        QCOMPARE(server.origin().toString(), QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
        QCOMPARE(
            server.openAiBaseUrl().toString(), QStringLiteral("http://127.0.0.1:%1/v1").arg(server.port()));
        QCOMPARE(server.ollamaBaseUrl(), server.origin());
        QCOMPARE(server.anthropicBaseUrl(), server.origin());
        LlmTestServer other;
        QVERIFY(other.port() != server.port());
    }

    void openAiModelsAndUnknownPaths()
    {
        LlmTestServer server;
        const HttpResult r = http("GET", url(server, QStringLiteral("/v1/models")));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-type"), QByteArray("application/json"));
        QCOMPARE(r.header("connection"), QByteArray("close"));
        QCOMPARE(qsizetype(r.header("content-length").toLongLong()), r.body.size());
        const QJsonObject o = r.json();
        QCOMPARE(o.value(u"object").toString(), QStringLiteral("list"));
        const QJsonArray data = o.value(u"data").toArray();
        QCOMPARE(data.size(), 2);
        QCOMPARE(data.at(0).toObject().value(u"id").toString(), QStringLiteral("test-chat"));
        QCOMPARE(data.at(0).toObject().value(u"object").toString(), QStringLiteral("model"));
        QCOMPARE(data.at(0).toObject().value(u"owned_by").toString(), QStringLiteral("cairn-test"));
        QVERIFY(data.at(0).toObject().value(u"created").toInteger() > 0);
        QCOMPARE(data.at(1).toObject().value(u"id").toString(), QStringLiteral("test-embed"));

        const HttpResult nf = http("GET", url(server, QStringLiteral("/v2/nothing?x=1")));
        QCOMPARE(nf.status, 404);
        QVERIFY(nf.json().value(u"error").toObject().value(u"message").toString().contains(u"/v2/nothing"));
        QCOMPARE(http("GET", url(server, QStringLiteral("/v1/chat/completions"))).status, 404);
    }

    void openAiNonStream()
    {
        LlmTestServer server;
        HttpResult r = http("POST", url(server, QStringLiteral("/v1/chat/completions")),
            chatBody("test-chat", "hello there", false));
        QCOMPARE(r.status, 200);
        QJsonObject o = r.json();
        QCOMPARE(o.value(u"object").toString(), QStringLiteral("chat.completion"));
        QCOMPARE(o.value(u"model").toString(), QStringLiteral("test-chat"));
        QVERIFY(o.value(u"id").toString().startsWith(u"chatcmpl-"));
        QJsonObject choice = o.value(u"choices").toArray().first().toObject();
        QCOMPARE(choice.value(u"finish_reason").toString(), QStringLiteral("stop"));
        QJsonObject message = choice.value(u"message").toObject();
        QCOMPARE(message.value(u"role").toString(), QStringLiteral("assistant"));
        QCOMPARE(message.value(u"content").toString(), QStringLiteral("Echo: hello there"));
        QVERIFY(!message.contains(u"reasoning_content"));
        QVERIFY(!message.contains(u"tool_calls"));
        const QJsonObject usage = o.value(u"usage").toObject();
        QCOMPARE(usage.value(u"prompt_tokens").toInt(), 11);
        QCOMPARE(usage.value(u"completion_tokens").toInt(), 3); // "Echo: ", "hello ", "there"
        QCOMPARE(usage.value(u"total_tokens").toInt(), 14);

        ServerConfig cfg;
        cfg.reply = QStringLiteral("Fixed answer");
        cfg.reasoning = QStringLiteral("Let me think");
        cfg.toolCall = true;
        cfg.promptTokens = 5;
        cfg.completionTokens = 42;
        server.setConfig(cfg);
        QCOMPARE(server.config().reply, QStringLiteral("Fixed answer"));
        r = http(
            "POST", url(server, QStringLiteral("/v1/chat/completions")), chatBody("test-chat", "x", false));
        o = r.json();
        choice = o.value(u"choices").toArray().first().toObject();
        message = choice.value(u"message").toObject();
        QCOMPARE(message.value(u"content").toString(), QStringLiteral("Fixed answer"));
        QCOMPARE(message.value(u"reasoning_content").toString(), QStringLiteral("Let me think"));
        const QJsonObject call = message.value(u"tool_calls").toArray().first().toObject();
        QCOMPARE(call.value(u"type").toString(), QStringLiteral("function"));
        QVERIFY(!call.value(u"id").toString().isEmpty());
        QCOMPARE(call.value(u"function").toObject().value(u"name").toString(), QStringLiteral("get_weather"));
        QCOMPARE(call.value(u"function").toObject().value(u"arguments").toString(),
            QStringLiteral(R"({"city":"Paris"})"));
        QCOMPARE(choice.value(u"finish_reason").toString(), QStringLiteral("tool_calls"));
        QCOMPARE(o.value(u"usage").toObject().value(u"completion_tokens").toInt(), 42);
        QCOMPARE(o.value(u"usage").toObject().value(u"total_tokens").toInt(), 47);

        // Content given as parts
        cfg = {};
        server.setConfig(cfg);
        const QByteArray parts
            = R"({"model":"test-chat","messages":[{"role":"user","content":[{"type":"text","text":"look"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]}]})";
        r = http("POST", url(server, QStringLiteral("/v1/chat/completions")), parts);
        QCOMPARE(r.json()
                     .value(u"choices")
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"message")
                     .toObject()
                     .value(u"content")
                     .toString(),
            QStringLiteral("Echo: look"));

        r = http("POST", url(server, QStringLiteral("/v1/chat/completions")), "{not json");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(u"error").toObject().value(u"type").toString(),
            QStringLiteral("invalid_request_error"));
    }

    void openAiStream_data()
    {
        QTest::addColumn<bool>("includeUsage");
        QTest::newRow("usage") << true;
        QTest::newRow("no-usage") << false;
    }
    void openAiStream()
    {
        QFETCH(bool, includeUsage);
        LlmTestServer server;
        ServerConfig cfg;
        cfg.reasoning = QStringLiteral("Hmm ok");
        cfg.toolCall = true;
        server.setConfig(cfg);
        const RawResult r = rawRequest(server.port(),
            rawPost("/v1/chat/completions", chatBody("test-chat", "one two", true, includeUsage)));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-type"), QByteArray("text/event-stream; charset=utf-8"));
        QVERIFY(r.chunked);
        QVERIFY(r.terminated);
        QVERIFY(r.header("content-length").isEmpty());
        QVERIFY(r.body.endsWith("data: [DONE]\n\n"));
        for (const QByteArray &chunk : r.chunks) { // PerEvent: one event per chunk
            QVERIFY(chunk.startsWith("data: "));
            QVERIFY(chunk.endsWith("\n\n"));
            QCOMPARE(chunk.count("\n\n"), 1);
        }
        const QList<QJsonObject> chunks = sseJson(r.body);
        // role, 2 reasoning, 3 content, 3 tool fragments, finish (+ usage)
        QCOMPARE(chunks.size(), 10 + (includeUsage ? 1 : 0));
        for (const QJsonObject &c : chunks) {
            QCOMPARE(c.value(u"object").toString(), QStringLiteral("chat.completion.chunk"));
            QCOMPARE(c.value(u"id").toString(), chunks.first().value(u"id").toString());
            QCOMPARE(c.contains(u"usage"), includeUsage);
        }
        const QJsonObject first = chunks.first().value(u"choices").toArray().first().toObject();
        QCOMPARE(first.value(u"delta").toObject().value(u"role").toString(), QStringLiteral("assistant"));
        QCOMPARE(openAiDeltas(chunks, QStringLiteral("reasoning_content")), QStringLiteral("Hmm ok"));
        QCOMPARE(openAiDeltas(chunks, QStringLiteral("content")), QStringLiteral("Echo: one two"));
        QString args;
        QString name;
        for (const QJsonObject &c : chunks) {
            const QJsonArray choices = c.value(u"choices").toArray();
            if (choices.isEmpty())
                continue;
            const QJsonArray calls
                = choices.first().toObject().value(u"delta").toObject().value(u"tool_calls").toArray();
            for (const QJsonValue &call : calls) {
                QCOMPARE(call.toObject().value(u"index").toInt(-1), 0);
                args += call.toObject().value(u"function").toObject().value(u"arguments").toString();
                name += call.toObject().value(u"function").toObject().value(u"name").toString();
            }
        }
        QCOMPARE(name, QStringLiteral("get_weather"));
        QCOMPARE(args, QStringLiteral(R"({"city":"Paris"})"));
        const QJsonObject finish = chunks.at(9).value(u"choices").toArray().first().toObject();
        QCOMPARE(finish.value(u"finish_reason").toString(), QStringLiteral("tool_calls"));
        if (includeUsage) {
            const QJsonObject last = chunks.last();
            QVERIFY(last.value(u"choices").toArray().isEmpty());
            QCOMPARE(last.value(u"usage").toObject().value(u"prompt_tokens").toInt(), 11);
            QCOMPARE(last.value(u"usage").toObject().value(u"completion_tokens").toInt(), 3);
        }

        // The same through QNetworkAccessManager
        const HttpResult h = http("POST", url(server, QStringLiteral("/v1/chat/completions")),
            chatBody("test-chat", "one two", true, includeUsage));
        QCOMPARE(h.status, 200);
        QCOMPARE(normalized(h.body), normalized(r.body));
    }

    void azureDeployments()
    {
        LlmTestServer server;
        ServerConfig cfg;
        cfg.requiredKey = "azure-key";
        server.setConfig(cfg);
        const QByteArray body = R"({"messages":[{"role":"user","content":"hi"}]})";
        HttpResult r = http("POST",
            url(server,
                QStringLiteral("/openai/deployments/test-chat/chat/completions?api-version=2024-06-01")),
            body, {{"api-key", "azure-key"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"model").toString(), QStringLiteral("test-chat"));
        QCOMPARE(r.json()
                     .value(u"choices")
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"message")
                     .toObject()
                     .value(u"content")
                     .toString(),
            QStringLiteral("Echo: hi"));
        r = http("POST",
            url(server, QStringLiteral("/openai/deployments/nope/chat/completions?api-version=2024-06-01")),
            body, {{"api-key", "azure-key"}});
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json().value(u"error").toObject().value(u"code").toString(),
            QStringLiteral("DeploymentNotFound"));
        r = http("POST",
            url(server, QStringLiteral("/openai/deployments/test-embed/embeddings?api-version=2024-06-01")),
            R"({"input":"abc"})", {{"api-key", "azure-key"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"data").toArray().size(), 1);
        QCOMPARE(server.requests().first().path,
            QByteArray("/openai/deployments/test-chat/chat/completions?api-version=2024-06-01"));
    }

    void embeddings()
    {
        LlmTestServer server;
        HttpResult r = http("POST", url(server, QStringLiteral("/v1/embeddings")),
            R"({"model":"test-embed","input":["alpha","beta","alpha"]})");
        QCOMPARE(r.status, 200);
        QJsonObject o = r.json();
        QCOMPARE(o.value(u"object").toString(), QStringLiteral("list"));
        QCOMPARE(o.value(u"model").toString(), QStringLiteral("test-embed"));
        QCOMPARE(o.value(u"usage").toObject().value(u"prompt_tokens").toInt(), 11);
        const QJsonArray data = o.value(u"data").toArray();
        QCOMPARE(data.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject e = data.at(i).toObject();
            QCOMPARE(e.value(u"object").toString(), QStringLiteral("embedding"));
            QCOMPARE(e.value(u"index").toInt(), i);
            QCOMPARE(e.value(u"embedding").toArray().size(), 8);
            QVERIFY(std::abs(norm(e.value(u"embedding").toArray()) - 1.0) < 1e-9);
        }
        const QJsonArray alpha = data.at(0).toObject().value(u"embedding").toArray();
        QCOMPARE(data.at(2).toObject().value(u"embedding").toArray(), alpha);
        QVERIFY(data.at(1).toObject().value(u"embedding").toArray() != alpha);
        const QList<double> expected = LlmTestServer::embeddingFor(QStringLiteral("alpha"), 8);
        for (int i = 0; i < 8; ++i)
            QCOMPARE(alpha.at(i).toDouble(), expected.at(i));

        ServerConfig cfg;
        cfg.embeddingDims = 32;
        server.setConfig(cfg);
        r = http(
            "POST", url(server, QStringLiteral("/api/embed")), R"({"model":"test-embed","input":"alpha"})");
        QCOMPARE(r.status, 200);
        o = r.json();
        QCOMPARE(o.value(u"model").toString(), QStringLiteral("test-embed"));
        const QJsonArray vs = o.value(u"embeddings").toArray();
        QCOMPARE(vs.size(), 1);
        QCOMPARE(vs.first().toArray().size(), 32);
        QVERIFY(std::abs(norm(vs.first().toArray()) - 1.0) < 1e-9);

        r = http("POST", url(server, QStringLiteral("/v1/embeddings")), R"({"model":"nope","input":"x"})");
        QCOMPARE(r.status, 404);
        QCOMPARE(
            r.json().value(u"error").toObject().value(u"code").toString(), QStringLiteral("model_not_found"));
        r = http("POST", url(server, QStringLiteral("/api/embed")), R"({"model":"nope","input":"x"})");
        QCOMPARE(r.status, 404);
    }

    void unknownModel()
    {
        LlmTestServer server;
        HttpResult r = http(
            "POST", url(server, QStringLiteral("/v1/chat/completions")), chatBody("gpt-9", "hi", true));
        QCOMPARE(r.status, 404);
        QJsonObject e = r.json().value(u"error").toObject();
        QCOMPARE(e.value(u"code").toString(), QStringLiteral("model_not_found"));
        QCOMPARE(e.value(u"type").toString(), QStringLiteral("invalid_request_error"));
        QVERIFY(e.value(u"message").toString().startsWith(u"The model `gpt-9` does not exist"));

        r = http("POST", url(server, QStringLiteral("/api/chat")), chatBody("llama9", "hi", true));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json().value(u"error").toString(),
            QStringLiteral("model \"llama9\" not found, try pulling it first"));

        r = http("POST", url(server, QStringLiteral("/v1/messages")), anthropicBody("claude-9", "hi", true),
            kAnthropicHeaders);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.json().value(u"type").toString(), QStringLiteral("error"));
        QCOMPARE(
            r.json().value(u"error").toObject().value(u"type").toString(), QStringLiteral("not_found_error"));
    }

    void ollamaEndpoints()
    {
        LlmTestServer server;
        HttpResult r = http("GET", url(server, QStringLiteral("/api/tags")));
        QCOMPARE(r.status, 200);
        const QJsonArray models = r.json().value(u"models").toArray();
        QCOMPARE(models.size(), 2);
        const QJsonObject m = models.first().toObject();
        QCOMPARE(m.value(u"name").toString(), QStringLiteral("test-chat"));
        QCOMPARE(m.value(u"model").toString(), QStringLiteral("test-chat"));
        QVERIFY(!m.value(u"modified_at").toString().isEmpty());
        QVERIFY(m.value(u"size").toInteger() > 0);
        QCOMPARE(m.value(u"digest").toString().size(), 64);
        QCOMPARE(m.value(u"details").toObject().value(u"family").toString(), QStringLiteral("test"));
        QCOMPARE(m.value(u"details").toObject().value(u"parameter_size").toString(), QStringLiteral("1B"));

        r = http("POST", url(server, QStringLiteral("/api/show")), R"({"model":"test-chat"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"model_info").toObject().value(u"test.context_length").toInt(), 8192);
        QCOMPARE(r.json().value(u"capabilities").toArray(), QJsonArray {QStringLiteral("completion")});
        QCOMPARE(r.json().value(u"details").toObject().value(u"family").toString(), QStringLiteral("test"));
        r = http("POST", url(server, QStringLiteral("/api/show")), R"({"model":"test-chat:latest"})");
        QCOMPARE(r.status, 200);
        r = http("POST", url(server, QStringLiteral("/api/show")), R"({"model":"nope"})");
        QCOMPARE(r.status, 404);
        QVERIFY(r.json().value(u"error").toString().contains(u"not found"));

        QCOMPARE(http("GET", url(server, QStringLiteral("/"))).body, QByteArray("Ollama is running"));
        QVERIFY(!http("GET", url(server, QStringLiteral("/api/version")))
                     .json()
                     .value(u"version")
                     .toString()
                     .isEmpty());
    }

    void ollamaChat()
    {
        LlmTestServer server;
        ServerConfig cfg;
        cfg.reasoning = QStringLiteral("Thinking hard");
        cfg.toolCall = true;
        cfg.promptTokens = 7;
        server.setConfig(cfg);
        // "stream" left out: Ollama streams by default
        const QByteArray body
            = R"({"model":"test-chat","messages":[{"role":"user","content":"what now","images":["AAAA"]}],"options":{"temperature":0.2}})";
        const RawResult r = rawRequest(server.port(), rawPost("/api/chat", body));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-type"), QByteArray("application/x-ndjson"));
        QVERIFY(r.chunked);
        QVERIFY(r.terminated);
        const QList<QJsonObject> lines = ndjson(r.body);
        QCOMPARE(r.body.count('\n'), lines.size());
        // 2 thinking, 3 content ("Echo: ", "what ", "now"), 1 tool call, final
        QCOMPARE(lines.size(), 7);
        QString thinking;
        QString content;
        for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
            const QJsonObject &l = lines.at(i);
            QCOMPARE(l.value(u"model").toString(), QStringLiteral("test-chat"));
            QVERIFY(!l.value(u"created_at").toString().isEmpty());
            QCOMPARE(l.value(u"done").toBool(true), false);
            QCOMPARE(l.value(u"message").toObject().value(u"role").toString(), QStringLiteral("assistant"));
            thinking += l.value(u"message").toObject().value(u"thinking").toString();
            content += l.value(u"message").toObject().value(u"content").toString();
        }
        QCOMPARE(thinking, QStringLiteral("Thinking hard"));
        QCOMPARE(content, QStringLiteral("Echo: what now"));
        const QJsonObject call = lines.at(5)
                                     .value(u"message")
                                     .toObject()
                                     .value(u"tool_calls")
                                     .toArray()
                                     .first()
                                     .toObject()
                                     .value(u"function")
                                     .toObject();
        QCOMPARE(call.value(u"name").toString(), QStringLiteral("get_weather"));
        QCOMPARE(call.value(u"arguments").toObject().value(u"city").toString(), QStringLiteral("Paris"));
        const QJsonObject last = lines.last();
        QCOMPARE(last.value(u"done").toBool(), true);
        QCOMPARE(last.value(u"done_reason").toString(), QStringLiteral("stop"));
        QCOMPARE(last.value(u"prompt_eval_count").toInt(), 7);
        QCOMPARE(last.value(u"eval_count").toInt(), 3);
        QVERIFY(last.value(u"total_duration").toInteger() > 0);

        // Non-stream, thinking switched off
        cfg.toolCall = false;
        server.setConfig(cfg);
        const HttpResult h = http("POST", url(server, QStringLiteral("/api/chat")),
            R"({"model":"test-chat","stream":false,"think":false,"messages":[{"role":"user","content":"x"}]})");
        QCOMPARE(h.status, 200);
        QCOMPARE(h.header("content-type"), QByteArray("application/json"));
        const QJsonObject o = h.json();
        QCOMPARE(o.value(u"done").toBool(), true);
        QCOMPARE(o.value(u"message").toObject().value(u"content").toString(), QStringLiteral("Echo: x"));
        QVERIFY(!o.value(u"message").toObject().contains(u"thinking"));
        QCOMPARE(o.value(u"eval_count").toInt(), 2);
        QCOMPARE(o.value(u"prompt_eval_count").toInt(), 7);
    }

    void anthropic()
    {
        LlmTestServer server;
        HttpResult h = http("GET", url(server, QStringLiteral("/v1/models")), {}, kAnthropicHeaders);
        QCOMPARE(h.status, 200);
        QJsonObject o = h.json();
        QCOMPARE(o.value(u"has_more").toBool(true), false);
        QCOMPARE(o.value(u"first_id").toString(), QStringLiteral("test-chat"));
        QCOMPARE(o.value(u"last_id").toString(), QStringLiteral("test-embed"));
        const QJsonObject model = o.value(u"data").toArray().first().toObject();
        QCOMPARE(model.value(u"type").toString(), QStringLiteral("model"));
        QCOMPARE(model.value(u"id").toString(), QStringLiteral("test-chat"));
        QVERIFY(!model.value(u"display_name").toString().isEmpty());
        QVERIFY(!model.value(u"created_at").toString().isEmpty());

        ServerConfig cfg;
        cfg.reasoning = QStringLiteral("Deep thought");
        cfg.toolCall = true;
        cfg.finishReason = QStringLiteral("length");
        server.setConfig(cfg);
        const RawResult r = rawRequest(server.port(),
            rawPost("/v1/messages", anthropicBody("test-chat", "hi you", true),
                "anthropic-version: 2023-06-01\r\n"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-type"), QByteArray("text/event-stream; charset=utf-8"));
        QVERIFY(r.terminated);
        const QList<SseEvent> events = parseSse(r.body);
        QStringList names;
        QString thinking;
        QString text;
        QString json;
        for (const SseEvent &e : events) {
            names << QString::fromLatin1(e.event);
            const QJsonObject d = QJsonDocument::fromJson(e.data).object();
            QCOMPARE(d.value(u"type").toString(), QString::fromLatin1(e.event));
            const QJsonObject delta = d.value(u"delta").toObject();
            thinking += delta.value(u"thinking").toString();
            text += delta.value(u"text").toString();
            json += delta.value(u"partial_json").toString();
        }
        const QStringList expected {QStringLiteral("message_start"), QStringLiteral("ping"),
            QStringLiteral("content_block_start"), QStringLiteral("content_block_delta"),
            QStringLiteral("content_block_delta"), QStringLiteral("content_block_delta"),
            QStringLiteral("content_block_stop"), QStringLiteral("content_block_start"),
            QStringLiteral("content_block_delta"), QStringLiteral("content_block_delta"),
            QStringLiteral("content_block_delta"), QStringLiteral("content_block_stop"),
            QStringLiteral("content_block_start"), QStringLiteral("content_block_delta"),
            QStringLiteral("content_block_delta"), QStringLiteral("content_block_delta"),
            QStringLiteral("content_block_stop"), QStringLiteral("message_delta"),
            QStringLiteral("message_stop")};
        QCOMPARE(names, expected);
        QCOMPARE(thinking, QStringLiteral("Deep thought"));
        QCOMPARE(text, QStringLiteral("Echo: hi you"));
        QCOMPARE(json, QStringLiteral(R"({"city":"Paris"})"));
        const QJsonObject start
            = QJsonDocument::fromJson(events.at(0).data).object().value(u"message").toObject();
        QCOMPARE(start.value(u"usage").toObject().value(u"input_tokens").toInt(), 11);
        QCOMPARE(start.value(u"role").toString(), QStringLiteral("assistant"));
        QCOMPARE(QJsonDocument::fromJson(events.at(2).data)
                     .object()
                     .value(u"content_block")
                     .toObject()
                     .value(u"type")
                     .toString(),
            QStringLiteral("thinking"));
        QCOMPARE(QJsonDocument::fromJson(events.at(7).data).object().value(u"index").toInt(), 1);
        const QJsonObject tool
            = QJsonDocument::fromJson(events.at(12).data).object().value(u"content_block").toObject();
        QCOMPARE(tool.value(u"type").toString(), QStringLiteral("tool_use"));
        QCOMPARE(tool.value(u"name").toString(), QStringLiteral("get_weather"));
        const QJsonObject messageDelta = QJsonDocument::fromJson(events.at(17).data).object();
        QCOMPARE(messageDelta.value(u"delta").toObject().value(u"stop_reason").toString(),
            QStringLiteral("max_tokens"));
        QCOMPARE(messageDelta.value(u"usage").toObject().value(u"output_tokens").toInt(), 3);

        cfg = {};
        server.setConfig(cfg);
        h = http("POST", url(server, QStringLiteral("/v1/messages")), anthropicBody("test-chat", "yo", false),
            kAnthropicHeaders);
        QCOMPARE(h.status, 200);
        o = h.json();
        QCOMPARE(o.value(u"type").toString(), QStringLiteral("message"));
        QCOMPARE(o.value(u"role").toString(), QStringLiteral("assistant"));
        QCOMPARE(o.value(u"stop_reason").toString(), QStringLiteral("end_turn"));
        const QJsonArray content = o.value(u"content").toArray();
        QCOMPARE(content.size(), 1);
        QCOMPARE(content.first().toObject().value(u"type").toString(), QStringLiteral("text"));
        QCOMPARE(content.first().toObject().value(u"text").toString(), QStringLiteral("Echo: yo"));
        QCOMPARE(o.value(u"usage").toObject().value(u"input_tokens").toInt(), 11);
        QCOMPARE(o.value(u"usage").toObject().value(u"output_tokens").toInt(), 2);

        h = http("POST", url(server, QStringLiteral("/v1/messages")),
            anthropicBody("test-chat", "yo", false, false), kAnthropicHeaders);
        QCOMPARE(h.status, 400);
        QCOMPARE(h.json().value(u"error").toObject().value(u"type").toString(),
            QStringLiteral("invalid_request_error"));
        QVERIFY(h.json().value(u"error").toObject().value(u"message").toString().contains(u"max_tokens"));
        h = http(
            "POST", url(server, QStringLiteral("/v1/messages")), anthropicBody("test-chat", "yo", false));
        QCOMPARE(h.status, 400);
        QVERIFY(
            h.json().value(u"error").toObject().value(u"message").toString().contains(u"anthropic-version"));
    }

    void apiKeys_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("errorMarker");
        const QString openai = QStringLiteral("/v1/models");
        const QString ollama = QStringLiteral("/api/tags");
        const QString anthropic = QStringLiteral("/v1/models#anthropic");
        QTest::newRow("openai-bearer")
            << openai << Headers {{"Authorization", "Bearer sk-test"}} << 200 << QByteArray();
        QTest::newRow("openai-api-key") << openai << Headers {{"api-key", "sk-test"}} << 200 << QByteArray();
        QTest::newRow("openai-wrong")
            << openai << Headers {{"Authorization", "Bearer nope"}} << 401 << QByteArray("invalid_api_key");
        QTest::newRow("openai-none") << openai << Headers {} << 401
                                     << QByteArray("didn't provide an API key");
        QTest::newRow("anthropic-ok")
            << anthropic << Headers {{"x-api-key", "sk-test"}} << 200 << QByteArray();
        QTest::newRow("anthropic-bearer") << anthropic << Headers {{"Authorization", "Bearer sk-test"}} << 401
                                          << QByteArray("authentication_error");
        QTest::newRow("ollama-ok") << ollama << Headers {{"Authorization", "Bearer sk-test"}} << 200
                                   << QByteArray();
        QTest::newRow("ollama-none") << ollama << Headers {} << 401
                                     << QByteArray(R"({"error":"unauthorized"})");
    }
    void apiKeys()
    {
        QFETCH(QString, path);
        QFETCH(Headers, headers);
        QFETCH(int, status);
        QFETCH(QByteArray, errorMarker);
        LlmTestServer server;
        ServerConfig cfg;
        cfg.requiredKey = "sk-test";
        server.setConfig(cfg);
        if (path.endsWith(u"#anthropic")) {
            path.chop(10);
            headers << kAnthropicHeaders;
        }
        const HttpResult r = http("GET", url(server, path), {}, headers);
        QCOMPARE(r.status, status);
        if (!errorMarker.isEmpty())
            QVERIFY2(r.body.contains(errorMarker), r.body.constData());
    }

    void errorFaults_data()
    {
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorType"); // OpenAI error.type / error.code, Anthropic error.type
        QTest::addColumn<QString>("message"); // part of the message
        const struct {
            Fault fault;
            int status;
            const char *openAi;
            const char *anthropic;
            const char *message;
        } cases[] = {
            {Fault::Unauthorized401, 401, "invalid_request_error", "authentication_error", ""},
            {Fault::RateLimited429, 429, "rate_limit_exceeded", "rate_limit_error", "simulated rate limit"},
            {Fault::ServerError500, 500, "server_error", "api_error", "simulated server failure"},
            {Fault::ServiceUnavailable503, 503, "server_error", "overloaded_error",
                "simulated service unavailable"},
            {Fault::ModelNotFound404, 404, "model_not_found", "not_found_error", "test-chat"},
            {Fault::ContextTooLong400, 400, "context_length_exceeded", "invalid_request_error",
                "context length"},
        };
        for (const auto &c : cases) {
            for (const char *proto : {"openai", "ollama", "anthropic"}) {
                QString message = QString::fromLatin1(c.message);
                if (c.fault == Fault::ContextTooLong400 && qstrcmp(proto, "anthropic") == 0)
                    message = QStringLiteral("prompt is too long: 9000 tokens > 8192 maximum");
                if (c.fault == Fault::ContextTooLong400 && qstrcmp(proto, "openai") == 0)
                    message = QStringLiteral("This model's maximum context length is 8192 tokens");
                QTest::addRow("%s-%d", proto, c.status)
                    << QString::fromLatin1(proto) << int(c.fault) << c.status
                    << QString::fromLatin1(qstrcmp(proto, "anthropic") == 0 ? c.anthropic : c.openAi)
                    << message;
            }
        }
    }
    void errorFaults()
    {
        QFETCH(QString, protocol);
        QFETCH(int, fault);
        QFETCH(int, status);
        QFETCH(QString, errorType);
        QFETCH(QString, message);
        LlmTestServer server;
        FaultSpec spec;
        spec.fault = Fault(fault);
        spec.retryAfterSeconds = 7;
        server.queueFault(spec);
        QCOMPARE(server.pendingFaults(), 1);
        QString path;
        QByteArray body;
        Headers headers;
        if (protocol == u"openai") {
            path = QStringLiteral("/v1/chat/completions");
            body = chatBody("test-chat", "hi", true);
        } else if (protocol == u"ollama") {
            path = QStringLiteral("/api/chat");
            body = chatBody("test-chat", "hi", true);
        } else {
            path = QStringLiteral("/v1/messages");
            body = anthropicBody("test-chat", "hi", true);
            headers = kAnthropicHeaders;
        }
        HttpResult r = http("POST", url(server, path), body, headers);
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("content-type"), QByteArray("application/json"));
        QCOMPARE(r.header("retry-after"), QByteArray("7"));
        const QJsonObject o = r.json();
        QString text;
        if (protocol == u"openai") {
            const QJsonObject e = o.value(u"error").toObject();
            QVERIFY2(e.value(u"type").toString() == errorType || e.value(u"code").toString() == errorType,
                r.body.constData());
            text = e.value(u"message").toString();
        } else if (protocol == u"ollama") {
            text = o.value(u"error").toString();
        } else {
            QCOMPARE(o.value(u"type").toString(), QStringLiteral("error"));
            QCOMPARE(o.value(u"error").toObject().value(u"type").toString(), errorType);
            text = o.value(u"error").toObject().value(u"message").toString();
        }
        QVERIFY2(!text.isEmpty() && text.contains(message), qPrintable(text));
        // Used up: normal service resumes
        QCOMPARE(server.pendingFaults(), 0);
        r = http("POST", url(server, path), body, headers);
        QCOMPARE(r.status, 200);
    }

    void faultsAreQueuedAndCounted()
    {
        LlmTestServer server;
        FaultSpec err;
        err.fault = Fault::ServerError500;
        server.queueFault(err, 2);
        FaultSpec rate;
        rate.fault = Fault::RateLimited429;
        server.queueFault(rate);
        QCOMPARE(server.pendingFaults(), 3);
        // Neither the Ollama root probe nor unknown paths use up a fault
        QCOMPARE(http("GET", url(server, QStringLiteral("/"))).status, 200);
        QCOMPARE(http("GET", url(server, QStringLiteral("/nothing"))).status, 404);
        QCOMPARE(http("GET", url(server, QStringLiteral("/v1/models"))).status, 500);
        QCOMPARE(http("GET", url(server, QStringLiteral("/api/tags"))).status, 500);
        const HttpResult r = http("GET", url(server, QStringLiteral("/v1/models")));
        QCOMPARE(r.status, 429);
        QVERIFY(r.header("retry-after").isEmpty());
        QCOMPARE(http("GET", url(server, QStringLiteral("/v1/models"))).status, 200);
        server.queueFault(err, 5);
        server.clearFaults();
        QCOMPARE(server.pendingFaults(), 0);
        QCOMPARE(http("GET", url(server, QStringLiteral("/v1/models"))).status, 200);
    }

    void slowFirstByte()
    {
        LlmTestServer server;
        FaultSpec f;
        f.fault = Fault::SlowFirstByte;
        f.delayMs = 300;
        server.queueFault(f);
        const RawResult r = rawRequest(server.port(), rawGet("/v1/models"));
        QCOMPARE(r.status, 200);
        QVERIFY2(r.firstByteMs >= 280, QByteArray::number(r.firstByteMs).constData());
        QVERIFY(r.body.contains("test-chat"));
        const RawResult fast = rawRequest(server.port(), rawGet("/v1/models"));
        QVERIFY(fast.firstByteMs < 280);
    }

    void stallMidStream()
    {
        LlmTestServer server;
        ServerConfig cfg;
        cfg.reply = QStringLiteral("one two three");
        server.setConfig(cfg);
        FaultSpec f;
        f.fault = Fault::StallMidStream;
        f.delayMs = 300;
        f.afterPieces = 1;
        server.queueFault(f);
        const RawResult r
            = rawRequest(server.port(), rawPost("/v1/chat/completions", chatBody("test-chat", "x", true)));
        QVERIFY(r.terminated);
        QCOMPARE(openAiDeltas(sseJson(r.body), QStringLiteral("content")), QStringLiteral("one two three"));
        // Everything before the gap holds exactly the first piece
        QByteArray before;
        qint64 gap = 0;
        for (qsizetype i = 0; i < r.reads.size(); ++i) {
            if (i > 0 && r.reads.at(i).first - r.reads.at(i - 1).first >= 250) {
                gap = r.reads.at(i).first - r.reads.at(i - 1).first;
                break;
            }
            before += r.reads.at(i).second;
        }
        QVERIFY2(gap >= 250, QByteArray::number(gap).constData());
        QVERIFY(before.contains(R"("content":"one ")"));
        QVERIFY(!before.contains(R"("content":"two ")"));
    }

    void dropMidStream()
    {
        LlmTestServer server;
        FaultSpec f;
        f.fault = Fault::DropMidStream;
        f.afterPieces = 2;
        server.queueFault(f);
        ServerConfig cfg;
        cfg.reply = QStringLiteral("a b c d");
        server.setConfig(cfg);
        const RawResult r
            = rawRequest(server.port(), rawPost("/v1/chat/completions", chatBody("test-chat", "x", true)));
        QCOMPARE(r.status, 200);
        QVERIFY(r.chunked);
        QVERIFY(!r.terminated);
        QVERIFY(!r.raw.endsWith("0\r\n\r\n"));
        QCOMPARE(openAiDeltas(sseJson(r.body), QStringLiteral("content")), QStringLiteral("a b "));
        QVERIFY(!r.body.contains("[DONE]"));
        QVERIFY(r.body.endsWith("\n\n")); // whole events only

        // What QNetworkAccessManager makes of it: the two pieces and no end of stream. Whether it also
        // reports an error is a race inside Qt (a close on a "Connection: close" reply may count as its
        // end), so clients must look for [DONE] / message_stop / "done":true themselves.
        server.queueFault(f);
        const HttpResult h = http(
            "POST", url(server, QStringLiteral("/v1/chat/completions")), chatBody("test-chat", "x", true));
        QCOMPARE(h.status, 200);
        QCOMPARE(openAiDeltas(sseJson(h.body), QStringLiteral("content")), QStringLiteral("a b "));
        QVERIFY(!h.body.contains("[DONE]"));

        // Non-stream: half the announced body, then the close
        server.queueFault(f);
        const RawResult n = rawRequest(server.port(), rawGet("/v1/models"));
        QCOMPARE(n.status, 200);
        QVERIFY(n.header("content-length").toInt() > 0);
        QCOMPARE(n.body.size(), qsizetype(n.header("content-length").toLongLong() / 2));
        QTRY_COMPARE(server.openConnections(), 0);
    }

    void invalidJsonEvent()
    {
        LlmTestServer server;
        FaultSpec f;
        f.fault = Fault::InvalidJsonEvent;
        f.afterPieces = 2;
        server.queueFault(f);
        ServerConfig cfg;
        cfg.reply = QStringLiteral("a b c");
        server.setConfig(cfg);
        RawResult r
            = rawRequest(server.port(), rawPost("/v1/chat/completions", chatBody("test-chat", "x", true)));
        QVERIFY(r.terminated);
        QList<SseEvent> events = parseSse(r.body);
        // role, a, b, broken, c, finish, [DONE]
        QCOMPARE(events.size(), 7);
        QCOMPARE(events.at(3).data, QByteArray(kBrokenJson));
        QVERIFY(r.body.contains("data: {\"choices\": [\n\n"));
        QCOMPARE(events.last().data, QByteArray("[DONE]"));

        server.queueFault(f);
        r = rawRequest(server.port(), rawPost("/api/chat", chatBody("test-chat", "x", true)));
        const QList<QByteArray> lines = r.body.split('\n');
        QCOMPARE(lines.at(2), QByteArray(kBrokenJson));
        QVERIFY(r.body.contains("\"done\":true"));

        server.queueFault(f);
        r = rawRequest(server.port(),
            rawPost("/v1/messages", anthropicBody("test-chat", "x", true), "anthropic-version: 1\r\n"));
        QVERIFY(r.body.contains("event: content_block_delta\ndata: {\"choices\": [\n\n"));

        server.queueFault(f);
        const HttpResult h = http("GET", url(server, QStringLiteral("/v1/models")));
        QCOMPARE(h.status, 200);
        QCOMPARE(h.body, QByteArray(kBrokenJson));
    }

    void invalidUtf8()
    {
        LlmTestServer server;
        FaultSpec f;
        f.fault = Fault::InvalidUtf8;
        f.afterPieces = 1;
        server.queueFault(f);
        ServerConfig cfg;
        cfg.reply = QStringLiteral("a b");
        server.setConfig(cfg);
        RawResult r
            = rawRequest(server.port(), rawPost("/v1/chat/completions", chatBody("test-chat", "x", true)));
        QVERIFY(r.terminated);
        const QList<SseEvent> events = parseSse(r.body);
        QCOMPARE(events.size(), 6); // role, a, bad, b, finish, [DONE]
        QVERIFY(events.at(2).data.contains(QByteArray("\"content\":\"\xC3\x28\"")));
        QVERIFY(!events.at(1).data.contains(QByteArray("\xC3\x28")));

        server.queueFault(f);
        r = rawRequest(server.port(), rawPost("/v1/chat/completions", chatBody("test-chat", "x", false)));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains(QByteArray("\"content\":\"a \xC3\x28"
                                           "b\"")));
        QCOMPARE(qsizetype(r.header("content-length").toLongLong()), r.body.size());

        server.queueFault(f);
        r = rawRequest(server.port(), rawPost("/api/chat", chatBody("test-chat", "x", true)));
        // (no raw strings with unbalanced braces here: moc would lose its way)
        const QByteArray expected = "{\"model\":\"test-chat\",\"created_at\":\""
            + ndjson(r.body).first().value(u"created_at").toString().toLatin1()
            + "\",\"message\":{\"role\":\"assistant\",\"content\":\"\xC3\x28\"},\"done\":false}";
        QCOMPARE(r.body.split('\n').at(1), expected);
    }

    void overlongLine()
    {
        LlmTestServer server;
        FaultSpec f;
        f.fault = Fault::OverlongLine;
        f.afterPieces = 2;
        f.sizeBytes = 2 * 1024 * 1024;
        server.queueFault(f);
        const RawResult r = rawRequest(
            server.port(), rawPost("/v1/chat/completions", chatBody("test-chat", "a b c", true)), 8000, 400);
        QCOMPARE(r.status, 200);
        QVERIFY(!r.terminated);
        const qsizetype lineStart = r.body.lastIndexOf('\n') + 1;
        QCOMPARE(qint64(r.body.size() - lineStart), f.sizeBytes);
        QVERIFY(r.body.mid(lineStart).startsWith("data: {"));
        QCOMPARE(openAiDeltas(sseJson(r.body.left(lineStart)), QStringLiteral("content")),
            QStringLiteral("Echo: a "));
        // The server held the connection open until the client left
        QTRY_COMPARE(server.openConnections(), 0);

        // A client that gives up early: the server stops writing
        f.sizeBytes = 512 * 1024 * 1024;
        server.queueFault(f);
        const RawResult early = rawRequest(
            server.port(), rawPost("/api/chat", chatBody("test-chat", "a b c", true)), 5000, 0, 300 * 1024);
        QVERIFY(early.raw.size() >= 300 * 1024);
        QTRY_COMPARE(server.openConnections(), 0);
    }

    void neverEnding()
    {
        LlmTestServer server;
        FaultSpec f;
        f.fault = Fault::NeverEnding;
        server.queueFault(f, 3);
        RawResult r = rawRequest(
            server.port(), rawPost("/v1/chat/completions", chatBody("test-chat", "x", true)), 400);
        QCOMPARE(r.status, 200);
        QVERIFY(!r.terminated);
        QVERIFY(r.chunks.size() >= 4);
        for (const QByteArray &c : std::as_const(r.chunks))
            QCOMPARE(c, QByteArray(": ping\n\n"));
        QTRY_COMPARE(server.openConnections(), 0);

        r = rawRequest(server.port(), rawPost("/api/chat", chatBody("test-chat", "x", true)), 300);
        QVERIFY(r.chunks.size() >= 3);
        QCOMPARE(r.body, QByteArray(r.chunks.size(), '\n'));

        // While a client keeps waiting, the connection stays open
        QNetworkAccessManager nam;
        QNetworkRequest req(url(server, QStringLiteral("/v1/models")));
        QNetworkReply *reply = nam.get(req);
        QTRY_COMPARE(server.openConnections(), 1);
        QTest::qWait(200);
        QVERIFY(!reply->isFinished());
        QCOMPARE(server.openConnections(), 1);
        reply->abort();
        delete reply;
        QTRY_COMPARE(server.openConnections(), 0);
    }

    void hugeBody()
    {
        LlmTestServer server;
        FaultSpec f;
        f.fault = Fault::HugeBody;
        f.sizeBytes = 3 * 1024 * 1024 + 5;
        server.queueFault(f);
        const HttpResult r = http(
            "POST", url(server, QStringLiteral("/v1/chat/completions")), chatBody("test-chat", "x", true));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-length").toLongLong(), f.sizeBytes);
        QCOMPARE(qint64(r.body.size()), f.sizeBytes);
        QVERIFY(r.body.startsWith("\"aaa"));
        QVERIFY(r.body.endsWith("aaa\""));

        f.sizeBytes = 1024LL * 1024 * 1024;
        server.queueFault(f);
        const RawResult early = rawRequest(server.port(), rawGet("/api/tags"), 5000, 0, 200 * 1024);
        QCOMPARE(early.header("content-length").toLongLong(), f.sizeBytes);
        QTRY_COMPARE(server.openConnections(), 0);
    }

    void redirectToOtherOrigin()
    {
        LlmTestServer server;
        LlmTestServer other;
        FaultSpec f;
        f.fault = Fault::RedirectOtherOrigin;
        f.redirectTarget = other.origin();
        server.queueFault(f, 2);
        const QByteArray body = chatBody("test-chat", "moved", false);
        const RawResult r = rawRequest(server.port(), rawPost("/v1/chat/completions?x=1", body));
        QCOMPARE(r.status, 307);
        QCOMPARE(r.header("location"), other.origin().toEncoded() + "/v1/chat/completions?x=1");

        const HttpResult h = http("POST", url(server, QStringLiteral("/v1/chat/completions?x=1")), body,
            {{"Authorization", "Bearer secret"}}, nullptr, true);
        QCOMPARE(h.status, 200);
        QCOMPARE(h.json()
                     .value(u"choices")
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"message")
                     .toObject()
                     .value(u"content")
                     .toString(),
            QStringLiteral("Echo: moved"));
        QCOMPARE(server.requestCount(), 2);
        QCOMPARE(other.requestCount(), 1);
        const RecordedRequest there = other.requests().first();
        QCOMPARE(there.method, QByteArray("POST"));
        QCOMPARE(there.path, QByteArray("/v1/chat/completions?x=1"));
        QCOMPARE(there.body, body);
        qInfo("Authorization forwarded across origins by QNetworkAccessManager: %s",
            there.header("authorization").isEmpty() ? "no" : "yes");
    }

    void chunkModes_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("param");
        QTest::addColumn<int>("pauseMs");
        QTest::newRow("byte-by-byte") << int(ChunkMode::ByteByByte) << 0 << 0;
        QTest::newRow("fixed-1") << int(ChunkMode::FixedSize) << 1 << 0;
        QTest::newRow("fixed-7") << int(ChunkMode::FixedSize) << 7 << 1;
        QTest::newRow("fixed-100") << int(ChunkMode::FixedSize) << 100 << 1;
        QTest::newRow("split-0") << int(ChunkMode::SplitAt) << 0 << 1;
        QTest::newRow("split-1") << int(ChunkMode::SplitAt) << 1 << 1;
        QTest::newRow("split-in-data-prefix") << int(ChunkMode::SplitAt) << 3 << 1;
        QTest::newRow("split-after-data-colon") << int(ChunkMode::SplitAt) << 5 << 1;
        QTest::newRow("split-mid-event") << int(ChunkMode::SplitAt) << 70 << 1;
        QTest::newRow("split-huge") << int(ChunkMode::SplitAt) << 1000000 << 1;
    }
    void chunkModes()
    {
        QFETCH(int, mode);
        QFETCH(int, param);
        QFETCH(int, pauseMs);
        LlmTestServer server;
        ServerConfig cfg;
        cfg.reply = QStringLiteral("Grüße, δ!"); // multi-byte characters get split too
        server.setConfig(cfg);
        const QByteArray request = rawPost("/v1/chat/completions", chatBody("test-chat", "x", true));
        const RawResult baseline = rawRequest(server.port(), request);
        QVERIFY(baseline.terminated);
        cfg.chunkMode = ChunkMode(mode);
        cfg.chunkParam = param;
        cfg.chunkPauseMs = pauseMs;
        server.setConfig(cfg);
        const RawResult r = rawRequest(server.port(), request);
        QVERIFY(r.terminated);
        QCOMPARE(normalized(r.body), normalized(baseline.body));
        const qsizetype total = r.body.size();
        QList<qsizetype> sizes;
        for (const QByteArray &c : r.chunks)
            sizes << c.size();
        switch (ChunkMode(mode)) {
        case ChunkMode::ByteByByte:
            QCOMPARE(sizes, QList<qsizetype>(total, 1));
            break;
        case ChunkMode::FixedSize:
            QCOMPARE(sizes.size(), (total + param - 1) / param);
            for (qsizetype i = 0; i + 1 < sizes.size(); ++i)
                QCOMPARE(sizes.at(i), qsizetype(param));
            QVERIFY(sizes.last() <= param);
            break;
        case ChunkMode::SplitAt:
            if (param > 0 && param < total)
                QCOMPARE(sizes, (QList<qsizetype> {param, total - param}));
            else
                QCOMPARE(sizes, QList<qsizetype> {total});
            break;
        case ChunkMode::PerEvent:
            break;
        }

        // Non-stream: the same cuts of a Content-Length body still give the whole body
        const HttpResult h = http("GET", url(server, QStringLiteral("/v1/models")));
        QCOMPARE(h.status, 200);
        QCOMPARE(h.json().value(u"data").toArray().size(), 2);
    }

    void lineFormatting()
    {
        LlmTestServer server;
        ServerConfig cfg;
        cfg.reply = QStringLiteral("a b");
        cfg.useCrLf = true;
        cfg.keepAliveComments = true;
        cfg.omitFinalNewline = true;
        server.setConfig(cfg);
        RawResult r
            = rawRequest(server.port(), rawPost("/v1/chat/completions", chatBody("test-chat", "x", true)));
        QVERIFY(r.terminated);
        QCOMPARE(r.body.count('\n'), r.body.count("\r\n"));
        QVERIFY(r.body.contains("\r\n\r\n: keep-alive\r\n\r\ndata: "));
        QVERIFY(r.body.endsWith(": keep-alive\r\n\r\ndata: [DONE]"));
        QCOMPARE(r.body.count(": keep-alive"), 5 - 1); // role, a, b, finish, [DONE]
        QCOMPARE(openAiDeltas(sseJson(r.body), QStringLiteral("content")), QStringLiteral("a b"));

        r = rawRequest(server.port(), rawPost("/api/chat", chatBody("test-chat", "x", true)));
        QVERIFY(!r.body.contains('\r'));
        QVERIFY(r.body.contains("}\n\n{"));
        QVERIFY(r.body.endsWith('}'));
        QCOMPARE(ndjson(r.body).size(), 3);

        r = rawRequest(server.port(),
            rawPost("/v1/messages", anthropicBody("test-chat", "x", true), "anthropic-version: 1\r\n"));
        QVERIFY(r.body.endsWith("event: message_stop\r\ndata: {\"type\":\"message_stop\"}"));
    }

    void pacing()
    {
        LlmTestServer server;
        ServerConfig cfg;
        cfg.pieces = QStringList {QStringLiteral("p0"), QStringLiteral("p1"), QStringLiteral("p2"),
            QStringLiteral("p3"), QStringLiteral("p4"), QStringLiteral("p5")};
        cfg.tokensPerSecond = 50; // 5 gaps of 20 ms
        server.setConfig(cfg);
        const RawResult r
            = rawRequest(server.port(), rawPost("/v1/chat/completions", chatBody("test-chat", "x", true)));
        QCOMPARE(openAiDeltas(sseJson(r.body), QStringLiteral("content")), QStringLiteral("p0p1p2p3p4p5"));
        QVERIFY(r.reads.size() >= 3);
        const qint64 spread = r.reads.last().first - r.reads.first().first;
        QVERIFY2(spread >= 90, QByteArray::number(spread).constData());
        QCOMPARE(sseJson(r.body).size(), 8);
    }

    void requestsInPieces()
    {
        LlmTestServer server;
        const QByteArray body = chatBody("test-chat", "segmented", false);
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(s.waitForConnected(3000));
        const QByteArray request = rawPost("/v1/chat/completions", body);
        const qsizetype headEnd = request.indexOf("\r\n\r\n") + 4;
        for (const QByteArray &part : {request.left(10), request.mid(10, headEnd - 12),
                 request.mid(headEnd - 2, 20), request.mid(headEnd + 18, 10), request.mid(headEnd + 28)}) {
            s.write(part);
            s.waitForBytesWritten(1000);
            QThread::msleep(30);
        }
        QByteArray all;
        while (s.waitForReadyRead(3000))
            all += s.readAll();
        all += s.readAll();
        RawResult r;
        parseRaw(all, &r);
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("Echo: segmented"));

        // A chunked request body
        const QByteArray chunked = "POST /api/chat HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + QByteArray::number(20, 16) + "\r\n" + body.left(20) + "\r\n"
            + QByteArray::number(body.size() - 20, 16) + "\r\n" + body.mid(20) + "\r\n0\r\n\r\n";
        const RawResult c = rawRequest(server.port(), chunked);
        QCOMPARE(c.status, 200);
        QVERIFY(c.body.contains("Echo: segmented"));
        QCOMPARE(server.requests().last().body, body);

        // Garbage gets a 400, not a crash
        const RawResult bad = rawRequest(server.port(), "NONSENSE\r\n\r\n");
        QCOMPARE(bad.status, 400);
    }

    void recordsRequests()
    {
        LlmTestServer server;
        QCOMPARE(server.requestCount(), 0);
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const QByteArray body = chatBody("test-chat", "remember me", false);
        http("POST", url(server, QStringLiteral("/v1/chat/completions?trace=1&b=2")), body,
            {{"X-Custom-Thing", "Value 1"}});
        http("GET", url(server, QStringLiteral("/nowhere")));
        QCOMPARE(server.requestCount(), 2);
        const QList<RecordedRequest> reqs = server.requests();
        const RecordedRequest &r = reqs.first();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QByteArray("/v1/chat/completions?trace=1&b=2"));
        QCOMPARE(r.body, body);
        QCOMPARE(r.header("x-custom-thing"), QByteArray("Value 1"));
        QCOMPARE(r.header("X-CUSTOM-THING"), QByteArray("Value 1"));
        QCOMPARE(r.header("content-type"), QByteArray("application/json"));
        QVERIFY(r.header("missing").isEmpty());
        QVERIFY(r.receivedMs >= before && r.receivedMs <= QDateTime::currentMSecsSinceEpoch());
        QCOMPARE(reqs.at(1).method, QByteArray("GET"));
        QCOMPARE(reqs.at(1).path, QByteArray("/nowhere"));
        server.clearRequests();
        QCOMPARE(server.requestCount(), 0);
        QVERIFY(server.requests().isEmpty());
    }

    void tls()
    {
        QTemporaryDir dir;
        QSslCertificate cert;
        QSslKey key;
        if (!LlmTestServer::generateSelfSignedCert(dir.path(), &cert, &key))
            QSKIP("openssl is not available");
        LlmTestServer server;
        const quint16 plainPort = server.port();
        QVERIFY2(server.startTls(cert, key), qPrintable(server.errorString()));
        QVERIFY(server.isTls());
        QCOMPARE(server.port(), plainPort);
        QCOMPARE(server.origin().scheme(), QStringLiteral("https"));
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates({cert});
        HttpResult r = http("GET", url(server, QStringLiteral("/v1/models")), {}, {}, &ssl);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"data").toArray().size(), 2);
        r = http("POST", url(server, QStringLiteral("/v1/chat/completions")),
            chatBody("test-chat", "secure", true), {}, &ssl);
        QCOMPARE(r.status, 200);
        QCOMPARE(openAiDeltas(sseJson(r.body), QStringLiteral("content")), QStringLiteral("Echo: secure"));
        // Without trusting the certificate the client refuses
        r = http("GET", url(server, QStringLiteral("/v1/models")));
        QCOMPARE(r.error, QNetworkReply::SslHandshakeFailedError);
        QTRY_COMPARE(server.openConnections(), 0);
    }

    void standaloneProgram()
    {
        QProcess p;
        p.setProgram(QStringLiteral(CAIRN_LLM_TEST_SERVER_EXE));
        p.setArguments({QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tokens"),
            QStringLiteral("5"), QStringLiteral("--models"), QStringLiteral("m1,m2"), QStringLiteral("--key"),
            QStringLiteral("k")});
        p.start();
        QVERIFY(p.waitForStarted(5000));
        QByteArray out;
        QElapsedTimer t;
        t.start();
        while (!out.contains('\n') && t.elapsed() < 5000) {
            p.waitForReadyRead(100);
            out += p.readAllStandardOutput();
        }
        const QRegularExpressionMatch m
            = QRegularExpression(QStringLiteral(R"(^listening on (http://127\.0\.0\.1:\d+)\n)"))
                  .match(QString::fromUtf8(out));
        QVERIFY2(m.hasMatch(), out.constData());
        const QUrl base(m.captured(1));
        const Headers auth {{"Authorization", "Bearer k"}};
        QUrl models = base;
        models.setPath(QStringLiteral("/v1/models"));
        QCOMPARE(http("GET", models).status, 401);
        const HttpResult list = http("GET", models, {}, auth);
        QCOMPARE(list.json().value(u"data").toArray().at(1).toObject().value(u"id").toString(),
            QStringLiteral("m2"));
        QUrl chat = base;
        chat.setPath(QStringLiteral("/v1/chat/completions"));
        const HttpResult r = http("POST", chat, chatBody("m1", "x", true), auth);
        QCOMPARE(r.status, 200);
        const QList<QJsonObject> chunks = sseJson(r.body);
        QCOMPARE(chunks.size(), 7); // role, 5 tokens, finish
        QCOMPARE(openAiDeltas(chunks, QStringLiteral("content")), QStringLiteral("tok0 tok1 tok2 tok3 tok4"));
        p.terminate();
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLlmTestServer)
#include "tst_llmtestserver.moc"
