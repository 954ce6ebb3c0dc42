#include "llm/HttpExchange.h"

#include "common/Redactor.h"
#include "common/Versions.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <climits>
#include <cmath>

namespace cairn::llm {

namespace {

enum TimerId { ConnectTimer, FirstByteTimer, IdleTimer, DeadlineTimer };

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(a.scheme() == QStringLiteral("https") ? 443 : 80)
        == b.port(b.scheme() == QStringLiteral("https") ? 443 : 80);
}

QString originOf(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
        .toString();
}

QString seconds(int ms)
{
    return QLocale().toString(ms / 1000.0, 'f', ms % 1000 == 0 ? 0 : 1);
}

} // namespace

HttpExchange::HttpExchange(
    QNetworkAccessManager *nam, HttpCall call, const ProviderConfig &config, QObject *parent)
    : QObject(parent), m_nam(nam), m_call(std::move(call)), m_config(config)
{
    for (QTimer *t : {&m_connectTimer, &m_firstByteTimer, &m_idleTimer, &m_deadlineTimer, &m_retryTimer}) {
        t->setSingleShot(true);
        t->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early: Retry-After is a minimum
    }
    connect(&m_connectTimer, &QTimer::timeout, this, [this] { onTimeout(ConnectTimer); });
    connect(&m_firstByteTimer, &QTimer::timeout, this, [this] { onTimeout(FirstByteTimer); });
    connect(&m_idleTimer, &QTimer::timeout, this, [this] { onTimeout(IdleTimer); });
    connect(&m_deadlineTimer, &QTimer::timeout, this, [this] { onTimeout(DeadlineTimer); });
    connect(&m_retryTimer, &QTimer::timeout, this, &HttpExchange::startAttempt);
    // Whatever logs an error about this call masks the key, even if a server echoes it back.
    if (!m_config.apiKey.isEmpty())
        Redactor::registerSecret(m_config.apiKey);
}

HttpExchange::~HttpExchange()
{
    dropReply();
}

void HttpExchange::start()
{
    m_clock.start();
    if (m_config.maxDurationMs > 0)
        m_deadlineTimer.start(static_cast<int>(std::min<qint64>(m_config.maxDurationMs, INT_MAX)));
    startAttempt();
}

void HttpExchange::startAttempt()
{
    ++m_attempt;
    m_status = 0;
    m_body.clear();
    m_received = 0;
    m_gotProgress = false;
    m_streamAsBody = false;
    m_tlsError = {};

    QNetworkRequest request(m_call.url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setRawHeader("User-Agent", "Cairn/" + Versions::app().toUtf8());
    for (const auto &[name, value] : m_call.headers)
        request.setRawHeader(name, value);
    if (!m_config.trustedCertSha256.isEmpty()) {
        // A session that was accepted through the user's trust must not be resumed by a later
        // request that does not share it.
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setSslOption(QSsl::SslOptionDisableSessionSharing, true);
        tls.setSslOption(QSsl::SslOptionDisableSessionPersistence, true);
        tls.setSslOption(QSsl::SslOptionDisableSessionTickets, true);
        request.setSslConfiguration(tls);
    }

    m_reply = m_nam->sendCustomRequest(request, m_call.method, m_call.body);
    spdlog::debug("llm: {} {} (attempt {}, {} body bytes)", m_call.method.constData(),
        originOf(m_call.url).toStdString() + m_call.url.path().toStdString(), m_attempt, m_call.body.size());
    connect(m_reply, &QNetworkReply::requestSent, this, [this] {
        m_connectTimer.stop();
        if (!m_gotProgress && m_config.firstByteTimeoutMs > 0 && !m_firstByteTimer.isActive())
            m_firstByteTimer.start(m_config.firstByteTimeoutMs);
    });
    connect(m_reply, &QNetworkReply::uploadProgress, this, &HttpExchange::onUploadProgress);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &HttpExchange::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpExchange::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &HttpExchange::onReplyFinished);
    connect(m_reply, &QNetworkReply::sslErrors, this, &HttpExchange::onSslErrors);
    connect(m_reply, &QNetworkReply::encrypted, this, &HttpExchange::onEncrypted);
    if (m_config.connectTimeoutMs > 0)
        m_connectTimer.start(m_config.connectTimeoutMs);
}

void HttpExchange::onUploadProgress(qint64 sent, qint64 total)
{
    if (!m_reply || m_finished || m_gotProgress || total <= 0)
        return;
    m_connectTimer.stop();
    if (sent < total) {
        // Still uploading (an image, a long conversation): the first-byte clock has not begun, but
        // the upload must keep moving.
        m_firstByteTimer.stop();
        if (m_config.idleTimeoutMs > 0)
            m_idleTimer.start(m_config.idleTimeoutMs);
        return;
    }
    m_idleTimer.stop();
    if (m_config.firstByteTimeoutMs > 0 && !m_firstByteTimer.isActive())
        m_firstByteTimer.start(m_config.firstByteTimeoutMs);
}

void HttpExchange::onMetaData()
{
    if (!m_reply)
        return;
    m_connectTimer.stop();
    m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool success = m_status >= 200 && m_status < 300;
    if (m_call.streaming && success) {
        const QByteArray type = m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray().toLower();
        m_streamAsBody = type.startsWith("application/json");
    }
    // A non-streamed answer, or any error, counts as begun once its headers are here.
    if (!m_call.streaming || !success || m_streamAsBody)
        noteProgress();
}

void HttpExchange::onReadyRead()
{
    if (!m_reply || m_finished)
        return;
    const QByteArray chunk = m_reply->readAll();
    if (chunk.isEmpty())
        return;
    m_received += chunk.size();
    const bool success = m_status >= 200 && m_status < 300;
    if (success && m_call.streaming && !m_streamAsBody) {
        if (m_config.maxStreamBytes > 0 && m_received > m_config.maxStreamBytes) {
            failWith({LlmError::Kind::BadResponse,
                QCoreApplication::translate(
                    "cairn::LlmErrors", "The stream exceeded %1 MiB; it was abandoned.")
                    .arg(m_config.maxStreamBytes / (1024 * 1024))});
            return;
        }
        m_delivered = true;
        Q_EMIT data(chunk); // the receiver may delete this exchange: nothing after it
        return;
    }
    const qint64 limit = success ? m_config.maxBodyBytes : qint64(1024 * 1024);
    if (limit > 0 && m_received > limit) {
        failWith({LlmError::Kind::BadResponse,
            QCoreApplication::translate(
                "cairn::LlmErrors", "The server's response exceeded %1 MiB; it was abandoned.")
                .arg(QLocale().toString(limit / (1024.0 * 1024.0), 'f', 0))});
        return;
    }
    m_body.append(chunk);
    noteProgress();
}

void HttpExchange::noteProgress()
{
    m_gotProgress = true;
    m_firstByteTimer.stop();
    if (m_config.idleTimeoutMs > 0 && !m_finished)
        m_idleTimer.start(m_config.idleTimeoutMs);
}

void HttpExchange::onSslErrors(const QList<QSslError> &errors)
{
    if (!m_reply)
        return;
    const QSslCertificate cert = m_reply->sslConfiguration().peerCertificate();
    const QByteArray fingerprint
        = cert.isNull() ? QByteArray() : cert.digest(QCryptographicHash::Sha256).toHex();
    if (!m_config.trustedCertSha256.isEmpty() && fingerprint == m_config.trustedCertSha256.toLower()) {
        spdlog::info(
            "llm: accepting the certificate of {} that the user trusted", m_call.url.host().toStdString());
        m_reply->ignoreSslErrors(errors);
        return;
    }
    QStringList reasons;
    for (const QSslError &e : errors)
        reasons.append(e.errorString());
    m_tlsError.kind = LlmError::Kind::Tls;
    m_tlsError.certSha256 = fingerprint;
    m_tlsError.message
        = QCoreApplication::translate("cairn::LlmErrors",
            "The TLS certificate of %1 is not trusted: %2. Its SHA-256 fingerprint is %3; "
            "trust it in the connection's settings only if you know it is right.")
              .arg(m_call.url.host(), reasons.join(QStringLiteral("; ")), QString::fromLatin1(fingerprint));
}

void HttpExchange::onEncrypted()
{
    // Belt and braces: a resumed TLS session skips the usual verification, so check the chain here
    // too, and refuse anything that neither verifies nor carries the fingerprint the user trusted.
    if (!m_reply)
        return;
    const QSslConfiguration tls = m_reply->sslConfiguration();
    const QList<QSslCertificate> chain = tls.peerCertificateChain();
    const QSslCertificate leaf = tls.peerCertificate();
    const QByteArray fingerprint
        = leaf.isNull() ? QByteArray() : leaf.digest(QCryptographicHash::Sha256).toHex();
    if (!m_config.trustedCertSha256.isEmpty() && fingerprint == m_config.trustedCertSha256.toLower())
        return;
    const QList<QSslError> errors = QSslCertificate::verify(chain, m_call.url.host());
    if (errors.isEmpty())
        return;
    onSslErrors(errors);
    failWith(m_tlsError);
}

void HttpExchange::onReplyFinished()
{
    if (!m_reply || m_finished)
        return;
    m_connectTimer.stop();
    m_firstByteTimer.stop();
    m_idleTimer.stop();
    if (m_status == 0)
        m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray rest = m_reply->readAll();
    if (!rest.isEmpty()) {
        if (m_status >= 200 && m_status < 300 && m_call.streaming && !m_streamAsBody) {
            m_delivered = true;
            const QPointer<HttpExchange> self(this);
            Q_EMIT data(rest);
            if (!self || m_finished)
                return;
        } else {
            m_body.append(rest);
        }
    }
    const QNetworkReply::NetworkError netError = m_reply->error();
    spdlog::info("llm: {} {} -> {} in {} ms (attempt {}{})", m_call.method.constData(),
        QString(originOf(m_call.url) + m_call.url.path()).toStdString(), m_status, m_clock.elapsed(),
        m_attempt, netError == QNetworkReply::NoError ? "" : ", network error");

    if (m_status >= 300 && m_status < 400 && handleRedirect())
        return;

    if (m_status >= 200 && m_status < 300 && (netError == QNetworkReply::NoError)) {
        dropReply();
        finish({});
        return;
    }
    if (m_status >= 300) {
        // An HTTP error with (perhaps) a body: classified by the protocol's caller.
        auto protocol = Protocol::create(m_config);
        LlmError e = protocol->errorFromResponse(m_status, m_body, m_call.model);
        const int retryAfter = retryAfterMs();
        if (m_status == 429 && retryAfter >= 0)
            e.message += QCoreApplication::translate("cairn::LlmErrors", " (the server asks to wait %1 s)")
                             .arg(seconds(retryAfter));
        dropReply();
        if ((m_status == 429 || m_status == 502 || m_status == 503 || m_status == 504)
            && maybeRetry(e, retryAfter))
            return;
        finish(e);
        return;
    }
    LlmError e = networkError();
    const bool retryable = !m_delivered
        && (netError == QNetworkReply::ConnectionRefusedError
            || netError == QNetworkReply::RemoteHostClosedError
            || netError == QNetworkReply::TemporaryNetworkFailureError
            || netError == QNetworkReply::NetworkSessionFailedError
            || netError == QNetworkReply::UnknownNetworkError
            || netError == QNetworkReply::ProxyConnectionClosedError);
    dropReply();
    if (retryable && maybeRetry(e, -1))
        return;
    finish(e);
}

LlmError HttpExchange::networkError() const
{
    LlmError e;
    const QNetworkReply::NetworkError code = m_reply ? m_reply->error() : QNetworkReply::UnknownNetworkError;
    const QString detail = m_reply ? m_reply->errorString() : QString();
    const QString origin = originOf(m_call.url);
    if (m_tlsError.isError())
        return m_tlsError;
    switch (code) {
    case QNetworkReply::SslHandshakeFailedError:
        e.kind = LlmError::Kind::Tls;
        e.message = QCoreApplication::translate("cairn::LlmErrors", "The TLS connection to %1 failed: %2")
                        .arg(origin, detail);
        break;
    case QNetworkReply::RemoteHostClosedError:
        e.kind = LlmError::Kind::Unreachable;
        e.message = m_delivered ? QCoreApplication::translate(
                        "cairn::LlmErrors", "The server at %1 closed the connection mid-answer.")
                                      .arg(origin)
                                : QCoreApplication::translate("cairn::LlmErrors",
                                    "The server at %1 closed the connection without answering.")
                                      .arg(origin);
        break;
    case QNetworkReply::HostNotFoundError:
        e.kind = LlmError::Kind::Unreachable;
        e.message = QCoreApplication::translate(
            "cairn::LlmErrors", "Cannot reach the server: the host %1 was not found.")
                        .arg(m_call.url.host());
        break;
    case QNetworkReply::ConnectionRefusedError:
        e.kind = LlmError::Kind::Unreachable;
        e.message = QCoreApplication::translate(
            "cairn::LlmErrors", "Cannot reach the server at %1: the connection was refused. Is it running?")
                        .arg(origin);
        break;
    default:
        e.kind = m_delivered ? LlmError::Kind::BadResponse : LlmError::Kind::Unreachable;
        e.message = m_delivered
            ? QCoreApplication::translate("cairn::LlmErrors", "The connection to %1 broke mid-answer: %2")
                  .arg(origin, detail)
            : QCoreApplication::translate("cairn::LlmErrors", "Cannot reach the server at %1: %2")
                  .arg(origin, detail);
        break;
    }
    return e;
}

int HttpExchange::retryAfterMs() const
{
    if (!m_reply || !m_reply->hasRawHeader("Retry-After"))
        return -1;
    const QByteArray value = m_reply->rawHeader("Retry-After").trimmed();
    bool ok = false;
    const double secs = value.toDouble(&ok);
    if (ok)
        return secs < 0 ? 0 : static_cast<int>(std::min(secs * 1000.0, 86400000.0));
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    if (when.isValid())
        return static_cast<int>(
            std::clamp<qint64>(QDateTime::currentDateTimeUtc().msecsTo(when), 0, 86400000));
    return -1;
}

bool HttpExchange::maybeRetry(const LlmError &why, int retryAfter)
{
    if (m_delivered || m_attempt > m_config.maxRetries || m_finished)
        return false;
    int delay = 0;
    if (retryAfter >= 0) {
        if (retryAfter > m_config.retryMaxDelayMs)
            return false; // the server wants a longer pause than we wait unattended
        delay = retryAfter;
    } else {
        const double exp = m_config.retryBaseDelayMs * std::pow(2.0, m_attempt - 1);
        const double capped = std::min<double>(exp, m_config.retryMaxDelayMs);
        // "Equal jitter": half fixed, half random, so clients that failed together spread out.
        delay = static_cast<int>(capped / 2 + QRandomGenerator::global()->bounded(capped / 2 + 1));
    }
    if (m_deadlineTimer.isActive() && delay >= m_deadlineTimer.remainingTime())
        return false;
    spdlog::warn("llm: attempt {} failed ({}); retrying in {} ms", m_attempt,
        LlmError::kindName(why.kind).toStdString(), delay);
    Q_EMIT retrying(m_attempt, delay, why.message);
    m_retryTimer.start(delay);
    return true;
}

bool HttpExchange::handleRedirect()
{
    const QUrl location = m_reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
    if (location.isEmpty())
        return false;
    const QUrl target = m_call.url.resolved(location);
    if (!sameOrigin(target, m_call.url)) {
        const QString from = originOf(m_call.url);
        const QString to = originOf(target);
        dropReply();
        finish({LlmError::Kind::Redirect,
            QCoreApplication::translate("cairn::LlmErrors",
                "The server at %1 redirected to %2, another origin. Cairn does not follow it, so neither "
                "your "
                "key "
                "nor your messages go there; if %2 is right, use it as the connection's base URL.")
                .arg(from, to),
            m_status});
        return true;
    }
    if (++m_redirects > 5) {
        dropReply();
        finish({LlmError::Kind::Redirect,
            QCoreApplication::translate("cairn::LlmErrors", "The server redirected more than 5 times."),
            m_status});
        return true;
    }
    if (m_call.method != "GET" && m_status != 307 && m_status != 308) {
        // 301/302/303 would turn the request into a GET without its body: the conversation would be
        // lost on the way, and the answer would be to some other question.
        const QString to = target.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
        dropReply();
        finish({LlmError::Kind::Redirect,
            QCoreApplication::translate("cairn::LlmErrors",
                "The server moved this address to %1 (HTTP %2); update the connection's base URL.")
                .arg(to)
                .arg(m_status),
            m_status});
        return true;
    }
    m_call.url = target;
    dropReply();
    --m_attempt; // a redirect is not a retry
    startAttempt();
    return true;
}

void HttpExchange::onTimeout(int which)
{
    if (m_finished)
        return;
    LlmError e;
    e.kind = LlmError::Kind::Timeout;
    const QString origin = originOf(m_call.url);
    switch (which) {
    case ConnectTimer:
        e.message = QCoreApplication::translate("cairn::LlmErrors", "Could not connect to %1 within %2 s.")
                        .arg(origin, seconds(m_config.connectTimeoutMs));
        break;
    case FirstByteTimer:
        e.message
            = QCoreApplication::translate("cairn::LlmErrors", "The server at %1 sent no answer within %2 s.")
                  .arg(origin, seconds(m_config.firstByteTimeoutMs));
        break;
    case IdleTimer:
        e.message = QCoreApplication::translate(
            "cairn::LlmErrors", "The server at %1 stopped sending for %2 s; the answer was cut off.")
                        .arg(origin, seconds(m_config.idleTimeoutMs));
        break;
    default:
        e.message
            = QCoreApplication::translate(
                "cairn::LlmErrors", "The answer from %1 did not finish within %2 s; it was cut off.")
                  .arg(origin, seconds(static_cast<int>(std::min<qint64>(m_config.maxDurationMs, INT_MAX))));
        break;
    }
    dropReply();
    if (which == ConnectTimer && maybeRetry(e, -1))
        return;
    finish(e);
}

void HttpExchange::cancel()
{
    if (m_finished)
        return;
    dropReply();
    finish({LlmError::Kind::Cancelled, QCoreApplication::translate("cairn::LlmErrors", "Stopped.")});
}

void HttpExchange::completeEarly()
{
    if (m_finished)
        return;
    spdlog::info("llm: {} {} -> {} in {} ms (attempt {}, the stream's end marker arrived)",
        m_call.method.constData(), QString(originOf(m_call.url) + m_call.url.path()).toStdString(), m_status,
        m_clock.elapsed(), m_attempt);
    dropReply();
    finish({});
}

void HttpExchange::failWith(const LlmError &error)
{
    if (m_finished)
        return;
    dropReply();
    finish(error);
}

void HttpExchange::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    if (reply->isRunning())
        reply->abort();
    reply->deleteLater();
}

void HttpExchange::finish(const LlmError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    if (!m_config.apiKey.isEmpty()) {
        // A server may echo the key in its error text; it is not shown or logged from there.
        const QString key = QString::fromUtf8(m_config.apiKey);
        const QString masked = QStringLiteral("[key hidden]");
        m_error.message.replace(key, masked);
        m_error.serverMessage.replace(key, masked);
    }
    for (QTimer *t : {&m_connectTimer, &m_firstByteTimer, &m_idleTimer, &m_deadlineTimer, &m_retryTimer})
        t->stop();
    if (error.isError() && error.kind != LlmError::Kind::Cancelled)
        spdlog::log(m_config.quiet ? spdlog::level::debug : spdlog::level::warn,
            "llm: request failed ({}): {}", LlmError::kindName(m_error.kind).toStdString(),
            m_error.message.toStdString());
    Q_EMIT finished();
}

QByteArray HttpExchange::certificateFingerprint(const QByteArray &derOrPem)
{
    QList<QSslCertificate> certs = QSslCertificate::fromData(derOrPem, QSsl::Pem);
    if (certs.isEmpty())
        certs = QSslCertificate::fromData(derOrPem, QSsl::Der);
    return certs.isEmpty() ? QByteArray() : certs.first().digest(QCryptographicHash::Sha256).toHex();
}

} // namespace cairn::llm
