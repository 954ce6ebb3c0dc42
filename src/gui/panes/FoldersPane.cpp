#include "gui/panes/FoldersPane.h"

#include "chat/ChatBackend.h"
#include "gui/EmptyState.h"
#include "gui/GuiStyle.h"
#include "gui/chat/ChatListModel.h"
#include "gui/chat/FolderTree.h"
#include "gui/panes/ChatPane.h"

#include <QGridLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace cairn {

FoldersPane::FoldersPane(QWidget *parent)
    : QWidget(parent),
      m_empty(new EmptyState(GuiStyle::icon(QStringLiteral("folders")), tr("No folders yet"),
          tr("Open a database to organise conversations in folders."), this))
{
    setObjectName(QStringLiteral("foldersPane"));
    setAccessibleName(tr("Folders"));
    auto *layout = GuiStyle::paneLayout(this, tr("Folders"), tr("Group conversations in nested folders."));
    layout->addWidget(m_empty, 1);
}

FoldersPane::FoldersPane(ChatPane *chats, QWidget *parent) : QWidget(parent), m_chats(chats)
{
    setObjectName(QStringLiteral("foldersPane"));
    setAccessibleName(tr("Folders"));
    auto *layout = GuiStyle::paneLayout(this, tr("Folders"),
        tr("Group conversations in nested folders. Drag chats onto a folder, or folders into each other."));
    ChatBackend *backend = chats->backend();

    auto *splitter = new QSplitter(this);
    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *buttons = new QGridLayout;
    int placed = 0;
    const auto button
        = [left, buttons, &placed](const QString &name, const QString &text, const QString &accessible) {
              auto *b = new QToolButton(left);
              b->setObjectName(name);
              b->setText(text);
              b->setAccessibleName(accessible);
              b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
              buttons->addWidget(b, placed / 2, placed % 2);
              ++placed;
              return b;
          };
    QToolButton *add = button(QStringLiteral("newFolder"), tr("New folder\u2026"), tr("New folder"));
    m_newSub = button(QStringLiteral("newSubfolder"), tr("Subfolder\u2026"), tr("New subfolder"));
    m_rename = button(QStringLiteral("renameFolder"), tr("Rename\u2026"), tr("Rename folder"));
    m_delete = button(QStringLiteral("deleteFolder"), tr("Delete\u2026"), tr("Delete folder"));
    leftLayout->addLayout(buttons);
    m_tree = new FolderTree(left);
    m_tree->setObjectName(QStringLiteral("foldersPaneTree"));
    leftLayout->addWidget(m_tree, 1);
    connect(add, &QToolButton::clicked, this, [this] { askNewFolder(false); });
    connect(m_newSub, &QToolButton::clicked, this, [this] { askNewFolder(true); });
    connect(m_rename, &QToolButton::clicked, this, &FoldersPane::askRename);
    connect(m_delete, &QToolButton::clicked, this, [this] {
        if (const std::optional<QString> id = m_tree->selectedFolder(); id && !id->isEmpty())
            m_chats->deleteFolder(*id);
    });
    connect(backend, &ChatBackend::foldersListed, m_tree, &FolderTree::setFolders);
    connect(m_tree, &FolderTree::chatDropped, backend, &ChatBackend::moveChat);
    connect(m_tree, &FolderTree::folderDropped, backend, &ChatBackend::moveFolder);
    connect(m_tree, &FolderTree::expandedChanged, backend, &ChatBackend::setFolderExpanded);
    connect(m_tree, &FolderTree::folderSelected, this, &FoldersPane::onFolderSelected);

    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_heading = new QLabel(tr("All chats"), right);
    m_heading->setObjectName(QStringLiteral("folderHeading"));
    m_heading->setFont(GuiStyle::scaledFont(m_heading->font(), 1.2, true));
    rightLayout->addWidget(m_heading);
    m_summary = new QLabel(right);
    m_summary->setObjectName(QStringLiteral("folderSummary"));
    rightLayout->addWidget(m_summary);
    m_model = new ChatListModel(backend, this);
    m_list = new QListView(right);
    m_list->setObjectName(QStringLiteral("folderChats"));
    m_list->setAccessibleName(tr("Chats in the folder"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new ChatListDelegate(m_list));
    m_list->setDragEnabled(true);
    m_list->setDragDropMode(QAbstractItemView::DragOnly);
    m_list->setUniformItemSizes(false);
    rightLayout->addWidget(m_list, 1);
    auto *hint = new QLabel(tr("Double-click a chat (or press Enter) to open it."), right);
    hint->setEnabled(false);
    rightLayout->addWidget(hint);
    connect(m_list, &QListView::activated, this,
        [this](const QModelIndex &index) { openChat(index.data(ChatListModel::IdRole).toString()); });
    connect(m_model, &ChatListModel::loaded, this, &FoldersPane::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &FoldersPane::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &FoldersPane::updateSummary);
    connect(m_model, &QAbstractItemModel::modelReset, this, &FoldersPane::updateSummary);

    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({300, 600});
    layout->addWidget(splitter, 1);
    onFolderSelected(std::nullopt);
    backend->listFolders();
}

void FoldersPane::onFolderSelected(const std::optional<QString> &folderId)
{
    m_model->setFolder(folderId);
    const bool isFolder = folderId && !folderId->isEmpty();
    m_newSub->setEnabled(isFolder);
    m_rename->setEnabled(isFolder);
    m_delete->setEnabled(isFolder);
    QString name = tr("All chats");
    if (isFolder) {
        for (const FolderRecord &f : m_tree->folders()) {
            if (f.id == *folderId)
                name = f.name;
        }
    }
    m_heading->setText(name);
    updateSummary();
}

void FoldersPane::updateSummary()
{
    const qint64 total = m_model->total();
    if (total < 0) {
        m_summary->setText(tr("Loading\u2026"));
        return;
    }
    const int count = static_cast<int>(total);
    if (!m_tree->selectedFolder())
        m_summary->setText(tr("%n chat(s) in all", nullptr, count));
    else
        m_summary->setText(count == 0 ? tr("No chats here yet: drag some from the list onto a folder.")
                                      : tr("%n chat(s) in this folder", nullptr, count));
}

void FoldersPane::createFolder(const QString &name, const std::optional<QString> &parentId)
{
    m_chats->newFolder(name, parentId.value_or(QString()));
}

void FoldersPane::renameFolder(const QString &folderId, const QString &name)
{
    m_chats->backend()->renameFolder(folderId, name);
    if (m_tree->selectedFolder() == folderId)
        m_heading->setText(name.trimmed());
}

void FoldersPane::openChat(const QString &chatId)
{
    if (chatId.isEmpty())
        return;
    m_chats->openChat(chatId);
    Q_EMIT openChatRequested(chatId);
}

void FoldersPane::askNewFolder(bool sub)
{
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, sub ? tr("New subfolder") : tr("New folder"), tr("Name:"), QLineEdit::Normal, {}, &ok);
    if (ok && !name.trimmed().isEmpty())
        createFolder(name, sub ? m_tree->selectedFolder() : std::nullopt);
}

void FoldersPane::askRename()
{
    const std::optional<QString> id = m_tree->selectedFolder();
    if (!id || id->isEmpty())
        return;
    const QTreeWidgetItem *item = m_tree->itemFor(*id);
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Rename folder"), tr("Name:"), QLineEdit::Normal, item ? item->text(0) : QString(), &ok);
    if (ok && !name.trimmed().isEmpty())
        renameFolder(*id, name);
}

} // namespace cairn
