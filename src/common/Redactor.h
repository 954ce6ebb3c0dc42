#pragma once

#include <QByteArray>
#include <QString>

#include <string>

namespace cairn {

// Removes secrets from text before it reaches any log sink: Authorization and API-key headers,
// well-known API key shapes, key/passphrase/password assignments in JSON, query strings and
// command lines, and every exact secret value registered at run time (database keys, passphrases,
// API keys read from the keychain). Thread-safe.
class Redactor
{
public:
    static constexpr const char *kMask = "[REDACTED]";

    static QString redact(const QString &text);
    static std::string redact(std::string_view utf8);

    // Every later log line has this exact value masked. Values shorter than 6 bytes are ignored
    // (they would mask ordinary words).
    static void registerSecret(const QByteArray &value);
    static void forgetSecret(const QByteArray &value);
    static void clearSecrets();
};

} // namespace cairn
