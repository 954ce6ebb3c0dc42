#pragma once

#include <QByteArray>
#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace cairn {

// Asks for the passphrase of a database in passphrase mode. It does not unlock anything itself:
// OK emits unlockRequested() and the owner (UnlockFlow) reports back with setBusy(), showError()
// or closes the dialog on success.
class PassphraseDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PassphraseDialog(const QString &databasePath, QWidget *parent = nullptr);

    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    void showError(const QString &message);
    // Extra context above the field (e.g. why a keychain database asks for a passphrase).
    void setNote(const QString &note);

    QLineEdit *passphraseEdit() const { return m_edit; }
    QLabel *errorLabel() const { return m_error; }
    QDialogButtonBox *buttons() const { return m_buttons; }

protected:
    void showEvent(QShowEvent *event) override;

public Q_SLOTS:
    void accept() override;
    void reject() override;

Q_SIGNALS:
    void unlockRequested(const QByteArray &passphrase);

private:
    QLabel *m_note;
    QLineEdit *m_edit;
    QLabel *m_error;
    QLabel *m_busyLabel;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    bool m_busy = false;
};

} // namespace cairn
