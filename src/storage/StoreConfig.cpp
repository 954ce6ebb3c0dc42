#include "storage/StoreConfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace cairn {

namespace {
KeyMode parseMode(const QString &s)
{
    return s == QLatin1String("passphrase") ? KeyMode::Passphrase : KeyMode::Keychain;
}
} // namespace

QString keyModeName(KeyMode mode)
{
    return mode == KeyMode::Passphrase ? QStringLiteral("passphrase") : QStringLiteral("keychain");
}

QString StoreConfig::pathFor(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("store.json"));
}

Result<StoreConfig> StoreConfig::load(const QString &dataDir)
{
    QFile f(pathFor(dataDir));
    if (!f.exists())
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate("cairn::StoreConfig", "%1 does not exist.").arg(f.fileName()));
    if (!f.open(QIODevice::ReadOnly))
        return Error::make(ErrorCode::Io,
            QCoreApplication::translate("cairn::StoreConfig", "Cannot read %1: %2")
                .arg(f.fileName(), f.errorString()));
    QJsonParseError pe {};
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(1024LL * 1024), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return Error::make(ErrorCode::Corrupt,
            QCoreApplication::translate("cairn::StoreConfig", "%1 is damaged: %2")
                .arg(f.fileName(), pe.errorString()));
    const QJsonObject o = doc.object();
    StoreConfig c;
    c.format = o.value(QLatin1String("format")).toInt(1);
    c.mode = parseMode(o.value(QLatin1String("keyMode")).toString());
    c.keychainEntry = o.value(QLatin1String("keychainEntry")).toString();
    const QJsonObject pending = o.value(QLatin1String("pendingRekey")).toObject();
    c.rekeyPending = !pending.isEmpty();
    if (c.rekeyPending) {
        c.pendingMode = parseMode(pending.value(QLatin1String("keyMode")).toString());
        c.pendingKeychainEntry = pending.value(QLatin1String("keychainEntry")).toString();
    }
    return c;
}

Result<void> StoreConfig::save(const QString &dataDir) const
{
    QJsonObject o {{QLatin1String("format"), format}, {QLatin1String("keyMode"), keyModeName(mode)}};
    if (mode == KeyMode::Keychain)
        o.insert(QLatin1String("keychainEntry"), keychainEntry);
    if (rekeyPending) {
        QJsonObject p {{QLatin1String("keyMode"), keyModeName(pendingMode)}};
        if (pendingMode == KeyMode::Keychain)
            p.insert(QLatin1String("keychainEntry"), pendingKeychainEntry);
        o.insert(QLatin1String("pendingRekey"), p);
    }
    QSaveFile f(pathFor(dataDir));
    // Owner-only like everything else in the data directory (it names the keychain entry).
    if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return Error::make(ErrorCode::Io,
            QCoreApplication::translate("cairn::StoreConfig", "Cannot write %1: %2")
                .arg(f.fileName(), f.errorString()));
    f.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    if (!f.commit())
        return Error::make(ErrorCode::Io,
            QCoreApplication::translate("cairn::StoreConfig", "Cannot write %1: %2")
                .arg(f.fileName(), f.errorString()));
    return {};
}

} // namespace cairn
