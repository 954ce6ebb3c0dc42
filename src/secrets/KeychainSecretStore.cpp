#include "secrets/KeychainSecretStore.h"

#include "common/Redactor.h"

#include <QCoreApplication>
#include <QPromise>
#include <QThread>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <spdlog/spdlog.h>

#include <memory>

namespace cairn {

namespace {

bool looksUnavailable(const QString &message)
{
    static const char *hints[] = {"org.freedesktop.secrets", "secret service", "secretservice", "autolaunch",
        "d-bus", "dbus", "not provided by any", "serviceunknown", "no such name", "kwallet", "not available",
        "connection refused", "no such file"};
    const QString m = message.toLower();
    for (const char *h : hints) {
        if (m.contains(QLatin1String(h)))
            return true;
    }
    return false;
}

Error mapError(QKeychain::Error code, const QString &message, const QString &key)
{
    switch (code) {
    case QKeychain::EntryNotFound:
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate("cairn::SecretStore", "No keychain entry named %1.").arg(key), code);
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error::make(ErrorCode::AccessDenied,
            QCoreApplication::translate("cairn::SecretStore", "The keychain refused access to %1: %2")
                .arg(key, message),
            code);
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return Error::make(ErrorCode::Unavailable,
            QCoreApplication::translate("cairn::SecretStore", "No keychain is available on this system (%1).")
                .arg(message),
            code);
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
    case QKeychain::NoError:
        break;
    }
    if (looksUnavailable(message))
        return Error::make(ErrorCode::Unavailable,
            QCoreApplication::translate("cairn::SecretStore", "No keychain is available on this system (%1).")
                .arg(message),
            code);
    return Error::make(ErrorCode::Generic,
        QCoreApplication::translate("cairn::SecretStore", "Keychain error: %1").arg(message), code);
}

// Runs one QtKeychain job on the store's thread and completes the promise exactly once: when the job
// finishes or when the timeout fires, whichever comes first.
template<typename T, typename MakeJob, typename OnDone>
QFuture<Result<T>> runJob(QObject *context, int timeoutMs, const QString &key, MakeJob makeJob, OnDone onDone)
{
    auto promise = std::make_shared<QPromise<Result<T>>>();
    QFuture<Result<T>> future = promise->future();
    promise->start();
    QMetaObject::invokeMethod(
        context,
        [=]() {
            auto done = std::make_shared<bool>(false);
            QKeychain::Job *job = makeJob(context);
            job->setAutoDelete(true);
            job->setInsecureFallback(false);
            job->setKey(key);
            auto *timer = new QTimer(context);
            timer->setSingleShot(true);
            QObject::connect(timer, &QTimer::timeout, context, [=]() {
                timer->deleteLater();
                if (*done)
                    return;
                *done = true;
                spdlog::warn("keychain: no answer within {} ms", timeoutMs);
                promise->addResult(Result<T>(Error::make(ErrorCode::Timeout,
                    QCoreApplication::translate(
                        "cairn::SecretStore", "The keychain did not answer within %1 seconds.")
                        .arg(timeoutMs / 1000))));
                promise->finish();
            });
            QObject::connect(job, &QKeychain::Job::finished, context, [=](QKeychain::Job *j) {
                if (*done) // timed out earlier: the timer is gone already
                    return;
                timer->stop();
                timer->deleteLater();
                *done = true;
                promise->addResult(onDone(j));
                promise->finish();
            });
            timer->start(timeoutMs);
            job->start();
        },
        Qt::QueuedConnection);
    return future;
}

// QtKeychain keeps one job queue per process, owned by the thread that ran the first job, so every
// store shares one keychain thread. It starts with the first job and stops when the application
// object is destroyed (a post routine), so its event loop never outlives QCoreApplication.
class KeychainThread
{
public:
    KeychainThread()
    {
        m_thread.setObjectName(QStringLiteral("cairn-keychain"));
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
        m_thread.start();
        qAddPostRoutine(&KeychainThread::stopShared);
    }
    ~KeychainThread() { stop(); }
    QObject *context() const { return m_context; }
    void stop()
    {
        m_thread.quit();
        m_thread.wait();
    }
    static void stopShared();

private:
    QThread m_thread;
    QObject *m_context = nullptr;
};

Q_GLOBAL_STATIC(KeychainThread, g_keychainThread)

void KeychainThread::stopShared()
{
    if (g_keychainThread.exists())
        g_keychainThread()->stop();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, int timeoutMs)
    : m_service(std::move(service)), m_timeoutMs(timeoutMs)
{ }

QObject *KeychainSecretStore::context() const
{
    return g_keychainThread()->context();
}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::backendName() const
{
#if defined(Q_OS_MACOS)
    return QStringLiteral("macOS Keychain");
#elif defined(Q_OS_WIN)
    return QStringLiteral("Windows Credential Manager");
#else
    return QStringLiteral("Secret Service");
#endif
}

QFuture<Result<QByteArray>> KeychainSecretStore::read(const QString &key)
{
    const QString service = m_service;
    return runJob<QByteArray>(
        context(), m_timeoutMs, key,
        [service](QObject *parent) { return new QKeychain::ReadPasswordJob(service, parent); },
        [key](QKeychain::Job *j) -> Result<QByteArray> {
            if (j->error() != QKeychain::NoError)
                return mapError(j->error(), j->errorString(), key);
            const QByteArray value = static_cast<QKeychain::ReadPasswordJob *>(j)->binaryData();
            Redactor::registerSecret(value);
            return value;
        });
}

QFuture<Result<bool>> KeychainSecretStore::write(const QString &key, const QByteArray &value)
{
    const QString service = m_service;
    Redactor::registerSecret(value);
    return runJob<bool>(
        context(), m_timeoutMs, key,
        [service, value](QObject *parent) {
            auto *job = new QKeychain::WritePasswordJob(service, parent);
            job->setBinaryData(value);
            return job;
        },
        [key](QKeychain::Job *j) -> Result<bool> {
            if (j->error() != QKeychain::NoError)
                return mapError(j->error(), j->errorString(), key);
            return true;
        });
}

QFuture<Result<bool>> KeychainSecretStore::remove(const QString &key)
{
    const QString service = m_service;
    return runJob<bool>(
        context(), m_timeoutMs, key,
        [service](QObject *parent) { return new QKeychain::DeletePasswordJob(service, parent); },
        [key](QKeychain::Job *j) -> Result<bool> {
            if (j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound)
                return true;
            return mapError(j->error(), j->errorString(), key);
        });
}

} // namespace cairn
