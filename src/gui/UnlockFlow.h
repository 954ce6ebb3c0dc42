#pragma once

#include "common/Result.h"
#include "storage/Database.h"
#include "storage/StoreConfig.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QDialog;
class QMessageBox;
class QProgressDialog;
class QWidget;

namespace cairn {

class FirstRunDialog;
class PassphraseDialog;
class SecretStore;

// Gets from "the app started" to an open database:
//   no database yet      -> FirstRunDialog, then Vault::create()
//   passphrase mode      -> PassphraseDialog, then Vault::unlock(passphrase) (retry on a wrong one)
//   keychain mode        -> Vault::unlock() straight away; when the keychain is unavailable or the
//                           key is missing, explain and offer the passphrase (an interrupted switch
//                           to passphrase mode may have left the database needing it)
// Every Vault call runs on the thread pool (they block on the keychain, the KDF and migrations);
// the worker closes its database connection before it returns, so the GUI thread never holds one.
// Ends with exactly one of unlocked(), cancelled() or failed().
class UnlockFlow : public QObject
{
    Q_OBJECT
public:
    UnlockFlow(QString dataDir, SecretStore *secrets, QObject *parent = nullptr);
    ~UnlockFlow() override;

    void start();

    // Test seams: the dialog currently shown by the flow, if any.
    FirstRunDialog *firstRunDialog() const;
    PassphraseDialog *passphraseDialog() const;
    QMessageBox *messageBox() const;
    bool isWorking() const { return m_working; }

Q_SIGNALS:
    void unlocked(std::shared_ptr<cairn::Database> db);
    void cancelled();
    // A problem the user cannot fix from here (e.g. a database from a newer Cairn). The message has
    // already been shown.
    void failed(const QString &message);

private:
    using OpenResult = Result<std::shared_ptr<Database>>;

    void showFirstRun();
    void showPassphrase(const QString &note);
    void unlockWithKeychain();
    void createDatabase(KeyMode mode, const QByteArray &passphrase);
    void unlockWithPassphrase(const QByteArray &passphrase);
    void onKeychainResult(const OpenResult &result);
    void showFatal(const QString &title, const Error &error);
    void finish(const std::shared_ptr<Database> &db);
    void closeDialogs();

    QString m_dataDir;
    SecretStore *m_secrets;
    QPointer<FirstRunDialog> m_firstRun;
    QPointer<PassphraseDialog> m_passphrase;
    QPointer<QMessageBox> m_message;
    QPointer<QProgressDialog> m_progress;
    bool m_working = false;
};

} // namespace cairn
