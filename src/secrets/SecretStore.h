#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QFuture>
#include <QString>

namespace cairn {

// Where secrets live: the database key in keychain mode and (in later issues) API keys.
// All operations are asynchronous and complete their future with a value or a clear Error:
//   NotFound     - no such entry
//   Unavailable  - no keychain on this system (e.g. no Secret Service running)
//   AccessDenied - the user or the OS refused
//   Timeout      - the keychain did not answer in time
// The *Sync helpers block the calling thread; they are safe on any thread because the real
// implementation runs its jobs on a thread of its own (never call them on the GUI thread).
class SecretStore
{
public:
    virtual ~SecretStore();

    virtual QFuture<Result<QByteArray>> read(const QString &key) = 0;
    virtual QFuture<Result<bool>> write(const QString &key, const QByteArray &value) = 0;
    // Removing an entry that does not exist succeeds.
    virtual QFuture<Result<bool>> remove(const QString &key) = 0;
    virtual QString backendName() const = 0;

    Result<QByteArray> readSync(const QString &key);
    Result<bool> writeSync(const QString &key, const QByteArray &value);
    Result<bool> removeSync(const QString &key);
    // True when the store answers at all (a missing entry still counts as an answer).
    Result<bool> probeSync();

    static QString serviceName() { return QStringLiteral("Cairn"); }
};

} // namespace cairn
