// GUI tests on real widgets (offscreen): the main window and its panes, the Admin pane's database
// work, About, window settings and the embedded translations. Screenshots go to
// $CAIRN_TEST_ARTIFACTS.
#include "GuiTestSupport.h"

#include "common/Logging.h"
#include "common/Versions.h"
#include "gui/AboutDialog.h"
#include "gui/MainWindow.h"
#include "gui/panes/AdminPane.h"
#include "gui/panes/ChatPane.h"
#include "gui/panes/FoldersPane.h"
#include "gui/panes/KnowledgePane.h"
#include "gui/panes/PromptsPane.h"
#include "secrets/MemorySecretStore.h"
#include "storage/Migrator.h"
#include "storage/Vault.h"
#include "storage/sqlcipher/SqlCipherDriver.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace cairn;
using namespace cairn::test;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void panesAdminAndAbout();
    void geometryIsSavedAndRestored();
    void adminPaneChangesKeyProtection();
    void germanTranslationIsEmbedded();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    SqlCipherDriver::registerDriver();
    QVERIFY(QDir(artifactsDir()).exists());
}

void TestMainWindow::panesAdminAndAbout()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MemorySecretStore store;
    std::shared_ptr<Database> db = createDatabase(dir.path(), &store, KeyMode::Keychain);
    QVERIFY(db);
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);

    MainWindow window(db, Vault(dir.path(), &store), &settings);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    // The Admin pane loads the database facts on a worker thread, which closes its connection.
    AdminPane *admin = window.adminPane();
    const QString latest = QString::number(Migrator().latestVersion());
    QTRY_VERIFY(admin->field(QStringLiteral("schemaVersion"))->text().startsWith(latest));
    QVERIFY(admin->field(QStringLiteral("sqlcipher"))->text().contains(Versions::sqlcipher()));
    QCOMPARE(admin->field(QStringLiteral("sqlite"))->text(), Versions::sqlite());
    QCOMPARE(admin->field(QStringLiteral("path"))->text(), db->path());
    QVERIFY(admin->field(QStringLiteral("keyMode"))->text().contains(QStringLiteral("keychain")));
    QTRY_COMPARE(db->openConnectionCount(), 0);
    auto *status = window.statusBar()->findChild<QLabel *>(QStringLiteral("databaseStatus"));
    QVERIFY(status);
    QTRY_VERIFY(status->text().contains(QStringLiteral("system keychain")));
    QVERIFY(status->text().contains(QDir::toNativeSeparators(db->path())));

    const char *classes[] = {"cairn::ChatPane", "cairn::FoldersPane", "cairn::KnowledgePane",
        "cairn::PromptsPane", "cairn::AdminPane"};
    const QString names[] = {QStringLiteral("chat"), QStringLiteral("folders"), QStringLiteral("knowledge"),
        QStringLiteral("prompts"), QStringLiteral("admin")};
    QListWidget *nav = window.navigation();
    QCOMPARE(nav->count(), 5);

    // Click through the navigation (backwards, so every click changes the pane).
    for (int i = 4; i >= 0; --i) {
        const QRect rect = nav->visualItemRect(nav->item(i));
        QTest::mouseClick(nav->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(window.stack()->currentWidget()->metaObject()->className(), classes[i]);
        QCOMPARE(window.currentPane(), i);
        QVERIFY(saveShot(&window, QStringLiteral("mainwindow-") + names[i]));
    }
    QVERIFY(qobject_cast<ChatPane *>(window.stack()->currentWidget()));
    QVERIFY(qobject_cast<ChatPane *>(window.stack()->currentWidget())->emptyState());

    // Ctrl+1..Ctrl+5.
    for (int i = 4; i >= 0; --i) {
        QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_1 + i), Qt::ControlModifier);
        QCOMPARE(window.stack()->currentWidget()->metaObject()->className(), classes[i]);
        QCOMPARE(nav->currentRow(), i);
    }
    QVERIFY(qobject_cast<FoldersPane *>(window.stack()->widget(1)));
    QVERIFY(qobject_cast<KnowledgePane *>(window.stack()->widget(2)));
    QVERIFY(qobject_cast<PromptsPane *>(window.stack()->widget(3)));
    QCOMPARE(qobject_cast<AdminPane *>(window.stack()->widget(4)), admin);

    // The log level chosen in Admin applies at once and is remembered in the settings.
    QComboBox *level = admin->logLevelChooser();
    const int debug = level->findData(QStringLiteral("debug"));
    QVERIFY(debug >= 0);
    level->setCurrentIndex(debug);
    Q_EMIT level->activated(debug);
    QCOMPARE(settings.value(QStringLiteral("log/level")).toString(), QStringLiteral("debug"));
    QCOMPARE(Logging::level(), QStringLiteral("debug"));
    Logging::setLevel(QStringLiteral("info"));

    // About lists the component versions.
    window.showAbout();
    AboutDialog *about = window.aboutDialog();
    QVERIFY(about);
    QVERIFY(QTest::qWaitForWindowExposed(about));
    bool listed = false;
    const QList<QLabel *> labels = about->findChildren<QLabel *>();
    for (const QLabel *label : labels)
        listed = listed || label->text().contains(Versions::sqlcipher());
    QVERIFY2(listed, "About does not show the SQLCipher version");
    QVERIFY(about->componentsText().contains(Versions::sqlcipher()));
    QVERIFY(about->componentsText().contains(Versions::qtkeychain()));
    QVERIFY(saveShot(about, QStringLiteral("about")));
    about->close();
    QTRY_VERIFY(!window.aboutDialog());
}

void TestMainWindow::geometryIsSavedAndRestored()
{
    QTemporaryDir dir;
    MemorySecretStore store;
    std::shared_ptr<Database> db = createDatabase(dir.path(), &store, KeyMode::Keychain);
    QVERIFY(db);
    const QString settingsPath = dir.filePath(QStringLiteral("settings.ini"));
    const QRect wanted(60, 70, 820, 610);
    {
        QSettings settings(settingsPath, QSettings::IniFormat);
        MainWindow window(db, Vault(dir.path(), &store), &settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.setGeometry(wanted);
        QTRY_COMPARE(window.size(), wanted.size());
        window.showPane(MainWindow::Knowledge);
        QVERIFY(window.close());
    }
    {
        const QSettings stored(settingsPath, QSettings::IniFormat);
        QVERIFY(!stored.value(QStringLiteral("window/geometry")).toByteArray().isEmpty());
        QVERIFY(!stored.value(QStringLiteral("window/state")).toByteArray().isEmpty());
        QCOMPARE(stored.value(QStringLiteral("window/pane")).toInt(), int(MainWindow::Knowledge));
    }
    QSettings settings(settingsPath, QSettings::IniFormat);
    MainWindow restored(db, Vault(dir.path(), &store), &settings);
    QCOMPARE(restored.size(), wanted.size());
    QCOMPARE(restored.currentPane(), int(MainWindow::Knowledge));
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    QCOMPARE(restored.size(), wanted.size());
    QTRY_VERIFY(!restored.adminPane()->isBusy());
}

void TestMainWindow::adminPaneChangesKeyProtection()
{
    QTemporaryDir dir;
    MemorySecretStore store;
    std::shared_ptr<Database> db = createDatabase(dir.path(), &store, KeyMode::Keychain);
    QVERIFY(db);
    QCOMPARE(store.size(), 1);
    AdminPane pane(db, Vault(dir.path(), &store));
    pane.resize(760, 620);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QTRY_VERIFY(pane.keyMode().has_value() && !pane.isBusy());
    QCOMPARE(*pane.keyMode(), KeyMode::Keychain);
    QVERIFY(!pane.findChild<QPushButton *>(QStringLiteral("useKeychain"))->isEnabled());

    // Keychain -> passphrase: re-keyed on a worker, keychain entry removed.
    pane.changePassphrase("new passphrase");
    QVERIFY(pane.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!pane.isBusy() && pane.keyMode() == KeyMode::Passphrase, 30000);
    QVERIFY2(pane.statusLabel()->text().contains(QStringLiteral("new passphrase")),
        qPrintable(pane.statusLabel()->text()));
    QCOMPARE(Vault(dir.path(), &store).mode(), KeyMode::Passphrase);
    QCOMPARE(store.size(), 0);
    QTRY_COMPARE(db->openConnectionCount(), 0);
    QVERIFY(pane.findChild<QPushButton *>(QStringLiteral("useKeychain"))->isEnabled());
    QVERIFY(saveShot(&pane, QStringLiteral("admin-after-change-passphrase")));

    // Passphrase -> keychain.
    pane.switchToKeychain();
    QTRY_VERIFY_WITH_TIMEOUT(!pane.isBusy() && pane.keyMode() == KeyMode::Keychain, 30000);
    QVERIFY2(pane.statusLabel()->text().contains(QStringLiteral("system keychain")),
        qPrintable(pane.statusLabel()->text()));
    QCOMPARE(Vault(dir.path(), &store).mode(), KeyMode::Keychain);
    QCOMPARE(store.size(), 1);
    QTRY_COMPARE(db->openConnectionCount(), 0);
    db.reset();

    // The database really opens with the new key.
    QTRY_VERIFY(!pane.isBusy());
    Vault vault(dir.path(), &store);
    Result<std::shared_ptr<Database>> reopened = vault.unlock();
    QVERIFY2(reopened, qPrintable(reopened.error().message));
    reopened.value()->closeThreadConnection();
}

void TestMainWindow::germanTranslationIsEmbedded()
{
    QTranslator german;
    QVERIFY(german.load(QLocale(QLocale::German, QLocale::Germany), QStringLiteral("cairn"),
        QStringLiteral("_"), QStringLiteral(":/cairn/translations")));
    QVERIFY(QCoreApplication::installTranslator(&german));
    QTemporaryDir dir;
    MemorySecretStore store;
    std::shared_ptr<Database> db = createDatabase(dir.path(), &store, KeyMode::Keychain);
    QVERIFY(db);
    {
        MainWindow window(db, Vault(dir.path(), &store), nullptr);
        QCOMPARE(window.navigation()->item(MainWindow::Knowledge)->text(), QStringLiteral("Wissen"));
        QCOMPARE(window.navigation()->item(MainWindow::Admin)->text(), QStringLiteral("Verwaltung"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.adminPane()->keyMode().has_value());
        window.showPane(MainWindow::Admin);
        QVERIFY(saveShot(&window, QStringLiteral("mainwindow-admin-de")));
        window.showPane(MainWindow::Chat);
        QVERIFY(saveShot(&window, QStringLiteral("mainwindow-chat-de")));
    }
    QCoreApplication::removeTranslator(&german);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
