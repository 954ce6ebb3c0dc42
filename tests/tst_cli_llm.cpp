// cairn-cli against the loopback test server: connection add/list/remove, models and a streamed
// chat, with the real keychain and real processes.
#include "LlmTestServer.h"
#include "TestSupport.h"

#include <QDateTime>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace cairn;
using cairn::test::Fault;
using cairn::test::FaultSpec;
using cairn::test::LlmTestServer;
using cairn::test::ServerConfig;

class TestCliLlm : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<LlmTestServer> m_server;
    const QByteArray m_key = "sk-cli-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());

    test::Run cli(QStringList args, const QByteArray &input = {})
    {
        args.prepend(m_dir.filePath(QStringLiteral("data")));
        args.prepend(QStringLiteral("--data-dir"));
        if (input.isNull())
            return test::runProgram(test::cliPath(), args);
        QProcess p;
        p.start(test::cliPath(), args);
        p.write(input);
        p.closeWriteChannel();
        test::Run r;
        if (p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit)
            r.exitCode = p.exitCode();
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    static void expectOk(const test::Run &r)
    {
        QVERIFY2(r.exitCode == 0, QByteArray(r.err + r.out).constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<LlmTestServer>();
        QVERIFY(m_server->isListening());
        expectOk(cli({QStringLiteral("db"), QStringLiteral("create")}));
    }

    void addListAndModels()
    {
        ServerConfig sc;
        sc.requiredKey = m_key;
        sc.models = {QStringLiteral("m-one"), QStringLiteral("m-two")};
        m_server->setConfig(sc);
        const QString keyFile = m_dir.filePath(QStringLiteral("key.txt"));
        QVERIFY(test::writeFile(keyFile, m_key + "\n"));
        expectOk(cli({QStringLiteral("connection"), QStringLiteral("add"), QStringLiteral("--name"),
            QStringLiteral("Local test"), QStringLiteral("--kind"), QStringLiteral("openai"),
            QStringLiteral("--base-url"), m_server->openAiBaseUrl().toString(), QStringLiteral("--key-file"),
            keyFile, QStringLiteral("--header"), QStringLiteral("X-Title: Cairn CLI")}));
        expectOk(cli({QStringLiteral("connection"), QStringLiteral("add"), QStringLiteral("--name"),
            QStringLiteral("Ollama"), QStringLiteral("--kind"), QStringLiteral("ollama"),
            QStringLiteral("--base-url"), m_server->ollamaBaseUrl().toString(), QStringLiteral("--key-file"),
            keyFile}));
        QVERIFY(QFile::remove(keyFile));

        const test::Run dup = cli({QStringLiteral("connection"), QStringLiteral("add"),
            QStringLiteral("--name"), QStringLiteral("Ollama"), QStringLiteral("--kind"),
            QStringLiteral("ollama"), QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:1")});
        QCOMPARE(dup.exitCode, 1);
        QVERIFY2(dup.err.contains("already exists"), dup.err.constData());
        const test::Run bad = cli({QStringLiteral("connection"), QStringLiteral("add"),
            QStringLiteral("--name"), QStringLiteral("X"), QStringLiteral("--kind"), QStringLiteral("gemini"),
            QStringLiteral("--base-url"), QStringLiteral("http://h")});
        QCOMPARE(bad.exitCode, 2);

        const test::Run list = cli({QStringLiteral("connection"), QStringLiteral("list")});
        expectOk(list);
        const QList<QByteArray> lines = list.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QByteArray expected = "Local test\topenai\t" + m_server->openAiBaseUrl().toString().toUtf8()
            + "\tenabled\tkey in keychain\t";
        QVERIFY2(lines[0].startsWith(expected), lines[0].constData());
        QVERIFY(lines[1].startsWith("Ollama\tollama\t"));
        QVERIFY(!list.out.contains(m_key));

        const test::Run models
            = cli({QStringLiteral("models"), QStringLiteral("--connection"), QStringLiteral("Local test")});
        expectOk(models);
        QCOMPARE(models.out, QByteArray("m-one\nm-two\n"));
        QCOMPARE(m_server->requests().last().header("X-Title"), QByteArray("Cairn CLI"));
        QCOMPARE(m_server->requests().last().header("Authorization"), "Bearer " + m_key);

        // The key is in the keychain only: no file in the data directory holds it.
        QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            QVERIFY2(!test::readFile(it.next()).contains(m_key), qPrintable(it.filePath()));
    }

    void chatStreamsTheAnswer()
    {
        ServerConfig sc;
        sc.requiredKey = m_key;
        sc.models = {QStringLiteral("m-one"), QStringLiteral("m-two")};
        sc.reply = QStringLiteral("Streamed answer: 東京 🏔️ done.");
        sc.reasoning = QStringLiteral("thinking it over");
        m_server->setConfig(sc);
        m_server->clearRequests();
        const test::Run r = cli({QStringLiteral("chat"), QStringLiteral("--connection"),
            QStringLiteral("Local test"), QStringLiteral("--system"), QStringLiteral("Be kind."),
            QStringLiteral("--model"), QStringLiteral("m-two"), QStringLiteral("--stats"),
            QStringLiteral("Hello"), QStringLiteral("world")});
        expectOk(r);
        QCOMPARE(QString::fromUtf8(r.out), sc.reply + QStringLiteral("\n")); // the answer only
        QVERIFY(r.err.contains("thinking it over")); // thinking apart, on stderr
        QVERIFY2(r.err.contains("11 prompt + "), r.err.constData());
        const QJsonObject body = QJsonDocument::fromJson(m_server->requests().last().body).object();
        QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("m-two"));
        const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).toObject().value(QStringLiteral("content")).toString(),
            QStringLiteral("Be kind."));
        QCOMPARE(messages.at(1).toObject().value(QStringLiteral("content")).toString(),
            QStringLiteral("Hello world"));

        // The prompt from stdin; the model from the cached list (first enabled model).
        sc.reply.clear();
        sc.reasoning.clear();
        m_server->setConfig(sc);
        const test::Run echo
            = cli({QStringLiteral("chat"), QStringLiteral("--connection"), QStringLiteral("Local test")},
                QByteArray("Ünïcode from stdin\n"));
        expectOk(echo);
        QCOMPARE(QString::fromUtf8(echo.out), QStringLiteral("Echo: Ünïcode from stdin\n"));
        QCOMPARE(QJsonDocument::fromJson(m_server->requests().last().body)
                     .object()
                     .value(QStringLiteral("model"))
                     .toString(),
            QStringLiteral("m-one"));

        // Ollama and Anthropic stream too.
        sc.reply = QStringLiteral("Ollama says hi");
        m_server->setConfig(sc);
        const test::Run ollama
            = cli({QStringLiteral("chat"), QStringLiteral("--connection"), QStringLiteral("Ollama"),
                QStringLiteral("--model"), QStringLiteral("m-one"), QStringLiteral("Hi")});
        expectOk(ollama);
        QCOMPARE(ollama.out, QByteArray("Ollama says hi\n"));
    }

    void failuresExitNonZeroWithTheMessage()
    {
        ServerConfig sc;
        sc.requiredKey = m_key;
        sc.models = {QStringLiteral("m-one")};
        sc.reply = QStringLiteral("one two three four five six");
        m_server->setConfig(sc);
        m_server->queueFault(FaultSpec {Fault::ServerError500, 0, 0, -1, {}, 0});
        const test::Run r500
            = cli({QStringLiteral("chat"), QStringLiteral("--connection"), QStringLiteral("Local test"),
                QStringLiteral("--model"), QStringLiteral("m-one"), QStringLiteral("Hi")});
        QCOMPARE(r500.exitCode, 1);
        QVERIFY2(r500.err.startsWith("cairn-cli: The server failed (HTTP 500)"), r500.err.constData());
        QVERIFY(r500.err.contains("simulated"));

        m_server->queueFault(FaultSpec {Fault::DropMidStream, 0, 3, -1, {}, 0});
        const test::Run drop
            = cli({QStringLiteral("chat"), QStringLiteral("--connection"), QStringLiteral("Local test"),
                QStringLiteral("--model"), QStringLiteral("m-one"), QStringLiteral("Hi")});
        QCOMPARE(drop.exitCode, 1);
        QCOMPARE(drop.out, QByteArray("one two three \n")); // what arrived was printed
        QVERIFY2(drop.err.contains("mid-answer") || drop.err.contains("ended before"), drop.err.constData());

        const test::Run missing = cli({QStringLiteral("chat"), QStringLiteral("--connection"),
            QStringLiteral("Nope"), QStringLiteral("Hi")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("no connection named"));
        const test::Run noConn = cli({QStringLiteral("chat"), QStringLiteral("Hi")});
        QCOMPARE(noConn.exitCode, 2);
    }

    void interruptStopsAndKeepsWhatArrived()
    {
        ServerConfig sc;
        sc.requiredKey = m_key;
        sc.models = {QStringLiteral("m-one")};
        sc.reply = QStringLiteral("slow words arrive one at a time here");
        sc.tokensPerSecond = 4;
        m_server->setConfig(sc);
        QProcess p;
        p.start(test::cliPath(),
            {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("data")), QStringLiteral("chat"),
                QStringLiteral("--connection"), QStringLiteral("Local test"), QStringLiteral("--model"),
                QStringLiteral("m-one"), QStringLiteral("Hi")});
        QVERIFY(p.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains("words"), 10000);
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(10000));
        out += p.readAllStandardOutput();
        QCOMPARE(p.exitCode(), 130);
        QVERIFY(out.startsWith("slow words "));
        QVERIFY(out.size() < sc.reply.size());
        QVERIFY(p.readAllStandardError().contains("stopped"));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), 0, 3000);
    }

    void removeTakesTheKeyAlong()
    {
        expectOk(cli({QStringLiteral("connection"), QStringLiteral("remove"), QStringLiteral("Ollama")}));
        const test::Run list = cli({QStringLiteral("connection"), QStringLiteral("list")});
        QVERIFY(!list.out.contains("Ollama"));
        QCOMPARE(
            cli({QStringLiteral("connection"), QStringLiteral("remove"), QStringLiteral("Ollama")}).exitCode,
            1);
        const test::Run chat = cli({QStringLiteral("chat"), QStringLiteral("--connection"),
            QStringLiteral("Ollama"), QStringLiteral("Hi")});
        QCOMPARE(chat.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestCliLlm)
#include "tst_cli_llm.moc"
