#pragma once

// Helpers shared by the GUI tests.
#include "secrets/SecretStore.h"
#include "storage/Vault.h"

#include <QCoreApplication>
#include <QDir>
#include <QWidget>

#include <memory>

namespace cairn::test {

// $CAIRN_TEST_ARTIFACTS (created), or a folder in the temp directory.
inline QString artifactsDir()
{
    QString dir = qEnvironmentVariable("CAIRN_TEST_ARTIFACTS");
    if (dir.isEmpty())
        dir = QDir::temp().filePath(QStringLiteral("cairn-test-artifacts"));
    QDir().mkpath(dir);
    return dir;
}

// A new database in dir; the connection this thread opened is closed again, as the app's workers do.
inline std::shared_ptr<Database> createDatabase(
    const QString &dir, SecretStore *store, KeyMode mode, const QByteArray &passphrase = {})
{
    Vault vault(dir, store);
    Result<std::shared_ptr<Database>> db = vault.create(mode, passphrase);
    if (!db) {
        qWarning("create failed: %s", qPrintable(db.error().message));
        return {};
    }
    db.value()->closeThreadConnection();
    return db.value();
}

// Saves a PNG of widget into the artifacts directory once pending layout work has run.
inline bool saveShot(QWidget *widget, const QString &name)
{
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    const QString path = QDir(artifactsDir()).filePath(name + QStringLiteral(".png"));
    const bool saved = widget->grab().save(path);
    if (!saved)
        qWarning("cannot save %s", qPrintable(path));
    return saved;
}

} // namespace cairn::test
