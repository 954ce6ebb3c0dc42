// GUI tests of Admin → Connections on real widgets (offscreen), the real keychain (run inside
// scripts/with-test-keyring.sh) and our loopback LLM test server: adding through the dialog,
// verifying, models, defaults, a rejected key, editing, deleting, the three protocols, trusting a
// self-signed certificate and the first-run offers of local servers. The UI is driven by clicks and
// key presses; dialogs are window-modal and reached through the page's seams. Screenshots go to
// $CAIRN_TEST_ARTIFACTS.
#include "GuiTestSupport.h"
#include "LlmTestServer.h"

#include "gui/ConnectionDialog.h"
#include "gui/MainWindow.h"
#include "gui/panes/AdminPane.h"
#include "gui/panes/ConnectionsPage.h"
#include "secrets/KeychainSecretStore.h"
#include "services/ConnectionService.h"
#include "storage/Vault.h"
#include "storage/sqlcipher/SqlCipherDriver.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QUuid>

using namespace cairn;
using namespace cairn::test;

namespace {

constexpr int kNetworkTimeout = 15000;

// Selects the item with this text the way a user does with the arrow keys (each step is "activated").
bool chooseByKeyboard(QComboBox *combo, const QString &text)
{
    const int wanted = combo->findText(text);
    if (wanted < 0) {
        qWarning("no item \"%s\" in %s", qPrintable(text), qPrintable(combo->objectName()));
        return false;
    }
    combo->setFocus();
    for (int guard = 0; combo->currentIndex() != wanted && guard < 100; ++guard)
        QTest::keyClick(combo, wanted > combo->currentIndex() ? Qt::Key_Down : Qt::Key_Up);
    return combo->currentIndex() == wanted;
}

// Replaces the text of a line edit by typing.
void typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Backspace);
    else
        QTest::keyClicks(edit, text);
}

QPushButton *buttonWithRole(QMessageBox *box, QMessageBox::ButtonRole role)
{
    const QList<QAbstractButton *> buttons = box->buttons();
    for (QAbstractButton *b : buttons)
        if (box->buttonRole(b) == role)
            return qobject_cast<QPushButton *>(b);
    return nullptr;
}

int rowOf(ConnectionsPage *page, const QString &name)
{
    for (int row = 0; row < page->table()->rowCount(); ++row)
        if (page->table()->item(row, ConnectionsPage::NameColumn)->text() == name)
            return row;
    return -1;
}

QString cell(ConnectionsPage *page, const QString &name, int column)
{
    const int row = rowOf(page, name);
    return row < 0 ? QStringLiteral("<no row %1>").arg(name) : page->table()->item(row, column)->text();
}

QStringList modelIds(QListWidget *list)
{
    QStringList ids;
    for (int i = 0; i < list->count(); ++i)
        if (!list->item(i)->data(Qt::UserRole).toString().isEmpty())
            ids.append(list->item(i)->data(Qt::UserRole).toString());
    return ids;
}

QStringList comboTexts(QComboBox *combo)
{
    QStringList texts;
    for (int i = 0; i < combo->count(); ++i)
        texts.append(combo->itemText(i));
    return texts;
}

} // namespace

class TestConnections : public QObject
{
    Q_OBJECT

    std::unique_ptr<KeychainSecretStore> m_keychain;

    // A data directory with a keychain-mode database, a main window on the Connections tab.
    struct Fixture {
        QTemporaryDir dir;
        std::shared_ptr<Database> db;
        std::unique_ptr<QSettings> settings;
        std::unique_ptr<MainWindow> window;
        ConnectionsPage *page = nullptr;
    };
    bool setUp(Fixture &f, bool showConnectionsTab = true);
    void tearDown(Fixture &f);
    // Add… → fill the dialog → Save; waits for the automatic verification.
    bool addThroughDialog(ConnectionsPage *page, const QString &preset, const QString &name,
        const QString &url, const QString &key);
    // The service on this (test) thread, its connection closed afterwards by the caller's fixture.
    ConnectionService service(const Fixture &f) const { return ConnectionService(f.db, m_keychain.get()); }

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void addVerifyModelsAndDefaults();
    void wrongKeyEditKeepsTheKeyAndDelete();
    void ollamaAndAnthropicVerify();
    void untrustedCertificateCanBeTrusted();
    void firstRunOffersLocalServers();
    void dialogValidatesInline();
};

void TestConnections::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    SqlCipherDriver::registerDriver();
    qunsetenv("http_proxy");
    qunsetenv("HTTP_PROXY");
    qunsetenv("https_proxy");
    qunsetenv("HTTPS_PROXY");
    m_keychain = std::make_unique<KeychainSecretStore>(
        QStringLiteral("CairnGuiTest-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
    const Result<bool> probe = m_keychain->probeSync();
    if (!probe.ok())
        QFAIL(qPrintable(QStringLiteral("No Secret Service answered (%1). Run the test through "
                                        "scripts/test.sh or scripts/with-test-keyring.sh.")
                             .arg(probe.error().message)));
}

void TestConnections::cleanup()
{
    QThreadPool::globalInstance()->waitForDone();
}

bool TestConnections::setUp(Fixture &f, bool showConnectionsTab)
{
    if (!f.dir.isValid())
        return false;
    f.db = createDatabase(f.dir.path(), m_keychain.get(), KeyMode::Keychain);
    if (!f.db)
        return false;
    f.settings
        = std::make_unique<QSettings>(f.dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    f.window = std::make_unique<MainWindow>(
        f.db, Vault(f.dir.path(), m_keychain.get()), m_keychain.get(), f.settings.get());
    f.window->resize(1040, 760);
    f.window->show();
    if (!QTest::qWaitForWindowExposed(f.window.get()))
        return false;
    f.page = f.window->connectionsPage();
    if (showConnectionsTab) {
        f.window->showPane(MainWindow::Admin);
        QTabBar *tabs = f.window->adminPane()->tabs()->tabBar();
        QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(AdminPane::ConnectionsTab).center());
        if (f.window->adminPane()->tabs()->currentWidget() != f.page)
            return false;
    }
    return QTest::qWaitFor([&]() { return !f.page->isBusy(); }, 10000);
}

void TestConnections::tearDown(Fixture &f)
{
    QTRY_VERIFY_WITH_TIMEOUT(!f.page->isBusy(), kNetworkTimeout);
    f.window.reset();
    QThreadPool::globalInstance()->waitForDone();
    f.db->closeThreadConnection(); // the test thread's own, when it used the service directly
    QCOMPARE(f.db->openConnectionCount(), 0);
}

bool TestConnections::addThroughDialog(
    ConnectionsPage *page, const QString &preset, const QString &name, const QString &url, const QString &key)
{
    QTest::mouseClick(page->addButton(), Qt::LeftButton);
    QPointer<ConnectionDialog> dialog = page->connectionDialog();
    if (!dialog || !QTest::qWaitForWindowExposed(dialog))
        return false;
    if (!preset.isEmpty() && !chooseByKeyboard(dialog->presetChooser(), preset))
        return false;
    typeInto(dialog->nameEdit(), name);
    typeInto(dialog->baseUrlEdit(), url);
    if (!key.isEmpty())
        typeInto(dialog->apiKeyEdit(), key);
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Save), Qt::LeftButton);
    if (!QTest::qWaitFor([&]() { return !dialog; }, 10000)) {
        qWarning("the dialog stayed open: %s", qPrintable(dialog->errorLabel()->text()));
        return false;
    }
    return QTest::qWaitFor([&]() { return rowOf(page, name) >= 0 && !page->isBusy(); }, kNetworkTimeout);
}

void TestConnections::addVerifyModelsAndDefaults()
{
    LlmTestServer server;
    QVERIFY(server.isListening());
    ServerConfig sc;
    sc.requiredKey = "sk-gui-test-123";
    server.setConfig(sc);

    Fixture f;
    QVERIFY(setUp(f));
    ConnectionsPage *page = f.page;
    QCOMPARE(page->table()->rowCount(), 0);
    QVERIFY(!page->table()->isVisible()); // the empty state says what to do instead
    QVERIFY(!page->editButton()->isEnabled());
    QVERIFY(!page->verifyButton()->isEnabled());
    QVERIFY(!page->deleteButton()->isEnabled());
    QVERIFY(saveShot(f.window.get(), QStringLiteral("connections-empty")));

    // Add through the dialog: OpenAI-compatible, with a key and an extra header.
    QTest::mouseClick(page->addButton(), Qt::LeftButton);
    QPointer<ConnectionDialog> dialog = page->connectionDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->apiKeyEdit()->echoMode(), QLineEdit::Password);
    QVERIFY(!dialog->apiKeyEdit()->accessibleName().isEmpty());
    QVERIFY(!dialog->removeKeyBox()->isVisible()); // nothing stored yet
    QCOMPARE(dialog->kindChooser()->currentData().toString(), QStringLiteral("openai"));
    typeInto(dialog->nameEdit(), QStringLiteral("Test server"));
    typeInto(dialog->baseUrlEdit(), server.openAiBaseUrl().toString());
    typeInto(dialog->apiKeyEdit(), QStringLiteral("sk-gui-test-123"));
    dialog->headersEdit()->setFocus();
    QTest::keyClicks(dialog->headersEdit(), QStringLiteral("X-Cairn-Test: yes"));
    dialog->connectTimeout()->setFocus();
    dialog->connectTimeout()->selectAll();
    QTest::keyClicks(dialog->connectTimeout(), QStringLiteral("5"));
    typeInto(dialog->priceInputEdit(), QStringLiteral("2.5"));
    QVERIFY(saveShot(dialog, QStringLiteral("connection-dialog-add")));
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Save), Qt::LeftButton);
    QTRY_VERIFY(!dialog);

    // Saved, then verified on its own: "2 models", and the models are listed.
    QTRY_VERIFY_WITH_TIMEOUT(
        rowOf(page, QStringLiteral("Test server")) >= 0 && !page->isBusy(), kNetworkTimeout);
    QVERIFY(page->table()->isVisible());
    QCOMPARE(
        cell(page, QStringLiteral("Test server"), ConnectionsPage::StatusColumn), QStringLiteral("2 models"));
    QCOMPARE(cell(page, QStringLiteral("Test server"), ConnectionsPage::KindColumn),
        QStringLiteral("OpenAI-compatible"));
    QCOMPARE(
        cell(page, QStringLiteral("Test server"), ConnectionsPage::KeyColumn), QStringLiteral("Keychain"));
    QCOMPARE(cell(page, QStringLiteral("Test server"), ConnectionsPage::UrlColumn),
        server.openAiBaseUrl().toString());
    QVERIFY2(page->statusLabel()->text().contains(QStringLiteral("answers with 2 models")),
        qPrintable(page->statusLabel()->text()));
    QCOMPARE(page->currentId(), page->connections().first().id);
    QCOMPARE(modelIds(page->modelsList()),
        (QStringList {QStringLiteral("test-chat"), QStringLiteral("test-embed")}));
    const RecordedRequest listed = server.requests().last();
    QCOMPARE(listed.path, QByteArray("/v1/models"));
    QCOMPARE(listed.header("authorization"), QByteArray("Bearer sk-gui-test-123"));
    QCOMPARE(listed.header("x-cairn-test"), QByteArray("yes"));

    // Stored as typed, the key in the keychain.
    {
        ConnectionService s = service(f);
        const Result<ConnectionRecord> rec = s.find(QStringLiteral("Test server"));
        QVERIFY(rec.ok());
        QCOMPARE(ConnectionService::keyLocation(rec.value()), QStringLiteral("keychain"));
        QCOMPARE(m_keychain->readSync(rec->keyRef.mid(9)).value(), QByteArray("sk-gui-test-123"));
        QCOMPARE(rec->connectTimeoutMs, 5000);
        QCOMPARE(rec->priceInputPerMTok.value_or(-1), 2.5);
        QVERIFY(!rec->priceOutputPerMTok);
        QCOMPARE(rec->headers.size(), 1);
        QCOMPARE(s.models(rec->id).value().size(), 2);
        f.db->closeThreadConnection();
    }
    const QString id = page->currentId();

    // The service's objections show in the dialog, which stays open and keeps what was typed.
    QTest::mouseClick(page->addButton(), Qt::LeftButton);
    dialog = page->connectionDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    typeInto(dialog->nameEdit(), QStringLiteral("Test server"));
    typeInto(dialog->baseUrlEdit(), QStringLiteral("not a url"));
    typeInto(dialog->apiKeyEdit(), QStringLiteral("sk-other"));
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Save), Qt::LeftButton);
    QTRY_VERIFY(dialog->errorLabel()->isVisible() && !dialog->isBusy());
    QVERIFY2(dialog->errorLabel()->text().contains(QStringLiteral("is not an http:// or https:// address")),
        qPrintable(dialog->errorLabel()->text()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->apiKeyEdit()->text(), QStringLiteral("sk-other"));
    typeInto(dialog->baseUrlEdit(), server.openAiBaseUrl().toString());
    QVERIFY(!dialog->errorLabel()->isVisible());
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Save), Qt::LeftButton);
    QTRY_VERIFY(dialog->errorLabel()->isVisible() && !dialog->isBusy());
    QVERIFY2(dialog->errorLabel()->text().contains(QStringLiteral("already exists")),
        qPrintable(dialog->errorLabel()->text()));
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Test server"));
    QVERIFY(saveShot(dialog, QStringLiteral("connection-dialog-service-error")));
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QTRY_VERIFY(!page->isBusy());
    QCOMPARE(page->table()->rowCount(), 1);

    // Verify again by hand: a busy indicator while it runs, then the count.
    const int before = server.requestCount();
    QTest::mouseClick(page->verifyButton(), Qt::LeftButton);
    QVERIFY(page->isVerifying());
    QVERIFY(!page->verifyButton()->isEnabled());
    QCOMPARE(cell(page, QStringLiteral("Test server"), ConnectionsPage::StatusColumn),
        QStringLiteral("Verifying…"));
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy(), kNetworkTimeout);
    QCOMPARE(server.requestCount(), before + 1);
    QCOMPARE(
        cell(page, QStringLiteral("Test server"), ConnectionsPage::StatusColumn), QStringLiteral("2 models"));

    // The defaults offer the enabled models; a choice is stored.
    QComboBox *chat = page->defaultChooser(ModelRole::Chat);
    QComboBox *embedding = page->defaultChooser(ModelRole::Embedding);
    QComboBox *task = page->defaultChooser(ModelRole::Task);
    const QString chatEntry = QStringLiteral("Test server \u00b7 test-chat");
    const QString embedEntry = QStringLiteral("Test server \u00b7 test-embed");
    QCOMPARE(comboTexts(chat), (QStringList {QStringLiteral("(none)"), chatEntry, embedEntry}));
    QCOMPARE(comboTexts(task), comboTexts(chat));
    QCOMPARE(chat->currentText(), QStringLiteral("(none)"));
    QVERIFY(chooseByKeyboard(chat, chatEntry));
    QVERIFY(chooseByKeyboard(embedding, embedEntry));
    QVERIFY(chooseByKeyboard(task, embedEntry));
    QVERIFY(chooseByKeyboard(task, chatEntry)); // the last choice wins
    QTRY_VERIFY(!page->isBusy());
    {
        ConnectionService s = service(f);
        QCOMPARE(s.defaultModel(ModelRole::Chat).value(), (ModelRef {id, QStringLiteral("test-chat")}));
        QCOMPARE(s.defaultModel(ModelRole::Embedding).value(), (ModelRef {id, QStringLiteral("test-embed")}));
        QCOMPARE(s.defaultModel(ModelRole::Task).value(), (ModelRef {id, QStringLiteral("test-chat")}));
        f.db->closeThreadConnection();
    }

    // Hiding a model (space bar on the checkable item) keeps it out of the pickers.
    QListWidget *models = page->modelsList();
    models->setFocus();
    models->setCurrentRow(0);
    QTest::keyClick(models, Qt::Key_Space);
    QTRY_VERIFY(!page->isBusy());
    {
        ConnectionService s = service(f);
        const QList<CachedModel> cached = s.models(id).value();
        QCOMPARE(cached.size(), 2);
        QCOMPARE(cached[0].modelId, QStringLiteral("test-chat"));
        QVERIFY(!cached[0].enabled);
        QVERIFY(cached[1].enabled);
        f.db->closeThreadConnection();
    }
    QCOMPARE(models->item(0)->checkState(), Qt::Unchecked);
    QCOMPARE(cell(page, QStringLiteral("Test server"), ConnectionsPage::StatusColumn),
        QStringLiteral("2 models (1 hidden)"));
    QVERIFY(!comboTexts(embedding).contains(chatEntry));
    // The chat default still names it, marked as not available.
    QCOMPARE(chat->currentText(), QStringLiteral("Test server \u00b7 test-chat (not available)"));
    QVERIFY(saveShot(f.window.get(), QStringLiteral("connections-page")));
    models->setCurrentRow(0);
    QTest::keyClick(models, Qt::Key_Space);
    QTRY_VERIFY(!page->isBusy());
    QCOMPARE(chat->currentText(), chatEntry);

    // Disable the connection with the button, enable it again with the table's check box.
    QCOMPARE(page->enableButton()->text().remove(QLatin1Char('&')), QStringLiteral("Disable"));
    QTest::mouseClick(page->enableButton(), Qt::LeftButton);
    QTRY_VERIFY(!page->isBusy());
    QVERIFY(!page->connections().first().enabled);
    QCOMPARE(page->table()->item(0, ConnectionsPage::EnabledColumn)->checkState(), Qt::Unchecked);
    QCOMPARE(page->enableButton()->text().remove(QLatin1Char('&')), QStringLiteral("Enable"));
    QCOMPARE(comboTexts(embedding).size(), 2); // (none) and the stored default, not available
    QVERIFY(embedding->currentText().endsWith(QStringLiteral("(not available)")));
    QTableWidgetItem *enabled = page->table()->item(0, ConnectionsPage::EnabledColumn);
    enabled->setCheckState(Qt::Checked); // what a click on the check box does
    QTRY_VERIFY(!page->isBusy());
    QVERIFY(page->connections().first().enabled);
    {
        ConnectionService s = service(f);
        QVERIFY(s.find(id).value().enabled);
        f.db->closeThreadConnection();
    }
    QCOMPARE(comboTexts(embedding).size(), 3);
    tearDown(f);
}

void TestConnections::wrongKeyEditKeepsTheKeyAndDelete()
{
    LlmTestServer server;
    ServerConfig sc;
    sc.requiredKey = "right-key";
    server.setConfig(sc);
    Fixture f;
    QVERIFY(setUp(f));
    ConnectionsPage *page = f.page;

    // A wrong key: the server's complaint, in red, and a short reason in the table.
    QVERIFY(addThroughDialog(
        page, {}, QStringLiteral("Keyed"), server.openAiBaseUrl().toString(), QStringLiteral("wrong-key")));
    QVERIFY2(page->statusLabel()->text().contains(QStringLiteral("rejected the API key")),
        qPrintable(page->statusLabel()->text()));
    QCOMPARE(page->statusLabel()->palette().color(QPalette::WindowText), QColor(0xb0, 0x25, 0x1e));
    QCOMPARE(cell(page, QStringLiteral("Keyed"), ConnectionsPage::StatusColumn),
        QStringLiteral("API key rejected"));
    QVERIFY(page->table()
                ->item(0, ConnectionsPage::StatusColumn)
                ->toolTip()
                .contains(QStringLiteral("rejected")));
    QVERIFY(!page->trustButton()->isVisible());
    QVERIFY(saveShot(f.window.get(), QStringLiteral("connections-wrong-key")));

    // Edit: the right key.
    QTest::mouseClick(page->editButton(), Qt::LeftButton);
    QPointer<ConnectionDialog> dialog = page->connectionDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Edit Connection"));
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Keyed"));
    QVERIFY(dialog->apiKeyEdit()->text().isEmpty()); // the stored key is never shown
    QVERIFY(dialog->apiKeyEdit()->placeholderText().contains(QStringLiteral("keychain")));
    QVERIFY(dialog->removeKeyBox()->isVisible());
    typeInto(dialog->apiKeyEdit(), QStringLiteral("right-key"));
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Save), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy(), kNetworkTimeout);
    QCOMPARE(cell(page, QStringLiteral("Keyed"), ConnectionsPage::StatusColumn), QStringLiteral("2 models"));

    // Edit again, renaming it and leaving the key empty: the key is kept.
    QString keyRef;
    {
        ConnectionService s = service(f);
        keyRef = s.find(QStringLiteral("Keyed")).value().keyRef;
        f.db->closeThreadConnection();
    }
    QTest::mouseClick(page->editButton(), Qt::LeftButton);
    dialog = page->connectionDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    typeInto(dialog->nameEdit(), QStringLiteral("Renamed"));
    QVERIFY(saveShot(dialog, QStringLiteral("connection-dialog-edit")));
    const int before = server.requestCount();
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Save), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(page, QStringLiteral("Renamed")) >= 0 && !page->isBusy(), kNetworkTimeout);
    QCOMPARE(server.requestCount(), before + 1);
    QCOMPARE(server.requests().last().header("authorization"), QByteArray("Bearer right-key"));
    QCOMPARE(
        cell(page, QStringLiteral("Renamed"), ConnectionsPage::StatusColumn), QStringLiteral("2 models"));
    {
        ConnectionService s = service(f);
        const ConnectionRecord rec = s.find(QStringLiteral("Renamed")).value();
        QCOMPARE(rec.keyRef, keyRef);
        QCOMPARE(m_keychain->readSync(keyRef.mid(9)).value(), QByteArray("right-key"));
        f.db->closeThreadConnection();
    }

    // Remove the stored key: the server refuses again and the table says "None".
    QTest::mouseClick(page->editButton(), Qt::LeftButton);
    dialog = page->connectionDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTest::mouseClick(dialog->removeKeyBox(), Qt::LeftButton);
    QVERIFY(dialog->removeKeyBox()->isChecked());
    QVERIFY(!dialog->apiKeyEdit()->isEnabled());
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Save), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy(), kNetworkTimeout);
    QCOMPARE(cell(page, QStringLiteral("Renamed"), ConnectionsPage::KeyColumn), QStringLiteral("None"));
    QCOMPARE(cell(page, QStringLiteral("Renamed"), ConnectionsPage::StatusColumn),
        QStringLiteral("API key rejected"));
    QVERIFY(!m_keychain->readSync(keyRef.mid(9)).ok());

    // Delete asks first; Cancel keeps it.
    QTest::mouseClick(page->deleteButton(), Qt::LeftButton);
    QPointer<QMessageBox> box = page->messageBox();
    QVERIFY(box);
    QVERIFY(QTest::qWaitForWindowExposed(box));
    QVERIFY(box->text().contains(QStringLiteral("\u201cRenamed\u201d")));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    QVERIFY(saveShot(box, QStringLiteral("connections-delete-confirm")));
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!box);
    QTRY_VERIFY(!page->isBusy());
    QCOMPARE(page->table()->rowCount(), 1);

    QTest::mouseClick(page->deleteButton(), Qt::LeftButton);
    box = page->messageBox();
    QVERIFY(box);
    QPushButton *remove = buttonWithRole(box, QMessageBox::DestructiveRole);
    QVERIFY(remove);
    QTest::mouseClick(remove, Qt::LeftButton);
    QTRY_VERIFY(!box);
    QTRY_VERIFY(page->table()->rowCount() == 0 && !page->isBusy());
    QVERIFY(page->statusLabel()->text().contains(QStringLiteral("Deleted")));
    {
        ConnectionService s = service(f);
        QVERIFY(s.list().value().isEmpty());
        f.db->closeThreadConnection();
    }
    tearDown(f);
}

void TestConnections::ollamaAndAnthropicVerify()
{
    LlmTestServer server;
    ServerConfig sc;
    sc.models
        = {QStringLiteral("llama3:8b"), QStringLiteral("qwen2:0.5b"), QStringLiteral("nomic-embed-text")};
    sc.requiredKey = "shared-key";
    server.setConfig(sc);
    Fixture f;
    QVERIFY(setUp(f));
    ConnectionsPage *page = f.page;

    // The Ollama preset fills in kind and address; the address is changed to the test server's.
    QVERIFY(addThroughDialog(page, QStringLiteral("Ollama"), QStringLiteral("Local Ollama"),
        server.ollamaBaseUrl().toString(), QStringLiteral("shared-key")));
    QCOMPARE(
        cell(page, QStringLiteral("Local Ollama"), ConnectionsPage::KindColumn), QStringLiteral("Ollama"));
    QCOMPARE(cell(page, QStringLiteral("Local Ollama"), ConnectionsPage::StatusColumn),
        QStringLiteral("3 models"));
    QCOMPARE(modelIds(page->modelsList()),
        (QStringList {
            QStringLiteral("llama3:8b"), QStringLiteral("nomic-embed-text"), QStringLiteral("qwen2:0.5b")}));
    bool askedTags = false;
    const QList<RecordedRequest> requests = server.requests();
    for (const RecordedRequest &r : requests)
        askedTags = askedTags || r.path == "/api/tags";
    QVERIFY(askedTags);

    server.clearRequests();
    QVERIFY(addThroughDialog(page, QStringLiteral("Anthropic"), QStringLiteral("Claude"),
        server.anthropicBaseUrl().toString(), QStringLiteral("shared-key")));
    QCOMPARE(cell(page, QStringLiteral("Claude"), ConnectionsPage::KindColumn), QStringLiteral("Anthropic"));
    QCOMPARE(cell(page, QStringLiteral("Claude"), ConnectionsPage::StatusColumn), QStringLiteral("3 models"));
    QCOMPARE(page->table()->rowCount(), 2);
    QCOMPARE(server.requests().last().header("x-api-key"), QByteArray("shared-key"));
    QVERIFY(!server.requests().last().header("anthropic-version").isEmpty());
    // Both connections' models are offered as defaults (plus "(none)").
    QCOMPARE(page->defaultChooser(ModelRole::Chat)->count(), 7);
    tearDown(f);
}

void TestConnections::untrustedCertificateCanBeTrusted()
{
    QTemporaryDir certDir;
    QSslCertificate cert;
    QSslKey key;
    if (!LlmTestServer::generateSelfSignedCert(certDir.path(), &cert, &key))
        QFAIL(
            "the openssl command is needed to make a test certificate (scripts/install-deps.sh installs it)");
    LlmTestServer server;
    QVERIFY(server.startTls(cert, key));
    QVERIFY(server.openAiBaseUrl().scheme() == QStringLiteral("https"));
    const QByteArray fingerprint = cert.digest(QCryptographicHash::Sha256).toHex();
    Fixture f;
    QVERIFY(setUp(f));
    ConnectionsPage *page = f.page;

    QVERIFY(addThroughDialog(page, {}, QStringLiteral("Self-signed"), server.openAiBaseUrl().toString(), {}));
    QCOMPARE(cell(page, QStringLiteral("Self-signed"), ConnectionsPage::StatusColumn),
        QStringLiteral("Certificate not trusted"));
    QVERIFY2(page->statusLabel()->text().contains(QString::fromLatin1(fingerprint)),
        qPrintable(page->statusLabel()->text()));
    QCOMPARE(server.requestCount(), 0); // nothing was sent over the untrusted connection
    QVERIFY(page->trustButton()->isVisible());
    QVERIFY(saveShot(f.window.get(), QStringLiteral("connections-tls-untrusted")));

    // Trust asks first, showing the fingerprint; Cancel changes nothing.
    QTest::mouseClick(page->trustButton(), Qt::LeftButton);
    QPointer<QMessageBox> box = page->messageBox();
    QVERIFY(box);
    QVERIFY(QTest::qWaitForWindowExposed(box));
    const QString grouped = ConnectionDialog::formatFingerprint(fingerprint, 8);
    QVERIFY(grouped.startsWith(QString::fromLatin1(fingerprint.left(2).toUpper() + ':')));
    QVERIFY2(box->informativeText().contains(grouped.section(QLatin1Char('\n'), 0, 0)),
        qPrintable(box->informativeText()));
    QVERIFY(saveShot(box, QStringLiteral("connections-trust-prompt")));
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!box);
    QVERIFY(page->trustButton()->isVisible());

    QTest::mouseClick(page->trustButton(), Qt::LeftButton);
    box = page->messageBox();
    QVERIFY(box);
    QPushButton *trust = buttonWithRole(box, QMessageBox::AcceptRole);
    QVERIFY(trust);
    QTest::mouseClick(trust, Qt::LeftButton);
    QTRY_VERIFY(!box);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy(), kNetworkTimeout);
    QCOMPARE(
        cell(page, QStringLiteral("Self-signed"), ConnectionsPage::StatusColumn), QStringLiteral("2 models"));
    QVERIFY(!page->trustButton()->isVisible());
    QCOMPARE(server.requestCount(), 1);
    {
        ConnectionService s = service(f);
        const ConnectionRecord rec = s.find(QStringLiteral("Self-signed")).value();
        QCOMPARE(rec.options.value(QStringLiteral("trusted_cert_sha256")).toString(),
            QString::fromLatin1(fingerprint));
        f.db->closeThreadConnection();
    }

    // The dialog shows the trusted fingerprint; Forget + Save distrusts it again.
    QTest::mouseClick(page->editButton(), Qt::LeftButton);
    QPointer<ConnectionDialog> dialog = page->connectionDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(dialog->certificateLabel()->text(), ConnectionDialog::formatFingerprint(fingerprint, 8));
    QVERIFY(dialog->forgetCertificateButton()->isVisible());
    QVERIFY(saveShot(dialog, QStringLiteral("connection-dialog-certificate")));
    QTest::mouseClick(dialog->forgetCertificateButton(), Qt::LeftButton);
    QVERIFY(!dialog->forgetCertificateButton()->isVisible());
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Save), Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy(), kNetworkTimeout);
    QCOMPARE(cell(page, QStringLiteral("Self-signed"), ConnectionsPage::StatusColumn),
        QStringLiteral("Certificate not trusted"));
    QVERIFY(page->trustButton()->isVisible());
    tearDown(f);
}

void TestConnections::firstRunOffersLocalServers()
{
    LlmTestServer ollama;
    ServerConfig sc;
    sc.models
        = {QStringLiteral("llama3:8b"), QStringLiteral("qwen2:0.5b"), QStringLiteral("nomic-embed-text")};
    ollama.setConfig(sc);
    LlmTestServer lmstudio;
    // A port where nothing listens: that candidate is not offered.
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closedPort = probe.serverPort();
    }
    qputenv("CAIRN_LOCAL_PROBE",
        QStringLiteral("Ollama|ollama|%1;Nothing|openai|http://127.0.0.1:%2/v1;LM Studio|openai|%3")
            .arg(ollama.ollamaBaseUrl().toString())
            .arg(closedPort)
            .arg(lmstudio.openAiBaseUrl().toString())
            .toUtf8());

    Fixture f;
    QVERIFY(setUp(f, false));
    MainWindow *window = f.window.get();
    ConnectionsPage *page = f.page;
    ServerOffersBar *bar = window->offersBar();
    QVERIFY(!bar->isVisible());

    window->probeLocalServersOnce();
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy(), kNetworkTimeout);
    QVERIFY(f.settings->value(QLatin1String(MainWindow::kProbedKey)).toBool());
    QCOMPARE(page->offers().size(), 2);
    QTRY_VERIFY(bar->isVisible());
    QCOMPARE(bar->texts().size(), 2);
    QCOMPARE(bar->texts().at(0)->text(),
        QStringLiteral("Cairn found Ollama at %1 with 3 models.").arg(ollama.ollamaBaseUrl().toString()));
    QCOMPARE(bar->texts().at(1)->text(),
        QStringLiteral("Cairn found LM Studio at %1 with 2 models.")
            .arg(lmstudio.openAiBaseUrl().toString()));
    QVERIFY(saveShot(window, QStringLiteral("firstrun-offers")));

    // [Add] in the main window's bar: the connection with its models, without asking the server again.
    const int ollamaRequests = ollama.requestCount();
    QTest::mouseClick(bar->addButtons().at(0), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(page, QStringLiteral("Ollama")) >= 0 && !page->isBusy(), kNetworkTimeout);
    QCOMPARE(ollama.requestCount(), ollamaRequests);
    QCOMPARE(cell(page, QStringLiteral("Ollama"), ConnectionsPage::StatusColumn), QStringLiteral("3 models"));
    QCOMPARE(cell(page, QStringLiteral("Ollama"), ConnectionsPage::KindColumn), QStringLiteral("Ollama"));
    QCOMPARE(page->offers().size(), 1);
    QCOMPARE(bar->texts().size(), 1);
    QVERIFY(bar->isVisible());
    QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("Ollama")));
    {
        ConnectionService s = service(f);
        const ConnectionRecord rec = s.find(QStringLiteral("Ollama")).value();
        QCOMPARE(rec.kind, QStringLiteral("ollama"));
        QCOMPARE(rec.baseUrl, ollama.ollamaBaseUrl().toString());
        QCOMPARE(s.models(rec.id).value().size(), 3);
        f.db->closeThreadConnection();
    }

    // The Connections page shows the remaining offer itself (the window's bar steps aside there).
    window->showPane(MainWindow::Admin);
    QTabBar *tabs = window->adminPane()->tabs()->tabBar();
    QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(AdminPane::ConnectionsTab).center());
    auto *pageBar = qobject_cast<ServerOffersBar *>(page->offersBar());
    QVERIFY(pageBar);
    QVERIFY(pageBar->isVisible());
    QVERIFY(!bar->isVisible());
    QCOMPARE(pageBar->texts().size(), 1);
    QCOMPARE(pageBar->texts().at(0)->text(), bar->texts().at(0)->text());
    QVERIFY(saveShot(window, QStringLiteral("firstrun-offer-added")));
    QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(AdminPane::DatabaseTab).center());
    QVERIFY(bar->isVisible());
    QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(AdminPane::ConnectionsTab).center());

    // [Dismiss] on the page's bar: the offer goes from both bars.
    QTest::mouseClick(pageBar->dismissButtons().at(0), Qt::LeftButton);
    QVERIFY(page->offers().isEmpty());
    QTRY_VERIFY(!bar->isVisible() && !pageBar->isVisible());
    window->showPane(MainWindow::Chat);
    QVERIFY(!bar->isVisible());
    window->showPane(MainWindow::Admin);
    QCOMPARE(page->table()->rowCount(), 1);

    // Only once per data directory.
    window->probeLocalServersOnce();
    QVERIFY(!page->isBusy());
    // By hand: what is already a connection is not offered again.
    QTest::mouseClick(page->probeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy(), kNetworkTimeout);
    QCOMPARE(page->offers().size(), 1);
    QCOMPARE(page->offers().first().candidate.label, QStringLiteral("LM Studio"));
    qunsetenv("CAIRN_LOCAL_PROBE");
    tearDown(f);
}

void TestConnections::dialogValidatesInline()
{
    ConnectionDialog dialog;
    int requests = 0;
    ConnectionDraft last;
    connect(&dialog, &ConnectionDialog::saveRequested, this, [&](const ConnectionDraft &d) {
        ++requests;
        last = d;
    });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    // Presets fill kind, address and (Azure) the API version; the name follows until typed over.
    QVERIFY(chooseByKeyboard(dialog.presetChooser(), QStringLiteral("Azure OpenAI")));
    QCOMPARE(dialog.kindChooser()->currentData().toString(), QStringLiteral("openai"));
    QVERIFY(dialog.baseUrlEdit()->text().contains(QStringLiteral(".openai.azure.com/openai/deployments/")));
    QVERIFY(dialog.azureVersionEdit()->isVisible());
    QCOMPARE(dialog.azureVersionEdit()->text(), QLatin1String(ConnectionDialog::kDefaultAzureApiVersion));
    QCOMPARE(dialog.nameEdit()->text(), QStringLiteral("Azure OpenAI"));
    QVERIFY(saveShot(&dialog, QStringLiteral("connection-dialog-azure")));
    QVERIFY(chooseByKeyboard(dialog.presetChooser(), QStringLiteral("Ollama")));
    QCOMPARE(dialog.kindChooser()->currentData().toString(), QStringLiteral("ollama"));
    QCOMPARE(dialog.baseUrlEdit()->text(), QStringLiteral("http://127.0.0.1:11434"));
    QVERIFY(!dialog.azureVersionEdit()->isVisible());
    QCOMPARE(dialog.nameEdit()->text(), QStringLiteral("Ollama"));
    typeInto(dialog.nameEdit(), QStringLiteral("Mine"));
    QVERIFY(chooseByKeyboard(dialog.presetChooser(), QStringLiteral("Anthropic")));
    QCOMPARE(dialog.nameEdit()->text(), QStringLiteral("Mine"));
    QCOMPARE(dialog.baseUrlEdit()->text(), QStringLiteral("https://api.anthropic.com"));

    // Unreadable fields are caught in the dialog, which stays open with everything typed.
    dialog.headersEdit()->setFocus();
    QTest::keyClicks(dialog.headersEdit(), QStringLiteral("no colon here"));
    QPushButton *save = dialog.buttons()->button(QDialogButtonBox::Save);
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(requests, 0);
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.errorLabel()->isVisible());
    QVERIFY2(dialog.errorLabel()->text().contains(QStringLiteral("Name: value")),
        qPrintable(dialog.errorLabel()->text()));
    dialog.headersEdit()->clear();
    typeInto(dialog.priceOutputEdit(), QStringLiteral("lots"));
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(requests, 0);
    QVERIFY(dialog.errorLabel()->text().contains(QStringLiteral("price")));
    typeInto(dialog.priceOutputEdit(), QStringLiteral("15"));
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(requests, 1);
    QVERIFY(!dialog.errorLabel()->isVisible());
    QCOMPARE(last.name, QStringLiteral("Mine"));
    QCOMPARE(last.kind, QStringLiteral("anthropic"));
    QCOMPARE(last.priceOutputPerMTok.value_or(-1), 15.0);
    QVERIFY(!last.apiKey); // nothing typed: no key
    QVERIFY(!last.options.contains(QStringLiteral("azure_api_version")));

    // The service's complaint is shown inline; the dialog keeps the input and stays usable.
    dialog.setBusy(true);
    QVERIFY(!save->isEnabled());
    dialog.setBusy(false);
    dialog.showError(QStringLiteral("A connection named \u201cMine\u201d already exists."));
    QVERIFY(dialog.errorLabel()->isVisible());
    QCOMPARE(dialog.nameEdit()->text(), QStringLiteral("Mine"));
    QVERIFY(save->isEnabled());
    QVERIFY(saveShot(&dialog, QStringLiteral("connection-dialog-error")));
    typeInto(dialog.nameEdit(), QStringLiteral("Mine 2"));
    QVERIFY(!dialog.errorLabel()->isVisible()); // typing clears it
}

QTEST_MAIN(TestConnections)
#include "tst_connections.moc"
