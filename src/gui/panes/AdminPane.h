#pragma once

#include "storage/Database.h"
#include "storage/StoreConfig.h"
#include "storage/Vault.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSettings;
class QTabWidget;

namespace cairn {

namespace llm {
class LlmClient;
}
class ConnectionsPage;
class SecretStore;

// Administration, in two tabs. Database: facts about the database (loaded off the GUI thread) and
// the key protection switches (re-keys run on a worker thread, which opens and closes its own
// connection). Connections: the model servers (ConnectionsPage).
class AdminPane : public QWidget
{
    Q_OBJECT
public:
    enum Tab { DatabaseTab, ConnectionsTab };

    // secrets: where API keys go (not owned; may be null, then only a passphrase-mode database can
    // keep keys). client: the network client for verifying connections (not owned; may be null).
    AdminPane(std::shared_ptr<Database> db, Vault vault, SecretStore *secrets, llm::LlmClient *client,
        QWidget *parent = nullptr);
    AdminPane(std::shared_ptr<Database> db, Vault vault, QWidget *parent = nullptr);

    // Reloads Database::info() and the key mode in the background.
    void refresh();
    // Re-keys to the given passphrase (from keychain mode, or a new passphrase), in the background.
    void changePassphrase(const QByteArray &newPassphrase);
    // Re-keys to a new random key kept in the system keychain, in the background.
    void switchToKeychain();

    // Where the chosen log level is remembered ("log/level"); not owned.
    void setSettings(QSettings *settings) { m_settings = settings; }

    // A re-key, or database work of the Connections page, is running.
    bool isBusy() const;
    QTabWidget *tabs() const { return m_tabs; }
    ConnectionsPage *connectionsPage() const { return m_connections; }
    void showTab(Tab tab);
    QComboBox *logLevelChooser() const { return m_logLevel; }
    std::optional<KeyMode> keyMode() const { return m_mode; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *field(const QString &name) const;

Q_SIGNALS:
    void keyModeChanged(cairn::KeyMode mode);
    void infoLoaded();

private:
    struct Snapshot {
        Result<Database::Info> info;
        KeyMode mode;
    };

    void askForPassphrase();
    void confirmSwitchToKeychain();
    void setBusy(bool busy, const QString &what = {});
    void showSnapshot(const Snapshot &snapshot);
    void showStatus(const QString &text, bool error);
    void updateButtons();
    void runRekey(
        const QString &what, std::function<Result<void>(Vault &, Database &)> rekey, const QString &success);
    void startRekey(std::function<Result<void>(Vault &, Database &)> rekey, const QString &success);
    QLabel *addField(QFormLayout *form, const QString &label, const QString &name);

    std::shared_ptr<Database> m_db;
    Vault m_vault;
    std::optional<KeyMode> m_mode;
    bool m_busy = false;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_changePassphrase = nullptr;
    QPushButton *m_useKeychain = nullptr;
    QLabel *m_busyLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QComboBox *m_logLevel = nullptr;
    QSettings *m_settings = nullptr;
    QTabWidget *m_tabs = nullptr;
    ConnectionsPage *m_connections = nullptr;
};

} // namespace cairn
