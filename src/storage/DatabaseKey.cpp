#include "storage/DatabaseKey.h"

#include "common/Redactor.h"

#include <QRandomGenerator>

#include <array>

namespace cairn {

DatabaseKey::DatabaseKey(Kind kind, QByteArray secret) : m_kind(kind), m_secret(std::move(secret))
{
    Redactor::registerSecret(m_secret);
}

DatabaseKey::DatabaseKey(const DatabaseKey &other) = default;
DatabaseKey &DatabaseKey::operator=(const DatabaseKey &other)
{
    if (this != &other) {
        wipe();
        m_kind = other.m_kind;
        m_secret = other.m_secret;
    }
    return *this;
}

DatabaseKey::~DatabaseKey()
{
    wipe();
}

void DatabaseKey::wipe()
{
    // Only wipe the buffer when we are its last owner (QByteArray is implicitly shared).
    if (!m_secret.isEmpty() && !m_secret.isDetached())
        m_secret = QByteArray();
    else if (!m_secret.isEmpty())
        m_secret.fill('\0');
}

DatabaseKey DatabaseKey::none()
{
    return {};
}

DatabaseKey DatabaseKey::generateRaw()
{
    std::array<quint32, 8> words {};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    QByteArray bytes(reinterpret_cast<const char *>(words.data()), 32);
    words.fill(0);
    QByteArray hex = bytes.toHex();
    bytes.fill('\0');
    return {Kind::Raw, hex};
}

DatabaseKey DatabaseKey::fromRawHex(const QByteArray &hex)
{
    if (hex.size() != 64)
        return {};
    for (char c : hex) {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return {};
    }
    return {Kind::Raw, hex.toLower()};
}

DatabaseKey DatabaseKey::fromPassphrase(const QByteArray &passphrase)
{
    // The driver receives the key as a QString; only valid UTF-8 survives that unchanged, and the
    // bytes must be identical on every open and re-key.
    if (passphrase.isEmpty() || QString::fromUtf8(passphrase).toUtf8() != passphrase)
        return {};
    return {Kind::Passphrase, passphrase};
}

QString DatabaseKey::password() const
{
    return QString::fromUtf8(m_secret);
}

QString DatabaseKey::connectOption() const
{
    return m_kind == Kind::Raw ? QStringLiteral("CAIRN_RAW_KEY") : QString();
}

} // namespace cairn
