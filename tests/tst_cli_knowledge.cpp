// cairn-cli kb …: knowledge bases from the command line with real processes, the real keychain and
// the loopback model server for embeddings — including a process killed half-way through ingestion,
// whose work the next run finishes.
#include "LlmTestServer.h"
#include "TestSupport.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace cairn;
using cairn::test::LlmTestServer;
using cairn::test::ServerConfig;

class TestCliKnowledge : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<LlmTestServer> m_server;
    const QByteArray m_key = "sk-kb-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());

    QStringList base(QStringList args) const
    {
        return QStringList {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("data"))} + args;
    }
    test::Run cli(const QStringList &args) { return test::runProgram(test::cliPath(), base(args)); }
    static void expectOk(const test::Run &r)
    {
        QVERIFY2(r.exitCode == 0, QByteArray(r.err + r.out).constData());
    }
    QString write(const QString &relative, const QByteArray &bytes)
    {
        return test::writeUnder(m_dir.path(), relative, bytes);
    }
    // "status<TAB>N chunks<TAB>name<TAB>error" lines of kb docs, by name.
    QHash<QString, QStringList> docs(const QString &baseName)
    {
        const test::Run r = cli({QStringLiteral("kb"), QStringLiteral("docs"), baseName});
        QHash<QString, QStringList> out;
        for (const QByteArray &line : r.out.split('\n'))
            if (!line.isEmpty()) {
                const QStringList f = QString::fromUtf8(line).split(u'\t');
                out.insert(f.value(2), f);
            }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<LlmTestServer>();
        QVERIFY(m_server->isListening());
        ServerConfig sc;
        sc.requiredKey = m_key;
        sc.embeddingDims = 64;
        m_server->setConfig(sc);
        expectOk(cli({QStringLiteral("db"), QStringLiteral("create")}));
    }

    void createAddListSearch()
    {
        expectOk(cli({QStringLiteral("kb"), QStringLiteral("create"), QStringLiteral("Field notes"),
            QStringLiteral("--chunk-size"), QStringLiteral("64"), QStringLiteral("--overlap"),
            QStringLiteral("8")}));
        test::Run r = cli({QStringLiteral("kb"), QStringLiteral("create"), QStringLiteral("field NOTES")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("already exists"));
        QCOMPARE(cli({QStringLiteral("kb"), QStringLiteral("create")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("kb"), QStringLiteral("create"), QStringLiteral("X"),
                         QStringLiteral("--overlap"), QStringLiteral("40"), QStringLiteral("--chunk-size"),
                         QStringLiteral("64")})
                     .exitCode,
            2);
        QCOMPARE(cli({QStringLiteral("kb"), QStringLiteral("frobnicate")}).exitCode, 2);

        write(
            QStringLiteral("notes/birds.md"), "# Birds\n\nThe kingfisher dives for small fish in the river.");
        write(QStringLiteral("notes/trees/oak.txt"), "Oak trees can live for a thousand years.");
        write(QStringLiteral("notes/empty.txt"), QByteArray());
        write(QStringLiteral("notes/image.png"), QByteArray("\x89PNG\r\n\x1a\n", 8));
        r = cli({QStringLiteral("kb"), QStringLiteral("add"), QStringLiteral("Field notes"),
            m_dir.filePath(QStringLiteral("notes"))});
        QCOMPARE(r.exitCode, 1); // two files refused; the others are in
        QVERIFY2(r.err.contains("refused: \xe2\x80\x9c"
                                "empty.txt\xe2\x80\x9d is empty."),
            r.err.constData());
        QVERIFY(r.err.contains("image.png"));
        QVERIFY(r.err.contains("added 2 documents"));
        // Adding the same folder again skips what is there.
        r = cli({QStringLiteral("kb"), QStringLiteral("add"), QStringLiteral("field notes"),
            m_dir.filePath(QStringLiteral("notes/birds.md"))});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("skipped: \xe2\x80\x9c"
                                "birds.md\xe2\x80\x9d is already in this knowledge base"),
            r.err.constData());

        r = cli({QStringLiteral("kb"), QStringLiteral("list")});
        expectOk(r);
        QVERIFY2(r.out.startsWith("Field notes\t2 documents\t2 chunks\t"), r.out.constData());
        QVERIFY(r.out.contains("keyword only"));
        const QHash<QString, QStringList> d = docs(QStringLiteral("Field notes"));
        QCOMPARE(d.value(QStringLiteral("oak.txt")).value(0), QStringLiteral("completed"));
        QCOMPARE(d.value(QStringLiteral("birds.md")).value(1), QStringLiteral("1 chunk"));

        r = cli({QStringLiteral("kb"), QStringLiteral("search"), QStringLiteral("Field notes"),
            QStringLiteral("kingfisher"), QStringLiteral("river")});
        expectOk(r);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        const QList<QByteArray> f = lines.first().split('\t');
        QCOMPARE(f.value(0), QByteArray("1"));
        QCOMPARE(f.value(1), QByteArray("1.0000"));
        QCOMPARE(f.value(2), QByteArray("birds.md"));
        QCOMPARE(f.value(3), QByteArray("#1"));
        QCOMPARE(f.value(4), QByteArray("keyword"));
        QVERIFY(f.value(5).contains("kingfisher dives"));
        r = cli({QStringLiteral("kb"), QStringLiteral("search"), QStringLiteral("Field notes"),
            QStringLiteral("nothing-like-it")});
        expectOk(r);
        QVERIFY(r.out.isEmpty());
        QVERIFY(r.err.contains("no matches"));
        r = cli({QStringLiteral("kb"), QStringLiteral("search"), QStringLiteral("Field notes"),
            QStringLiteral("oak"), QStringLiteral("--mode"), QStringLiteral("vector")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("no embedding model"));
        QCOMPARE(cli({QStringLiteral("kb"), QStringLiteral("search"), QStringLiteral("Field notes"),
                         QStringLiteral("oak"), QStringLiteral("--top-k"), QStringLiteral("0")})
                     .exitCode,
            2);
        QCOMPARE(cli({QStringLiteral("kb"), QStringLiteral("search"), QStringLiteral("Nope"),
                         QStringLiteral("oak")})
                     .exitCode,
            1);
    }

    void vectorSearchThroughAConnection()
    {
        const QString keyFile = write(QStringLiteral("key.txt"), m_key + "\n");
        expectOk(cli({QStringLiteral("connection"), QStringLiteral("add"), QStringLiteral("--name"),
            QStringLiteral("Local"), QStringLiteral("--kind"), QStringLiteral("openai"),
            QStringLiteral("--base-url"), m_server->openAiBaseUrl().toString(), QStringLiteral("--key-file"),
            keyFile}));
        QVERIFY(QFile::remove(keyFile));
        expectOk(cli({QStringLiteral("kb"), QStringLiteral("create"), QStringLiteral("Semantic"),
            QStringLiteral("--connection"), QStringLiteral("Local"), QStringLiteral("--model"),
            QStringLiteral("test-embed")}));
        QCOMPARE(cli({QStringLiteral("kb"), QStringLiteral("create"), QStringLiteral("Half"),
                         QStringLiteral("--model"), QStringLiteral("test-embed")})
                     .exitCode,
            2);
        write(QStringLiteral("sem/tea.txt"), "Green tea steeps for three minutes.");
        write(QStringLiteral("sem/rust.txt"), "The borrow checker enforces ownership rules.");
        expectOk(cli({QStringLiteral("kb"), QStringLiteral("add"), QStringLiteral("Semantic"),
            m_dir.filePath(QStringLiteral("sem"))}));
        QCOMPARE(docs(QStringLiteral("Semantic")).value(QStringLiteral("tea.txt")).value(0),
            QStringLiteral("completed"));
        test::Run r = cli({QStringLiteral("kb"), QStringLiteral("search"), QStringLiteral("Semantic"),
            QStringLiteral("how long does tea steep"), QStringLiteral("--mode"), QStringLiteral("vector"),
            QStringLiteral("--top-k"), QStringLiteral("1")});
        expectOk(r);
        QVERIFY2(r.out.startsWith("1\t") && r.out.contains("\ttea.txt\t#1\tvector\t"), r.out.constData());
        r = cli({QStringLiteral("kb"), QStringLiteral("search"), QStringLiteral("Semantic"),
            QStringLiteral("borrow checker"), QStringLiteral("--mode"), QStringLiteral("hybrid")});
        expectOk(r);
        QVERIFY2(r.out.contains("\trust.txt\t#1\tkeyword+vector\t"), r.out.constData());
        r = cli({QStringLiteral("kb"), QStringLiteral("list")});
        QVERIFY(r.out.contains("\ttest-embed\t"));
        expectOk(cli({QStringLiteral("kb"), QStringLiteral("delete"), QStringLiteral("Semantic")}));
        QVERIFY(!cli({QStringLiteral("kb"), QStringLiteral("list")}).out.contains("Semantic"));
    }

    void aKilledIngestionIsFinishedByTheNextRun()
    {
        // A large file goes through the queue (in batches that commit as they go).
        QByteArray text;
        for (int i = 0; text.size() < 40 * 1024 * 1024; ++i)
            text += "Line " + QByteArray::number(i) + " of the ship's log: calm seas and a steady wind.\n";
        write(QStringLiteral("big/log.txt"), text);
        text.clear();
        expectOk(cli({QStringLiteral("kb"), QStringLiteral("create"), QStringLiteral("Logs")}));
        QProcess p;
        p.start(test::cliPath(),
            base({QStringLiteral("kb"), QStringLiteral("add"), QStringLiteral("Logs"),
                m_dir.filePath(QStringLiteral("big/log.txt"))}));
        QVERIFY(p.waitForStarted());
        // Killed while it indexes (another process reads the status meanwhile).
        QElapsedTimer waited;
        waited.start();
        QString status;
        while (waited.elapsed() < 60000 && p.state() == QProcess::Running) {
            status = docs(QStringLiteral("Logs")).value(QStringLiteral("log.txt")).value(0);
            if (status == QStringLiteral("indexing"))
                break;
            QTest::qWait(100);
        }
        QCOMPARE(status, QStringLiteral("indexing"));
        p.kill();
        QVERIFY(p.waitForFinished());
        QCOMPARE(docs(QStringLiteral("Logs")).value(QStringLiteral("log.txt")).value(0),
            QStringLiteral("indexing"));

        // The next run says so and finishes it, whole.
        write(QStringLiteral("big2/more.txt"), "The anchor held through the night.");
        const test::Run r = cli({QStringLiteral("kb"), QStringLiteral("add"), QStringLiteral("Logs"),
            m_dir.filePath(QStringLiteral("big2"))});
        expectOk(r);
        QVERIFY2(r.err.contains("resuming 1 unfinished document"), r.err.constData());
        const QStringList log = docs(QStringLiteral("Logs")).value(QStringLiteral("log.txt"));
        QCOMPARE(log.value(0), QStringLiteral("completed"));
        const int chunks = log.value(1).split(u' ').first().toInt();
        QVERIFY(chunks > 1000);
        const test::Run list = cli({QStringLiteral("kb"), QStringLiteral("list")});
        // No chunk of the killed run is left over: the base holds exactly the documents' chunks.
        QVERIFY2(list.out.contains(QStringLiteral("Logs\t2 documents\t%1 chunks").arg(chunks + 1).toUtf8()),
            list.out.constData());
        QCOMPARE(cli({QStringLiteral("kb"), QStringLiteral("search"), QStringLiteral("Logs"),
                         QStringLiteral("anchor")})
                     .out.split('\t')
                     .value(2),
            QByteArray("more.txt"));
    }
};

QTEST_GUILESS_MAIN(TestCliKnowledge)
#include "tst_cli_knowledge.moc"
