#pragma once

#include "storage/Database.h"
#include "storage/StoreConfig.h"
#include "storage/Vault.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QLabel;
class QListWidget;
class QSettings;
class QStackedWidget;

namespace cairn {

namespace llm {
class LlmClient;
}
class AboutDialog;
class AdminPane;
class ConnectionsPage;
class SecretStore;
class ServerOffersBar;

// The main window: a navigation list on the left switching a stack of panes, menus and a status
// bar. It only wires the panes together; each pane does its own work.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Pane { Chat, Folders, Knowledge, Prompts, Admin, PaneCount };

    // settings: where window geometry and state are kept (not owned; must outlive the window).
    // secrets: where API keys of connections are kept (not owned; must outlive the window and the
    // thread pool's work).
    MainWindow(std::shared_ptr<Database> db, Vault vault, SecretStore *secrets, QSettings *settings,
        QWidget *parent = nullptr);
    MainWindow(std::shared_ptr<Database> db, Vault vault, QSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPane(int pane);
    int currentPane() const;
    void showAbout();
    void saveSettings();
    // First run: once per data directory (remembered in the settings), when there are no connections
    // yet, looks for model servers on this computer and offers what it finds in a bar at the top.
    void probeLocalServersOnce();
    static constexpr auto kProbedKey = "connections/probed";

    QListWidget *navigation() const { return m_nav; }
    QStackedWidget *stack() const { return m_stack; }
    AdminPane *adminPane() const { return m_admin; }
    ConnectionsPage *connectionsPage() const;
    ServerOffersBar *offersBar() const { return m_offers; }
    llm::LlmClient *llmClient() const { return m_llm; }
    AboutDialog *aboutDialog() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void addPane(QWidget *pane, const QString &icon, const QString &title);
    void restoreSettings();
    void updateStatus();
    void updateOffersBar();

    std::shared_ptr<Database> m_db;
    QSettings *m_settings;
    llm::LlmClient *m_llm;
    QListWidget *m_nav;
    QStackedWidget *m_stack;
    AdminPane *m_admin;
    QLabel *m_dbStatus;
    ServerOffersBar *m_offers = nullptr;
    QWidget *m_offersHolder = nullptr;
    QPointer<AboutDialog> m_about;
};

} // namespace cairn
