#include "secrets/SecretStore.h"

#include <QUuid>

namespace cairn {

SecretStore::~SecretStore() = default;

Result<QByteArray> SecretStore::readSync(const QString &key)
{
    auto f = read(key);
    f.waitForFinished();
    return f.result();
}

Result<bool> SecretStore::writeSync(const QString &key, const QByteArray &value)
{
    auto f = write(key, value);
    f.waitForFinished();
    return f.result();
}

Result<bool> SecretStore::removeSync(const QString &key)
{
    auto f = remove(key);
    f.waitForFinished();
    return f.result();
}

Result<bool> SecretStore::probeSync()
{
    const QString probeKey = QStringLiteral("probe-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const Result<QByteArray> r = readSync(probeKey);
    if (r.ok() || r.error().code == ErrorCode::NotFound)
        return true;
    return r.error();
}

} // namespace cairn
