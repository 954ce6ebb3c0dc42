#include "gui/UnlockFlow.h"

#include "gui/Async.h"
#include "gui/FirstRunDialog.h"
#include "gui/GuiStyle.h"
#include "gui/PassphraseDialog.h"
#include "storage/StoreConfig.h"
#include "storage/Vault.h"

#include <QFile>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>

#include <spdlog/spdlog.h>

namespace cairn {

namespace {
// Runs on a pool thread: the opened database's connection belongs to that thread and is closed
// before the result crosses back to the GUI thread.
Result<std::shared_ptr<Database>> closeWorkerConnection(Result<std::shared_ptr<Database>> db)
{
    if (db)
        db.value()->closeThreadConnection();
    return db;
}
} // namespace

UnlockFlow::UnlockFlow(QString dataDir, SecretStore *secrets, QObject *parent)
    : QObject(parent), m_dataDir(std::move(dataDir)), m_secrets(secrets)
{ }

UnlockFlow::~UnlockFlow()
{
    closeDialogs();
}

FirstRunDialog *UnlockFlow::firstRunDialog() const
{
    return m_firstRun;
}

PassphraseDialog *UnlockFlow::passphraseDialog() const
{
    return m_passphrase;
}

QMessageBox *UnlockFlow::messageBox() const
{
    return m_message;
}

void UnlockFlow::start()
{
    const Vault vault(m_dataDir, m_secrets);
    // exists() and mode() only look at files in the data directory; they never block on the keychain.
    if (!vault.exists())
        showFirstRun();
    else if (vault.needsPassphrase())
        showPassphrase({});
    else
        unlockWithKeychain();
}

void UnlockFlow::showFirstRun()
{
    const Vault vault(m_dataDir, m_secrets);
    auto *dialog = new FirstRunDialog(vault.databasePath(), m_secrets);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_firstRun = dialog;
    connect(dialog, &FirstRunDialog::createRequested, this, &UnlockFlow::createDatabase);
    connect(dialog, &QDialog::rejected, this, &UnlockFlow::cancelled);
    dialog->show();
}

void UnlockFlow::showPassphrase(const QString &note)
{
    const Vault vault(m_dataDir, m_secrets);
    auto *dialog = new PassphraseDialog(vault.databasePath());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setNote(note);
    m_passphrase = dialog;
    connect(dialog, &PassphraseDialog::unlockRequested, this, &UnlockFlow::unlockWithPassphrase);
    connect(dialog, &QDialog::rejected, this, &UnlockFlow::cancelled);
    dialog->show();
}

void UnlockFlow::createDatabase(KeyMode mode, const QByteArray &passphrase)
{
    if (m_working || !m_firstRun)
        return;
    m_working = true;
    m_firstRun->setBusy(true);
    runInBackground(
        this,
        [vault = Vault(m_dataDir, m_secrets), mode, passphrase]() mutable {
            return closeWorkerConnection(vault.create(mode, passphrase));
        },
        [this, mode](const OpenResult &db) {
            m_working = false;
            if (db) {
                finish(db.value());
                return;
            }
            spdlog::warn("creating the database failed: {}", db.error().message.toStdString());
            if (!m_firstRun)
                return;
            m_firstRun->setBusy(false);
            if (mode == KeyMode::Keychain && db.error().code == ErrorCode::Unavailable)
                m_firstRun->setKeychainUnavailable(db.error().message);
            m_firstRun->showError(tr("The database could not be created: %1").arg(db.error().message));
        });
}

void UnlockFlow::unlockWithPassphrase(const QByteArray &passphrase)
{
    if (m_working || !m_passphrase)
        return;
    m_working = true;
    m_passphrase->setBusy(true);
    runInBackground(
        this,
        [vault = Vault(m_dataDir, m_secrets), passphrase]() mutable {
            return closeWorkerConnection(vault.unlock(passphrase));
        },
        [this](const OpenResult &db) {
            m_working = false;
            if (db) {
                finish(db.value());
                return;
            }
            spdlog::info("unlock with passphrase failed: {}", db.error().message.toStdString());
            if (db.error().code == ErrorCode::NewerSchema) {
                showFatal(tr("Database from a newer Cairn"), db.error());
                return;
            }
            if (!m_passphrase)
                return;
            m_passphrase->setBusy(false);
            m_passphrase->showError(db.error().message);
        });
}

void UnlockFlow::unlockWithKeychain()
{
    if (m_working)
        return;
    m_working = true;
    // Usually instant; a keychain that asks the user (or is slow to answer) gets a visible wait.
    auto *progress = new QProgressDialog(
        tr("Unlocking the database with the key from the system keychain…"), QString(), 0, 0);
    progress->setWindowTitle(tr("Cairn"));
    progress->setWindowIcon(GuiStyle::icon(QStringLiteral("cairn")));
    progress->setCancelButton(nullptr);
    progress->setMinimumDuration(600);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setValue(0);
    m_progress = progress;
    runInBackground(
        this,
        [vault = Vault(m_dataDir, m_secrets)]() mutable { return closeWorkerConnection(vault.unlock()); },
        [this](const OpenResult &db) {
            m_working = false;
            delete m_progress;
            onKeychainResult(db);
        });
}

void UnlockFlow::onKeychainResult(const OpenResult &db)
{
    if (db) {
        finish(db.value());
        return;
    }
    const Error &error = db.error();
    spdlog::warn("unlock with the keychain failed: {}", error.message.toStdString());
    if (error.code == ErrorCode::NewerSchema) {
        showFatal(tr("Database from a newer Cairn"), error);
        return;
    }
    if (error.code != ErrorCode::Unavailable && error.code != ErrorCode::NotFound) {
        showFatal(tr("Cannot open the database"), error);
        return;
    }
    // A missing store.json or a keychain that is locked, absent or lacks the entry: explain, and
    // let the user fix it (unlock the keyring, start the Secret Service) and try again.
    const bool noRecord = error.code == ErrorCode::NotFound && !QFile::exists(StoreConfig::pathFor(m_dataDir));
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Cairn"),
        noRecord ? tr("Cairn cannot tell how this database is protected.")
                 : tr("Cairn could not get the database key from the system keychain."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowIcon(GuiStyle::icon(QStringLiteral("cairn")));
    box->setInformativeText(error.message + QStringLiteral("\n\n")
        + (noRecord ? tr("The file store.json in the data directory is missing. Restore it from a backup "
                         "of the data directory.")
                    : tr("Make sure your keyring is unlocked and its service is running, then try again.")));
    QPushButton *retry = box->addButton(tr("&Try Again"), QMessageBox::AcceptRole);
    box->addButton(tr("&Quit"), QMessageBox::RejectRole);
    box->setDefaultButton(retry);
    m_message = box;
    connect(box, &QMessageBox::finished, this, [this, box, retry]() {
        if (box->clickedButton() == retry)
            start();
        else
            Q_EMIT cancelled();
    });
    box->open();
}

void UnlockFlow::showFatal(const QString &title, const Error &error)
{
    closeDialogs();
    auto *box = new QMessageBox(QMessageBox::Critical, tr("Cairn"), title);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowIcon(GuiStyle::icon(QStringLiteral("cairn")));
    const QString text = error.message;
    box->setInformativeText(text);
    box->setStandardButtons(QMessageBox::Close);
    m_message = box;
    connect(box, &QMessageBox::finished, this, [this, text]() { Q_EMIT failed(text); });
    box->open();
}

void UnlockFlow::finish(const std::shared_ptr<Database> &db)
{
    // Announce first so the main window is up before the dialog goes (the app never has zero
    // windows in between).
    Q_EMIT unlocked(db);
    closeDialogs();
}

void UnlockFlow::closeDialogs()
{
    if (m_firstRun) {
        m_firstRun->disconnect(this);
        m_firstRun->done(QDialog::Accepted);
    }
    if (m_passphrase) {
        m_passphrase->disconnect(this);
        m_passphrase->done(QDialog::Accepted);
    }
    delete m_progress;
}

} // namespace cairn
