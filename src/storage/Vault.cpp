#include "storage/Vault.h"

#include "common/DataLocation.h"
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QUuid>

#include <spdlog/spdlog.h>

namespace cairn {

namespace {
QString newEntryName()
{
    return QStringLiteral("database-key/") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}
} // namespace

Vault::Vault(QString dataDir, SecretStore *secrets) : m_dataDir(std::move(dataDir)), m_secrets(secrets) { }

QString Vault::databasePath() const
{
    return DataLocation::databasePath(m_dataDir);
}

bool Vault::exists() const
{
    return QFileInfo::exists(databasePath());
}

KeyMode Vault::mode() const
{
    const Result<StoreConfig> cfg = StoreConfig::load(m_dataDir);
    return cfg ? cfg->mode : KeyMode::Keychain;
}

Error Vault::keychainUnavailableError(const Error &cause)
{
    return Error::make(ErrorCode::Unavailable,
        QCoreApplication::translate("cairn::Vault",
            "No keychain is available (%1). Use passphrase mode instead; Cairn never "
            "stores the key in a plaintext file.")
            .arg(cause.message));
}

Result<DatabaseKey> Vault::keyFromKeychain(const QString &entry)
{
    if (!m_secrets)
        return keychainUnavailableError(Error::make(
            ErrorCode::Unavailable, QCoreApplication::translate("cairn::Vault", "no secret store")));
    if (entry.isEmpty())
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate(
                "cairn::Vault", "store.json names no keychain entry for the database key."));
    Result<QByteArray> hex = m_secrets->readSync(entry);
    if (!hex) {
        if (hex.error().code == ErrorCode::Unavailable)
            return keychainUnavailableError(hex.error());
        if (hex.error().code == ErrorCode::NotFound)
            return Error::make(ErrorCode::NotFound,
                QCoreApplication::translate("cairn::Vault",
                    "The database key is missing from the keychain (%1). If you moved the data "
                    "directory from another account or machine, its key stayed there.")
                    .arg(entry));
        return hex.error();
    }
    DatabaseKey key = DatabaseKey::fromRawHex(hex.value());
    if (key.isNull())
        return Error::make(ErrorCode::Corrupt,
            QCoreApplication::translate("cairn::Vault", "The keychain entry %1 does not hold a database key.")
                .arg(entry));
    return key;
}

Result<std::shared_ptr<Database>> Vault::openWith(const DatabaseKey &key)
{
    Database::Options o;
    o.path = databasePath();
    o.key = key;
    return Database::open(o);
}

bool Vault::needsPassphrase() const
{
    const Result<StoreConfig> cfg = StoreConfig::load(m_dataDir);
    if (!cfg)
        return false;
    return cfg->mode == KeyMode::Passphrase || (cfg->rekeyPending && cfg->pendingMode == KeyMode::Passphrase);
}

Result<std::shared_ptr<Database>> Vault::createWith(
    KeyMode mode, const QByteArray &passphrase, const Creator &make)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("cairn::Vault", text); };
    if (exists())
        return Error::make(
            ErrorCode::AlreadyExists, tr("A database already exists at %1.").arg(databasePath()));
    if (DataLocation::ensure(m_dataDir).isEmpty())
        return Error::make(ErrorCode::Io, tr("Cannot create the data directory %1.").arg(m_dataDir));
    StoreConfig cfg;
    cfg.mode = mode;
    DatabaseKey key;
    if (mode == KeyMode::Passphrase) {
        key = DatabaseKey::fromPassphrase(passphrase);
        if (key.isNull())
            return Error::make(
                ErrorCode::InvalidArgument, tr("The passphrase is empty or not valid UTF-8 text."));
        if (!DatabaseKey::isLongEnough(passphrase))
            return Error::make(ErrorCode::InvalidArgument,
                tr("A passphrase needs at least %1 characters.").arg(DatabaseKey::kMinPassphraseLength));
    } else {
        if (!m_secrets)
            return keychainUnavailableError(Error::make(ErrorCode::Unavailable, tr("no secret store")));
        key = DatabaseKey::generateRaw();
        cfg.keychainEntry = newEntryName();
        Result<bool> stored = m_secrets->writeSync(cfg.keychainEntry, key.secret());
        if (!stored)
            return stored.error().code == ErrorCode::Unavailable ? keychainUnavailableError(stored.error())
                                                                 : stored.error();
    }
    // store.json first: a database never exists without the record of how it is keyed.
    auto undo = [&]() {
        if (mode == KeyMode::Keychain)
            (void)m_secrets->removeSync(cfg.keychainEntry);
        QFile::remove(StoreConfig::pathFor(m_dataDir));
    };
    if (auto saved = cfg.save(m_dataDir); !saved) {
        undo();
        return saved.error();
    }
    Database::Options o;
    o.path = databasePath();
    o.key = key;
    o.create = true;
    Result<std::shared_ptr<Database>> db = make(o);
    if (!db) {
        for (const char *suffix : {"", "-wal", "-shm", "-journal"})
            QFile::remove(o.path + QLatin1String(suffix));
        undo();
        return db.error();
    }
    spdlog::info("created database {} in {} mode", o.path.toStdString(), keyModeName(mode).toStdString());
    return db;
}

Result<std::shared_ptr<Database>> Vault::create(KeyMode mode, const QByteArray &passphrase)
{
    return createWith(mode, passphrase, [](const Database::Options &o) { return Database::open(o); });
}

Result<std::shared_ptr<Database>> Vault::unlock(const QByteArray &passphrase)
{
    if (!exists())
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate("cairn::Vault", "No database at %1.").arg(databasePath()));
    Result<StoreConfig> loaded = StoreConfig::load(m_dataDir);
    if (!loaded)
        return loaded.error();
    StoreConfig cfg = loaded.value();

    auto keyFor = [&](KeyMode mode, const QString &entry) -> Result<DatabaseKey> {
        if (mode == KeyMode::Keychain)
            return keyFromKeychain(entry);
        DatabaseKey k = DatabaseKey::fromPassphrase(passphrase);
        if (k.isNull())
            return Error::make(ErrorCode::InvalidArgument,
                QCoreApplication::translate(
                    "cairn::Vault", "This database is protected by a passphrase; enter it to unlock."));
        return k;
    };

    if (!cfg.rekeyPending) {
        Result<DatabaseKey> key = keyFor(cfg.mode, cfg.keychainEntry);
        return key ? openWith(key.value()) : Result<std::shared_ptr<Database>>(key.error());
    }
    // A re-key was recorded as started. If it is still running in another process, wait for it;
    // otherwise it was interrupted and this process finishes or undoes the bookkeeping.
    QLockFile lock(lockPath());
    if (!lock.tryLock(0))
        return Error::make(ErrorCode::Timeout,
            QCoreApplication::translate("cairn::Vault",
                "Another Cairn process is changing the database key; "
                "try again when it has finished."));
    Result<DatabaseKey> primaryKey = keyFor(cfg.mode, cfg.keychainEntry);
    Result<std::shared_ptr<Database>> db
        = primaryKey ? openWith(primaryKey.value()) : Result<std::shared_ptr<Database>>(primaryKey.error());

    if (db) {
        // The interrupted re-key never committed: the old key still opens the file.
        spdlog::warn("an interrupted re-key did not complete; keeping the previous key");
        if (cfg.pendingMode == KeyMode::Keychain && !cfg.pendingKeychainEntry.isEmpty()
            && cfg.pendingKeychainEntry != cfg.keychainEntry && m_secrets)
            (void)m_secrets->removeSync(cfg.pendingKeychainEntry);
        cfg.rekeyPending = false;
        cfg.pendingKeychainEntry.clear();
        (void)cfg.save(m_dataDir);
        return db;
    }
    if (db.error().code != ErrorCode::WrongKey && primaryKey)
        return db;
    Result<DatabaseKey> pendingKey = keyFor(cfg.pendingMode, cfg.pendingKeychainEntry);
    if (!pendingKey) // e.g. the passphrase that the interrupted switch set is still needed
        return pendingKey.error().code == ErrorCode::InvalidArgument || !primaryKey ? pendingKey.error()
                                                                                    : db.error();
    Result<std::shared_ptr<Database>> second = openWith(pendingKey.value());
    if (!second)
        return primaryKey ? db : second.error();
    // The re-key committed before the crash: finish the bookkeeping.
    spdlog::warn("an interrupted re-key had completed; finishing it");
    const QString oldEntry = cfg.mode == KeyMode::Keychain ? cfg.keychainEntry : QString();
    cfg.mode = cfg.pendingMode;
    cfg.keychainEntry = cfg.pendingMode == KeyMode::Keychain ? cfg.pendingKeychainEntry : QString();
    cfg.rekeyPending = false;
    cfg.pendingKeychainEntry.clear();
    if (auto saved = cfg.save(m_dataDir); !saved)
        return saved.error();
    if (!oldEntry.isEmpty() && oldEntry != cfg.keychainEntry && m_secrets)
        (void)m_secrets->removeSync(oldEntry);
    return second;
}

QString Vault::lockPath() const
{
    return m_dataDir + QStringLiteral("/rekey.lock");
}

Result<void> Vault::rekeyTo(Database &db, KeyMode mode, const DatabaseKey &key, const QString &entry)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("cairn::Vault", text); };
    auto dropNewEntry = [&]() {
        if (!entry.isEmpty() && m_secrets)
            (void)m_secrets->removeSync(entry);
    };
    Result<StoreConfig> loaded = StoreConfig::load(m_dataDir);
    if (!loaded) {
        dropNewEntry();
        return loaded.error();
    }
    QLockFile lock(lockPath());
    if (!lock.tryLock(0)) {
        dropNewEntry();
        return Error::make(ErrorCode::Timeout, tr("Another Cairn process is changing the database key."));
    }
    StoreConfig cfg = loaded.value();
    cfg.rekeyPending = true;
    cfg.pendingMode = mode;
    cfg.pendingKeychainEntry = entry;
    if (auto saved = cfg.save(m_dataDir); !saved) {
        dropNewEntry();
        return saved.error();
    }
    if (auto re = db.rekey(key); !re) {
        if (re.error().code == ErrorCode::Interrupted)
            return re.error(); // keep "pending" and both keys: the next unlock sorts it out
        // Refused or failed with the previous key still in force: undo the bookkeeping.
        cfg.rekeyPending = false;
        cfg.pendingKeychainEntry.clear();
        (void)cfg.save(m_dataDir);
        dropNewEntry();
        return re.error();
    }
    const QString oldEntry = cfg.mode == KeyMode::Keychain ? cfg.keychainEntry : QString();
    cfg.mode = mode;
    cfg.keychainEntry = entry;
    cfg.rekeyPending = false;
    cfg.pendingKeychainEntry.clear();
    if (auto saved = cfg.save(m_dataDir); !saved)
        // store.json still says "pending", which unlock() finishes; the old keychain entry stays.
        return Error::make(ErrorCode::Interrupted,
            tr("The new key is in force, but %1 could not be updated (%2). Keep the new key; "
               "Cairn finishes the change the next time it unlocks.")
                .arg(StoreConfig::pathFor(m_dataDir), saved.error().message));
    if (!oldEntry.isEmpty() && oldEntry != entry && m_secrets)
        (void)m_secrets->removeSync(oldEntry);
    return {};
}

Result<void> Vault::changePassphrase(Database &db, const QByteArray &newPassphrase)
{
    const DatabaseKey key = DatabaseKey::fromPassphrase(newPassphrase);
    if (!key.isNull() && !DatabaseKey::isLongEnough(newPassphrase))
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::Vault", "A passphrase needs at least %1 characters.")
                .arg(DatabaseKey::kMinPassphraseLength));
    if (key.isNull())
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate(
                "cairn::Vault", "The new passphrase is empty or not valid UTF-8 text."));
    return rekeyTo(db, KeyMode::Passphrase, key, {});
}

Result<void> Vault::switchToKeychain(Database &db)
{
    if (!m_secrets)
        return keychainUnavailableError(Error::make(
            ErrorCode::Unavailable, QCoreApplication::translate("cairn::Vault", "no secret store")));
    const DatabaseKey key = DatabaseKey::generateRaw();
    const QString entry = newEntryName();
    // The key goes into the keychain before the database depends on it.
    Result<bool> stored = m_secrets->writeSync(entry, key.secret());
    if (!stored) {
        if (stored.error().code == ErrorCode::Unavailable)
            return keychainUnavailableError(stored.error());
        return stored.error();
    }
    return rekeyTo(db, KeyMode::Keychain, key, entry);
}

Result<std::shared_ptr<Database>> Vault::importPlaintext(
    const QString &plainPath, KeyMode mode, const QByteArray &passphrase)
{
    return createWith(mode, passphrase, [&plainPath](const Database::Options &o) {
        Database::Options target = o;
        target.create = false;
        return Database::importPlaintext(plainPath, target);
    });
}

} // namespace cairn
