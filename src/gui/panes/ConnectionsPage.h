#pragma once

#include "llm/LlmTypes.h"
#include "llm/LocalProbe.h"
#include "services/ConnectionService.h"

#include <QFrame>
#include <QHash>
#include <QPointer>
#include <QWidget>

#include <array>
#include <functional>
#include <memory>

class QComboBox;
class QGroupBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QMessageBox;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableWidget;
class QTableWidgetItem;

namespace cairn {

namespace llm {
class LlmClient;
class ModelsJob;
} // namespace llm

class ConnectionDialog;
class Database;
class SecretStore;

// Admin → Connections: the model servers Cairn talks to. Lists them, adds, edits, verifies (lists
// the server's models), enables and deletes them, hides single models, and picks the default chat,
// embedding and task models. Every ConnectionService call runs on the thread pool (its worker closes
// its database connection); the network requests run asynchronously on the GUI thread through the
// LlmClient. On first run it can look for local servers (Ollama, LM Studio, llama.cpp) and offer them.
class ConnectionsPage : public QWidget
{
    Q_OBJECT
public:
    enum Column { NameColumn, KindColumn, UrlColumn, EnabledColumn, KeyColumn, StatusColumn, ColumnCount };

    // client: where network requests go (not owned; a private one is made when null).
    ConnectionsPage(std::shared_ptr<Database> db, SecretStore *secrets, llm::LlmClient *client,
        QWidget *parent = nullptr);
    ~ConnectionsPage() override;

    // Reloads the connections, their cached models and the defaults in the background.
    void reload();
    void addConnection(); // opens the dialog
    void editConnection(const QString &id);
    void verifyConnection(const QString &id);
    void deleteConnection(const QString &id); // asks first
    void setConnectionEnabled(const QString &id, bool enabled);
    void trustCertificate(); // of the last verify that failed on an untrusted certificate; asks first

    // Local servers: probe now, or only when there are no connections yet. probeFinished() follows.
    void probeLocalServers();
    void probeLocalServersIfEmpty();
    QList<llm::LocalProbe::Found> offers() const { return m_offers; }
    void acceptOffer(int index); // adds the offered server as a connection with its models
    void dismissOffer(int index);

    // The selected connection's id, or empty.
    QString currentId() const;
    bool selectConnection(const QString &idOrName);
    QList<ConnectionRecord> connections() const { return m_connections; }
    // Background work, a verification or a probe in flight.
    bool isBusy() const;
    bool isVerifying() const { return !m_verifyingId.isEmpty(); }
    // Workers using the database right now (a re-key waits for them).
    bool hasDatabaseWork() const { return m_pending > 0; }

    // Test seams.
    QTableWidget *table() const { return m_table; }
    QListWidget *modelsList() const { return m_models; }
    QComboBox *defaultChooser(ModelRole role) const { return m_defaults[static_cast<int>(role)]; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *verifyButton() const { return m_verify; }
    QPushButton *enableButton() const { return m_enable; }
    QPushButton *deleteButton() const { return m_delete; }
    QPushButton *trustButton() const { return m_trust; }
    QPushButton *probeButton() const { return m_probeButton; }
    QLabel *statusLabel() const { return m_status; }
    QWidget *offersBar() const { return m_offersBar; }
    ConnectionDialog *connectionDialog() const;
    QMessageBox *messageBox() const;

Q_SIGNALS:
    void loaded();
    void verified(const QString &id, bool ok);
    void offersChanged();
    void probeFinished();
    // A connection was added from a local-server offer.
    void offerAccepted(const QString &name);
    void offerFailed(const QString &message);

private:
    struct VerifyState {
        bool ok = false;
        int modelCount = 0;
        llm::LlmError::Kind kind = llm::LlmError::Kind::None;
        QString message;
    };
    struct Snapshot {
        QString error;
        QList<ConnectionRecord> connections;
        QHash<QString, QList<CachedModel>> models;
        std::array<ModelRef, 3> defaults;
    };

    // Runs work(service) on the thread pool, then done(result) here; one job at a time.
    template<typename Work, typename Done> void runService(Work work, Done done);
    void runNextJob();

    void showSnapshot(const Snapshot &snapshot);
    void fillTable();
    void fillModels();
    void fillDefaults();
    void updateButtons();
    void updateBusy();
    void onVerifyFinished(const QString &id, llm::ModelsJob *job);
    void finishVerify(const QString &id, const VerifyState &state, const QByteArray &certSha256 = {});
    void setDefault(ModelRole role, int index);
    void setStatus(const QString &text, bool error);
    void openDialog(ConnectionDialog *dialog);
    void saveFromDialog(const ConnectionDraft &draft);
    void showOfferError(const QString &text);
    const ConnectionRecord *record(const QString &id) const;
    QString statusText(const QString &id, QString *toolTip, bool *error) const;

    std::shared_ptr<Database> m_db;
    SecretStore *m_secrets;
    llm::LlmClient *m_client;

    QList<ConnectionRecord> m_connections;
    QHash<QString, QList<CachedModel>> m_cachedModels;
    std::array<ModelRef, 3> m_defaultRefs;
    QHash<QString, VerifyState> m_verifyStates;
    bool m_loadedOnce = false;
    int m_reloadGeneration = 0;
    int m_pending = 0; // queued and running jobs
    bool m_running = false;
    QList<std::function<void()>> m_queue;
    QString m_pendingSelection;

    QString m_verifyingId;
    QPointer<llm::ModelsJob> m_verifyJob;
    QString m_trustId;
    QByteArray m_trustSha256;

    QPointer<llm::LocalProbe> m_probe;
    QList<llm::LocalProbe::Found> m_offers;

    QPointer<ConnectionDialog> m_dialog;
    QPointer<QMessageBox> m_box;

    QWidget *m_offersBar = nullptr;
    QStackedWidget *m_listStack = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_verify = nullptr;
    QPushButton *m_enable = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_probeButton = nullptr;
    QLabel *m_busyLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_trust = nullptr;
    QGroupBox *m_modelsBox = nullptr;
    QListWidget *m_models = nullptr;
    std::array<QComboBox *, 3> m_defaults {};
};

// The offers of local servers a probe found, one line each with [Add] and [Dismiss]; shown at the top
// of the main window and on the Connections page. Hidden while there is nothing to offer.
class ServerOffersBar : public QFrame
{
    Q_OBJECT
public:
    explicit ServerOffersBar(ConnectionsPage *page, QWidget *parent = nullptr);

    QList<QPushButton *> addButtons() const { return m_addButtons; }
    QList<QPushButton *> dismissButtons() const { return m_dismissButtons; }
    QList<QLabel *> texts() const { return m_texts; }

    static QString offerText(const llm::LocalProbe::Found &found);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void applyColors();

    ConnectionsPage *m_page;
    QList<QPushButton *> m_addButtons;
    QList<QPushButton *> m_dismissButtons;
    QList<QLabel *> m_texts;
};

} // namespace cairn
