#pragma once

#include "services/ConnectionService.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace cairn {

// Adds or edits a connection to a model server. The dialog saves nothing itself: Save emits
// saveRequested() with the draft; the owner stores it off the GUI thread and then either closes the
// dialog (done(Accepted)) or shows the service's complaint with showError() while the dialog stays
// open with everything the user typed.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    struct Preset {
        QString name;
        QString kind; // openai | ollama | anthropic
        QString baseUrl;
        QString azureApiVersion; // non-empty for Azure OpenAI
    };
    static QList<Preset> presets();
    static constexpr auto kDefaultAzureApiVersion = "2024-10-21";

    // A new connection.
    explicit ConnectionDialog(QWidget *parent = nullptr);
    // An existing one; keyLocation as ConnectionService::keyLocation ("" when no key is stored).
    ConnectionDialog(const ConnectionRecord &record, const QString &keyLocation, QWidget *parent = nullptr);

    bool isEditing() const { return !m_id.isEmpty(); }
    QString connectionId() const { return m_id; }

    // What the form holds, or a message about a field that cannot be read (headers, prices).
    Result<ConnectionDraft> draft() const;
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    void showError(const QString &text);

    // "AB:CD:…" in groups, perLine groups to a line (0: one line).
    static QString formatFingerprint(const QByteArray &sha256Hex, int perLine = 16);

    // Test seams.
    QComboBox *presetChooser() const { return m_preset; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *kindChooser() const { return m_kind; }
    QLineEdit *baseUrlEdit() const { return m_baseUrl; }
    QLineEdit *apiKeyEdit() const { return m_apiKey; }
    QCheckBox *removeKeyBox() const { return m_removeKey; }
    QLineEdit *azureVersionEdit() const { return m_azureVersion; }
    QPlainTextEdit *headersEdit() const { return m_headers; }
    QDoubleSpinBox *connectTimeout() const { return m_connectTimeout; }
    QDoubleSpinBox *firstByteTimeout() const { return m_firstByteTimeout; }
    QDoubleSpinBox *idleTimeout() const { return m_idleTimeout; }
    QLineEdit *priceInputEdit() const { return m_priceInput; }
    QLineEdit *priceOutputEdit() const { return m_priceOutput; }
    QLabel *certificateLabel() const { return m_certificate; }
    QPushButton *forgetCertificateButton() const { return m_forgetCert; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    QLabel *errorLabel() const { return m_error; }

Q_SIGNALS:
    void saveRequested(const cairn::ConnectionDraft &draft);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void build();
    void applyPreset(int index);
    void updateKindRows();
    void requestSave();
    void showCertificate();

    QString m_id;
    QJsonObject m_options; // kept as stored; the form's fields override the keys it edits
    QString m_trustedCert;
    bool m_forgetTrustedCert = false;
    bool m_hasStoredKey = false;
    bool m_busy = false;
    QString m_autoName; // the name a preset filled in (replaced by the next preset)

    QFormLayout *m_form = nullptr;
    QFormLayout *m_advanced = nullptr;
    QComboBox *m_preset = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QCheckBox *m_removeKey = nullptr;
    QLineEdit *m_azureVersion = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QDoubleSpinBox *m_connectTimeout = nullptr;
    QDoubleSpinBox *m_firstByteTimeout = nullptr;
    QDoubleSpinBox *m_idleTimeout = nullptr;
    QLineEdit *m_priceInput = nullptr;
    QLineEdit *m_priceOutput = nullptr;
    QWidget *m_certRow = nullptr;
    QLabel *m_certificate = nullptr;
    QPushButton *m_forgetCert = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace cairn
