#pragma once

#include "secrets/SecretStore.h"

#include <QHash>
#include <QMutex>

namespace cairn {

// In-memory SecretStore for unit tests of the layers above the keychain. Not used by the app.
// It can simulate an absent keychain (setAvailable(false)).
class MemorySecretStore final : public SecretStore
{
public:
    QFuture<Result<QByteArray>> read(const QString &key) override;
    QFuture<Result<bool>> write(const QString &key, const QByteArray &value) override;
    QFuture<Result<bool>> remove(const QString &key) override;
    QString backendName() const override { return QStringLiteral("memory"); }

    void setAvailable(bool available);
    bool contains(const QString &key) const;
    qsizetype size() const;

private:
    Error unavailable() const;

    mutable QMutex m_mutex;
    QHash<QString, QByteArray> m_values;
    bool m_available = true;
};

} // namespace cairn
