#pragma once

#include "secrets/SecretStore.h"

#include <QObject>

namespace cairn {

// SecretStore over the OS keychain through QtKeychain (Secret Service on Linux, Keychain on macOS,
// Credential Manager on Windows). QtKeychain's jobs are asynchronous and need an event loop: they
// run on one keychain thread shared by all stores, so callers on any thread get a future and may block on it.
// The insecure plaintext fallback of QtKeychain is never enabled.
class KeychainSecretStore final : public SecretStore
{
public:
    explicit KeychainSecretStore(QString service = SecretStore::serviceName(), int timeoutMs = 20000);
    ~KeychainSecretStore() override;

    QFuture<Result<QByteArray>> read(const QString &key) override;
    QFuture<Result<bool>> write(const QString &key, const QByteArray &value) override;
    QFuture<Result<bool>> remove(const QString &key) override;
    QString backendName() const override;

private:
    QObject *context() const; // lives on the process-wide keychain thread, started on first use

    QString m_service;
    int m_timeoutMs;
};

} // namespace cairn
