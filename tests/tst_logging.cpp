// Logging: spdlog sinks, Qt message routing, SQLite/SQLCipher logs, and redaction of secrets
// before any sink sees a line.
#include "TestSupport.h"

#include "common/Logging.h"
#include "common/Redactor.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

using namespace cairn;

class TestLogging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void redactsKnownShapes_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("secret");
        QTest::newRow("bearer") << QStringLiteral("Authorization: Bearer sk-proj-AbCdEfGhIjKlMnOpQrSt123")
                                << QStringLiteral("AbCdEfGhIjKlMnOpQrSt123");
        QTest::newRow("bearer-json") << QStringLiteral(R"({"Authorization": "Bearer abc.def.ghi-token"})")
                                     << QStringLiteral("abc.def.ghi-token");
        QTest::newRow("x-api-key") << QStringLiteral("x-api-key: sk-ant-api03-zzzzzzzzzzzzzzzzzzzz")
                                   << QStringLiteral("zzzzzzzzzzzzzzzzzzzz");
        QTest::newRow("azure-api-key")
            << QStringLiteral("api-key: 0123456789abcdef0123") << QStringLiteral("0123456789abcdef0123");
        QTest::newRow("json-api_key") << QStringLiteral(R"({"api_key": "plain-secret-value", "model": "x"})")
                                      << QStringLiteral("plain-secret-value");
        QTest::newRow("passphrase=") << QStringLiteral("unlock passphrase=hunter2hunter2 ok")
                                     << QStringLiteral("hunter2hunter2");
        QTest::newRow("password:") << QStringLiteral("password: 'with spaces inside'")
                                   << QStringLiteral("with spaces inside");
        QTest::newRow("openai-key") << QStringLiteral("using key sk-1234567890abcdefghijklmn for x")
                                    << QStringLiteral("sk-1234567890abcdefghijklmn");
        QTest::newRow("url-userinfo")
            << QStringLiteral("proxy http://bob:s3cretpw@proxy.local:3128") << QStringLiteral("s3cretpw");
        QTest::newRow("raw-key") << QStringLiteral(
            "PRAGMA key = \"x'00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff'\"")
                                 << QStringLiteral("00112233445566778899aabbccddeeff");
    }

    void redactsKnownShapes()
    {
        QFETCH(QString, input);
        QFETCH(QString, secret);
        const QString out = Redactor::redact(input);
        QVERIFY2(!out.contains(secret), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String(Redactor::kMask)), qPrintable(out));
    }

    void keepsOrdinaryText()
    {
        const QString text = QStringLiteral("opened chat 42 with model llama3.1:8b in 120 ms; tokens=300");
        QCOMPARE(Redactor::redact(text), text);
    }

    void redactsRegisteredSecrets()
    {
        Redactor::registerSecret("my-unusual-phrase");
        QCOMPARE(Redactor::redact(QStringLiteral("typed my-unusual-phrase twice: my-unusual-phrase")),
            QStringLiteral("typed [REDACTED] twice: [REDACTED]"));
        Redactor::forgetSecret("my-unusual-phrase");
        QVERIFY(Redactor::redact(QStringLiteral("my-unusual-phrase")).contains(QStringLiteral("unusual")));
    }

    void everySinkGetsRedactedLines()
    {
        QTemporaryDir dir;
        // A data directory the log is the first to create is owner-only, and so is the log file.
        const QString data = dir.filePath(QStringLiteral("new-data"));
        Logging::init({QDir(data).filePath(QStringLiteral("logs")), QStringLiteral("debug"), false});
        const auto others = QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::ExeGroup
            | QFileDevice::ExeOther | QFileDevice::WriteGroup | QFileDevice::WriteOther;
        QCOMPARE(QFile::permissions(data) & others, QFileDevice::Permissions());
        QCOMPARE(QFile::permissions(QDir(data).filePath(QStringLiteral("logs/cairn.log"))) & others,
            QFileDevice::Permissions());
        Logging::init({dir.filePath(QStringLiteral("logs")), QStringLiteral("debug"), false});
        Logging::installQtMessageHandler();
        std::ostringstream captured;
        auto extra = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
        Logging::addSink(extra);
        Redactor::registerSecret("registered-passphrase-77");

        spdlog::info("request headers: Authorization: Bearer sk-live-0123456789abcdefghij");
        spdlog::warn("user typed registered-passphrase-77 into the box");
        qWarning("qt says api_key=qt-secret-value-999 and more");
        qInfo("plain qt info line");
        Logging::flush();
        Logging::removeSink(extra);

        const QString file = Logging::logFilePath();
        QVERIFY(file.startsWith(dir.path()));
        const QByteArray fileText = test::readFile(file);
        const QByteArray sinkText = QByteArray::fromStdString(captured.str());
        for (const QByteArray &text : {fileText, sinkText}) {
            QVERIFY2(!text.contains("0123456789abcdefghij"), text.constData());
            QVERIFY(!text.contains("registered-passphrase-77"));
            QVERIFY(!text.contains("qt-secret-value-999"));
            QVERIFY(text.contains("request headers: Authorization: [REDACTED]"));
            QVERIFY(text.contains("user typed [REDACTED] into the box"));
            QVERIFY(text.contains("plain qt info line"));
        }
        Logging::shutdown();
    }

    void levelPrecedence()
    {
        qputenv(Logging::kEnvVar, "error");
        QCOMPARE(
            Logging::resolveLevel(QStringLiteral("debug"), QStringLiteral("warn")), QStringLiteral("debug"));
        QCOMPARE(Logging::resolveLevel(QString(), QStringLiteral("warn")), QStringLiteral("error"));
        qunsetenv(Logging::kEnvVar);
        QCOMPARE(Logging::resolveLevel(QString(), QStringLiteral("warn")), QStringLiteral("warn"));
        QCOMPARE(Logging::resolveLevel(QStringLiteral("bogus"), QString()), QStringLiteral("info"));
        QTemporaryDir dir;
        Logging::init({dir.path(), QStringLiteral("warn"), false});
        spdlog::info("below the level");
        spdlog::warn("at the level");
        Logging::flush();
        const QByteArray text = test::readFile(Logging::logFilePath());
        QVERIFY(!text.contains("below the level"));
        QVERIFY(text.contains("at the level"));
    }

    void sqlcipherLogGoesToOurLogNotStderr()
    {
        QTemporaryDir dir;
        const QString pass = dir.filePath(QStringLiteral("pass"));
        const QString wrong = dir.filePath(QStringLiteral("wrong"));
        QVERIFY(test::writeFile(pass, "the-right-passphrase-123\n"));
        QVERIFY(test::writeFile(wrong, "not-the-passphrase-456\n"));
        const QString data = dir.filePath(QStringLiteral("data"));
        auto created = test::runProgram(test::cliPath(),
            {QStringLiteral("--data-dir"), data, QStringLiteral("--passphrase-file"), pass,
                QStringLiteral("db"), QStringLiteral("create")});
        QCOMPARE(created.exitCode, 0);
        auto denied = test::runProgram(test::cliPath(),
            {QStringLiteral("--data-dir"), data, QStringLiteral("--passphrase-file"), wrong,
                QStringLiteral("--log-level"), QStringLiteral("debug"), QStringLiteral("db"),
                QStringLiteral("check")});
        QCOMPARE(denied.exitCode, 3);
        QCOMPARE(denied.err.count('\n'), 1);
        QVERIFY(denied.err.contains("wrong passphrase, or not a Cairn database"));
        QVERIFY2(!denied.err.contains("hmac"), denied.err.constData());
        QVERIFY(!denied.err.contains("ERROR CORE"));
        const QByteArray log = test::readFile(QDir(data).filePath(QStringLiteral("logs/cairn.log")));
        QVERIFY2(log.contains("[sqlcipher]") && log.contains("hmac check failed"), log.constData());
        QVERIFY(log.contains("[sqlite]"));
        // Neither passphrase ever reaches the log.
        QVERIFY(!log.contains("the-right-passphrase-123"));
        QVERIFY(!log.contains("not-the-passphrase-456"));
    }
};

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
