#include "common/DataLocation.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace cairn {

QString DataLocation::resolve(const QString &explicitDir)
{
    if (!explicitDir.isEmpty())
        return QDir::cleanPath(QDir(explicitDir).absolutePath());
    const QString fromEnv = qEnvironmentVariable(kEnvVar);
    if (!fromEnv.isEmpty())
        return QDir::cleanPath(QDir(fromEnv).absolutePath());
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir::cleanPath(base + QStringLiteral("/cairn"));
}

QString DataLocation::ensure(const QString &dir)
{
    QDir d(dir);
    if (d.exists())
        return d.absolutePath(); // an existing directory keeps the permissions its owner chose
    if (!d.mkpath(QStringLiteral(".")))
        return {};
#ifdef Q_OS_UNIX
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
#endif
    return d.absolutePath();
}

QString DataLocation::databasePath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("cairn.db"));
}

QString DataLocation::settingsPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("settings.ini"));
}

QString DataLocation::logDirectory(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("logs"));
}

} // namespace cairn
