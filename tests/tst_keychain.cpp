// The real OS keychain: scripts/test.sh runs this inside a private D-Bus session with an unlocked,
// throwaway gnome-keyring (Secret Service), so nothing touches the developer's own keyring.
#include "TestSupport.h"

#include "secrets/KeychainSecretStore.h"
#include "storage/StoreConfig.h"
#include "storage/Vault.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace cairn;

class TestKeychain : public QObject
{
    Q_OBJECT

    std::unique_ptr<KeychainSecretStore> m_store;
    QString m_service;

private Q_SLOTS:
    void initTestCase()
    {
        m_service = QStringLiteral("CairnTest-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_store = std::make_unique<KeychainSecretStore>(m_service);
        auto probe = m_store->probeSync();
        if (!probe.ok())
            QFAIL(qPrintable(QStringLiteral("No Secret Service answered (%1). Run the tests through "
                                            "scripts/test.sh or scripts/with-test-keyring.sh.")
                                 .arg(probe.error().message)));
    }

    void roundTrip()
    {
        const QString key = QStringLiteral("round-trip");
        const QByteArray value("binary\0value\xff with bytes", 25);
        QVERIFY(m_store->writeSync(key, value).ok());
        auto read = m_store->readSync(key);
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
        QCOMPARE(read.value(), value);
        QVERIFY(m_store->writeSync(key, "replaced").ok());
        QCOMPARE(m_store->readSync(key).value(), QByteArray("replaced"));
        QVERIFY(m_store->removeSync(key).ok());
        auto gone = m_store->readSync(key);
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
        QVERIFY(m_store->removeSync(key).ok()); // removing twice is fine
    }

    void asynchronousCallsFromTheGuiThreadKeepTheLoopRunning()
    {
        QVERIFY(m_store->writeSync(QStringLiteral("async"), "value-async").ok());
        QFuture<Result<QByteArray>> f = m_store->read(QStringLiteral("async"));
        QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 20000);
        QCOMPARE(f.result().value(), QByteArray("value-async"));
        QVERIFY(m_store->removeSync(QStringLiteral("async")).ok());
    }

    void servicesAreSeparate()
    {
        KeychainSecretStore other(m_service + QStringLiteral("-other"));
        QVERIFY(m_store->writeSync(QStringLiteral("shared-name"), "mine").ok());
        auto r = other.readSync(QStringLiteral("shared-name"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::NotFound);
        QVERIFY(m_store->removeSync(QStringLiteral("shared-name")).ok());
    }

    void vaultKeepsTheDatabaseKeyInTheKeychain()
    {
        QTemporaryDir dir;
        Vault vault(dir.path(), m_store.get());
        auto db = vault.create(KeyMode::Keychain);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
        db.value().reset();
        const StoreConfig cfg = StoreConfig::load(dir.path()).value();
        const QByteArray key = m_store->readSync(cfg.keychainEntry).value();
        QCOMPARE(key.size(), 64);
        QDirIterator it(dir.path(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            QVERIFY2(!test::readFile(file).contains(key), qPrintable(file));
        }
        QVERIFY(vault.unlock().ok());
        // Keychain -> passphrase -> keychain against the real Secret Service.
        {
            auto opened = vault.unlock();
            QVERIFY(vault.changePassphrase(*opened.value(), "real keychain pass").ok());
        }
        QCOMPARE(m_store->readSync(cfg.keychainEntry).error().code, ErrorCode::NotFound);
        {
            auto opened = vault.unlock("real keychain pass");
            QVERIFY(opened.ok());
            QVERIFY(vault.switchToKeychain(*opened.value()).ok());
        }
        QVERIFY(vault.unlock().ok());
        const StoreConfig after = StoreConfig::load(dir.path()).value();
        QVERIFY(m_store->readSync(after.keychainEntry).ok());
        QVERIFY(m_store->removeSync(after.keychainEntry).ok());
    }

    void noSecretServiceMeansPassphraseModeAndNoPlaintext()
    {
        // A process without any reachable Secret Service (its D-Bus address points nowhere).
        QTemporaryDir dir;
        QElapsedTimer timer;
        timer.start();
        const auto run = test::runProgram(test::cliPath(),
            {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("db"), QStringLiteral("create")}, 60000,
            {QStringLiteral("DBUS_SESSION_BUS_ADDRESS=unix:path=") + dir.filePath(QStringLiteral("no-bus")),
                QStringLiteral("DISPLAY=")});
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.err.contains("No keychain is available"), run.err.constData());
        QVERIFY(run.err.contains("passphrase mode"));
        QCOMPARE(run.err.count('\n'), 1); // one line
        QVERIFY(timer.elapsed() < 30000);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("cairn.db"))));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("store.json"))));
        const QStringList files = QDir(dir.path()).entryList(QDir::Files);
        QVERIFY2(files.isEmpty(), qPrintable(files.join(QLatin1Char(','))));
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
