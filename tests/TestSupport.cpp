#include "TestSupport.h"

#include <QDir>
#include <QFileInfo>

#include "common/Logging.h"
#include "storage/sqlcipher/SqlCipherDriver.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>

namespace cairn::test {

namespace {
// Test output goes through the same redacting logger as the app (console only), so no secret a
// test handles can reach the test log.
void initTestLogging()
{
    Logging::init({QString(), QStringLiteral("info"), true});
}
} // namespace
Q_COREAPP_STARTUP_FUNCTION(initTestLogging)

QSqlDatabase openConnection(
    const QString &name, const QString &path, const QString &password, const QString &options)
{
    SqlCipherDriver::registerDriver();
    QSqlDatabase db = QSqlDatabase::addDatabase(QLatin1String(SqlCipherDriver::kName), name);
    db.setDatabaseName(path);
    db.setPassword(password);
    db.setConnectOptions(options);
    db.open();
    return db;
}

void closeConnection(const QString &name)
{
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

QString writeUnder(const QString &dir, const QString &relative, const QByteArray &data)
{
    const QString path = QDir(dir).filePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!writeFile(path, data))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

Run runProgram(const QString &program, const QStringList &args, int timeoutMs, const QStringList &extraEnv)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &kv : extraEnv)
        env.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    p.setProcessEnvironment(env);
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(10000))
        return r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString cliPath()
{
    // ctest sets CAIRN_CLI; a test binary started by hand finds the tool in the same build tree.
    const QString fromEnv = qEnvironmentVariable("CAIRN_CLI");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QCoreApplication::applicationDirPath() + QStringLiteral("/../src/cairn-cli");
}

QString appPath()
{
    const QString fromEnv = qEnvironmentVariable("CAIRN_APP");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QCoreApplication::applicationDirPath() + QStringLiteral("/../src/gui/cairn");
}

} // namespace cairn::test
