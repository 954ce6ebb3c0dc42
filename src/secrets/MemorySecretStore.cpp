#include "secrets/MemorySecretStore.h"

#include <QCoreApplication>
#include <QFuture>

namespace cairn {

Error MemorySecretStore::unavailable() const
{
    return Error::make(ErrorCode::Unavailable,
        QCoreApplication::translate("cairn::SecretStore", "No keychain is available."));
}

QFuture<Result<QByteArray>> MemorySecretStore::read(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    if (!m_available)
        return QtFuture::makeReadyFuture(Result<QByteArray>(unavailable()));
    const auto it = m_values.constFind(key);
    if (it == m_values.constEnd())
        return QtFuture::makeReadyFuture(Result<QByteArray>(Error::make(ErrorCode::NotFound,
            QCoreApplication::translate("cairn::SecretStore", "No keychain entry named %1.").arg(key))));
    return QtFuture::makeReadyFuture(Result<QByteArray>(it.value()));
}

QFuture<Result<bool>> MemorySecretStore::write(const QString &key, const QByteArray &value)
{
    QMutexLocker lock(&m_mutex);
    if (!m_available)
        return QtFuture::makeReadyFuture(Result<bool>(unavailable()));
    m_values.insert(key, value);
    return QtFuture::makeReadyFuture(Result<bool>(true));
}

QFuture<Result<bool>> MemorySecretStore::remove(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    if (!m_available)
        return QtFuture::makeReadyFuture(Result<bool>(unavailable()));
    m_values.remove(key);
    return QtFuture::makeReadyFuture(Result<bool>(true));
}

void MemorySecretStore::setAvailable(bool available)
{
    QMutexLocker lock(&m_mutex);
    m_available = available;
}

bool MemorySecretStore::contains(const QString &key) const
{
    QMutexLocker lock(&m_mutex);
    return m_values.contains(key);
}

qsizetype MemorySecretStore::size() const
{
    QMutexLocker lock(&m_mutex);
    return m_values.size();
}

} // namespace cairn
