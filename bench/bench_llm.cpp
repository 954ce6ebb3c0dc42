// bench_llm: stream parser throughput and the client's CPU cost while receiving a stream.
//   bench_llm [--megabytes N] [--repeat R] [--seconds S] [--server PATH]
// Prints "name: value unit" lines (medians of R runs).
//  - sse_parse_*: SseParser alone over an N MB OpenAI-style event stream fed in 1 KiB and in 7-byte
//    pieces;
//  - openai_decode_*: the whole OpenAI decoder (SSE + JSON + deltas) over the same stream;
//  - ndjson_decode_1k: the Ollama decoder over an NDJSON stream of the same size;
//  - client_cpu_*: the CPU time (user + system) of this process while LlmClient receives a loopback
//    stream at 2,000 tokens/s from cairn-llm-test-server running as a separate process.
#include "BenchReport.h"

#include "llm/LlmClient.h"
#include "llm/Protocol.h"
#include "llm/StreamParsers.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTimer>

#include <spdlog/spdlog.h>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace cairn::llm;
using cairn::bench::print;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

QByteArray sseStream(qint64 bytes)
{
    static const char *words[] = {"the", " quick", " brown", " fox", " jumps", " over", " the", " lazy",
        " dog", " 東京", " naïve", " 🏔️", "\\n", " and", " then", " some"};
    QByteArray out;
    out.reserve(bytes + 512);
    int i = 0;
    while (out.size() < bytes) {
        out += "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
               "\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"";
        out += words[i++ % 16];
        out += "\"},\"finish_reason\":null}]}\n\n";
    }
    out += "data: [DONE]\n\n";
    return out;
}

QByteArray ndjsonStream(qint64 bytes)
{
    QByteArray out;
    out.reserve(bytes + 512);
    int i = 0;
    while (out.size() < bytes) {
        out += "{\"model\":\"bench\",\"created_at\":\"2026-11-22T00:00:00Z\",\"message\":{\"role\":"
               "\"assistant\","
               "\"content\":\" word";
        out += QByteArray::number(i++ % 100);
        out += "\"},\"done\":false}\n";
    }
    out += "{\"model\":\"bench\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"eval_"
           "count\":1}\n";
    return out;
}

template<typename Feed> double throughput(const QByteArray &data, qsizetype piece, Feed feed)
{
    QElapsedTimer t;
    t.start();
    for (qsizetype i = 0; i < data.size(); i += piece)
        feed(QByteArrayView(data).sliced(i, std::min(piece, data.size() - i)));
    const double secs = static_cast<double>(t.nsecsElapsed()) / 1e9;
    return static_cast<double>(data.size()) / (1024.0 * 1024.0) / secs;
}

double cpuSeconds()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
        + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    spdlog::set_level(spdlog::level::warn); // only the figures on stdout
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{QStringLiteral("megabytes"), QStringLiteral("Size of the parsed stream."),
                           QStringLiteral("N"), QStringLiteral("100")},
        {QStringLiteral("repeat"), QStringLiteral("Runs per figure (median)."), QStringLiteral("R"),
            QStringLiteral("5")},
        {QStringLiteral("seconds"), QStringLiteral("Length of the loopback stream."), QStringLiteral("S"),
            QStringLiteral("10")},
        {QStringLiteral("server"), QStringLiteral("cairn-llm-test-server binary."), QStringLiteral("PATH"),
            QStringLiteral(CAIRN_LLM_TEST_SERVER)}});
    parser.process(app);
    const qint64 bytes = parser.value(QStringLiteral("megabytes")).toLongLong() * 1000 * 1000;
    const int repeat = std::max(1, parser.value(QStringLiteral("repeat")).toInt());
    const int seconds = std::max(1, parser.value(QStringLiteral("seconds")).toInt());

    const QByteArray sse = sseStream(bytes);
    const QByteArray nd = ndjsonStream(bytes);
    print("stream_size", static_cast<double>(sse.size()) / (1024.0 * 1024.0), "MiB");

    for (qsizetype piece : {qsizetype(1024), qsizetype(7)}) {
        std::vector<double> runs;
        qint64 events = 0;
        for (int r = 0; r < repeat; ++r) {
            SseParser parser2([&](const SseEvent &) { ++events; });
            runs.push_back(throughput(sse, piece, [&](QByteArrayView p) { parser2.feed(p); }));
            parser2.finish();
        }
        print(piece == 1024 ? "sse_parse_1k" : "sse_parse_7b", median(runs), "MB/s");
        if (events == 0)
            return 1;
    }
    ProviderConfig openai;
    for (qsizetype piece : {qsizetype(1024), qsizetype(7)}) {
        std::vector<double> runs;
        for (int r = 0; r < repeat; ++r) {
            auto decoder = Protocol::create(openai)->streamDecoder();
            QList<ChatDelta> out;
            qint64 chars = 0;
            runs.push_back(throughput(sse, piece, [&](QByteArrayView p) {
                decoder->feed(p, out);
                for (const ChatDelta &d : out)
                    chars += d.content.size();
                out.clear();
            }));
            if (chars == 0)
                return 1;
        }
        print(piece == 1024 ? "openai_decode_1k" : "openai_decode_7b", median(runs), "MB/s");
    }
    {
        ProviderConfig ollama;
        ollama.kind = ProviderKind::Ollama;
        std::vector<double> runs;
        for (int r = 0; r < repeat; ++r) {
            auto decoder = Protocol::create(ollama)->streamDecoder();
            QList<ChatDelta> out;
            runs.push_back(throughput(nd, 1024, [&](QByteArrayView p) {
                decoder->feed(p, out);
                out.clear();
            }));
        }
        print("ndjson_decode_1k", median(runs), "MB/s");
    }

    // The client receiving a paced loopback stream.
    const int tokens = 2000 * seconds;
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(parser.value(QStringLiteral("server")),
        {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tokens"), QString::number(tokens),
            QStringLiteral("--tokens-per-second"), QStringLiteral("2000")});
    if (!server.waitForStarted() || !server.waitForReadyRead(10000)) {
        std::fprintf(
            stderr, "bench_llm: cannot start %s\n", qPrintable(parser.value(QStringLiteral("server"))));
        return 1;
    }
    const QByteArray banner = server.readLine();
    const qsizetype at = banner.indexOf("http://");
    const QUrl origin(QString::fromLatin1(banner.mid(at).trimmed()));
    LlmClient client;
    for (ProviderKind kind : {ProviderKind::OpenAi, ProviderKind::Ollama, ProviderKind::Anthropic}) {
        ProviderConfig c;
        c.kind = kind;
        c.baseUrl = kind == ProviderKind::OpenAi ? origin.resolved(QUrl(QStringLiteral("/v1"))) : origin;
        ChatRequest req;
        req.model = QStringLiteral("test-chat");
        req.messages = {{ChatMessage::Role::User, QStringLiteral("Go"), {}}};
        std::vector<double> cpuPerSecond;
        qint64 received = 0;
        double wall = 0;
        for (int r = 0; r < std::min(repeat, 3); ++r) {
            const double cpu0 = cpuSeconds();
            QElapsedTimer t;
            t.start();
            const ChatResult result = client.chatSync(c, req);
            wall = static_cast<double>(t.elapsed()) / 1000.0;
            const double cpu = cpuSeconds() - cpu0;
            if (result.status != ChatResult::Status::Done) {
                std::fprintf(stderr, "bench_llm: %s\n", qPrintable(result.error.message));
                return 1;
            }
            received = result.completionTokens.value_or(0);
            cpuPerSecond.push_back(cpu / wall * 100.0);
        }
        const char *name = kind == ProviderKind::OpenAi ? "client_cpu_openai_2000tps"
            : kind == ProviderKind::Ollama              ? "client_cpu_ollama_2000tps"
                                                        : "client_cpu_anthropic_2000tps";
        print(name, median(cpuPerSecond), "% of one core");
        std::printf("%s_tokens: %lld tokens in %.1f s\n", name, static_cast<long long>(received), wall);
    }
    server.terminate();
    server.waitForFinished(5000);
    return 0;
}
