// The cairn application as a user starts it: a real process on the offscreen platform, the real
// keychain (scripts/test.sh's throwaway Secret Service), its own data directory. It must unlock a
// keychain-mode database without asking, show the main window, and on SIGTERM quit cleanly, saving
// its window state.
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QElapsedTimer>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace cairn;

class TestApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsUnlocksAndQuitsCleanly()
    {
        const QString app = test::appPath();
        QVERIFY2(QFile::exists(app), qPrintable(app));
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        auto created = test::runProgram(test::cliPath(),
            {QStringLiteral("--data-dir"), data, QStringLiteral("db"), QStringLiteral("create")});
        QVERIFY2(created.exitCode == 0, created.err.constData()); // keychain mode, real Secret Service

        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        p.setProcessEnvironment(env);
        p.setStandardInputFile(QProcess::nullDevice());
        p.start(app, {QStringLiteral("--data-dir"), data});
        QVERIFY(p.waitForStarted());
        const QString log = QDir(data).filePath(QStringLiteral("logs/cairn.log"));
        QElapsedTimer t;
        t.start();
        while (!test::readFile(log).contains("main window shown") && t.elapsed() < 60000
            && p.state() == QProcess::Running)
            QTest::qWait(100);
        QVERIFY2(test::readFile(log).contains("main window shown"), test::readFile(log).constData());

        p.terminate(); // SIGTERM: quit through the event loop
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const QByteArray text = test::readFile(log);
        QVERIFY(text.contains("quitting"));
        QVERIFY(text.contains("Cairn exiting with code 0"));
        QVERIFY(!text.contains(" error "));
        QSettings settings(QDir(data).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        QVERIFY2(!settings.allKeys().filter(QStringLiteral("geometry"), Qt::CaseInsensitive).isEmpty(),
            qPrintable(settings.allKeys().join(QLatin1Char(','))));
    }
};

QTEST_GUILESS_MAIN(TestApp)
#include "tst_app.moc"
