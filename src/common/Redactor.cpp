#include "common/Redactor.h"

#include <QList>
#include <QMutex>
#include <QReadWriteLock>
#include <QRegularExpression>

#include <algorithm>

namespace cairn {

namespace {

struct Rule {
    QRegularExpression pattern;
    QString replacement;
};

const QList<Rule> &rules()
{
    using RX = QRegularExpression;
    // Never destroyed: log lines may still arrive from other threads while the process exits.
    static const QList<Rule> &r = *new QList<Rule> {
        // HTTP headers: "Authorization: Bearer x", "x-api-key: x", "api-key: x", "Proxy-Authorization"
        {RX(QStringLiteral(
                R"(((?:proxy-)?authorization|x-api-key|api-key|x-goog-api-key)(["']?\s*[:=]\s*["']?)(?:(?:bearer|basic|token)\s+)?[^\s"',;}]+)"),
             RX::CaseInsensitiveOption),
            QStringLiteral("\\1\\2[REDACTED]")},
        // JSON / key=value / CLI style assignments of secret-bearing names
        {RX(QStringLiteral(
                R"(\b((?:api[_-]?key|apikey|access[_-]?token|refresh[_-]?token|secret|client[_-]?secret|password|passwd|passphrase|pass[_-]?phrase|db[_-]?key|key[_-]?hex|token)["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}]+))"),
             RX::CaseInsensitiveOption),
            QStringLiteral("\\1[REDACTED]")},
        // PRAGMA key / rekey statements, raw SQLCipher keys x'...'
        {RX(QStringLiteral(R"(\b(PRAGMA\s+(?:re)?key\s*=\s*)(\S+))"), RX::CaseInsensitiveOption),
            QStringLiteral("\\1[REDACTED]")},
        {RX(QStringLiteral(R"(x'[0-9A-Fa-f]{64,}')")), QStringLiteral("[REDACTED]")},
        // Well-known key shapes: OpenAI/Anthropic/OpenRouter (sk-...), Groq (gsk_), Google (AIza),
        // GitHub, Hugging Face, JWTs.
        {RX(QStringLiteral(R"(\b(?:sk|rk|pk)-[A-Za-z0-9_\-]{16,})")), QStringLiteral("[REDACTED]")},
        {RX(QStringLiteral(R"(\bgsk_[A-Za-z0-9]{16,})")), QStringLiteral("[REDACTED]")},
        {RX(QStringLiteral(R"(\bAIza[0-9A-Za-z_\-]{30,})")), QStringLiteral("[REDACTED]")},
        {RX(QStringLiteral(R"(\bgh[pousr]_[A-Za-z0-9]{20,})")), QStringLiteral("[REDACTED]")},
        {RX(QStringLiteral(R"(\bhf_[A-Za-z0-9]{20,})")), QStringLiteral("[REDACTED]")},
        {RX(QStringLiteral(R"(\beyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,})")),
            QStringLiteral("[REDACTED]")},
        // Long hex strings (raw 256-bit keys)
        {RX(QStringLiteral(R"(\b[0-9A-Fa-f]{64}\b)")), QStringLiteral("[REDACTED]")},
        // Userinfo in URLs: scheme://user:password@host
        {RX(QStringLiteral(R"((\b[a-z][a-z0-9+.\-]*://[^/\s:@]+:)[^@\s/]+@)"), RX::CaseInsensitiveOption),
            QStringLiteral("\\1[REDACTED]@")},
    };
    return r;
}

QReadWriteLock &secretsLock()
{
    static QReadWriteLock &l = *new QReadWriteLock;
    return l;
}
QList<QString> &secrets()
{
    static QList<QString> &s = *new QList<QString>;
    return s;
}

} // namespace

void Redactor::registerSecret(const QByteArray &value)
{
    if (value.size() < 6)
        return;
    const QString s = QString::fromUtf8(value);
    QWriteLocker lock(&secretsLock());
    if (!secrets().contains(s)) {
        secrets().append(s);
        // Longest first, so a secret that contains another is masked whole.
        std::sort(secrets().begin(), secrets().end(),
            [](const QString &a, const QString &b) { return a.size() > b.size(); });
    }
}

void Redactor::forgetSecret(const QByteArray &value)
{
    QWriteLocker lock(&secretsLock());
    secrets().removeAll(QString::fromUtf8(value));
}

void Redactor::clearSecrets()
{
    QWriteLocker lock(&secretsLock());
    secrets().clear();
}

QString Redactor::redact(const QString &text)
{
    QString out = text;
    {
        QReadLocker lock(&secretsLock());
        for (const QString &s : std::as_const(secrets()))
            out.replace(s, QLatin1String(kMask));
    }
    for (const Rule &rule : rules())
        out.replace(rule.pattern, rule.replacement);
    return out;
}

std::string Redactor::redact(std::string_view utf8)
{
    const QString in = QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size()));
    return redact(in).toStdString();
}

} // namespace cairn
