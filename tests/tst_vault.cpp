// Vault: key modes, mode switches and recovery from an interrupted re-key. The keychain here is the
// in-memory SecretStore (a unit test of the logic above the keychain); tst_keychain runs the same
// flows against the real Secret Service.
#include "TestSupport.h"

#include "secrets/MemorySecretStore.h"
#include "storage/StoreConfig.h"
#include "storage/Vault.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLockFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace cairn;

namespace {
// True when any file under dir contains needle.
bool anyFileContains(const QString &dir, const QByteArray &needle)
{
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        if (test::readFile(it.next()).contains(needle))
            return true;
    }
    return false;
}
} // namespace

class TestVault : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keychainModeCreatesRandomKeyInKeychain()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        Vault vault(dir.path(), &secrets);
        QVERIFY(!vault.exists());
        auto db = vault.create(KeyMode::Keychain);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
        QCOMPARE(vault.mode(), KeyMode::Keychain);
        QCOMPARE(secrets.size(), 1);
        const StoreConfig cfg = StoreConfig::load(dir.path()).value();
        // store.json names the keychain entry: readable by the owner only.
        QCOMPARE(QFile::permissions(StoreConfig::pathFor(dir.path()))
                & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                    | QFileDevice::WriteOther),
            QFileDevice::Permissions());
        const QByteArray key = secrets.readSync(cfg.keychainEntry).value();
        QCOMPARE(key.size(), 64); // 256 bits, hex
        QVERIFY(DatabaseKey::fromRawHex(key).kind() == DatabaseKey::Kind::Raw);
        db.value().reset();
        QVERIFY(!anyFileContains(dir.path(), key));
        auto again = vault.unlock();
        QVERIFY(again.ok());

        // A second database gets a different key.
        QTemporaryDir dir2;
        Vault vault2(dir2.path(), &secrets);
        QVERIFY(vault2.create(KeyMode::Keychain).ok());
        const StoreConfig cfg2 = StoreConfig::load(dir2.path()).value();
        QVERIFY(cfg2.keychainEntry != cfg.keychainEntry);
        QVERIFY(secrets.readSync(cfg2.keychainEntry).value() != key);
    }

    void passphraseMode()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        Vault vault(dir.path(), &secrets);
        QVERIFY(vault.create(KeyMode::Passphrase, "tulip garden 42").ok());
        QCOMPARE(secrets.size(), 0);
        QVERIFY(vault.needsPassphrase());
        auto none = vault.unlock();
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, ErrorCode::InvalidArgument);
        auto wrong = vault.unlock("tulip garden 43");
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code, ErrorCode::WrongKey);
        QVERIFY(vault.unlock("tulip garden 42").ok());
        QVERIFY(!anyFileContains(dir.path(), "tulip garden 42"));
    }

    void switchModesBothWays()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        Vault vault(dir.path(), &secrets);
        {
            auto db = vault.create(KeyMode::Keychain);
            QVERIFY(db.ok());
            QSqlQuery(db.value()->connection())
                .exec(QStringLiteral("INSERT INTO config (key, value, updated_at) VALUES ('x', '1', 1)"));
            QVERIFY(vault.changePassphrase(*db.value(), "first passphrase").ok());
        }
        QCOMPARE(vault.mode(), KeyMode::Passphrase);
        QCOMPARE(secrets.size(), 0); // the old keychain entry is gone
        {
            auto db = vault.unlock("first passphrase");
            QVERIFY(db.ok());
            QVERIFY(vault.changePassphrase(*db.value(), "second passphrase").ok());
        }
        QVERIFY(!vault.unlock("first passphrase").ok());
        {
            auto db = vault.unlock("second passphrase");
            QVERIFY(db.ok());
            QVERIFY(vault.switchToKeychain(*db.value()).ok());
        }
        QCOMPARE(vault.mode(), KeyMode::Keychain);
        QCOMPARE(secrets.size(), 1);
        auto db = vault.unlock();
        QVERIFY(db.ok());
        QSqlQuery q(db.value()->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM config WHERE key = 'x'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(!StoreConfig::load(dir.path()).value().rekeyPending);
    }

    void interruptedRekeyThatCommittedIsFinished()
    {
        // Simulate a crash after the re-key committed but before store.json was updated.
        QTemporaryDir dir;
        MemorySecretStore secrets;
        Vault vault(dir.path(), &secrets);
        {
            auto db = vault.create(KeyMode::Keychain);
            QVERIFY(db.ok());
            StoreConfig cfg = StoreConfig::load(dir.path()).value();
            cfg.rekeyPending = true;
            cfg.pendingMode = KeyMode::Passphrase;
            QVERIFY(cfg.save(dir.path()).ok());
            QVERIFY(db.value()->rekey(DatabaseKey::fromPassphrase("after crash")).ok());
        }
        // The switch may have completed: the vault asks for the passphrase, and without it says so.
        QVERIFY(vault.needsPassphrase());
        auto withoutPassphrase = vault.unlock();
        QVERIFY(!withoutPassphrase.ok());
        QCOMPARE(withoutPassphrase.error().code, ErrorCode::InvalidArgument);
        QVERIFY(withoutPassphrase.error().message.contains(QStringLiteral("passphrase")));
        auto opened = vault.unlock("after crash");
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        const StoreConfig cfg = StoreConfig::load(dir.path()).value();
        QCOMPARE(cfg.mode, KeyMode::Passphrase);
        QVERIFY(!cfg.rekeyPending);
        QCOMPARE(secrets.size(), 0);
    }

    void interruptedRekeyThatNeverCommittedKeepsOldKey()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        Vault vault(dir.path(), &secrets);
        QVERIFY(vault.create(KeyMode::Passphrase, "old one here").ok());
        StoreConfig cfg = StoreConfig::load(dir.path()).value();
        cfg.rekeyPending = true;
        cfg.pendingMode = KeyMode::Keychain;
        cfg.pendingKeychainEntry = QStringLiteral("database-key/never-used");
        QVERIFY(secrets.writeSync(cfg.pendingKeychainEntry, DatabaseKey::generateRaw().secret()).ok());
        QVERIFY(cfg.save(dir.path()).ok());
        QVERIFY(vault.unlock("old one here").ok());
        const StoreConfig after = StoreConfig::load(dir.path()).value();
        QCOMPARE(after.mode, KeyMode::Passphrase);
        QVERIFY(!after.rekeyPending);
        QVERIFY(!secrets.contains(QStringLiteral("database-key/never-used")));
    }

    void failedRekeyKeepsTheOldKeyAndUndoesBookkeeping()
    {
        // Another connection holds the write lock for longer than the busy timeout, so the re-key
        // cannot commit. The vault must notice (SQLCipher does not always say), keep the old key
        // and drop the new keychain entry.
        QTemporaryDir dir;
        MemorySecretStore secrets;
        Vault vault(dir.path(), &secrets);
        QVERIFY(vault.create(KeyMode::Passphrase, "old passphrase").ok());
        Database::Options o;
        o.path = vault.databasePath();
        o.key = DatabaseKey::fromPassphrase("old passphrase");
        o.busyTimeoutMs = 200;
        auto db = Database::open(o);
        QVERIFY(db.ok());
        db.value()->closeThreadConnection();
        const QString blocker = QStringLiteral("blocker");
        {
            QSqlDatabase other = test::openConnection(
                blocker, vault.databasePath(), QStringLiteral("old passphrase"), QString());
            QVERIFY(other.isOpen());
            QVERIFY(other.transaction()); // BEGIN IMMEDIATE: holds the write lock
            QVERIFY(QSqlQuery(other).exec(
                QStringLiteral("INSERT INTO config (key, value, updated_at) VALUES ('held', '1', 1)")));
            auto r = vault.switchToKeychain(*db.value());
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, ErrorCode::Generic);
            QVERIFY2(r.error().message.contains(QStringLiteral("previous key still opens")),
                qPrintable(r.error().message));
            QVERIFY(other.rollback());
        }
        test::closeConnection(blocker);
        QCOMPARE(secrets.size(), 0);
        const StoreConfig cfg = StoreConfig::load(dir.path()).value();
        QCOMPARE(cfg.mode, KeyMode::Passphrase);
        QVERIFY(!cfg.rekeyPending);
        QVERIFY(vault.unlock("old passphrase").ok());
    }

    void concurrentRekeyIsRefused()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        Vault vault(dir.path(), &secrets);
        auto db = vault.create(KeyMode::Passphrase, "first phrase");
        QVERIFY(db.ok());
        QLockFile other(dir.filePath(QStringLiteral("rekey.lock")));
        QVERIFY(other.tryLock(0)); // as if another process were re-keying
        auto r = vault.changePassphrase(*db.value(), "second phrase");
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("Another Cairn process")));
        other.unlock();
        QVERIFY(vault.changePassphrase(*db.value(), "second phrase").ok());
        db.value().reset();
        QVERIFY(vault.unlock("second phrase").ok());
    }

    void newPassphrasesHaveAMinimumLength()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        Vault vault(dir.path(), &secrets);
        auto r = vault.create(KeyMode::Passphrase, "7 chars");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QVERIFY(r.error().message.contains(QStringLiteral("at least 8 characters")));
        auto db = vault.create(KeyMode::Passphrase, "8 chars!");
        QVERIFY(db.ok());
        QVERIFY(!vault.changePassphrase(*db.value(), "short").ok());
        db.value().reset();
        QVERIFY(vault.unlock("8 chars!").ok());
    }

    void passphraseMustBeUtf8()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        Vault vault(dir.path(), &secrets);
        auto r = vault.create(KeyMode::Passphrase, QByteArray("caf\xe9"));
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("UTF-8")));
        QVERIFY(!vault.exists());
        QVERIFY(!QFile::exists(StoreConfig::pathFor(dir.path())));
        QVERIFY(vault.create(KeyMode::Passphrase, QByteArray("caf\xc3\xa9 au lait")).ok());
    }

    void noKeychainMeansClearErrorAndNoPlaintextKey()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        secrets.setAvailable(false);
        Vault vault(dir.path(), &secrets);
        auto db = vault.create(KeyMode::Keychain);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::Unavailable);
        QVERIFY(db.error().message.contains(QStringLiteral("passphrase mode")));
        QVERIFY(!vault.exists());
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty()); // nothing written instead
        // Passphrase mode still works.
        QVERIFY(vault.create(KeyMode::Passphrase, "fallback").ok());
    }

    void missingKeychainEntryIsExplained()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        Vault vault(dir.path(), &secrets);
        QVERIFY(vault.create(KeyMode::Keychain).ok());
        QVERIFY(secrets.removeSync(StoreConfig::load(dir.path()).value().keychainEntry).ok());
        auto db = vault.unlock();
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::NotFound);
        QVERIFY(db.error().message.contains(QStringLiteral("missing from the keychain")));
    }
};

QTEST_GUILESS_MAIN(TestVault)
#include "tst_vault.moc"
