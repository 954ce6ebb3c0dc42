#include "gui/MainWindow.h"

#include "gui/AboutDialog.h"
#include "gui/GuiStyle.h"
#include "gui/panes/AdminPane.h"
#include "gui/panes/ChatPane.h"
#include "gui/panes/ConnectionsPage.h"
#include "gui/panes/FoldersPane.h"
#include "gui/panes/KnowledgePane.h"
#include "gui/panes/PromptsPane.h"
#include "llm/LlmClient.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

namespace cairn {

namespace {
constexpr auto kGeometryKey = "window/geometry";
constexpr auto kStateKey = "window/state";
constexpr auto kPaneKey = "window/pane";
} // namespace

MainWindow::MainWindow(std::shared_ptr<Database> db, Vault vault, QSettings *settings, QWidget *parent)
    : MainWindow(std::move(db), std::move(vault), nullptr, settings, parent)
{ }

MainWindow::MainWindow(
    std::shared_ptr<Database> db, Vault vault, SecretStore *secrets, QSettings *settings, QWidget *parent)
    : QMainWindow(parent),
      m_db(db),
      m_settings(settings),
      m_llm(new llm::LlmClient(this)),
      m_nav(new QListWidget(this)),
      m_stack(new QStackedWidget(this)),
      m_admin(new AdminPane(std::move(db), std::move(vault), secrets, m_llm, this)),
      m_dbStatus(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Cairn"));
    setWindowIcon(GuiStyle::icon(QStringLiteral("cairn")));

    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setAccessibleName(tr("Sections"));
    m_nav->setIconSize(QSize(22, 22));
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_nav->setFixedWidth(180);
    m_nav->setFont(GuiStyle::scaledFont(m_nav->font(), 1.1, false));
    m_nav->setStyleSheet(QStringLiteral(
        "QListWidget#navigation { background: palette(window); padding: 10px 8px; outline: 0; }"
        "QListWidget#navigation::item { padding: 2px 8px; border-radius: 6px; color: palette(window-text); }"
        "QListWidget#navigation::item:hover { background: palette(midlight); }"
        "QListWidget#navigation::item:selected { background: palette(highlight); color: "
        "palette(highlighted-text); }"));

    auto *chat = m_db ? new ChatPane(m_db, secrets, this) : new ChatPane(this);
    chat->setSettings(settings);
    addPane(chat, QStringLiteral("chat"), tr("Chat"));
    auto *folders = m_db ? new FoldersPane(chat, this) : new FoldersPane(this);
    addPane(folders, QStringLiteral("folders"), tr("Folders"));
    connect(folders, &FoldersPane::openChatRequested, this, [this] { m_nav->setCurrentRow(0); });
    addPane(m_db ? new KnowledgePane(m_db, secrets, this) : new KnowledgePane(this), QStringLiteral("knowledge"),
        tr("Knowledge"));
    addPane(new PromptsPane(this), QStringLiteral("prompts"), tr("Prompts"));
    addPane(m_admin, QStringLiteral("admin"), tr("Admin"));
    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    connect(m_stack, &QStackedWidget::currentChanged, this, &MainWindow::updateOffersBar);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_nav);
    auto *line = new QFrame(central);
    line->setFrameShape(QFrame::VLine);
    line->setFrameShadow(QFrame::Sunken);
    layout->addWidget(line);
    layout->addWidget(m_stack, 1);

    // Offers of model servers found on this computer (first run), above everything else.
    ConnectionsPage *connections = m_admin->connectionsPage();
    m_offersHolder = new QWidget(central);
    auto *holderLayout = new QVBoxLayout(m_offersHolder);
    holderLayout->setContentsMargins(10, 8, 10, 6);
    m_offers = new ServerOffersBar(connections, m_offersHolder);
    holderLayout->addWidget(m_offers);
    connect(connections, &ConnectionsPage::offersChanged, this, &MainWindow::updateOffersBar);
    connect(m_admin->tabs(), &QTabWidget::currentChanged, this, &MainWindow::updateOffersBar);
    connect(connections, &ConnectionsPage::offerAccepted, this, [this](const QString &name) {
        statusBar()->showMessage(tr("Added the connection \u201c%1\u201d.").arg(name), 8000);
    });
    connect(connections, &ConnectionsPage::offerFailed, this,
        [this](const QString &message) { statusBar()->showMessage(message, 15000); });

    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    outer->addWidget(m_offersHolder);
    outer->addLayout(layout, 1);
    setCentralWidget(central);

    updateOffersBar();
    createMenus();

    m_dbStatus->setObjectName(QStringLiteral("databaseStatus"));
    m_dbStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_dbStatus->setContentsMargins(6, 0, 6, 0);
    statusBar()->addPermanentWidget(m_dbStatus, 1);
    connect(m_admin, &AdminPane::keyModeChanged, this, &MainWindow::updateStatus);
    m_admin->setSettings(settings);
    updateStatus();

    resize(980, 680);
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::addPane(QWidget *pane, const QString &icon, const QString &title)
{
    m_stack->addWidget(pane);
    auto *item = new QListWidgetItem(GuiStyle::icon(icon), title, m_nav);
    item->setSizeHint(QSize(0, 40));
    const QKeySequence shortcut(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_0 + m_nav->count()));
    item->setToolTip(tr("%1 (%2)").arg(title, shortcut.toString(QKeySequence::NativeText)));
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(style()->standardIcon(QStyle::SP_DialogCloseButton), tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setShortcutContext(Qt::ApplicationShortcut);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &MainWindow::close);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_nav->count(); ++i) {
        QAction *go = view->addAction(m_nav->item(i)->icon(), m_nav->item(i)->text());
        go->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        go->setObjectName(QStringLiteral("showPane%1").arg(i + 1));
        connect(go, &QAction::triggered, this, [this, i]() { showPane(i); });
        addAction(go); // shortcuts work while the menu bar is hidden, too
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(windowIcon(), tr("&About Cairn"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQt = help->addAction(tr("About &Qt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::showPane(int pane)
{
    if (pane < 0 || pane >= m_stack->count())
        return;
    m_nav->setCurrentRow(pane);
}

int MainWindow::currentPane() const
{
    return m_stack->currentIndex();
}

ConnectionsPage *MainWindow::connectionsPage() const
{
    return m_admin->connectionsPage();
}

void MainWindow::updateOffersBar()
{
    if (!m_offersHolder)
        return;
    // The Connections page shows the same offers itself.
    const ConnectionsPage *page = connectionsPage();
    m_offersHolder->setVisible(!page->offers().isEmpty() && !page->isVisibleTo(this));
}

void MainWindow::probeLocalServersOnce()
{
    if (!m_settings || m_settings->value(QLatin1String(kProbedKey)).toBool())
        return;
    m_settings->setValue(QLatin1String(kProbedKey), true);
    m_settings->sync();
    connectionsPage()->probeLocalServersIfEmpty();
}

AboutDialog *MainWindow::aboutDialog() const
{
    return m_about;
}

void MainWindow::showAbout()
{
    if (!m_about) {
        m_about = new AboutDialog(this);
        m_about->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_about->show();
    m_about->raise();
    m_about->activateWindow();
}

void MainWindow::updateStatus()
{
    const std::optional<KeyMode> mode = m_admin->keyMode();
    QString key = tr("checking…");
    if (mode)
        key = *mode == KeyMode::Keychain ? tr("key in the system keychain") : tr("passphrase");
    m_dbStatus->setText(tr("Encrypted database: %1 — %2").arg(QDir::toNativeSeparators(m_db->path()), key));
}

void MainWindow::restoreSettings()
{
    if (!m_settings)
        return;
    restoreGeometry(m_settings->value(QLatin1String(kGeometryKey)).toByteArray());
    restoreState(m_settings->value(QLatin1String(kStateKey)).toByteArray());
    showPane(qBound(0, m_settings->value(QLatin1String(kPaneKey), 0).toInt(), PaneCount - 1));
}

void MainWindow::saveSettings()
{
    if (!m_settings)
        return;
    m_settings->setValue(QLatin1String(kGeometryKey), saveGeometry());
    m_settings->setValue(QLatin1String(kStateKey), saveState());
    m_settings->setValue(QLatin1String(kPaneKey), currentPane());
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

} // namespace cairn
