#pragma once

#include "llm/LlmTypes.h"
#include "llm/Protocol.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;
class QSslError;

namespace cairn::llm {

// One logical HTTP call with Cairn's network rules:
// - timeouts: connect (until the request is written), first byte (until the first meaningful
//   event of a stream, or the response headers otherwise), idle (between events / body bytes) and
//   an overall duration; while a large body uploads, the upload itself must progress within the idle
//   timeout, and the first-byte clock starts once it is sent;
// - retries with exponential backoff and jitter on 429, 502, 503, 504 and connection failures,
//   honouring Retry-After, only while nothing of the body has been handed on;
// - redirects are followed only within the same origin; a redirect elsewhere is refused, so neither
//   the key nor the conversation goes to another host;
// - TLS errors fail the call unless the certificate's SHA-256 is the one the user chose to trust;
// - size limits for bodies and streams.
// Lives on the thread that created it (QtNetwork is asynchronous; nothing blocks).
class HttpExchange : public QObject
{
    Q_OBJECT
public:
    HttpExchange(
        QNetworkAccessManager *nam, HttpCall call, const ProviderConfig &config, QObject *parent = nullptr);
    ~HttpExchange() override;

    void start();
    // Stop at once: finished() follows with a Cancelled error.
    void cancel();
    // The consumer found the stream broken: abort with this error.
    void failWith(const LlmError &error);
    // Streaming: the consumer parsed a meaningful event (resets the idle clock).
    void noteProgress();
    // Streaming: the consumer saw the protocol's end marker; stop reading (a server may keep the
    // connection open after it) and finish successfully.
    void completeEarly();

    bool isFinished() const { return m_finished; }
    const LlmError &error() const { return m_error; }
    int httpStatus() const { return m_status; }
    const QByteArray &body() const { return m_body; } // non-streamed body (or an error body)
    int attempts() const { return m_attempt; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    bool deliveredData() const { return m_delivered; }
    // A streaming call that the server answered 2xx with application/json (an answer that ignored
    // "stream", or an error in a 200): the bytes are in body(), not passed on as data().
    bool answeredWithJson() const { return m_streamAsBody; }

    static QByteArray certificateFingerprint(const QByteArray &derOrPem);

Q_SIGNALS:
    void data(const QByteArray &chunk); // body bytes of a successful streamed response
    void retrying(int attempt, int delayMs, const QString &reason);
    void finished();

private:
    void startAttempt();
    void onMetaData();
    void onUploadProgress(qint64 sent, qint64 total);
    void onReadyRead();
    void onReplyFinished();
    void onSslErrors(const QList<QSslError> &errors);
    void onEncrypted();
    void onTimeout(int which);
    bool maybeRetry(const LlmError &why, int retryAfterMs);
    bool handleRedirect();
    void finish(const LlmError &error);
    void dropReply();
    LlmError networkError() const;
    int retryAfterMs() const;

    QNetworkAccessManager *m_nam;
    HttpCall m_call;
    ProviderConfig m_config;
    QPointer<QNetworkReply> m_reply;
    QElapsedTimer m_clock;
    QTimer m_connectTimer, m_firstByteTimer, m_idleTimer, m_deadlineTimer, m_retryTimer;
    int m_attempt = 0;
    int m_redirects = 0;
    int m_status = 0;
    qint64 m_received = 0;
    bool m_delivered = false;
    bool m_finished = false;
    bool m_gotProgress = false;
    bool m_streamAsBody = false;
    QByteArray m_body;
    LlmError m_error;
    LlmError m_tlsError;
};

} // namespace cairn::llm
