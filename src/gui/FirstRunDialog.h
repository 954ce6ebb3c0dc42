#pragma once

#include "storage/StoreConfig.h"

#include <QByteArray>
#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QRadioButton;

namespace cairn {

class NewPassphraseFields;
class SecretStore;

// First start: no database yet. The user chooses how the database key is protected: a random key
// in the system keychain (recommended) or a passphrase. The keychain is probed off the GUI thread
// while the dialog is up; without one the keychain choice is disabled and the dialog says why.
// "Create" emits createRequested(); the owner (UnlockFlow) creates the database and reports back
// with setBusy(), showError() or closes the dialog.
class FirstRunDialog : public QDialog
{
    Q_OBJECT
public:
    FirstRunDialog(const QString &databasePath, SecretStore *secrets, QWidget *parent = nullptr);

    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    void showError(const QString &message);
    // Disables the keychain choice and explains why (also used when creating fails that way).
    void setKeychainUnavailable(const QString &reason);
    bool keychainProbed() const { return m_probed; }

    QRadioButton *keychainOption() const { return m_keychain; }
    QRadioButton *passphraseOption() const { return m_passphrase; }
    NewPassphraseFields *passphraseFields() const { return m_fields; }
    QLabel *keychainStatus() const { return m_keychainStatus; }
    QLabel *errorLabel() const { return m_error; }
    QDialogButtonBox *buttons() const { return m_buttons; }

protected:
    void showEvent(QShowEvent *event) override;

public Q_SLOTS:
    void accept() override;
    void reject() override;

Q_SIGNALS:
    void createRequested(cairn::KeyMode mode, const QByteArray &passphrase);

private:
    void probeKeychain();
    void updateState();

    SecretStore *m_secrets;
    QRadioButton *m_keychain;
    QLabel *m_keychainHint;
    QRadioButton *m_passphrase;
    NewPassphraseFields *m_fields;
    QLabel *m_keychainStatus;
    QLabel *m_error;
    QLabel *m_busyLabel;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    bool m_busy = false;
    bool m_probed = false;
    bool m_keychainAvailable = false;
};

} // namespace cairn
