// Stream parsers and protocol encoders/decoders, without I/O: every chunking of the byte stream
// must give the same result.
#include "llm/Protocol.h"
#include "llm/StreamParsers.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

using namespace cairn::llm;

#ifndef Q_MOC_RUN
namespace {

// Feeds `bytes` split at the given offsets (sorted, within range).
template<typename Feed> void feedSplit(const QByteArray &bytes, const QList<qsizetype> &cuts, Feed feed)
{
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        feed(QByteArrayView(bytes).sliced(from, cut - from));
        from = cut;
    }
    feed(QByteArrayView(bytes).sliced(from));
}

struct Decoded {
    QString content, reasoning, finish;
    qint64 prompt = -1, completion = -1;
    QJsonArray tools;
    bool ok = true, sawEnd = false;
    LlmError error;
};

Decoded decodeWith(
    ProviderKind kind, const QByteArray &bytes, const QList<qsizetype> &cuts, qint64 maxLine = 8 << 20)
{
    ProviderConfig config;
    config.kind = kind;
    config.maxLineBytes = maxLine;
    auto decoder = Protocol::create(config)->streamDecoder();
    QList<ChatDelta> out;
    Decoded d;
    feedSplit(bytes, cuts, [&](QByteArrayView piece) {
        if (d.ok)
            d.ok = decoder->feed(piece, out);
    });
    if (d.ok)
        d.ok = decoder->finish(out);
    for (const ChatDelta &x : out) {
        d.content += x.content;
        d.reasoning += x.reasoning;
        if (!x.finishReason.isEmpty())
            d.finish = x.finishReason;
        if (x.promptTokens)
            d.prompt = *x.promptTokens;
        if (x.completionTokens)
            d.completion = *x.completionTokens;
        for (const auto &t : x.toolCalls)
            d.tools.append(t);
    }
    d.sawEnd = decoder->sawEnd();
    d.error = decoder->error();
    return d;
}

const QString kAnswer = QStringLiteral("Grüße aus 東京 🏔️ — done.");

QByteArray openAiStream(const QByteArray &eol = "\n")
{
    QByteArray s;
    auto event = [&](const QByteArray &json) { s += "data: " + json + eol + eol; };
    s += ": keep-alive" + eol + eol;
    event(R"({"choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Let me think"}}]})");
    event(R"({"choices":[{"index":0,"delta":{"content":"Grüße aus "}}]})");
    s += "event: message" + eol
        + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"東京 🏔️\"}}]}" + eol + eol;
    event(
        R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"ci"}}]}}]})");
    event(
        R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ty\":\"Paris\"}"}}]}}]})");
    event(R"({"choices":[{"index":0,"delta":{"content":" — done."},"finish_reason":"stop"}]})");
    event(R"({"choices":[],"usage":{"prompt_tokens":17,"completion_tokens":5,"total_tokens":22}})");
    s += "data: [DONE]" + eol + eol;
    return s;
}

QByteArray ollamaStream()
{
    return QByteArrayLiteral(
        R"({"model":"m","message":{"role":"assistant","content":"","thinking":"Let me think"},"done":false}
{"model":"m","message":{"role":"assistant","content":"Grüße aus "},"done":false}

{"model":"m","message":{"role":"assistant","content":"東京 🏔️"},"done":false}
{"model":"m","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},"done":false}
{"model":"m","message":{"role":"assistant","content":" — done."},"done":false}
{"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":17,"eval_count":5})");
}

QByteArray anthropicStream()
{
    QByteArray s;
    auto event = [&](const QByteArray &name, const QByteArray &json) {
        s += "event: " + name + "\ndata: " + json + "\n\n";
    };
    event("message_start",
        R"({"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"usage":{"input_tokens":17,"output_tokens":1}}})");
    event("ping", R"({"type":"ping"})");
    event("content_block_start",
        R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}})");
    event("content_block_delta",
        R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me think"}})");
    event("content_block_stop", R"({"type":"content_block_stop","index":0})");
    event("content_block_start",
        R"({"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}})");
    event("content_block_delta",
        R"({"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Grüße aus "}})");
    event("content_block_delta",
        R"({"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"東京 🏔️"}})");
    event("content_block_delta",
        R"({"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":" — done."}})");
    event("content_block_stop", R"({"type":"content_block_stop","index":1})");
    event("content_block_start",
        R"({"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}})");
    event("content_block_delta",
        R"({"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"ci"}})");
    event("content_block_delta",
        R"({"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"ty\":\"Paris\"}"}})");
    event("content_block_stop", R"({"type":"content_block_stop","index":2})");
    event("message_delta",
        R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5}})");
    s += "event: message_stop\ndata: {\"type\":\"message_stop\"}"; // no final newline
    return s;
}

QByteArray streamFor(ProviderKind kind)
{
    switch (kind) {
    case ProviderKind::OpenAi:
        return openAiStream();
    case ProviderKind::Ollama:
        return ollamaStream();
    case ProviderKind::Anthropic:
        return anthropicStream();
    }
    return {};
}

void checkDecoded(const Decoded &d)
{
    QVERIFY2(d.ok, qPrintable(d.error.message));
    QCOMPARE(d.content, kAnswer);
    QCOMPARE(d.reasoning, QStringLiteral("Let me think"));
    QCOMPARE(d.finish, QStringLiteral("stop"));
    QCOMPARE(d.prompt, 17);
    QCOMPARE(d.completion, 5);
    QVERIFY(d.sawEnd);
    QString args;
    QString name;
    for (const auto &t : d.tools) {
        args += t.toObject().value(QStringLiteral("arguments")).toString();
        if (t.toObject().contains(QStringLiteral("name")))
            name = t.toObject().value(QStringLiteral("name")).toString();
    }
    QCOMPARE(name, QStringLiteral("get_weather"));
    QCOMPARE(QJsonDocument::fromJson(args.toUtf8()).object().value(QStringLiteral("city")).toString(),
        QStringLiteral("Paris"));
}

QJsonObject bodyOf(const HttpCall &call)
{
    return QJsonDocument::fromJson(call.body).object();
}

QByteArray headerOf(const HttpCall &call, const QByteArray &name)
{
    for (const auto &h : call.headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

} // namespace
#endif

class TestStreamParsers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lineEndsUnderEveryTwoCuts();
    void sseFieldsCommentsAndMultilineData();
    void everyProtocolUnderEveryByteBoundary_data();
    void everyProtocolUnderEveryByteBoundary();
    void openAiWithCrLfAndRandomChunks();
    void invalidJsonEventIsAClearError_data();
    void invalidJsonEventIsAClearError();
    void invalidUtf8IsAClearError();
    void overlongLineFailsWithBoundedBuffer();
    void manyDataLinesAreBoundedLikeOneLine();
    void streamErrorEventsMidAnswer();
    void openAiRequest();
    void anthropicAndOllamaRequests();
    void errorClassification_data();
    void errorClassification();
    void nonStreamedAnswersAndModelLists();
};

// Outside moc's view: its tokenizer trips over some raw string literals.
#ifndef Q_MOC_RUN
void TestStreamParsers::lineEndsUnderEveryTwoCuts()
{
    const QByteArray input = "alpha\r\nbeta\rgamma\n\nδelta\r\r\nend";
    const QList<QByteArray> expected {"alpha", "beta", "gamma", "", "δelta", "", "end"};
    for (qsizetype i = 0; i <= input.size(); ++i) {
        for (qsizetype j = i; j <= input.size(); ++j) {
            LineSplitter splitter;
            QList<QByteArray> lines;
            auto onLine = [&](QByteArrayView l) { lines.append(l.toByteArray()); };
            feedSplit(input, {i, j}, [&](QByteArrayView p) { QVERIFY(splitter.feed(p, onLine)); });
            QVERIFY(splitter.finish(onLine));
            QCOMPARE(lines, expected);
        }
    }
}

void TestStreamParsers::sseFieldsCommentsAndMultilineData()
{
    const QByteArray input
        = ": comment\n\nevent: update\ndata: one\ndata:two\nid: 7\nretry: 10\nunknown: x\n\n"
          "data\n\ndata: : not a comment\n\ndata: last";
    QList<SseEvent> events;
    SseParser parser([&](const SseEvent &e) { events.append(e); });
    QVERIFY(parser.feed(input));
    QVERIFY(parser.finish());
    QCOMPARE(events.size(), 4);
    QCOMPARE(events[0].event, QByteArray("update"));
    QCOMPARE(events[0].data, QByteArray("one\ntwo"));
    QCOMPARE(events[0].id, QByteArray("7"));
    QCOMPARE(events[1].data, QByteArray(""));
    QCOMPARE(events[1].event, QByteArray());
    QCOMPARE(events[2].data, QByteArray(": not a comment"));
    QCOMPARE(events[3].data, QByteArray("last")); // no final newline: still delivered
    QCOMPARE(parser.commentCount(), 1);
}

void TestStreamParsers::everyProtocolUnderEveryByteBoundary_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("openai") << int(ProviderKind::OpenAi);
    QTest::newRow("ollama") << int(ProviderKind::Ollama);
    QTest::newRow("anthropic") << int(ProviderKind::Anthropic);
}

void TestStreamParsers::everyProtocolUnderEveryByteBoundary()
{
    QFETCH(int, kind);
    const auto k = static_cast<ProviderKind>(kind);
    const QByteArray bytes = streamFor(k);
    checkDecoded(decodeWith(k, bytes, {}));
    for (qsizetype cut = 0; cut <= bytes.size(); ++cut) {
        const Decoded d = decodeWith(k, bytes, {cut});
        if (QTest::currentTestFailed())
            return;
        checkDecoded(d);
        if (QTest::currentTestFailed()) {
            qWarning("failed with a cut at byte %lld", static_cast<long long>(cut));
            return;
        }
    }
    // Byte by byte, and in 7-byte pieces.
    QList<qsizetype> each, sevens;
    for (qsizetype i = 1; i < bytes.size(); ++i) {
        each.append(i);
        if (i % 7 == 0)
            sevens.append(i);
    }
    checkDecoded(decodeWith(k, bytes, each));
    checkDecoded(decodeWith(k, bytes, sevens));
}

void TestStreamParsers::openAiWithCrLfAndRandomChunks()
{
    const QByteArray bytes = openAiStream("\r\n");
    auto *rng = QRandomGenerator::global();
    for (int round = 0; round < 200; ++round) {
        QList<qsizetype> cuts;
        const int n = static_cast<int>(rng->bounded(1, 12));
        for (int i = 0; i < n; ++i)
            cuts.append(rng->bounded(bytes.size() + 1));
        std::sort(cuts.begin(), cuts.end());
        checkDecoded(decodeWith(ProviderKind::OpenAi, bytes, cuts));
        if (QTest::currentTestFailed())
            return;
    }
}

void TestStreamParsers::invalidJsonEventIsAClearError_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("openai")
        << int(ProviderKind::OpenAi)
        << QByteArray("data: {\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}\n\ndata: {\"choices\": [\n\n");
    QTest::newRow("ollama") << int(ProviderKind::Ollama)
                            << QByteArray(
                                   "{\"message\":{\"content\":\"ok\"},\"done\":false}\n{\"message\":\n");
    QTest::newRow("anthropic") << int(ProviderKind::Anthropic)
                               << QByteArray(
                                      "event: content_block_delta\ndata: "
                                      "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                                      "\"text_delta\",\"text\":\"ok\"}}\n\nevent: x\ndata: {oops\n\n");
}

void TestStreamParsers::invalidJsonEventIsAClearError()
{
    QFETCH(int, kind);
    QFETCH(QByteArray, bytes);
    const Decoded d = decodeWith(static_cast<ProviderKind>(kind), bytes, {});
    QVERIFY(!d.ok);
    QCOMPARE(d.content, QStringLiteral("ok")); // what came before is kept
    QCOMPARE(d.error.kind, LlmError::Kind::BadResponse);
    QVERIFY2(d.error.message.contains(QStringLiteral("malformed JSON")), qPrintable(d.error.message));
}

void TestStreamParsers::invalidUtf8IsAClearError()
{
    const QByteArray bytes = "data: {\"choices\":[{\"delta\":{\"content\":\"fine \"}}]}\n\n"
                             "data: {\"choices\":[{\"delta\":{\"content\":\"bad \xC3\x28 byte\"}}]}\n\n";
    const Decoded d = decodeWith(ProviderKind::OpenAi, bytes, {});
    QVERIFY(!d.ok);
    QCOMPARE(d.content, QStringLiteral("fine "));
    QVERIFY2(d.error.message.contains(QStringLiteral("UTF-8")), qPrintable(d.error.message));
}

void TestStreamParsers::overlongLineFailsWithBoundedBuffer()
{
    // 64 KiB limit; 1 MiB line in 7-byte and 1 KiB pieces.
    for (int piece : {7, 1024}) {
        QByteArray line = "data: " + QByteArray(1 << 20, 'x');
        LineSplitter splitter(64 * 1024);
        bool ok = true;
        qsizetype fedWhenFailed = -1;
        for (qsizetype i = 0; i < line.size() && ok; i += piece) {
            ok = splitter.feed(QByteArrayView(line).sliced(i, std::min<qsizetype>(piece, line.size() - i)),
                [](QByteArrayView) {});
            if (!ok)
                fedWhenFailed = i + piece;
        }
        QVERIFY(!ok);
        QVERIFY(fedWhenFailed <= 64 * 1024 + piece); // failed as soon as the limit was crossed
        QVERIFY2(splitter.error().contains(QStringLiteral("longer than")), qPrintable(splitter.error()));
        QVERIFY(!splitter.feed("\n", [](QByteArrayView) {})); // stays failed
    }
    // The decoder reports it as a bad response.
    const Decoded d = decodeWith(ProviderKind::OpenAi, "data: " + QByteArray(5000, 'y') + "\n\n", {}, 4096);
    QVERIFY(!d.ok);
    QCOMPARE(d.error.kind, LlmError::Kind::BadResponse);
}

void TestStreamParsers::manyDataLinesAreBoundedLikeOneLine()
{
    // Each line is short, but one event joins 10,000 of them: the event is capped at the line limit.
    QByteArray stream;
    for (int i = 0; i < 10000; ++i)
        stream += "data: " + QByteArray(100, 'z') + "\n";
    stream += "\n";
    int events = 0;
    SseParser parser([&](const SseEvent &) { ++events; }, 64 * 1024);
    bool ok = true;
    qsizetype fedWhenFailed = -1;
    for (qsizetype i = 0; i < stream.size() && ok; i += 1024) {
        ok = parser.feed(QByteArrayView(stream).sliced(i, std::min<qsizetype>(1024, stream.size() - i)));
        if (!ok)
            fedWhenFailed = i + 1024;
    }
    QVERIFY(!ok);
    QVERIFY(parser.failed());
    QVERIFY(fedWhenFailed <= 64 * 1024 * 106 / 101 + 1024 + 106); // wire bytes per data byte: 106/101
    QVERIFY2(parser.error().contains(QStringLiteral("event larger than")), qPrintable(parser.error()));
    QCOMPARE(events, 0);
    QVERIFY(!parser.finish());
    // Under the limit the same shape is fine: 100 lines of 100 bytes.
    QByteArray small;
    for (int i = 0; i < 100; ++i)
        small += "data: " + QByteArray(100, 'z') + "\n";
    QList<SseEvent> got;
    SseParser ok2([&](const SseEvent &e) { got.append(e); }, 64 * 1024);
    small += "\n";
    QVERIFY(ok2.feed(small));
    QVERIFY(ok2.finish());
    QCOMPARE(got.size(), 1);
    QCOMPARE(got[0].data.size(), 100 * 100 + 99);
    // The decoder reports it as a bad response, like an over-long line.
    const Decoded d = decodeWith(ProviderKind::Anthropic, stream, {}, 4096);
    QVERIFY(!d.ok);
    QCOMPARE(d.error.kind, LlmError::Kind::BadResponse);
}

void TestStreamParsers::streamErrorEventsMidAnswer()
{
    const Decoded a = decodeWith(ProviderKind::Anthropic,
        "event: error\ndata: "
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n",
        {});
    QVERIFY(!a.ok);
    QVERIFY(a.error.message.contains(QStringLiteral("Overloaded")));
    const Decoded o = decodeWith(ProviderKind::Ollama, "{\"error\":\"model crashed\"}\n", {});
    QVERIFY(!o.ok);
    QCOMPARE(o.error.serverMessage, QStringLiteral("model crashed"));
    const Decoded x
        = decodeWith(ProviderKind::OpenAi, "data: {\"error\":{\"message\":\"upstream gone\"}}\n\n", {});
    QVERIFY(!x.ok);
    QVERIFY(x.error.message.contains(QStringLiteral("upstream gone")));
}

void TestStreamParsers::openAiRequest()
{
    ProviderConfig config;
    config.baseUrl = QUrl(QStringLiteral("https://api.example.test/v1/"));
    config.apiKey = "sk-test";
    config.extraHeaders.append(qMakePair(QByteArray("X-Title"), QByteArray("Cairn")));
    auto p = Protocol::create(config);
    ChatRequest r;
    r.model = QStringLiteral("gpt-test");
    r.messages = {{ChatMessage::Role::System, QStringLiteral("Be brief."), {}},
        {ChatMessage::Role::User, QStringLiteral("What is this?"),
            {ImagePart {"image/png", QByteArray("\x89PNG", 4)}}}};
    r.params.temperature = 0.25;
    r.params.maxTokens = 100;
    r.params.seed = 42;
    r.params.stop = {QStringLiteral("END")};
    r.params.extra = QJsonObject {{QStringLiteral("top_k"), 5}};
    const HttpCall call = p->chatCall(r);
    QCOMPARE(call.url.toString(), QStringLiteral("https://api.example.test/v1/chat/completions"));
    QCOMPARE(headerOf(call, "Authorization"), QByteArray("Bearer sk-test"));
    QCOMPARE(headerOf(call, "X-Title"), QByteArray("Cairn"));
    const QJsonObject body = bodyOf(call);
    QCOMPARE(body.value(QStringLiteral("stream_options"))
                 .toObject()
                 .value(QStringLiteral("include_usage"))
                 .toBool(),
        true);
    QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 0.25);
    QCOMPARE(body.value(QStringLiteral("max_tokens")).toInt(), 100);
    {
        ProviderConfig official = config;
        official.baseUrl = QUrl(QStringLiteral("https://api.openai.com/v1"));
        const QJsonObject b = QJsonDocument::fromJson(Protocol::create(official)->chatCall(r).body).object();
        QCOMPARE(b.value(QStringLiteral("max_completion_tokens")).toInt(), 100); // OpenAI's own name
        QVERIFY(!b.contains(QStringLiteral("max_tokens")));
    }
    QCOMPARE(body.value(QStringLiteral("seed")).toInt(), 42);
    QCOMPARE(body.value(QStringLiteral("top_k")).toInt(), 5);
    QCOMPARE(body.value(QStringLiteral("stop")).toArray().first().toString(), QStringLiteral("END"));
    const QJsonArray parts = body.value(QStringLiteral("messages"))
                                 .toArray()
                                 .at(1)
                                 .toObject()
                                 .value(QStringLiteral("content"))
                                 .toArray();
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts.at(1)
                 .toObject()
                 .value(QStringLiteral("image_url"))
                 .toObject()
                 .value(QStringLiteral("url"))
                 .toString(),
        QStringLiteral("data:image/png;base64,iVBORw=="));

    // Azure: api-key header and api-version on every URL.
    config.baseUrl = QUrl(QStringLiteral("https://res.openai.azure.com/openai/deployments/dep1"));
    auto azure = Protocol::create(config);
    ChatRequest noModel = r;
    noModel.model.clear(); // the base URL's deployment
    const HttpCall azureCall = azure->chatCall(noModel);
    QCOMPARE(headerOf(azureCall, "api-key"), QByteArray("sk-test"));
    QVERIFY(headerOf(azureCall, "Authorization").isEmpty());
    QCOMPARE(azureCall.url.path(), QStringLiteral("/openai/deployments/dep1/chat/completions"));
    QVERIFY(azureCall.url.query().startsWith(QStringLiteral("api-version=")));
    ChatRequest other = r;
    other.model = QStringLiteral("my gpt");
    QCOMPARE(azure->chatCall(other).url.toString(QUrl::FullyEncoded),
        QStringLiteral("https://res.openai.azure.com/openai/deployments/my%20gpt/chat/"
                       "completions?api-version=2024-10-21"));
    QCOMPARE(azure->embedCall(QStringLiteral("emb"), {QStringLiteral("x")}).url.path(),
        QStringLiteral("/openai/deployments/emb/embeddings"));
    QCOMPARE(azure->modelsCall().url.toString(),
        QStringLiteral("https://res.openai.azure.com/openai/models?api-version=2024-10-21"));
    QCOMPARE(
        azure->parseModels(R"({"data":[{"id":"gpt-4o"},{"id":"text-embedding-3-small"}]})").value().size(),
        1);
    QCOMPARE(azure->parseModels(R"({"data":[]})").value().first().id, QStringLiteral("dep1"));
    // The v1 API: OpenAI's paths with the api-key header and no api-version.
    config.baseUrl = QUrl(QStringLiteral("https://res.cognitiveservices.azure.com/openai/v1/"));
    config.azureApiVersion.clear();
    auto v1 = Protocol::create(config);
    const HttpCall v1Call = v1->chatCall(r);
    QCOMPARE(v1Call.url.toString(),
        QStringLiteral("https://res.cognitiveservices.azure.com/openai/v1/chat/completions"));
    QCOMPARE(headerOf(v1Call, "api-key"), QByteArray("sk-test"));
    QCOMPARE(v1->modelsCall().url.toString(),
        QStringLiteral("https://res.cognitiveservices.azure.com/openai/v1/models"));
}

void TestStreamParsers::anthropicAndOllamaRequests()
{
    ProviderConfig config;
    config.kind = ProviderKind::Anthropic;
    config.baseUrl = QUrl(QStringLiteral("https://api.anthropic.test"));
    config.apiKey = "sk-ant";
    ChatRequest r;
    r.model = QStringLiteral("claude-test");
    r.messages = {{ChatMessage::Role::System, QStringLiteral("Be brief."), {}},
        {ChatMessage::Role::User, QStringLiteral("Hi"), {ImagePart {"image/jpeg", QByteArray("jpg")}}}};
    r.params.seed = 1;
    const HttpCall a = Protocol::create(config)->chatCall(r);
    QCOMPARE(a.url.path(), QStringLiteral("/v1/messages"));
    QCOMPARE(headerOf(a, "x-api-key"), QByteArray("sk-ant"));
    QCOMPARE(headerOf(a, "anthropic-version"), QByteArray("2023-06-01"));
    const QJsonObject ab = bodyOf(a);
    QCOMPARE(ab.value(QStringLiteral("system")).toString(), QStringLiteral("Be brief."));
    QCOMPARE(ab.value(QStringLiteral("messages")).toArray().size(), 1);
    QCOMPARE(ab.value(QStringLiteral("max_tokens")).toInt(), 4096);
    QVERIFY(!ab.contains(QStringLiteral("seed")));
    const QJsonObject image = ab.value(QStringLiteral("messages"))
                                  .toArray()
                                  .first()
                                  .toObject()
                                  .value(QStringLiteral("content"))
                                  .toArray()
                                  .first()
                                  .toObject();
    QCOMPARE(image.value(QStringLiteral("source")).toObject().value(QStringLiteral("media_type")).toString(),
        QStringLiteral("image/jpeg"));

    config.kind = ProviderKind::Ollama;
    config.apiKey.clear();
    config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:11434"));
    r.params.maxTokens = 64;
    r.params.extra = QJsonObject {{QStringLiteral("think"), true},
        {QStringLiteral("options"), QJsonObject {{QStringLiteral("num_ctx"), 8192}}}};
    const HttpCall o = Protocol::create(config)->chatCall(r);
    QCOMPARE(o.url.toString(), QStringLiteral("http://127.0.0.1:11434/api/chat"));
    QVERIFY(headerOf(o, "Authorization").isEmpty());
    const QJsonObject ob = bodyOf(o);
    QCOMPARE(ob.value(QStringLiteral("options")).toObject().value(QStringLiteral("num_predict")).toInt(), 64);
    QCOMPARE(ob.value(QStringLiteral("options")).toObject().value(QStringLiteral("num_ctx")).toInt(), 8192);
    QCOMPARE(ob.value(QStringLiteral("options")).toObject().value(QStringLiteral("seed")).toInt(), 1);
    QCOMPARE(ob.value(QStringLiteral("think")).toBool(), true);
    QCOMPARE(ob.value(QStringLiteral("messages"))
                 .toArray()
                 .at(1)
                 .toObject()
                 .value(QStringLiteral("images"))
                 .toArray()
                 .first()
                 .toString(),
        QStringLiteral("anBn"));
}

void TestStreamParsers::errorClassification_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("mentions");
    const int openai = int(ProviderKind::OpenAi), ollama = int(ProviderKind::Ollama),
              anthropic = int(ProviderKind::Anthropic);
    QTest::newRow("openai 401")
        << openai << 401
        << QByteArray(
               R"({"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}})")
        << int(LlmError::Kind::BadKey) << QStringLiteral("Incorrect API key");
    QTest::newRow("openai model")
        << openai << 404
        << QByteArray(R"({"error":{"message":"The model `x` does not exist","code":"model_not_found"}})")
        << int(LlmError::Kind::ModelNotFound) << QStringLiteral("does not exist");
    QTest::newRow("openai context")
        << openai << 400
        << QByteArray(
               R"({"error":{"message":"This model's maximum context length is 8192 tokens","code":"context_length_exceeded"}})")
        << int(LlmError::Kind::ContextTooLong) << QStringLiteral("8192");
    QTest::newRow("openai 429") << openai << 429
                                << QByteArray(R"({"error":{"message":"Rate limit reached"}})")
                                << int(LlmError::Kind::RateLimited) << QStringLiteral("Rate limit reached");
    QTest::newRow("ollama model") << ollama << 404
                                  << QByteArray(R"({"error":"model \"x\" not found, try pulling it first"})")
                                  << int(LlmError::Kind::ModelNotFound) << QStringLiteral("try pulling");
    QTest::newRow("ollama 500") << ollama << 500 << QByteArray(R"({"error":"out of memory"})")
                                << int(LlmError::Kind::ServerError) << QStringLiteral("out of memory");
    QTest::newRow("anthropic key")
        << anthropic << 401
        << QByteArray(
               R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})")
        << int(LlmError::Kind::BadKey) << QStringLiteral("invalid x-api-key");
    QTest::newRow("anthropic long")
        << anthropic << 400
        << QByteArray(
               R"({"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 9000 tokens > 8192 maximum"}})")
        << int(LlmError::Kind::ContextTooLong) << QStringLiteral("prompt is too long");
    QTest::newRow("html 502") << openai << 502
                              << QByteArray("<html><head><title>502 Bad Gateway</title></head></html>")
                              << int(LlmError::Kind::ServerError) << QStringLiteral("502 Bad Gateway");
    QTest::newRow("wrong path") << openai << 404 << QByteArray("404 page not found")
                                << int(LlmError::Kind::BadRequest) << QStringLiteral("base URL");
}

void TestStreamParsers::errorClassification()
{
    QFETCH(int, kind);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, expected);
    QFETCH(QString, mentions);
    ProviderConfig config;
    config.kind = static_cast<ProviderKind>(kind);
    const LlmError e = Protocol::create(config)->errorFromResponse(status, body, QStringLiteral("x"));
    QCOMPARE(int(e.kind), expected);
    QVERIFY2(e.message.contains(mentions), qPrintable(e.message));
    QCOMPARE(e.httpStatus, status);
}

void TestStreamParsers::nonStreamedAnswersAndModelLists()
{
    ProviderConfig config;
    auto openai = Protocol::create(config);
    auto r = openai->parseChat(
        R"({"choices":[{"message":{"role":"assistant","content":"Hi"},"finish_reason":"length"}],"usage":{"prompt_tokens":3,"completion_tokens":1}})");
    QVERIFY(r.ok());
    QCOMPARE(r->content, QStringLiteral("Hi"));
    QCOMPARE(r->finishReason, QStringLiteral("length"));
    QCOMPARE(*r->completionTokens, 1);
    QVERIFY(!openai->parseChat("{\"choices\": [").ok());
    QVERIFY(!openai->parseChat("[]").ok());
    auto models = openai->parseModels(R"({"data":[{"id":"a"},{"id":"b"},{"object":"model"}]})");
    QVERIFY(models.ok());
    QCOMPARE(models->size(), 2);
    QVERIFY(!openai->parseModels(R"({"models":[]})").ok());
    auto vectors = openai->parseEmbeddings(
        R"({"data":[{"index":1,"embedding":[0.5]},{"index":0,"embedding":[0.25]}]})");
    QVERIFY(vectors.ok());
    QCOMPARE(vectors->at(0).at(0), 0.25f); // ordered by index

    config.kind = ProviderKind::Anthropic;
    auto anthropic = Protocol::create(config);
    auto a = anthropic->parseChat(
        R"({"content":[{"type":"thinking","thinking":"hm"},{"type":"text","text":"Hello"},{"type":"tool_use","id":"t","name":"f","input":{"x":1}}],"stop_reason":"max_tokens","usage":{"input_tokens":4,"output_tokens":2}})");
    QVERIFY(a.ok());
    QCOMPARE(a->content, QStringLiteral("Hello"));
    QCOMPARE(a->reasoning, QStringLiteral("hm"));
    QCOMPARE(a->finishReason, QStringLiteral("length"));
    QCOMPARE(a->toolCalls.size(), 1);
    QCOMPARE(a->toolCalls.first().arguments, QStringLiteral("{\"x\":1}"));
    QVERIFY(!anthropic->supportsEmbeddings());

    config.kind = ProviderKind::Ollama;
    auto ollama = Protocol::create(config);
    auto o = ollama->parseChat(
        R"({"message":{"role":"assistant","content":"Yo","thinking":"t"},"done":true,"done_reason":"stop","prompt_eval_count":9,"eval_count":2})");
    QVERIFY(o.ok());
    QCOMPARE(o->content, QStringLiteral("Yo"));
    QCOMPARE(*o->promptTokens, 9);
    ModelInfo info;
    ollama->parseModelDetails(
        R"({"model_info":{"llama.context_length":131072},"capabilities":["completion","vision"]})", info);
    QCOMPARE(info.contextLength, 131072);
    QCOMPARE(info.capabilities, QStringList({QStringLiteral("completion"), QStringLiteral("vision")}));
}
#endif

QTEST_GUILESS_MAIN(TestStreamParsers)
#include "tst_streamparsers.moc"
