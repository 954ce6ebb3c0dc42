#include "gui/panes/AdminPane.h"

#include "common/DataLocation.h"
#include "common/Logging.h"
#include "gui/Async.h"
#include "gui/ChangePassphraseDialog.h"
#include "gui/GuiStyle.h"
#include "gui/NewPassphraseFields.h"
#include "gui/panes/ConnectionsPage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <spdlog/spdlog.h>

#include <utility>

namespace cairn {

namespace {
QString modeText(KeyMode mode)
{
    return mode == KeyMode::Keychain ? AdminPane::tr("Random key in the system keychain")
                                     : AdminPane::tr("Passphrase");
}
} // namespace

AdminPane::AdminPane(std::shared_ptr<Database> db, Vault vault, QWidget *parent)
    : AdminPane(std::move(db), std::move(vault), nullptr, nullptr, parent)
{ }

AdminPane::AdminPane(
    std::shared_ptr<Database> db, Vault vault, SecretStore *secrets, llm::LlmClient *client, QWidget *parent)
    : QWidget(parent), m_db(std::move(db)), m_vault(std::move(vault))
{
    setObjectName(QStringLiteral("adminPane"));
    setAccessibleName(tr("Admin"));

    auto *dbBox = new QGroupBox(tr("Database"), this);
    auto *dbForm = new QFormLayout;
    dbForm->setLabelAlignment(Qt::AlignLeft);
    dbForm->setHorizontalSpacing(24);
    dbForm->setVerticalSpacing(8);
    addField(dbForm, tr("Location:"), QStringLiteral("path"));
    addField(dbForm, tr("Key protection:"), QStringLiteral("keyMode"));
    addField(dbForm, tr("Schema version:"), QStringLiteral("schemaVersion"));
    addField(dbForm, tr("Encryption:"), QStringLiteral("sqlcipher"));
    addField(dbForm, tr("SQLite:"), QStringLiteral("sqlite"));
    addField(dbForm, tr("Size:"), QStringLiteral("size"));
    addField(dbForm, tr("Journal mode:"), QStringLiteral("journal"));
    field(QStringLiteral("path"))->setText(m_vault.databasePath());

    m_refresh = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Refresh"), this);
    m_changePassphrase
        = new QPushButton(GuiStyle::icon(QStringLiteral("lock")), tr("Change &Passphrase…"), this);
    m_useKeychain = new QPushButton(tr("Use the System &Keychain"), this);
    m_refresh->setObjectName(QStringLiteral("refresh"));
    m_changePassphrase->setObjectName(QStringLiteral("changePassphrase"));
    m_useKeychain->setObjectName(QStringLiteral("useKeychain"));
    connect(m_refresh, &QPushButton::clicked, this, &AdminPane::refresh);
    connect(m_changePassphrase, &QPushButton::clicked, this, &AdminPane::askForPassphrase);
    connect(m_useKeychain, &QPushButton::clicked, this, &AdminPane::confirmSwitchToKeychain);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_changePassphrase);
    buttons->addWidget(m_useKeychain);
    buttons->addStretch(1);

    m_busyLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_progress->setAccessibleName(tr("Working"));
    m_busyLabel->hide();
    m_progress->hide();
    auto *busy = new QHBoxLayout;
    busy->addWidget(m_busyLabel);
    busy->addWidget(m_progress, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setAccessibleName(tr("Result"));
    m_status->hide();

    auto *dbLayout = new QVBoxLayout(dbBox);
    dbLayout->setSpacing(10);
    dbLayout->addLayout(dbForm);
    dbLayout->addSpacing(4);
    dbLayout->addLayout(buttons);
    dbLayout->addLayout(busy);
    dbLayout->addWidget(m_status);

    auto *filesBox = new QGroupBox(tr("Files"), this);
    auto *filesForm = new QFormLayout(filesBox);
    filesForm->setHorizontalSpacing(24);
    filesForm->setVerticalSpacing(8);
    addField(filesForm, tr("Data directory:"), QStringLiteral("dataDir"))->setText(m_vault.dataDir());
    addField(filesForm, tr("Settings:"), QStringLiteral("settings"))
        ->setText(DataLocation::settingsPath(m_vault.dataDir()));
    const QString log = Logging::logFilePath();
    addField(filesForm, tr("Log file:"), QStringLiteral("log"))->setText(log.isEmpty() ? tr("none") : log);
    m_logLevel = new QComboBox(this);
    m_logLevel->setObjectName(QStringLiteral("logLevel"));
    m_logLevel->setAccessibleName(tr("Log level"));
    m_logLevel->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    const QList<std::pair<QString, QString>> levels = {{QStringLiteral("trace"), tr("Trace (everything)")},
        {QStringLiteral("debug"), tr("Debug")}, {QStringLiteral("info"), tr("Information")},
        {QStringLiteral("warn"), tr("Warnings")}, {QStringLiteral("error"), tr("Errors")},
        {QStringLiteral("critical"), tr("Critical errors")}, {QStringLiteral("off"), tr("Off")}};
    for (const auto &[level, text] : levels)
        m_logLevel->addItem(text, level);
    QString current = Logging::level();
    if (current == QLatin1String("warning"))
        current = QStringLiteral("warn");
    m_logLevel->setCurrentIndex(qMax(0, m_logLevel->findData(current)));
    connect(m_logLevel, &QComboBox::activated, this, [this]() {
        const QString level = m_logLevel->currentData().toString();
        Logging::setLevel(level);
        if (m_settings)
            m_settings->setValue(QStringLiteral("log/level"), level);
        spdlog::info("log level set to {}", level.toStdString());
    });
    auto *levelRow = new QHBoxLayout;
    levelRow->addWidget(m_logLevel);
    levelRow->addStretch(1);
    filesForm->addRow(tr("Log level:"), levelRow);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 12, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(dbBox);
    layout->addWidget(filesBox);
    layout->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("databasePage"));
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    m_connections = new ConnectionsPage(m_db, secrets, client, this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("adminTabs"));
    m_tabs->setAccessibleName(tr("Admin sections"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(scroll, tr("Database"));
    m_tabs->addTab(m_connections, tr("Connections"));

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(24, 20, 24, 16);
    outer->setSpacing(4);
    outer->addWidget(GuiStyle::heading(tr("Admin"), this, 1.6));
    outer->addWidget(GuiStyle::note(tr("Your encrypted database, how its key is protected, where Cairn keeps "
                                       "its files, and the model servers it talks to."),
        this));
    outer->addSpacing(8);
    outer->addWidget(m_tabs, 1);

    updateButtons();
    refresh();
}

QLabel *AdminPane::addField(QFormLayout *form, const QString &label, const QString &name)
{
    auto *value = new QLabel(tr("Loading…"), this);
    value->setObjectName(name);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    value->setAccessibleName(QString(label).remove(QLatin1Char(':')));
    form->addRow(label, value);
    return value;
}

bool AdminPane::isBusy() const
{
    return m_busy || m_connections->hasDatabaseWork();
}

void AdminPane::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab == ConnectionsTab ? 1 : 0);
}

QLabel *AdminPane::field(const QString &name) const
{
    return findChild<QLabel *>(name);
}

void AdminPane::refresh()
{
    if (m_busy)
        return;
    setBusy(true, tr("Reading the database…"));
    runInBackground(
        this,
        [db = m_db, vault = m_vault]() {
            Snapshot s {db->info(), vault.mode()};
            db->closeThreadConnection();
            return s;
        },
        [this](const Snapshot &snapshot) {
            setBusy(false);
            showSnapshot(snapshot);
        });
}

void AdminPane::showSnapshot(const Snapshot &snapshot)
{
    const bool modeChanged = m_mode != snapshot.mode;
    m_mode = snapshot.mode;
    field(QStringLiteral("keyMode"))->setText(modeText(snapshot.mode));
    if (!snapshot.info) {
        showStatus(
            tr("Could not read the database information: %1").arg(snapshot.info.error().message), true);
    } else {
        const Database::Info &info = snapshot.info.value();
        const QLocale locale;
        field(QStringLiteral("path"))->setText(info.path);
        field(QStringLiteral("schemaVersion"))
            ->setText(info.schemaVersion == info.latestSchemaVersion
                    ? tr("%1 (up to date)").arg(info.schemaVersion)
                    : tr("%1 (latest: %2)").arg(info.schemaVersion).arg(info.latestSchemaVersion));
        field(QStringLiteral("sqlcipher"))
            ->setText(info.cipherProvider.isEmpty()
                    ? tr("SQLCipher %1").arg(info.sqlcipherVersion)
                    : tr("SQLCipher %1 (crypto: %2)").arg(info.sqlcipherVersion, info.cipherProvider));
        field(QStringLiteral("sqlite"))->setText(info.sqliteVersion);
        field(QStringLiteral("size"))
            ->setText(tr("%1 (%2 pages of %3 bytes; write-ahead log %4)")
                          .arg(locale.formattedDataSize(info.fileBytes))
                          .arg(info.pageCount)
                          .arg(info.pageSize)
                          .arg(locale.formattedDataSize(info.walBytes)));
        field(QStringLiteral("journal"))->setText(info.journalMode.toUpper());
    }
    updateButtons();
    if (modeChanged)
        Q_EMIT keyModeChanged(snapshot.mode);
    Q_EMIT infoLoaded();
}

void AdminPane::askForPassphrase()
{
    if (m_busy || !m_mode)
        return;
    auto *dialog = new ChangePassphraseDialog(*m_mode, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog]() {
        QByteArray passphrase = dialog->passphrase();
        dialog->fields()->clear();
        changePassphrase(passphrase);
        passphrase.fill('\0');
    });
    dialog->open();
}

void AdminPane::confirmSwitchToKeychain()
{
    if (m_busy)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Use the System Keychain"),
        tr("Re-encrypt the database with a new random key kept in the system keychain?"), QMessageBox::Cancel,
        this);
    box->setInformativeText(tr("Cairn will no longer ask for your passphrase. Anyone who can use your "
                               "account's keychain can then open the database."));
    box->addButton(tr("Use &Keychain"), QMessageBox::AcceptRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box]() {
        if (box->buttonRole(box->clickedButton()) == QMessageBox::AcceptRole)
            switchToKeychain();
    });
    box->open();
}

void AdminPane::changePassphrase(const QByteArray &newPassphrase)
{
    runRekey(
        tr("Re-encrypting the database with the new passphrase…"),
        [passphrase = newPassphrase](
            Vault &vault, Database &db) { return vault.changePassphrase(db, passphrase); },
        tr("Done. The database is now protected by the new passphrase."));
}

void AdminPane::switchToKeychain()
{
    runRekey(
        tr("Re-encrypting the database with a new key from the system keychain…"),
        [](Vault &vault, Database &db) { return vault.switchToKeychain(db); },
        tr("Done. The database key is now kept in the system keychain."));
}

void AdminPane::runRekey(
    const QString &what, std::function<Result<void>(Vault &, Database &)> rekey, const QString &success)
{
    if (m_busy)
        return;
    setBusy(true, what);
    m_connections->setEnabled(false); // nobody else may use the database while its key changes
    m_status->hide();
    startRekey(std::move(rekey), success);
}

void AdminPane::startRekey(std::function<Result<void>(Vault &, Database &)> rekey, const QString &success)
{
    if (m_connections->hasDatabaseWork()) {
        // The Connections page is still reading or writing; a re-key needs the only connection.
        QTimer::singleShot(50, this, [this, rekey, success]() { startRekey(rekey, success); });
        return;
    }
    // A re-key needs the only open connection: this (GUI) thread holds none by design, and the
    // worker below opens its own and closes it when done.
    m_db->closeThreadConnection();
    runInBackground(
        this,
        [db = m_db, vault = m_vault, rekey = std::move(rekey)]() mutable {
            Result<void> result = rekey(vault, *db);
            db->closeThreadConnection();
            return result;
        },
        [this, success](const Result<void> &result) {
            setBusy(false);
            m_connections->setEnabled(true);
            if (result) {
                spdlog::info("database key protection changed");
                showStatus(success, false);
            } else {
                spdlog::warn("changing the database key failed: {}", result.error().message.toStdString());
                // An interrupted change explains itself; anything else left the old key in force.
                showStatus(result.error().code == ErrorCode::Interrupted
                        ? result.error().message
                        : tr("The key was not changed: %1").arg(result.error().message),
                    true);
            }
            refresh();
        });
}

void AdminPane::setBusy(bool busy, const QString &what)
{
    m_busy = busy;
    m_busyLabel->setText(what);
    m_busyLabel->setVisible(busy);
    m_progress->setVisible(busy);
    updateButtons();
}

void AdminPane::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    QPalette p = palette();
    p.setColor(QPalette::WindowText, error ? QColor(0xb0, 0x25, 0x1e) : QColor(0x1e, 0x7b, 0x34));
    m_status->setPalette(p);
    m_status->setAccessibleDescription(text);
    m_status->show();
}

void AdminPane::updateButtons()
{
    const bool known = m_mode.has_value();
    m_refresh->setEnabled(!m_busy);
    m_changePassphrase->setEnabled(!m_busy && known);
    m_changePassphrase->setText(
        known && *m_mode == KeyMode::Keychain ? tr("Use a &Passphrase…") : tr("Change &Passphrase…"));
    m_useKeychain->setEnabled(!m_busy && known && *m_mode == KeyMode::Passphrase);
}

} // namespace cairn
