// cairn-llm-test-server: the LLM test server as a program, for manual use and benchmarks. Serves the
// OpenAI-compatible, Ollama and Anthropic protocols on 127.0.0.1 until SIGTERM or SIGINT.
#include "LlmTestServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>
#include <QSslCertificate>
#include <QSslKey>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace cairn::test;

namespace {

#ifdef Q_OS_UNIX
int g_signalFds[2] = {-1, -1};

extern "C" void onQuitSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalFds[0], &byte, 1);
}

void quitOnSignals()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalFds) != 0)
        return;
    ::fcntl(g_signalFds[0], F_SETFL, O_NONBLOCK);
    auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, QCoreApplication::instance());
    QObject::connect(notifier, &QSocketNotifier::activated, QCoreApplication::instance(), [] {
        char byte = 0;
        [[maybe_unused]] const ssize_t n = ::read(g_signalFds[1], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction sa {
    };
    sa.sa_handler = onQuitSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int sig : {SIGTERM, SIGINT})
        ::sigaction(sig, &sa, nullptr);
}
#else
void quitOnSignals() { }
#endif

int fail(const QString &message)
{
    std::fprintf(stderr, "cairn-llm-test-server: %s\n", qPrintable(message));
    return 1;
}

QByteArray readAll(const QString &path, bool *ok)
{
    QFile f(path);
    *ok = f.open(QIODevice::ReadOnly);
    return *ok ? f.readAll() : QByteArray();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cairn-llm-test-server"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "LLM test server: OpenAI-compatible (/v1), Ollama (/api) and Anthropic (/v1/messages) on "
        "127.0.0.1. Without --reply or --tokens it echoes the last user message."));
    parser.addHelpOption();
    const QCommandLineOption portOpt(QStringLiteral("port"),
        QStringLiteral("Port to listen on (0 = a free port)."), QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption replyOpt(QStringLiteral("reply"),
        QStringLiteral("Answer with TEXT (one piece per word)."), QStringLiteral("TEXT"));
    const QCommandLineOption tokensOpt(QStringLiteral("tokens"),
        QStringLiteral("Answer with N tokens \"tok0 tok1 ...\", one piece each."), QStringLiteral("N"));
    const QCommandLineOption tpsOpt(QStringLiteral("tokens-per-second"),
        QStringLiteral("Pace the pieces (0 = as fast as possible)."), QStringLiteral("R"),
        QStringLiteral("0"));
    const QCommandLineOption modelsOpt(QStringLiteral("models"),
        QStringLiteral("Comma-separated model names (default test-chat,test-embed)."),
        QStringLiteral("a,b,c"));
    const QCommandLineOption keyOpt(
        QStringLiteral("key"), QStringLiteral("Require this API key."), QStringLiteral("KEY"));
    const QCommandLineOption reasoningOpt(QStringLiteral("reasoning"),
        QStringLiteral("Stream TEXT as reasoning/thinking before the answer."), QStringLiteral("TEXT"));
    const QCommandLineOption toolOpt(
        QStringLiteral("tool-call"), QStringLiteral("Also answer with a get_weather tool call."));
    const QCommandLineOption certOpt(QStringLiteral("tls-cert"),
        QStringLiteral("Serve HTTPS with this PEM certificate."), QStringLiteral("FILE"));
    const QCommandLineOption keyFileOpt(
        QStringLiteral("tls-key"), QStringLiteral("PEM private key for --tls-cert."), QStringLiteral("FILE"));
    const QCommandLineOption paragraphOpt(QStringLiteral("paragraph"),
        QStringLiteral("With --tokens: end a paragraph (a blank line) after every N tokens (0 = never)."),
        QStringLiteral("N"), QStringLiteral("0"));
    parser.addOption(paragraphOpt);
    parser.addOptions({portOpt, replyOpt, tokensOpt, tpsOpt, modelsOpt, keyOpt, reasoningOpt, toolOpt,
        certOpt, keyFileOpt});
    parser.process(app);

    bool ok = false;
    const uint port = parser.value(portOpt).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(QStringLiteral("--port needs a number from 0 to 65535"));
    ServerConfig config;
    if (parser.isSet(tokensOpt)) {
        const int n = parser.value(tokensOpt).toInt(&ok);
        if (!ok || n < 0)
            return fail(QStringLiteral("--tokens needs a number >= 0"));
        for (int i = 0; i < n; ++i) {
            const int paragraph = parser.value(paragraphOpt).toInt();
            const bool breakHere = paragraph > 0 && (i + 1) % paragraph == 0;
            config.pieces << (QStringLiteral("tok%1").arg(i)
                + (i + 1 < n ? (breakHere ? QStringLiteral("\n\n") : QStringLiteral(" ")) : QString()));
        }
    }
    config.reply = parser.value(replyOpt);
    config.tokensPerSecond = parser.value(tpsOpt).toInt(&ok);
    if (!ok || config.tokensPerSecond < 0)
        return fail(QStringLiteral("--tokens-per-second needs a number >= 0"));
    if (parser.isSet(modelsOpt))
        config.models = parser.value(modelsOpt).split(u',', Qt::SkipEmptyParts);
    config.requiredKey = parser.value(keyOpt).toUtf8();
    config.reasoning = parser.value(reasoningOpt);
    config.toolCall = parser.isSet(toolOpt);

    LlmTestServer server(static_cast<quint16>(port));
    if (!server.isListening())
        return fail(QStringLiteral("cannot listen on port %1: %2").arg(port).arg(server.errorString()));
    if (parser.isSet(certOpt) || parser.isSet(keyFileOpt)) {
        if (!parser.isSet(certOpt) || !parser.isSet(keyFileOpt))
            return fail(QStringLiteral("--tls-cert and --tls-key go together"));
        bool certOk = false;
        bool keyOk = false;
        const QSslCertificate cert(readAll(parser.value(certOpt), &certOk), QSsl::Pem);
        const QByteArray keyPem = readAll(parser.value(keyFileOpt), &keyOk);
        QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
        if (!certOk || cert.isNull())
            return fail(QStringLiteral("cannot read the certificate %1").arg(parser.value(certOpt)));
        if (!keyOk || key.isNull())
            return fail(QStringLiteral("cannot read the private key %1").arg(parser.value(keyFileOpt)));
        if (!server.startTls(cert, key))
            return fail(QStringLiteral("cannot serve TLS: %1").arg(server.errorString()));
    }
    server.setConfig(config);

    quitOnSignals();
    std::printf("listening on %s\n", server.origin().toString().toUtf8().constData());
    std::fflush(stdout);
    return app.exec();
}
