#pragma once

#include "common/Result.h"
#include "storage/Database.h"
#include "storage/StoreConfig.h"

#include <QString>

#include <functional>
#include <memory>

namespace cairn {

class SecretStore;

// Key management for the data directory's database.
//   Keychain mode (default): a random 256-bit key, generated at creation, kept in the OS keychain.
//   Passphrase mode: SQLCipher's KDF derives the key from the user's passphrase.
// Switching modes and changing the passphrase re-key the database in place. A re-key is recorded
// in store.json before it starts and cleared after, so a crash at any point leaves a database that
// opens with the old or the new key, and unlock() finishes the bookkeeping.
// Nothing secret is ever written outside the keychain and the encrypted database.
// Re-keys and the recovery of an interrupted one hold a lock file in the data directory, so two
// processes (the app and cairn-cli) never change or repair the key at the same time.
// All calls block (keychain jobs, KDF, re-key): call them off the GUI thread.
class Vault
{
public:
    Vault(QString dataDir, SecretStore *secrets);

    QString dataDir() const { return m_dataDir; }
    QString databasePath() const;
    bool exists() const;
    // The mode of an existing database (keychain when nothing is recorded yet).
    KeyMode mode() const;
    // True in passphrase mode, and when an interrupted switch to passphrase mode may have completed.
    bool needsPassphrase() const;

    Result<std::shared_ptr<Database>> create(KeyMode mode, const QByteArray &passphrase = {});
    // Passphrase mode needs the passphrase; keychain mode ignores it unless a re-key to passphrase
    // mode was interrupted.
    Result<std::shared_ptr<Database>> unlock(const QByteArray &passphrase = {});

    // Keychain -> passphrase mode, or a new passphrase in passphrase mode.
    Result<void> changePassphrase(Database &db, const QByteArray &newPassphrase);
    // Passphrase -> keychain mode (a new random key in the keychain).
    Result<void> switchToKeychain(Database &db);

    Result<std::shared_ptr<Database>> importPlaintext(
        const QString &plainPath, KeyMode mode, const QByteArray &passphrase = {});

    static Error keychainUnavailableError(const Error &cause);

private:
    using Creator = std::function<Result<std::shared_ptr<Database>>(const Database::Options &)>;
    Result<std::shared_ptr<Database>> createWith(
        KeyMode mode, const QByteArray &passphrase, const Creator &make);
    Result<DatabaseKey> keyFromKeychain(const QString &entry);
    QString lockPath() const;
    Result<std::shared_ptr<Database>> openWith(const DatabaseKey &key);
    Result<void> rekeyTo(Database &db, KeyMode mode, const DatabaseKey &key, const QString &entry);

    QString m_dataDir;
    SecretStore *m_secrets;
};

} // namespace cairn
