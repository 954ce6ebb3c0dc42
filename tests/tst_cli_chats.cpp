// cairn-cli import, export, chats list and search: real processes, the real keychain, a real
// encrypted database.
#include "TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace cairn;

class TestCliChats : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    test::Run cli(QStringList args, const QString &dataDir = QStringLiteral("data"))
    {
        args.prepend(m_dir.filePath(dataDir));
        args.prepend(QStringLiteral("--data-dir"));
        return test::runProgram(test::cliPath(), args);
    }

    static void expectOk(const test::Run &r)
    {
        QVERIFY2(r.exitCode == 0, QByteArray(r.err + r.out).constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        expectOk(cli({QStringLiteral("db"), QStringLiteral("create")}));
    }

    void importListSearchExport()
    {
        const QString owui = QFINDTESTDATA("data/openwebui-chats.json");
        const QString gpt = QFINDTESTDATA("data/chatgpt-conversations.json");
        test::Run r = cli({QStringLiteral("import"), owui});
        expectOk(r);
        QCOMPARE(r.out.trimmed(),
            QByteArray("imported 2 chats with 6 messages from Open WebUI (0 already there)"));
        r = cli({QStringLiteral("import"), gpt});
        expectOk(r);
        QVERIFY2(r.out.contains("imported 1 chat with 5 messages from ChatGPT"), r.out.constData());
        r = cli({QStringLiteral("import"), owui});
        expectOk(r);
        QVERIFY2(r.out.contains("imported 0 chats with 0 messages from Open WebUI (2 already there)"),
            r.out.constData());

        // chats list: one a line, pinned first; the archived one only with --archived.
        r = cli({QStringLiteral("chats"), QStringLiteral("list")});
        expectOk(r);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).endsWith("\tRegex help\t2024-05-29T16:27:00Z"), lines.at(0).constData()); // UTC
        QVERIFY(lines.at(1).contains("\tTrip to Lisbon\t"));
        const QByteArray lisbonId = lines.at(1).split('\t').first();
        QCOMPARE(lisbonId.size(), 36);
        r = cli({QStringLiteral("chats"), QStringLiteral("list"), QStringLiteral("--archived")});
        expectOk(r);
        QVERIFY(r.out.contains("\tOld linear chat\t"));

        // search: ranked hits naming chat, id, message and snippet, matches in brackets.
        r = cli({QStringLiteral("search"), QStringLiteral("tram")});
        expectOk(r);
        QCOMPARE(r.out.count('\n'), 1);
        const QByteArray expectedStart = "Trip to Lisbon (" + lisbonId + ") assistant ";
        QVERIFY2(r.out.startsWith(expectedStart), r.out.constData());
        QVERIFY(r.out.contains(": Start with the [tram] 28, then pastéis de nata."));
        r = cli({QStringLiteral("search"), QStringLiteral("日本語")});
        expectOk(r);
        QVERIFY2(r.out.contains("Regex help") && r.out.contains("[日本語]"), r.out.constData());
        r = cli({QStringLiteral("search"), QStringLiteral("(unbalanced \"quote")});
        expectOk(r);
        QVERIFY(r.out.isEmpty());
        QVERIFY(r.err.contains("no matches"));

        // export: all as JSON into a fresh database gives the same chats; one chat as Markdown.
        const QString json = m_dir.filePath(QStringLiteral("all.json"));
        expectOk(cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"), json}));
        QCOMPARE(QFile::permissions(json) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
            QFileDevice::Permissions());
        const QJsonObject root = QJsonDocument::fromJson(test::readFile(json)).object();
        QCOMPARE(root.value(QStringLiteral("format")).toString(), QStringLiteral("cairn-chats"));
        QCOMPARE(root.value(QStringLiteral("chats")).toArray().size(), 3);
        expectOk(cli({QStringLiteral("db"), QStringLiteral("create")}, QStringLiteral("other")));
        r = cli({QStringLiteral("import"), json}, QStringLiteral("other"));
        expectOk(r);
        QVERIFY2(r.out.contains("imported 3 chats with 11 messages from Cairn JSON"), r.out.constData());
        r = cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("md"),
            QStringLiteral("--chat"), QString::fromLatin1(lisbonId), QStringLiteral("-")});
        expectOk(r);
        QVERIFY(r.out.startsWith("# Trip to Lisbon\n"));
        QVERIFY(r.out.contains("Try Time Out Market."));

        // Errors: one line, non-zero.
        r = cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("pdf"), json});
        QCOMPARE(r.exitCode, 2);
        r = cli({QStringLiteral("import"), m_dir.filePath(QStringLiteral("missing.json"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.startsWith("cairn-cli: cannot read"));
        const QString broken = m_dir.filePath(QStringLiteral("broken.json"));
        QVERIFY(test::writeFile(broken, "[{\"id\":\"x\",\"chat\":{\"title\":\"no history\"}}]"));
        r = cli({QStringLiteral("import"), broken});
        QCOMPARE(r.exitCode, 1); // bad content is a failure, not a usage error
        QVERIFY2(r.err.contains("neither a message history"), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        const QString empty = m_dir.filePath(QStringLiteral("empty.json"));
        QVERIFY(test::writeFile(empty, ""));
        r = cli({QStringLiteral("import"), empty});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is empty"), r.err.constData());
        r = cli({QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json"),
            QStringLiteral("--chat"), QString(), QStringLiteral("-")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        r = cli({QStringLiteral("chats"), QStringLiteral("list")});
        QCOMPARE(r.out.trimmed().split('\n').size(), 2); // nothing from the broken file
    }
};

QTEST_GUILESS_MAIN(TestCliChats)
#include "tst_cli_chats.moc"
