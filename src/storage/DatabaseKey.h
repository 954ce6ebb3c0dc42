#pragma once

#include <QByteArray>
#include <QString>

namespace cairn {

// The secret that opens the database: either a random 256-bit raw key (keychain mode; 64 hex
// digits, no KDF) or a passphrase (SQLCipher's PBKDF2 derives the key). The bytes are wiped on
// destruction and registered with the log redactor.
class DatabaseKey
{
public:
    enum class Kind { None, Raw, Passphrase };
    // New passphrases are at least this many characters (existing ones open whatever their length).
    static constexpr int kMinPassphraseLength = 8;
    static bool isLongEnough(const QByteArray &passphrase)
    {
        return QString::fromUtf8(passphrase).size() >= kMinPassphraseLength;
    }

    DatabaseKey() = default;
    DatabaseKey(const DatabaseKey &other);
    DatabaseKey &operator=(const DatabaseKey &other);
    ~DatabaseKey();

    static DatabaseKey none();
    static DatabaseKey generateRaw();
    // Returns a None key when hex is not 64 hexadecimal digits.
    static DatabaseKey fromRawHex(const QByteArray &hex);
    // Returns a None key when the passphrase is empty or not valid UTF-8.
    static DatabaseKey fromPassphrase(const QByteArray &passphrase);

    Kind kind() const { return m_kind; }
    bool isNull() const { return m_kind == Kind::None; }
    const QByteArray &secret() const { return m_secret; }
    // The QSqlDatabase password and connect-option flag for the QSQLCIPHER driver.
    QString password() const;
    QString connectOption() const;

private:
    DatabaseKey(Kind kind, QByteArray secret);
    void wipe();

    Kind m_kind = Kind::None;
    QByteArray m_secret;
};

} // namespace cairn
