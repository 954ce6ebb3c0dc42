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

class AboutDialog;
class AdminPane;

// The main window: a navigation list on the left switching a stack of panes, menus and a status
// bar. It only wires the panes together; each pane does its own work.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Pane { Chat, Folders, Knowledge, Prompts, Admin, PaneCount };

    // settings: where window geometry and state are kept (not owned; must outlive the window).
    MainWindow(std::shared_ptr<Database> db, Vault vault, QSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPane(int pane);
    int currentPane() const;
    void showAbout();
    void saveSettings();

    QListWidget *navigation() const { return m_nav; }
    QStackedWidget *stack() const { return m_stack; }
    AdminPane *adminPane() const { return m_admin; }
    AboutDialog *aboutDialog() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void addPane(QWidget *pane, const QString &icon, const QString &title);
    void restoreSettings();
    void updateStatus();

    std::shared_ptr<Database> m_db;
    QSettings *m_settings;
    QListWidget *m_nav;
    QStackedWidget *m_stack;
    AdminPane *m_admin;
    QLabel *m_dbStatus;
    QPointer<AboutDialog> m_about;
};

} // namespace cairn
