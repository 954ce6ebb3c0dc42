// The LLM client against our own loopback test server, for each protocol and each misbehaviour:
// real HTTP, real sockets, real TLS.
#include "LlmTestServer.h"

#include "common/Logging.h"
#include "llm/HttpExchange.h"
#include "llm/LlmClient.h"

#include <QElapsedTimer>
#include <QNetworkProxyFactory>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace cairn;
using namespace cairn::llm;
using cairn::test::ChunkMode;
using cairn::test::Fault;
using cairn::test::FaultSpec;
using cairn::test::LlmTestServer;
using cairn::test::ServerConfig;

namespace {

const QString kReply = QStringLiteral("Grüße aus 東京 🏔️ and a long enough answer to span events.");

ProviderConfig configFor(ProviderKind kind, const LlmTestServer &server)
{
    ProviderConfig c;
    c.kind = kind;
    c.baseUrl = kind == ProviderKind::OpenAi ? server.openAiBaseUrl()
        : kind == ProviderKind::Ollama       ? server.ollamaBaseUrl()
                                             : server.anthropicBaseUrl();
    c.connectTimeoutMs = 3000;
    c.firstByteTimeoutMs = 5000;
    c.idleTimeoutMs = 5000;
    c.retryBaseDelayMs = 40;
    c.retryMaxDelayMs = 3000;
    return c;
}

ChatRequest request(bool stream = true, const QString &model = QStringLiteral("test-chat"))
{
    ChatRequest r;
    r.model = model;
    r.stream = stream;
    r.messages = {{ChatMessage::Role::System, QStringLiteral("You are terse."), {}},
        {ChatMessage::Role::User, QStringLiteral("Say hello"), {}}};
    return r;
}

int pieceCount(const QString &text)
{
    return static_cast<int>(text.split(QLatin1Char(' ')).size());
}

// The pieces the server sends: split after each space, spaces kept.
QStringList piecesOf(const QString &text)
{
    QStringList out;
    QString cur;
    for (QChar ch : text) {
        cur += ch;
        if (ch == QLatin1Char(' ')) {
            out.append(cur);
            cur.clear();
        }
    }
    if (!cur.isEmpty())
        out.append(cur);
    return out;
}

// Peak resident memory (VmHWM, KiB) since the last resetPeakRss(); Linux resets it through
// /proc/self/clear_refs, so an earlier test's peak cannot hide this one's.
bool resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

qint64 peakRssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

qint64 currentRssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

QString errorText(const ChatResult &r)
{
    return LlmError::kindName(r.error.kind) + QStringLiteral(": ") + r.error.message;
}

} // namespace

class TestLlmClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<LlmTestServer> m_server;
    std::unique_ptr<LlmClient> m_client;

    void reset(ServerConfig config = {})
    {
        if (config.reply.isEmpty() && config.pieces.isEmpty())
            config.reply = kReply;
        m_server->clearFaults();
        m_server->clearRequests();
        m_server->setConfig(config);
    }

    ChatResult chat(
        const ProviderConfig &config, const ChatRequest &r = request(), QString *streamed = nullptr)
    {
        QString text;
        ChatResult result = m_client->chatSync(config, r, [&](const ChatDelta &d) { text += d.content; });
        if (streamed)
            *streamed = text;
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<LlmTestServer>();
        QVERIFY2(m_server->isListening(), qPrintable(m_server->errorString()));
        m_client = std::make_unique<LlmClient>();
    }

    void init() { reset(); }

    void protocols_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("openai") << int(ProviderKind::OpenAi);
        QTest::newRow("ollama") << int(ProviderKind::Ollama);
        QTest::newRow("anthropic") << int(ProviderKind::Anthropic);
    }

    // --- the answer, whole -------------------------------------------------------------------

    void streamsTheExactAnswerWithUsage_data() { protocols_data(); }
    void streamsTheExactAnswerWithUsage()
    {
        QFETCH(int, kind);
        ServerConfig sc;
        sc.reply = kReply;
        sc.reasoning = QStringLiteral("First I think, then I answer.");
        sc.toolCall = true;
        sc.promptTokens = 23;
        reset(sc);
        QString streamed;
        const ChatResult r
            = chat(configFor(static_cast<ProviderKind>(kind), *m_server), request(), &streamed);
        QVERIFY2(r.status == ChatResult::Status::Done, qPrintable(errorText(r)));
        QCOMPARE(r.content, kReply);
        QCOMPARE(streamed, kReply);
        QCOMPARE(r.reasoning, sc.reasoning);
        QCOMPARE(r.promptTokens.value_or(-1), 23);
        QCOMPARE(r.completionTokens.value_or(-1), pieceCount(kReply));
        // Ollama says "stop" even when the answer carries a tool call.
        QCOMPARE(r.finishReason,
            kind == int(ProviderKind::Ollama) ? QStringLiteral("stop") : QStringLiteral("tool_calls"));
        QCOMPARE(r.toolCalls.size(), 1);
        QCOMPARE(r.toolCalls.first().name, QStringLiteral("get_weather"));
        QCOMPARE(QJsonDocument::fromJson(r.toolCalls.first().arguments.toUtf8())
                     .object()
                     .value(QStringLiteral("city"))
                     .toString(),
            QStringLiteral("Paris"));
        QVERIFY(r.firstTokenMs >= 0);
        QVERIFY(r.totalMs >= r.firstTokenMs);
        QCOMPARE(r.attempts, 1);

        // What went over the wire: the protocol's own request shape.
        const auto reqs = m_server->requests();
        QCOMPARE(reqs.size(), 1);
        const QJsonObject body = QJsonDocument::fromJson(reqs.first().body).object();
        QCOMPARE(body.value(QStringLiteral("stream")).toBool(), true);
        if (kind == int(ProviderKind::OpenAi))
            QVERIFY(body.value(QStringLiteral("stream_options"))
                        .toObject()
                        .value(QStringLiteral("include_usage"))
                        .toBool());
        if (kind == int(ProviderKind::Anthropic)) {
            QCOMPARE(body.value(QStringLiteral("system")).toString(), QStringLiteral("You are terse."));
            QCOMPARE(reqs.first().header("anthropic-version"), QByteArray("2023-06-01"));
        }
    }

    void nonStreamedAnswer_data() { protocols_data(); }
    void nonStreamedAnswer()
    {
        QFETCH(int, kind);
        const ChatResult r = chat(configFor(static_cast<ProviderKind>(kind), *m_server), request(false));
        QVERIFY2(r.status == ChatResult::Status::Done, qPrintable(errorText(r)));
        QCOMPARE(r.content, kReply);
        QCOMPARE(r.promptTokens.value_or(-1), 11);
        QCOMPARE(r.completionTokens.value_or(-1), pieceCount(kReply));
        QCOMPARE(r.finishReason, QStringLiteral("stop"));
    }

    void echoesAndSendsTheKey_data() { protocols_data(); }
    void echoesAndSendsTheKey()
    {
        QFETCH(int, kind);
        ServerConfig sc;
        sc.pieces = {};
        sc.reply.clear();
        sc.requiredKey = "k-" + QByteArray::number(kind) + "-secret";
        m_server->setConfig(sc);
        ProviderConfig c = configFor(static_cast<ProviderKind>(kind), *m_server);
        c.apiKey = sc.requiredKey;
        ChatResult r = chat(c);
        QVERIFY2(r.status == ChatResult::Status::Done, qPrintable(errorText(r)));
        QCOMPARE(r.content, QStringLiteral("Echo: Say hello"));
        c.apiKey = "wrong-key";
        r = chat(c);
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(r.error.kind, LlmError::Kind::BadKey);
        QCOMPARE(r.error.httpStatus, 401);
        QVERIFY2(
            r.error.message.contains(QStringLiteral("rejected the API key")), qPrintable(r.error.message));
        QVERIFY(!r.error.serverMessage.isEmpty());
        QVERIFY2(r.error.message.contains(r.error.serverMessage), qPrintable(r.error.message));
        QCOMPARE(r.attempts, 1); // a bad key is not retried
    }

    // --- chunking ---------------------------------------------------------------------------

    void everyChunkBoundary_data() { protocols_data(); }
    void everyChunkBoundary()
    {
        QFETCH(int, kind);
        ServerConfig sc;
        sc.reply = QStringLiteral("Grüße 東京 🏔️ ok");
        sc.chunkMode = ChunkMode::SplitAt;
        sc.chunkPauseMs = 1;
        const ProviderConfig c = configFor(static_cast<ProviderKind>(kind), *m_server);
        // Find the body length with an unsplit run.
        sc.chunkParam = 1 << 30;
        reset(sc);
        ChatResult whole = chat(c);
        QVERIFY2(whole.status == ChatResult::Status::Done, qPrintable(errorText(whole)));
        const int bodyBytes = kind == int(ProviderKind::Anthropic) ? 1600 : 1000; // covers the whole stream
        for (int offset = 0; offset <= bodyBytes; ++offset) {
            sc.chunkParam = offset;
            m_server->setConfig(sc);
            const ChatResult r = chat(c);
            if (r.status != ChatResult::Status::Done || r.content != sc.reply)
                QFAIL(qPrintable(
                    QStringLiteral("split at %1: %2 (%3)").arg(offset).arg(r.content, errorText(r))));
            if (r.completionTokens.value_or(-1) != pieceCount(sc.reply))
                QFAIL(qPrintable(QStringLiteral("split at %1: usage lost").arg(offset)));
        }
    }

    void byteByByteCrLfKeepAlivesNoFinalNewline_data() { protocols_data(); }
    void byteByByteCrLfKeepAlivesNoFinalNewline()
    {
        QFETCH(int, kind);
        ServerConfig sc;
        sc.reply = QStringLiteral("Ünïcödé 日本語 ✓ fine");
        sc.chunkMode = ChunkMode::ByteByByte;
        sc.chunkPauseMs = 0;
        sc.useCrLf = true;
        sc.keepAliveComments = true;
        sc.omitFinalNewline = true;
        reset(sc);
        const ChatResult r = chat(configFor(static_cast<ProviderKind>(kind), *m_server));
        QVERIFY2(r.status == ChatResult::Status::Done, qPrintable(errorText(r)));
        QCOMPARE(r.content, sc.reply);
        QCOMPARE(r.completionTokens.value_or(-1), pieceCount(sc.reply));
    }

    // --- timeouts -----------------------------------------------------------------------------

    void slowFirstByte_data() { protocols_data(); }
    void slowFirstByte()
    {
        QFETCH(int, kind);
        ProviderConfig c = configFor(static_cast<ProviderKind>(kind), *m_server);
        c.firstByteTimeoutMs = 300;
        m_server->queueFault(FaultSpec {Fault::SlowFirstByte, 1500, 2, -1, {}, 0});
        QElapsedTimer t;
        t.start();
        ChatResult r = chat(c);
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(r.error.kind, LlmError::Kind::Timeout);
        QVERIFY2(
            r.error.message.contains(QStringLiteral("no answer within 0.3 s")), qPrintable(r.error.message));
        QVERIFY(t.elapsed() < 1400);
        // A slow start within the limit is fine.
        c.firstByteTimeoutMs = 3000;
        m_server->queueFault(FaultSpec {Fault::SlowFirstByte, 300, 2, -1, {}, 0});
        r = chat(c);
        QVERIFY2(r.status == ChatResult::Status::Done, qPrintable(errorText(r)));
        QCOMPARE(r.content, kReply);
        QVERIFY(r.firstTokenMs >= 280);
    }

    void stallMidStream_data() { protocols_data(); }
    void stallMidStream()
    {
        QFETCH(int, kind);
        ProviderConfig c = configFor(static_cast<ProviderKind>(kind), *m_server);
        c.idleTimeoutMs = 300;
        m_server->queueFault(FaultSpec {Fault::StallMidStream, 1500, 3, -1, {}, 0});
        ChatResult r = chat(c);
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(r.error.kind, LlmError::Kind::Timeout);
        QVERIFY2(r.error.message.contains(QStringLiteral("stopped sending for 0.3 s")),
            qPrintable(r.error.message));
        QCOMPARE(r.content, piecesOf(kReply).mid(0, 3).join(QString())); // what arrived is kept
        QCOMPARE(r.attempts, 1); // never retried once content arrived
        // A short stall within the limit is fine.
        c.idleTimeoutMs = 2000;
        m_server->queueFault(FaultSpec {Fault::StallMidStream, 200, 3, -1, {}, 0});
        r = chat(c);
        QVERIFY2(r.status == ChatResult::Status::Done, qPrintable(errorText(r)));
        QCOMPARE(r.content, kReply);
    }

    void neverEndingKeepAlives_data() { protocols_data(); }
    void neverEndingKeepAlives()
    {
        QFETCH(int, kind);
        ProviderConfig c = configFor(static_cast<ProviderKind>(kind), *m_server);
        c.firstByteTimeoutMs = 400;
        m_server->queueFault(FaultSpec {Fault::NeverEnding, 0, 0, -1, {}, 0});
        QElapsedTimer t;
        t.start();
        const ChatResult r = chat(c);
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(r.error.kind, LlmError::Kind::Timeout);
        QVERIFY(t.elapsed() < 3000);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), 0, 3000);
    }

    void overallDurationLimit()
    {
        ProviderConfig c = configFor(ProviderKind::OpenAi, *m_server);
        c.maxDurationMs = 500;
        ServerConfig sc;
        sc.reply = kReply;
        sc.tokensPerSecond = 5; // ~2.5 s in all
        reset(sc);
        const ChatResult r = chat(c);
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(r.error.kind, LlmError::Kind::Timeout);
        QVERIFY2(r.error.message.contains(QStringLiteral("did not finish")), qPrintable(r.error.message));
        QVERIFY(!r.content.isEmpty());
    }

    // --- broken streams -----------------------------------------------------------------------

    void dropMidStream_data() { protocols_data(); }
    void dropMidStream()
    {
        QFETCH(int, kind);
        m_server->queueFault(FaultSpec {Fault::DropMidStream, 0, 2, -1, {}, 0});
        const ChatResult r = chat(configFor(static_cast<ProviderKind>(kind), *m_server));
        QCOMPARE(r.status, ChatResult::Status::Error);
        QVERIFY2(r.error.message.contains(QStringLiteral("mid-answer"))
                || r.error.message.contains(QStringLiteral("ended before")),
            qPrintable(errorText(r)));
        QCOMPARE(r.content, piecesOf(kReply).mid(0, 2).join(QString()));
        QCOMPARE(r.attempts, 1);
        QCOMPARE(m_server->requestCount(), 1);
    }

    void invalidJsonEvent_data() { protocols_data(); }
    void invalidJsonEvent()
    {
        QFETCH(int, kind);
        m_server->queueFault(FaultSpec {Fault::InvalidJsonEvent, 0, 2, -1, {}, 0});
        const ChatResult r = chat(configFor(static_cast<ProviderKind>(kind), *m_server));
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(r.error.kind, LlmError::Kind::BadResponse);
        QVERIFY2(r.error.message.contains(QStringLiteral("malformed JSON")), qPrintable(r.error.message));
        QCOMPARE(r.content, piecesOf(kReply).mid(0, 2).join(QString()));
    }

    void invalidUtf8_data() { protocols_data(); }
    void invalidUtf8()
    {
        QFETCH(int, kind);
        m_server->queueFault(FaultSpec {Fault::InvalidUtf8, 0, 2, -1, {}, 0});
        const ChatResult r = chat(configFor(static_cast<ProviderKind>(kind), *m_server));
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(r.error.kind, LlmError::Kind::BadResponse);
        QVERIFY2(r.error.message.contains(QStringLiteral("UTF-8")), qPrintable(r.error.message));
        QCOMPARE(r.content, piecesOf(kReply).mid(0, 2).join(QString()));
    }

    void overlongLine_data() { protocols_data(); }
    void overlongLine()
    {
        QFETCH(int, kind);
        m_server->queueFault(FaultSpec {Fault::OverlongLine, 0, 2, -1, {}, 9LL * 1024 * 1024});
        const ChatResult r = chat(configFor(static_cast<ProviderKind>(kind), *m_server));
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(r.error.kind, LlmError::Kind::BadResponse);
        QVERIFY2(
            r.error.message.contains(QStringLiteral("longer than 8.0 MiB")), qPrintable(r.error.message));
        QCOMPARE(r.content, piecesOf(kReply).mid(0, 2).join(QString()));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), 0, 3000);
    }

    void hugeNonStreamedBody_data() { protocols_data(); }
    void hugeNonStreamedBody()
    {
        QFETCH(int, kind);
        ProviderConfig c = configFor(static_cast<ProviderKind>(kind), *m_server);
        c.maxBodyBytes = 4 * 1024 * 1024;
        QVERIFY2(resetPeakRss(), "cannot reset the peak RSS through /proc/self/clear_refs");
        const qint64 base = currentRssKiB();
        m_server->queueFault(FaultSpec {Fault::HugeBody, 0, 0, -1, {}, 200LL * 1024 * 1024});
        QElapsedTimer t;
        t.start();
        LlmError error;
        const auto models = m_client->listModelsSync(c, &error);
        QVERIFY(models.isEmpty());
        QCOMPARE(error.kind, LlmError::Kind::BadResponse);
        QVERIFY2(error.message.contains(QStringLiteral("exceeded 4 MiB")), qPrintable(error.message));
        QVERIFY(t.elapsed() < 5000); // abandoned early, not read to the end
        const qint64 peak = peakRssKiB();
        QVERIFY(base > 0 && peak > 0);
        QVERIFY2(peak - base < 64 * 1024, // KiB: far below the 200 MiB sent (the server shares the process)
            qPrintable(QStringLiteral("peak grew by %1 KiB").arg(peak - base)));
    }

    // --- HTTP errors and retries ----------------------------------------------------------------

    void retriesHonourRetryAfter_data() { protocols_data(); }
    void retriesHonourRetryAfter()
    {
        QFETCH(int, kind);
        m_server->queueFault(FaultSpec {Fault::RateLimited429, 0, 0, 1, {}, 0});
        const ChatResult r = chat(configFor(static_cast<ProviderKind>(kind), *m_server));
        QVERIFY2(r.status == ChatResult::Status::Done, qPrintable(errorText(r)));
        QCOMPARE(r.content, kReply);
        QCOMPARE(r.attempts, 2);
        const auto reqs = m_server->requests();
        QCOMPARE(reqs.size(), 2);
        const qint64 gap = reqs[1].receivedMs - reqs[0].receivedMs;
        QVERIFY2(gap >= 950 && gap < 2500, qPrintable(QString::number(gap)));
    }

    void rateLimitBeyondPatienceIsReported()
    {
        m_server->queueFault(FaultSpec {Fault::RateLimited429, 0, 0, 60, {}, 0});
        const ChatResult r = chat(configFor(ProviderKind::OpenAi, *m_server));
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(r.error.kind, LlmError::Kind::RateLimited);
        QVERIFY2(r.error.message.contains(QStringLiteral("wait 60 s")), qPrintable(r.error.message));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void backoffGrowsWithJitter_data() { protocols_data(); }
    void backoffGrowsWithJitter()
    {
        QFETCH(int, kind);
        ProviderConfig c = configFor(static_cast<ProviderKind>(kind), *m_server);
        c.retryBaseDelayMs = 200;
        c.maxRetries = 3;
        m_server->queueFault(FaultSpec {Fault::ServiceUnavailable503, 0, 0, -1, {}, 0}, 4);
        const ChatResult r = chat(c);
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(r.error.kind, LlmError::Kind::ServerError);
        QCOMPARE(r.error.httpStatus, 503);
        QVERIFY2(r.error.message.contains(QStringLiteral("simulated")), qPrintable(r.error.message));
        QCOMPARE(r.attempts, 4);
        const auto reqs = m_server->requests();
        QCOMPARE(reqs.size(), 4);
        // Equal jitter: delay n lies in [base*2^(n-1)/2, base*2^(n-1)] (plus scheduling slack).
        for (int n = 1; n <= 3; ++n) {
            const qint64 gap = reqs[n].receivedMs - reqs[n - 1].receivedMs;
            const double full = 200.0 * (1 << (n - 1));
            QVERIFY2(gap >= full / 2 - 5 && gap <= full + 150,
                qPrintable(QStringLiteral("gap %1: %2 ms").arg(n).arg(gap)));
        }
    }

    void serverErrorsAreClassified_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("expected");
        QTest::addColumn<int>("status");
        for (int k : {int(ProviderKind::OpenAi), int(ProviderKind::Ollama), int(ProviderKind::Anthropic)}) {
            const char *kn = k == 0 ? "openai" : k == 1 ? "ollama" : "anthropic";
            QTest::addRow("%s 500", kn)
                << k << int(Fault::ServerError500) << int(LlmError::Kind::ServerError) << 500;
            QTest::addRow("%s 404 model", kn)
                << k << int(Fault::ModelNotFound404) << int(LlmError::Kind::ModelNotFound) << 404;
            QTest::addRow("%s context", kn)
                << k << int(Fault::ContextTooLong400) << int(LlmError::Kind::ContextTooLong) << 400;
            QTest::addRow("%s 401", kn)
                << k << int(Fault::Unauthorized401) << int(LlmError::Kind::BadKey) << 401;
        }
    }
    void serverErrorsAreClassified()
    {
        QFETCH(int, kind);
        QFETCH(int, fault);
        QFETCH(int, expected);
        QFETCH(int, status);
        m_server->queueFault(FaultSpec {static_cast<Fault>(fault), 0, 0, -1, {}, 0});
        const ChatResult r = chat(configFor(static_cast<ProviderKind>(kind), *m_server));
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(int(r.error.kind), expected);
        QCOMPARE(r.error.httpStatus, status);
        QVERIFY2(!r.error.serverMessage.isEmpty() && r.error.message.contains(r.error.serverMessage),
            qPrintable(r.error.message));
        QCOMPARE(m_server->requestCount(), 1); // none of these is retried
    }

    void connectTimeoutIsRetriedThenReported()
    {
        // A listening socket whose accept queue is full: the kernel drops further SYNs, so a connect
        // hangs until our connect timeout fires.
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_in addr {};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0);
        QVERIFY(::listen(fd, 0) == 0);
        socklen_t len = sizeof addr;
        QVERIFY(::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0);
        const quint16 port = ntohs(addr.sin_port);
        std::vector<std::unique_ptr<QTcpSocket>> fillers;
        for (int i = 0; i < 4; ++i) {
            fillers.push_back(std::make_unique<QTcpSocket>());
            fillers.back()->connectToHost(QHostAddress::LocalHost, port);
        }
        QTest::qWait(200);
        ProviderConfig c = configFor(ProviderKind::OpenAi, *m_server);
        c.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port));
        c.connectTimeoutMs = 300;
        c.maxRetries = 1;
        c.retryBaseDelayMs = 20;
        QElapsedTimer t;
        t.start();
        const ChatResult r = chat(c);
        ::close(fd);
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(r.error.kind, LlmError::Kind::Timeout);
        QVERIFY2(r.error.message.contains(QStringLiteral("Could not connect")), qPrintable(r.error.message));
        QCOMPARE(r.attempts, 2);
        QVERIFY2(t.elapsed() >= 550 && t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
    }

    void unreachableServerIsRetriedThenReported()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        ProviderConfig c = configFor(ProviderKind::Ollama, *m_server);
        c.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
        c.maxRetries = 2;
        const ChatResult r = chat(c);
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(r.error.kind, LlmError::Kind::Unreachable);
        QVERIFY2(r.error.message.contains(QStringLiteral("refused")), qPrintable(r.error.message));
        QCOMPARE(r.attempts, 3);
    }

    // --- redirects, TLS, proxy ----------------------------------------------------------------

    void redirectToAnotherOriginIsRefused_data() { protocols_data(); }
    void redirectToAnotherOriginIsRefused()
    {
        QFETCH(int, kind);
        LlmTestServer other;
        QVERIFY(other.isListening());
        ProviderConfig c = configFor(static_cast<ProviderKind>(kind), *m_server);
        c.apiKey = "redirect-secret-key";
        m_server->queueFault(FaultSpec {Fault::RedirectOtherOrigin, 0, 0, -1, other.origin(), 0});
        const ChatResult r = chat(c);
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(r.error.kind, LlmError::Kind::Redirect);
        QVERIFY2(r.error.message.contains(other.origin().toString()), qPrintable(r.error.message));
        QCOMPARE(other.requestCount(), 0); // neither the key nor the conversation went there

        // A redirect within the same origin is followed, key included.
        m_server->clearRequests();
        m_server->queueFault(FaultSpec {Fault::RedirectOtherOrigin, 0, 0, -1, m_server->origin(), 0});
        const ChatResult same = chat(c);
        QVERIFY2(same.status == ChatResult::Status::Done, qPrintable(errorText(same)));
        QCOMPARE(m_server->requestCount(), 2);
        const QByteArray keyHeader
            = kind == int(ProviderKind::Anthropic) ? QByteArray("x-api-key") : QByteArray("Authorization");
        QVERIFY(m_server->requests().at(1).header(keyHeader).contains("redirect-secret-key"));

        // A 301/302/303 would turn the POST into a body-less GET: refused with the new address, and a
        // 308 keeps method and body, so it is followed.
        for (int status : {301, 302, 303}) {
            m_server->clearRequests();
            FaultSpec moved {Fault::RedirectOtherOrigin, 0, 0, -1, m_server->origin(), 0};
            moved.redirectStatus = status;
            m_server->queueFault(moved);
            const ChatResult refused = chat(c);
            QCOMPARE(refused.error.kind, LlmError::Kind::Redirect);
            QVERIFY2(refused.error.message.contains(QStringLiteral("HTTP %1").arg(status)),
                qPrintable(refused.error.message));
            QCOMPARE(m_server->requestCount(), 1);
        }
        m_server->clearRequests();
        FaultSpec permanent {Fault::RedirectOtherOrigin, 0, 0, -1, m_server->origin(), 0};
        permanent.redirectStatus = 308;
        m_server->queueFault(permanent);
        const ChatResult kept = chat(c);
        QVERIFY2(kept.status == ChatResult::Status::Done, qPrintable(errorText(kept)));
        QCOMPARE(m_server->requests().at(1).method, QByteArray("POST"));
        QCOMPARE(m_server->requests().at(1).body, m_server->requests().at(0).body);
    }

    void tlsIsVerifiedAndATrustedFingerprintIsAccepted()
    {
        QTemporaryDir dir;
        QSslCertificate cert;
        QSslKey key;
        if (!LlmTestServer::generateSelfSignedCert(dir.path(), &cert, &key))
            QFAIL("the openssl command is needed to make a test certificate (scripts/install-deps.sh "
                  "installs it)");
        LlmTestServer tls;
        QVERIFY(tls.startTls(cert, key));
        ServerConfig sc;
        sc.reply = kReply;
        tls.setConfig(sc);
        ProviderConfig c = configFor(ProviderKind::OpenAi, tls);
        QVERIFY(c.baseUrl.scheme() == QStringLiteral("https"));
        ChatResult r = chat(c);
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(r.error.kind, LlmError::Kind::Tls);
        const QByteArray fingerprint = cert.digest(QCryptographicHash::Sha256).toHex();
        QCOMPARE(r.error.certSha256, fingerprint);
        QVERIFY2(r.error.message.contains(QString::fromLatin1(fingerprint)), qPrintable(r.error.message));
        QCOMPARE(tls.requestCount(), 0); // nothing was sent over the untrusted connection
        QByteArray other = fingerprint;
        other[0] = other[0] == '0' ? '1' : '0';
        c.trustedCertSha256 = other;
        QCOMPARE(chat(c).error.kind, LlmError::Kind::Tls); // another fingerprint does not help
        c.trustedCertSha256 = fingerprint.toUpper();
        r = chat(c);
        QVERIFY2(r.status == ChatResult::Status::Done, qPrintable(errorText(r)));
        QCOMPARE(r.content, kReply);
        QCOMPARE(HttpExchange::certificateFingerprint(cert.toPem()), fingerprint);
        // Trust is per request: without it, a later connection (even one that could resume the TLS
        // session) is refused again.
        c.trustedCertSha256.clear();
        QCOMPARE(chat(c).error.kind, LlmError::Kind::Tls);
    }

    void systemProxyIsHonoured()
    {
        LlmClient::useSystemProxy();
        qputenv("http_proxy", m_server->origin().toString().toUtf8());
        qputenv("no_proxy", "");
        ProviderConfig c;
        c.kind = ProviderKind::OpenAi;
        c.baseUrl = QUrl(QStringLiteral("http://models.cairn-proxy-test.invalid/v1"));
        c.maxRetries = 0;
        c.apiKey = "proxy-test-key";
        LlmError error;
        (void)m_client->listModelsSync(c, &error);
        qunsetenv("http_proxy");
        qunsetenv("no_proxy");
        QNetworkProxyFactory::setUseSystemConfiguration(false);
        // The request went to the proxy (our server) with the absolute URL of the real target.
        QCOMPARE(m_server->requestCount(), 1);
        QVERIFY2(m_server->requests().first().path.contains("models.cairn-proxy-test.invalid"),
            m_server->requests().first().path.constData());
    }

    // --- stop ---------------------------------------------------------------------------------

    void stopKeepsThePartialAnswerAndClosesTheConnection_data() { protocols_data(); }
    void stopKeepsThePartialAnswerAndClosesTheConnection()
    {
        QFETCH(int, kind);
        ServerConfig sc;
        sc.reply = kReply;
        sc.tokensPerSecond = 20;
        reset(sc);
        ChatStream *stream = m_client->chat(configFor(static_cast<ProviderKind>(kind), *m_server), request());
        QString seen;
        connect(stream, &ChatStream::delta, this, [&](const ChatDelta &d) {
            seen += d.content;
            if (seen.size() > 0 && !stream->isFinished())
                stream->stop();
        });
        QTRY_VERIFY_WITH_TIMEOUT(stream->isFinished(), 5000);
        QCOMPARE(stream->result().status, ChatResult::Status::Stopped);
        QCOMPARE(stream->result().content, seen);
        QVERIFY(!seen.isEmpty() && seen.size() < kReply.size());
        QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), 0, 3000);
        delete stream;
    }

    // --- models and embeddings ----------------------------------------------------------------

    void listsModels_data() { protocols_data(); }
    void listsModels()
    {
        QFETCH(int, kind);
        ServerConfig sc;
        sc.models = {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")};
        reset(sc);
        LlmError error;
        const auto models
            = m_client->listModelsSync(configFor(static_cast<ProviderKind>(kind), *m_server), &error);
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QCOMPARE(models.size(), 3);
        QCOMPARE(models.at(1).id, QStringLiteral("beta"));
        if (kind == int(ProviderKind::Ollama)) {
            QVERIFY(models.at(0).contextLength > 0); // from /api/show
            QVERIFY(!models.at(0).capabilities.isEmpty());
        }
    }

    void embedsInBatches_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("openai") << int(ProviderKind::OpenAi);
        QTest::newRow("ollama") << int(ProviderKind::Ollama);
    }
    void embedsInBatches()
    {
        QFETCH(int, kind);
        ServerConfig sc;
        sc.embeddingDims = 16;
        reset(sc);
        QStringList inputs;
        for (int i = 0; i < 10; ++i)
            inputs.append(QStringLiteral("text number %1 — ünïcode").arg(i));
        m_server->queueFault(FaultSpec {Fault::ServiceUnavailable503, 0, 0, -1, {}, 0}); // retried
        EmbeddingsJob *job = m_client->embed(
            configFor(static_cast<ProviderKind>(kind), *m_server), QStringLiteral("test-embed"), inputs, 3);
        QList<int> progress;
        connect(job, &EmbeddingsJob::progress, this, [&](int done, int) { progress.append(done); });
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), 10000);
        QVERIFY2(!job->error().isError(), qPrintable(job->error().message));
        QCOMPARE(job->vectors().size(), 10);
        QCOMPARE(progress, QList<int>({3, 6, 9, 10}));
        QCOMPARE(m_server->requestCount(), 5);
        for (int i = 0; i < 10; ++i) {
            const QList<double> expected = LlmTestServer::embeddingFor(inputs[i], 16);
            QCOMPARE(job->vectors()[i].size(), 16);
            for (int d = 0; d < 16; ++d)
                QVERIFY(qAbs(job->vectors()[i][d] - expected[d]) < 1e-5);
        }
        delete job;
    }

    void anthropicHasNoEmbeddings()
    {
        EmbeddingsJob *job = m_client->embed(
            configFor(ProviderKind::Anthropic, *m_server), QStringLiteral("m"), {QStringLiteral("x")});
        QSignalSpy finished(job, &EmbeddingsJob::finished);
        QVERIFY(!job->isFinished()); // never before the caller could connect
        QVERIFY(finished.wait(2000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(job->error().kind, LlmError::Kind::Unsupported);
        QCOMPARE(m_server->requestCount(), 0);
        delete job;
    }

    void azureStyleDeployment()
    {
        ServerConfig sc;
        sc.reply = kReply;
        sc.requiredKey = "azure-key-123";
        sc.embeddingDims = 8;
        reset(sc);
        ProviderConfig c = configFor(ProviderKind::OpenAi, *m_server);
        c.baseUrl = m_server->origin().resolved(QUrl(QStringLiteral("/openai/deployments/test-chat")));
        c.azureApiVersion = QStringLiteral("2024-10-21");
        c.apiKey = "azure-key-123";

        // Verify: the resource's model list proves key and version; the deployment is the model.
        LlmError error;
        const QList<ModelInfo> models = m_client->listModelsSync(c, &error);
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QCOMPARE(models.size(), 1);
        QCOMPARE(models.first().id, QStringLiteral("test-chat"));
        QCOMPARE(m_server->requests().last().path, QByteArray("/openai/models?api-version=2024-10-21"));
        QCOMPARE(m_server->requests().last().header("api-key"), QByteArray("azure-key-123"));

        // Chat with no model goes to the base URL's deployment; a model names another deployment.
        ChatResult r = chat(c, request(true, QString()));
        QVERIFY2(r.status == ChatResult::Status::Done, qPrintable(errorText(r)));
        QCOMPARE(r.content, kReply);
        auto req = m_server->requests().last();
        QCOMPARE(req.header("api-key"), QByteArray("azure-key-123"));
        QVERIFY(req.header("Authorization").isEmpty());
        QCOMPARE(
            req.path, QByteArray("/openai/deployments/test-chat/chat/completions?api-version=2024-10-21"));
        r = chat(c, request(true, QStringLiteral("missing-deployment")));
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(m_server->requests().last().path,
            QByteArray("/openai/deployments/missing-deployment/chat/completions?api-version=2024-10-21"));
        QVERIFY2(r.error.message.contains(QStringLiteral("deployment for this resource does not exist")),
            qPrintable(r.error.message));

        // Embeddings go to the embedding deployment, not the chat one.
        EmbeddingsJob *job
            = m_client->embed(c, QStringLiteral("test-embed"), {QStringLiteral("x"), QStringLiteral("y")});
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), 10000);
        QVERIFY2(!job->error().isError(), qPrintable(job->error().message));
        QCOMPARE(job->vectors().size(), 2);
        QCOMPARE(m_server->requests().last().path,
            QByteArray("/openai/deployments/test-embed/embeddings?api-version=2024-10-21"));
        delete job;

        // The resource endpoint alone works too (the model is the deployment), and a
        // *.cognitiveservices.azure.com host counts as Azure without an explicit version.
        ProviderConfig resource = c;
        resource.baseUrl = m_server->origin();
        r = chat(resource, request(true, QStringLiteral("test-chat")));
        QVERIFY2(r.status == ChatResult::Status::Done, qPrintable(errorText(r)));
        QCOMPARE(m_server->requests().last().path,
            QByteArray("/openai/deployments/test-chat/chat/completions?api-version=2024-10-21"));
        ProviderConfig cognitive;
        cognitive.kind = ProviderKind::OpenAi;
        cognitive.baseUrl = QUrl(QStringLiteral("https://res.cognitiveservices.azure.com"));
        QVERIFY(cognitive.isAzure());
    }

    // --- logging hygiene ----------------------------------------------------------------------

    void bodiesAreNotLoggedAtInfoAndKeysNever()
    {
        std::ostringstream captured;
        auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
        Logging::addSink(sink);
        const QString previous = Logging::level();
        ServerConfig sc;
        sc.requiredKey = "log-test-key-998877";
        reset(sc);
        ProviderConfig c = configFor(ProviderKind::OpenAi, *m_server);
        c.apiKey = sc.requiredKey;
        ChatRequest r = request();
        r.messages.last().content = QStringLiteral("PRIVATE-PROMPT-TEXT");
        Logging::setLevel(QStringLiteral("info"));
        ChatResult result = chat(c, r);
        QVERIFY2(result.status == ChatResult::Status::Done, qPrintable(errorText(result)));
        Logging::setLevel(QStringLiteral("trace"));
        result = chat(c, r);
        c.apiKey = "another-wrong-key-445566";
        const ChatResult rejected = chat(c, r); // an error path too; the server echoes the key
        QCOMPARE(rejected.error.kind, LlmError::Kind::BadKey);
        QVERIFY2(rejected.error.message.contains(QStringLiteral("Incorrect API key provided: [key hidden]")),
            qPrintable(rejected.error.message));
        QVERIFY(!rejected.error.serverMessage.contains(QStringLiteral("another-wrong-key-445566")));
        Logging::flush();
        Logging::setLevel(previous);
        Logging::removeSink(sink);
        const QString log = QString::fromStdString(captured.str());
        QVERIFY2(log.contains(QStringLiteral("/v1/chat/completions")), qPrintable(log)); // it did log
        QVERIFY(!log.contains(QStringLiteral("PRIVATE-PROMPT-TEXT")));
        QVERIFY(!log.contains(QStringLiteral("log-test-key-998877")));
        QVERIFY(!log.contains(QStringLiteral("another-wrong-key-445566")));
        QVERIFY2(
            log.contains(QStringLiteral("Incorrect API key provided")), qPrintable(log)); // it was logged
    }

    // --- streams that end oddly ----------------------------------------------------------------

    void endMarkerFinishesEvenIfTheConnectionStaysOpen_data() { protocols_data(); }
    void endMarkerFinishesEvenIfTheConnectionStaysOpen()
    {
        QFETCH(int, kind);
        m_server->queueFault(FaultSpec {Fault::HoldOpenAfterEnd, 0, 0, -1, {}, 0});
        ProviderConfig c = configFor(static_cast<ProviderKind>(kind), *m_server);
        c.idleTimeoutMs = 3000;
        QElapsedTimer clock;
        clock.start();
        const ChatResult r = chat(c);
        QVERIFY2(r.status == ChatResult::Status::Done, qPrintable(errorText(r)));
        QCOMPARE(r.content, kReply);
        QCOMPARE(r.finishReason, QStringLiteral("stop"));
        QCOMPARE(r.promptTokens.value_or(-1), 11);
        QVERIFY2(
            clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed()))); // not the idle timeout
    }

    void jsonAnswerToAStreamingRequest_data() { protocols_data(); }
    void jsonAnswerToAStreamingRequest()
    {
        QFETCH(int, kind);
        const ProviderConfig c = configFor(static_cast<ProviderKind>(kind), *m_server);
        // A server that ignores "stream": the whole answer, as one JSON document.
        m_server->queueFault(FaultSpec {Fault::JsonInsteadOfStream, 0, 0, -1, {}, 0});
        QString streamed;
        ChatResult r = chat(c, request(true), &streamed);
        QVERIFY2(r.status == ChatResult::Status::Done, qPrintable(errorText(r)));
        QCOMPARE(r.content, kReply);
        QCOMPARE(streamed, kReply);
        QCOMPARE(r.promptTokens.value_or(-1), 11);
        QCOMPARE(r.completionTokens.value_or(-1), pieceCount(kReply));
        // An error sent with status 200: the server's text, not "bad JSON".
        m_server->queueFault(FaultSpec {Fault::JsonErrorOnStream, 0, 0, -1, {}, 0});
        r = chat(c, request(true));
        QCOMPARE(r.status, ChatResult::Status::Error);
        QCOMPARE(r.error.kind, LlmError::Kind::ServerError);
        QVERIFY2(r.error.message.contains(QStringLiteral("simulated: the model is overloaded")),
            qPrintable(r.error.message));
        QCOMPARE(r.error.serverMessage, QStringLiteral("simulated: the model is overloaded"));
        QCOMPARE(m_server->requestCount(), 2); // not retried
    }

    void anthropicModelListIsPaged()
    {
        ServerConfig sc;
        for (int i = 0; i < 5; ++i)
            sc.models.append(QStringLiteral("claude-test-%1").arg(i));
        sc.modelsPageSize = 3;
        reset(sc);
        LlmError error;
        const QList<ModelInfo> models
            = m_client->listModelsSync(configFor(ProviderKind::Anthropic, *m_server), &error);
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QCOMPARE(models.size(), 7);
        QCOMPARE(models.first().id, QStringLiteral("test-chat"));
        QCOMPARE(models.last().id, QStringLiteral("claude-test-4"));
        QCOMPARE(models.last().displayName, QStringLiteral("Test claude-test-4"));
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 3);
        QCOMPARE(requests.at(0).path, QByteArray("/v1/models?limit=1000"));
        QCOMPARE(requests.at(1).path, QByteArray("/v1/models?limit=1000&after_id=claude-test-0"));
        QCOMPARE(requests.at(2).path, QByteArray("/v1/models?limit=1000&after_id=claude-test-3"));
    }

    void ollamaDetailsForManyModels()
    {
        ServerConfig sc;
        for (int i = 0; i < 12; ++i)
            sc.models.append(QStringLiteral("model-%1:latest").arg(i));
        reset(sc);
        LlmError error;
        const QList<ModelInfo> models
            = m_client->listModelsSync(configFor(ProviderKind::Ollama, *m_server), &error);
        QVERIFY2(!error.isError(), qPrintable(error.message));
        QCOMPARE(models.size(), 14);
        for (const ModelInfo &m : models)
            QVERIFY2(m.contextLength > 0, qPrintable(m.id)); // every model got its /api/show
        QCOMPARE(m_server->requestCount(), 15);
    }

    void stopDuringRetryBackoff()
    {
        m_server->queueFault(FaultSpec {Fault::ServiceUnavailable503, 0, 0, 2, {}, 0}); // Retry-After: 2
        ChatStream *stream = m_client->chat(configFor(ProviderKind::OpenAi, *m_server), request());
        QSignalSpy retrying(stream, &ChatStream::retrying);
        QVERIFY(retrying.wait(5000));
        QElapsedTimer clock;
        clock.start();
        stream->stop();
        QTRY_VERIFY_WITH_TIMEOUT(stream->isFinished(), 1000);
        QVERIFY(clock.elapsed() < 500);
        QCOMPARE(stream->result().status, ChatResult::Status::Stopped);
        QTest::qWait(2500); // past the Retry-After: no second attempt
        QCOMPARE(m_server->requestCount(), 1);
        delete stream;
    }
};

QTEST_GUILESS_MAIN(TestLlmClient)
#include "tst_llmclient.moc"
