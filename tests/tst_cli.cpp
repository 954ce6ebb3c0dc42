// cairn-cli: commands, exit codes, one-line errors, and a re-key killed at random moments.
#include "TestSupport.h"

#include "storage/Database.h"
#include "storage/Migrator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace cairn;

class TestCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString file(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        test::writeFile(path, content);
        return path;
    }

    test::Run cli(const QStringList &args, const QString &stdinFile = {})
    {
        if (stdinFile.isEmpty())
            return test::runProgram(test::cliPath(), args);
        QProcess p;
        p.setStandardInputFile(stdinFile);
        p.start(test::cliPath(), args);
        test::Run r;
        if (p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit)
            r.exitCode = p.exitCode();
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    static void expectOneLineError(const test::Run &r, int code, const char *fragment)
    {
        QCOMPARE(r.exitCode, code);
        QVERIFY2(r.err.startsWith("cairn-cli: "), r.err.constData());
        QVERIFY2(r.err.count('\n') == 1, r.err.constData());
        QVERIFY2(r.err.contains(fragment), r.err.constData());
    }

private Q_SLOTS:
    void versionAndHelp()
    {
        auto v = cli({QStringLiteral("--version")});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.contains("Cairn "));
        QVERIFY(v.out.contains("SQLCipher 4."));
        QVERIFY(v.out.contains("QtKeychain "));
        auto h = cli({QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        QVERIFY(h.out.contains("db rekey"));
        QVERIFY(h.out.contains("--passphrase-file"));
    }

    void appVersionAndHelpNeedNoDisplay()
    {
        const QString app = test::appPath();
        QVERIFY2(QFile::exists(app), qPrintable(app));
        // No display at all: an empty platform choice falls back to xcb, which would fail.
        const QStringList noDisplay = {QStringLiteral("QT_QPA_PLATFORM=xcb"), QStringLiteral("DISPLAY="),
            QStringLiteral("WAYLAND_DISPLAY=")};
        auto v = test::runProgram(app, {QStringLiteral("--version")}, 30000, noDisplay);
        QCOMPARE(v.exitCode, 0);
        QVERIFY2(v.out.contains("Cairn ") && v.out.contains("SQLCipher 4."), v.out.constData());
        auto h = test::runProgram(app, {QStringLiteral("--help")}, 30000, noDisplay);
        QCOMPARE(h.exitCode, 0);
        QVERIFY2(h.out.contains("--data-dir"), h.out.constData());
    }

    void noCoreDumpsWithSecrets()
    {
#ifdef Q_OS_LINUX
        // A running cairn-cli (waiting for its passphrase on a pipe) has core dumps off and is not
        // dumpable: /proc shows its limits and owner.
        QProcess p;
        p.start(test::cliPath(),
            {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("hardening")),
                QStringLiteral("--passphrase-fd"), QStringLiteral("0"), QStringLiteral("db"),
                QStringLiteral("create")});
        QVERIFY(p.waitForStarted());
        QTest::qWait(300); // let it reach the read from stdin
        const QByteArray limits = test::readFile(QStringLiteral("/proc/%1/limits").arg(p.processId()));
        QVERIFY2(QRegularExpression(QStringLiteral(R"(Max core file size\s+0\s+0)"))
                     .match(QString::fromLatin1(limits))
                     .hasMatch(),
            limits.constData());
        p.write("hardening passphrase\n");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
#else
        QSKIP("core dump limits are checked through /proc on Linux only");
#endif
    }

    void usageErrors()
    {
        expectOneLineError(cli({}), 2, "no command given");
        expectOneLineError(cli({QStringLiteral("frobnicate")}), 2, "unknown command");
        expectOneLineError(cli({QStringLiteral("--no-such-option")}), 2, "no-such-option");
        expectOneLineError(cli({QStringLiteral("--log-level"), QStringLiteral("loud"), QStringLiteral("db"),
                               QStringLiteral("info")}),
            2, "log level");
        const QString d = m_dir.filePath(QStringLiteral("usage"));
        expectOneLineError(
            cli({QStringLiteral("--data-dir"), d, QStringLiteral("db"), QStringLiteral("rekey")}), 2,
            "exactly one of");
    }

    void lifecycleWithPassphraseFiles()
    {
        const QString data = m_dir.filePath(QStringLiteral("life"));
        const QString pass = file(QStringLiteral("p1"), "first pass phrase\n");
        const QString pass2 = file(QStringLiteral("p2"), "second pass phrase\r\n");
        const QString wrong = file(QStringLiteral("pw"), "nope\n");
        const QStringList base = {QStringLiteral("--data-dir"), data};

        expectOneLineError(
            cli(base + QStringList {QStringLiteral("db"), QStringLiteral("info")}), 1, "no database");
        auto created = cli(base
            + QStringList {
                QStringLiteral("--passphrase-file"), pass, QStringLiteral("db"), QStringLiteral("create")});
        QCOMPARE(created.exitCode, 0);
        QVERIFY(created.out.contains("passphrase mode"));
        QVERIFY(
            !test::readFile(QDir(data).filePath(QStringLiteral("cairn.db"))).startsWith("SQLite format 3"));
        expectOneLineError(cli(base
                               + QStringList {QStringLiteral("--passphrase-file"), pass, QStringLiteral("db"),
                                   QStringLiteral("create")}),
            1, "already exists");

        auto info = cli(base
            + QStringList {
                QStringLiteral("--passphrase-file"), pass, QStringLiteral("db"), QStringLiteral("info")});
        QCOMPARE(info.exitCode, 0);
        QVERIFY2(info.out.contains(
                     QByteArray("schema version: " + QByteArray::number(Migrator().latestVersion()))),
            info.out.constData());
        QVERIFY(info.out.contains("sqlcipher version: 4."));
        QVERIFY(info.out.contains("key mode: passphrase"));
        QVERIFY(info.out.contains("size: "));

        auto check = cli(base
            + QStringList {
                QStringLiteral("--passphrase-file"), pass, QStringLiteral("db"), QStringLiteral("check")});
        QCOMPARE(check.exitCode, 0);
        QVERIFY(check.out.startsWith("ok"));

        // The passphrase from a file descriptor (stdin here).
        auto viaFd = cli(base
                + QStringList {QStringLiteral("--passphrase-fd"), QStringLiteral("0"), QStringLiteral("db"),
                    QStringLiteral("check")},
            pass);
        QCOMPARE(viaFd.exitCode, 0);

        expectOneLineError(cli(base
                               + QStringList {QStringLiteral("--passphrase-file"), wrong,
                                   QStringLiteral("db"), QStringLiteral("check")}),
            3, "wrong passphrase, or not a Cairn database");
        expectOneLineError(
            cli(base + QStringList {QStringLiteral("db"), QStringLiteral("check")}), 2, "--passphrase-file");
        expectOneLineError(
            cli(base
                + QStringList {QStringLiteral("--passphrase-file"), m_dir.filePath(QStringLiteral("missing")),
                    QStringLiteral("db"), QStringLiteral("check")}),
            1, "Cannot read the passphrase file");

        auto rekey = cli(base
            + QStringList {QStringLiteral("--passphrase-file"), pass, QStringLiteral("--new-passphrase-file"),
                pass2, QStringLiteral("db"), QStringLiteral("rekey")});
        QCOMPARE(rekey.exitCode, 0);
        expectOneLineError(cli(base
                               + QStringList {QStringLiteral("--passphrase-file"), pass, QStringLiteral("db"),
                                   QStringLiteral("check")}),
            3, "wrong passphrase");
        QCOMPARE(cli(base
                     + QStringList {QStringLiteral("--passphrase-file"), pass2, QStringLiteral("db"),
                         QStringLiteral("check")})
                     .exitCode,
            0);
    }

    void dataDirectoryFromEnvironmentOrOption()
    {
        const QString viaEnv = m_dir.filePath(QStringLiteral("from-env"));
        const QString pass = file(QStringLiteral("penv"), "env pass\n");
        auto created = test::runProgram(test::cliPath(),
            {QStringLiteral("--passphrase-file"), pass, QStringLiteral("db"), QStringLiteral("create")},
            60000, {QStringLiteral("CAIRN_DATA_DIR=") + viaEnv});
        QCOMPARE(created.exitCode, 0);
        QVERIFY(QFile::exists(QDir(viaEnv).filePath(QStringLiteral("cairn.db"))));
        // The option wins over the environment.
        const QString viaOption = m_dir.filePath(QStringLiteral("from-option"));
        auto info = test::runProgram(test::cliPath(),
            {QStringLiteral("--data-dir"), viaEnv, QStringLiteral("--passphrase-file"), pass,
                QStringLiteral("db"), QStringLiteral("info")},
            60000, {QStringLiteral("CAIRN_DATA_DIR=") + viaOption});
        QCOMPARE(info.exitCode, 0);
        QVERIFY(info.out.contains(viaEnv.toUtf8()));
        QVERIFY(!QFile::exists(viaOption));
    }

    void newerSchemaIsRefused()
    {
        const QString data = m_dir.filePath(QStringLiteral("newer"));
        const QString pass = file(QStringLiteral("pn"), "newer pass\n");
        const QStringList base
            = {QStringLiteral("--data-dir"), data, QStringLiteral("--passphrase-file"), pass};
        QCOMPARE(cli(base + QStringList {QStringLiteral("db"), QStringLiteral("create")}).exitCode, 0);
        const QString dbPath = QDir(data).filePath(QStringLiteral("cairn.db"));
        {
            Database::Options o;
            o.path = dbPath;
            o.key = DatabaseKey::fromPassphrase("newer pass");
            auto db = Database::open(o);
            QVERIFY(db.ok());
            QSqlQuery q(db.value()->connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 77")));
        }
        const QByteArray before = test::readFile(dbPath);
        expectOneLineError(cli(base + QStringList {QStringLiteral("db"), QStringLiteral("info")}), 4,
            "newer version of Cairn");
        QCOMPARE(test::readFile(dbPath), before);
    }

    void importPlain()
    {
        const QString plain = m_dir.filePath(QStringLiteral("plain.sqlite"));
        {
            QSqlDatabase p = test::openConnection(QStringLiteral("plain"), plain, QString(),
                QStringLiteral("CAIRN_CREATE;CAIRN_JOURNAL=DELETE"));
            QVERIFY(p.isOpen());
            QSqlQuery q(p);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE legacy (v TEXT)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO legacy VALUES ('carried over')")));
        }
        test::closeConnection(QStringLiteral("plain"));
        const QString data = m_dir.filePath(QStringLiteral("imported"));
        const QString pass = file(QStringLiteral("pi"), "import pass\n");
        auto r = cli({QStringLiteral("--data-dir"), data, QStringLiteral("--passphrase-file"), pass,
            QStringLiteral("db"), QStringLiteral("import-plain"), plain});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("imported"));
        const QByteArray bytes = test::readFile(QDir(data).filePath(QStringLiteral("cairn.db")));
        QVERIFY(!bytes.startsWith("SQLite format 3"));
        QVERIFY(!bytes.contains("carried over"));
        QCOMPARE(cli({QStringLiteral("--data-dir"), data, QStringLiteral("--passphrase-file"), pass,
                         QStringLiteral("db"), QStringLiteral("check")})
                     .exitCode,
            0);
        expectOneLineError(cli({QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("imp2")),
                               QStringLiteral("--passphrase-file"), pass, QStringLiteral("db"),
                               QStringLiteral("import-plain"), pass}),
            2, "not an unencrypted SQLite database");
    }

    void killedRekeyNeverLosesTheDatabase()
    {
        // A database big enough that a re-key takes a while, killed (SIGKILL) at random moments
        // during `db rekey`. Afterwards the old or the new passphrase opens it, the checks pass and
        // every row is there.
        const QString data = m_dir.filePath(QStringLiteral("killed"));
        const QString passA = file(QStringLiteral("ka"), "passphrase A\n");
        const QString passB = file(QStringLiteral("kb"), "passphrase B\n");
        QCOMPARE(cli({QStringLiteral("--data-dir"), data, QStringLiteral("--passphrase-file"), passA,
                         QStringLiteral("db"), QStringLiteral("create")})
                     .exitCode,
            0);
        constexpr int kRows = 6000;
        {
            Database::Options o;
            o.path = QDir(data).filePath(QStringLiteral("cairn.db"));
            o.key = DatabaseKey::fromPassphrase("passphrase A");
            auto db = Database::open(o);
            QVERIFY(db.ok());
            QSqlDatabase c = db.value()->connection();
            QVERIFY(c.transaction());
            QSqlQuery q(c);
            q.prepare(QStringLiteral("INSERT INTO config (key, value, updated_at) VALUES (?, ?, 1)"));
            const QString filler
                = QStringLiteral("\"") + QString(3000, QLatin1Char('z')) + QStringLiteral("\"");
            for (int i = 0; i < kRows; ++i) {
                q.addBindValue(QStringLiteral("row-%1").arg(i));
                q.addBindValue(filler);
                QVERIFY(q.exec());
            }
            QVERIFY(c.commit());
        }
        QString current = passA;
        QString next = passB;
        // One uninterrupted re-key first, to learn how long one takes on this machine; the kills
        // then land inside that window.
        // Starts `db rekey` from `from` to `to` and returns once it reports that the re-key began.
        auto startRekey = [&](QProcess &p, const QString &from, const QString &to) {
            p.setStandardInputFile(QProcess::nullDevice());
            p.start(test::cliPath(),
                {QStringLiteral("--data-dir"), data, QStringLiteral("--passphrase-file"), from,
                    QStringLiteral("--new-passphrase-file"), to, QStringLiteral("db"),
                    QStringLiteral("rekey")});
            QByteArray err;
            QElapsedTimer t;
            t.start();
            if (!p.waitForStarted())
                return false;
            while (!err.contains("re-keying") && p.state() == QProcess::Running && t.elapsed() < 60000) {
                p.waitForReadyRead(20);
                err += p.readAllStandardError();
            }
            return err.contains("re-keying");
        };
        qint64 rekeyMs = 0;
        {
            QProcess p;
            QVERIFY(startRekey(p, current, next));
            QElapsedTimer t;
            t.start();
            QVERIFY(p.waitForFinished(120000));
            rekeyMs = t.elapsed();
            QCOMPARE(p.exitCode(), 0);
            std::swap(current, next);
        }
        qInfo("an uninterrupted re-key took %lld ms", rekeyMs);
        QVERIFY(rekeyMs >= 20); // big enough to be interrupted
        int killedDuring = 0;
        int committedBeforeKill = 0;
        for (int round = 0; round < 6; ++round) {
            QProcess p;
            QVERIFY(startRekey(p, current, next));
            QTest::qSleep(static_cast<int>(QRandomGenerator::global()->bounded(qint64(1), rekeyMs * 9 / 10)));
            if (p.state() == QProcess::Running) {
                ++killedDuring;
                p.kill();
            }
            p.waitForFinished();
            // Whichever key is now in force must open a healthy, complete database.
            int opened = 0;
            for (const QString &candidate : {current, next}) {
                auto check = cli({QStringLiteral("--data-dir"), data, QStringLiteral("--passphrase-file"),
                    candidate, QStringLiteral("db"), QStringLiteral("check")});
                if (check.exitCode == 0) {
                    ++opened;
                    if (candidate == next) {
                        ++committedBeforeKill;
                        std::swap(current, next);
                    }
                    break;
                }
                QCOMPARE(check.exitCode, 3); // anything but "wrong key" is a failure
            }
            QCOMPARE(opened, 1);
            Database::Options o;
            o.path = QDir(data).filePath(QStringLiteral("cairn.db"));
            o.key = DatabaseKey::fromPassphrase(current == passA ? "passphrase A" : "passphrase B");
            auto db = Database::open(o);
            QVERIFY(db.ok());
            QSqlQuery q(db.value()->connection());
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM config WHERE key LIKE 'row-%'")) && q.next());
            QCOMPARE(q.value(0).toInt(), kRows);
        }
        qInfo("re-key killed while running in %d of 6 rounds; the new key was already in force in %d",
            killedDuring, committedBeforeKill);
        QVERIFY(killedDuring >= 3);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
