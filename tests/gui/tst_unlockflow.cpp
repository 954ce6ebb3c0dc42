// GUI tests of getting to an open database: UnlockFlow with the first-run and passphrase dialogs,
// keychain mode, a missing key and a database from a newer Cairn. Real widgets (offscreen); the
// Vault work runs on worker threads exactly as in the app. Screenshots go to $CAIRN_TEST_ARTIFACTS.
#include "GuiTestSupport.h"

#include "gui/FirstRunDialog.h"
#include "gui/NewPassphraseFields.h"
#include "gui/PassphraseDialog.h"
#include "gui/UnlockFlow.h"
#include "secrets/MemorySecretStore.h"
#include "storage/Vault.h"
#include "storage/sqlcipher/SqlCipherDriver.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include "storage/StoreConfig.h"
#include <QTest>

using namespace cairn;
using namespace cairn::test;

class TestUnlockFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void passphraseUnlockRetriesAfterWrongPassphrase();
    void firstRunWithoutKeychain();
    void firstRunCreatesKeychainDatabase();
    void keychainUnlockAndMissingKey();
    void newerSchemaIsRefused();
};

void TestUnlockFlow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    SqlCipherDriver::registerDriver();
}

void TestUnlockFlow::passphraseUnlockRetriesAfterWrongPassphrase()
{
    QTemporaryDir dir;
    MemorySecretStore store;
    QVERIFY(createDatabase(dir.path(), &store, KeyMode::Passphrase, "correct horse"));

    UnlockFlow flow(dir.path(), &store);
    std::shared_ptr<Database> unlocked;
    int cancelled = 0;
    connect(&flow, &UnlockFlow::unlocked, this, [&](const std::shared_ptr<Database> &db) { unlocked = db; });
    connect(&flow, &UnlockFlow::cancelled, this, [&]() { ++cancelled; });
    flow.start();
    QPointer<PassphraseDialog> dialog = flow.passphraseDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->passphraseEdit()->echoMode(), QLineEdit::Password);
    QVERIFY(!dialog->passphraseEdit()->accessibleName().isEmpty());

    QTest::keyClicks(dialog->passphraseEdit(), QStringLiteral("wrong guess"));
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(dialog->isBusy()); // the KDF runs on a worker; the dialog shows it
    QVERIFY(!dialog->passphraseEdit()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
    QVERIFY(dialog->errorLabel()->isVisible());
    QVERIFY2(dialog->errorLabel()->text().contains(QLatin1String(SqlCipherDriver::kWrongKeyText)),
        qPrintable(dialog->errorLabel()->text()));
    QVERIFY(!unlocked);
    QVERIFY(saveShot(dialog, QStringLiteral("passphrase-wrong")));

    dialog->passphraseEdit()->clear();
    QTest::keyClicks(dialog->passphraseEdit(), QStringLiteral("correct horse"));
    QTest::keyClick(dialog->passphraseEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(unlocked != nullptr, 30000);
    QCOMPARE(unlocked->openConnectionCount(), 0); // the worker closed its connection
    QTRY_VERIFY(!dialog);
    QCOMPARE(cancelled, 0);
}

void TestUnlockFlow::firstRunWithoutKeychain()
{
    QTemporaryDir dir;
    MemorySecretStore store;
    store.setAvailable(false);
    FirstRunDialog dialog(Vault(dir.path(), &store).databasePath(), &store);
    int requests = 0;
    connect(&dialog, &FirstRunDialog::createRequested, this, [&]() { ++requests; });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY(dialog.keychainProbed());
    QVERIFY(!dialog.keychainOption()->isEnabled());
    QVERIFY(dialog.passphraseOption()->isChecked());
    QVERIFY(dialog.keychainStatus()->isVisible());
    QVERIFY(dialog.keychainStatus()->text().contains(QStringLiteral("No keychain is available")));
    QVERIFY(
        dialog.keychainStatus()->text().contains(QStringLiteral("never writes the key to a plaintext file")));
    QVERIFY(saveShot(&dialog, QStringLiteral("firstrun-no-keychain")));

    // Validation: empty, then mismatched.
    QPushButton *create = dialog.buttons()->button(QDialogButtonBox::Ok);
    QVERIFY(create->isEnabled());
    QTest::mouseClick(create, Qt::LeftButton);
    QVERIFY(dialog.errorLabel()->isVisible());
    QVERIFY(dialog.errorLabel()->text().contains(QStringLiteral("Enter a passphrase")));
    QTest::keyClicks(dialog.passphraseFields()->passphraseEdit(), QStringLiteral("short"));
    QTest::mouseClick(create, Qt::LeftButton);
    QVERIFY(dialog.errorLabel()->text().contains(QStringLiteral("at least 8 characters")));
    dialog.passphraseFields()->passphraseEdit()->clear();
    QTest::keyClicks(dialog.passphraseFields()->passphraseEdit(), QStringLiteral("one two three"));
    QTest::keyClicks(dialog.passphraseFields()->confirmEdit(), QStringLiteral("four five six"));
    QTest::mouseClick(create, Qt::LeftButton);
    QVERIFY(dialog.errorLabel()->text().contains(QStringLiteral("do not match")));
    QCOMPARE(requests, 0);
    dialog.passphraseFields()->confirmEdit()->clear();
    QTest::keyClicks(dialog.passphraseFields()->confirmEdit(), QStringLiteral("one two three"));
    QTest::mouseClick(create, Qt::LeftButton);
    QCOMPARE(requests, 1);
}

void TestUnlockFlow::firstRunCreatesKeychainDatabase()
{
    QTemporaryDir dir;
    MemorySecretStore store;
    UnlockFlow flow(dir.path(), &store);
    std::shared_ptr<Database> unlocked;
    connect(&flow, &UnlockFlow::unlocked, this, [&](const std::shared_ptr<Database> &db) { unlocked = db; });
    flow.start();
    QPointer<FirstRunDialog> dialog = flow.firstRunDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTRY_VERIFY(dialog->keychainOption()->isEnabled());
    QVERIFY(dialog->keychainOption()->isChecked());
    QVERIFY(!dialog->keychainStatus()->isVisible());
    QVERIFY(saveShot(dialog, QStringLiteral("firstrun")));
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(unlocked != nullptr, 30000);
    QCOMPARE(unlocked->openConnectionCount(), 0);
    QVERIFY(Vault(dir.path(), &store).exists());
    QCOMPARE(Vault(dir.path(), &store).mode(), KeyMode::Keychain);
    QCOMPARE(store.size(), 1);
    QTRY_VERIFY(!dialog);
}

void TestUnlockFlow::keychainUnlockAndMissingKey()
{
    QTemporaryDir dir;
    MemorySecretStore store;
    QVERIFY(createDatabase(dir.path(), &store, KeyMode::Keychain));
    {
        UnlockFlow flow(dir.path(), &store);
        std::shared_ptr<Database> unlocked;
        connect(
            &flow, &UnlockFlow::unlocked, this, [&](const std::shared_ptr<Database> &db) { unlocked = db; });
        flow.start();
        QVERIFY(!flow.passphraseDialog() && !flow.firstRunDialog()); // no questions asked
        QTRY_VERIFY_WITH_TIMEOUT(unlocked != nullptr, 30000);
        QCOMPARE(unlocked->openConnectionCount(), 0);
    }
    // Another keychain without the key: explain, offer to try again, and succeed once the key is there.
    MemorySecretStore empty;
    UnlockFlow flow(dir.path(), &empty);
    int cancelled = 0;
    std::shared_ptr<Database> unlocked;
    connect(&flow, &UnlockFlow::cancelled, this, [&]() { ++cancelled; });
    connect(&flow, &UnlockFlow::unlocked, this, [&](const std::shared_ptr<Database> &db) { unlocked = db; });
    auto acceptButton = [](QMessageBox *box) {
        QPushButton *accept = nullptr;
        const QList<QAbstractButton *> buttons = box->buttons();
        for (QAbstractButton *b : buttons)
            if (box->buttonRole(b) == QMessageBox::AcceptRole)
                accept = qobject_cast<QPushButton *>(b);
        return accept;
    };
    flow.start();
    QTRY_VERIFY_WITH_TIMEOUT(flow.messageBox() != nullptr, 30000);
    QPointer<QMessageBox> box = flow.messageBox();
    QTRY_VERIFY(box->isVisible());
    QVERIFY(box->text().contains(QStringLiteral("could not get the database key")));
    QVERIFY(box->informativeText().contains(QStringLiteral("try again")));
    QVERIFY(saveShot(box, QStringLiteral("keychain-key-missing")));
    QPushButton *retry = acceptButton(box);
    QVERIFY(retry);
    QTest::mouseClick(retry, Qt::LeftButton); // still missing: asked again
    QTRY_VERIFY_WITH_TIMEOUT(flow.messageBox() != nullptr && flow.messageBox() != box.data(), 30000);
    QCOMPARE(cancelled, 0);
    const StoreConfig cfg = StoreConfig::load(dir.path()).value();
    QVERIFY(empty.writeSync(cfg.keychainEntry, store.readSync(cfg.keychainEntry).value()).ok());
    QTest::mouseClick(acceptButton(flow.messageBox()), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(unlocked != nullptr, 30000);
    QCOMPARE(cancelled, 0);
}

void TestUnlockFlow::newerSchemaIsRefused()
{
    QTemporaryDir dir;
    MemorySecretStore store;
    {
        Vault vault(dir.path(), &store);
        Result<std::shared_ptr<Database>> db = vault.create(KeyMode::Keychain);
        QVERIFY(db);
        QSqlQuery q(db.value()->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 999")));
        q.finish();
        db.value()->closeThreadConnection();
    }
    const QDateTime modified = QFileInfo(Vault(dir.path(), &store).databasePath()).lastModified();
    UnlockFlow flow(dir.path(), &store);
    int unlocked = 0;
    QString failure;
    connect(&flow, &UnlockFlow::unlocked, this, [&]() { ++unlocked; });
    connect(&flow, &UnlockFlow::failed, this, [&](const QString &message) { failure = message; });
    flow.start();
    QTRY_VERIFY_WITH_TIMEOUT(flow.messageBox() != nullptr, 30000);
    QMessageBox *box = flow.messageBox();
    QVERIFY(box->informativeText().contains(QStringLiteral("newer version of Cairn")));
    QVERIFY(saveShot(box, QStringLiteral("newer-schema")));
    box->button(QMessageBox::Close)->click();
    QTRY_VERIFY(failure.contains(QStringLiteral("999")));
    QCOMPARE(unlocked, 0);
    QCOMPARE(QFileInfo(Vault(dir.path(), &store).databasePath()).lastModified(), modified);
}

QTEST_MAIN(TestUnlockFlow)
#include "tst_unlockflow.moc"
