#include "gui/chat/FolderTree.h"

#include <QDragEnterEvent>
#include <QHash>
#include <QMimeData>

namespace cairn {

namespace {
constexpr auto kFolderMime = "application/x-cairn-folder-id";
}

FolderTree::FolderTree(QWidget *parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("folderTree"));
    setAccessibleName(tr("Folders"));
    setHeaderHidden(true);
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    setFrameShape(QFrame::NoFrame);
    connect(this, &QTreeWidget::currentItemChanged, this, [this] {
        if (!m_rebuilding)
            Q_EMIT folderSelected(selectedFolder());
    });
    connect(this, &QTreeWidget::itemExpanded, this, [this](QTreeWidgetItem *item) {
        const QString id = item->data(0, kIdRole).toString();
        if (!m_rebuilding && !id.isEmpty())
            Q_EMIT expandedChanged(id, true);
    });
    connect(this, &QTreeWidget::itemCollapsed, this, [this](QTreeWidgetItem *item) {
        const QString id = item->data(0, kIdRole).toString();
        if (!m_rebuilding && !id.isEmpty())
            Q_EMIT expandedChanged(id, false);
    });
}

void FolderTree::setFolders(const QList<FolderRecord> &folders)
{
    const std::optional<QString> selected = selectedFolder();
    m_rebuilding = true;
    m_folders = folders;
    clear();
    auto *all = new QTreeWidgetItem(this, {tr("All chats")});
    all->setData(0, kIdRole, QString());
    all->setFlags(all->flags() & ~Qt::ItemIsDragEnabled);
    QHash<QString, QTreeWidgetItem *> items;
    // Parents before children: keep placing what can be placed.
    QList<FolderRecord> pending = folders;
    while (!pending.isEmpty()) {
        qsizetype placed = 0;
        for (auto it = pending.begin(); it != pending.end();) {
            QTreeWidgetItem *parent = it->parentId.isEmpty() ? nullptr : items.value(it->parentId);
            if (!it->parentId.isEmpty() && !parent) {
                ++it;
                continue;
            }
            auto *item
                = parent ? new QTreeWidgetItem(parent, {it->name}) : new QTreeWidgetItem(this, {it->name});
            item->setData(0, kIdRole, it->id);
            item->setFlags(item->flags() | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled);
            items.insert(it->id, item);
            it = pending.erase(it);
            ++placed;
        }
        if (placed == 0)
            break; // orphans (cannot happen with the database's foreign keys)
    }
    for (const FolderRecord &f : folders) {
        if (QTreeWidgetItem *item = items.value(f.id))
            item->setExpanded(f.expanded);
    }
    QTreeWidgetItem *current = selected ? (selected->isEmpty() ? all : items.value(*selected)) : all;
    setCurrentItem(current ? current : all);
    m_rebuilding = false;
    if (!current) // the selected folder went away
        Q_EMIT folderSelected(std::nullopt);
}

std::optional<QString> FolderTree::selectedFolder() const
{
    const QTreeWidgetItem *item = currentItem();
    const QString id = item ? item->data(0, kIdRole).toString() : QString();
    if (id.isEmpty())
        return std::nullopt;
    return id;
}

QTreeWidgetItem *FolderTree::itemFor(const QString &folderId) const
{
    QTreeWidgetItemIterator it(const_cast<FolderTree *>(this));
    for (; *it; ++it) {
        if ((*it)->data(0, kIdRole).toString() == folderId)
            return *it;
    }
    return nullptr;
}

QStringList FolderTree::mimeTypes() const
{
    return {QLatin1String(kChatMime), QLatin1String(kFolderMime)};
}

QMimeData *FolderTree::mimeData(const QList<QTreeWidgetItem *> &items) const
{
    if (items.isEmpty() || items.first()->data(0, kIdRole).toString().isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(QLatin1String(kFolderMime), items.first()->data(0, kIdRole).toString().toUtf8());
    return mime;
}

QString FolderTree::targetFolder(const QPoint &pos, bool *valid) const
{
    const QTreeWidgetItem *item = itemAt(pos);
    *valid = item != nullptr;
    return item ? item->data(0, kIdRole).toString() : QString();
}

void FolderTree::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(QLatin1String(kChatMime))
        || event->mimeData()->hasFormat(QLatin1String(kFolderMime)))
        event->acceptProposedAction();
    else
        event->ignore();
}

void FolderTree::dragMoveEvent(QDragMoveEvent *event)
{
    bool valid = false;
    (void)targetFolder(event->position().toPoint(), &valid);
    if (valid)
        event->acceptProposedAction();
    else
        event->ignore();
}

void FolderTree::dropEvent(QDropEvent *event)
{
    bool valid = false;
    const QString target = targetFolder(event->position().toPoint(), &valid);
    if (!valid) {
        event->ignore();
        return;
    }
    const QMimeData *mime = event->mimeData();
    if (mime->hasFormat(QLatin1String(kChatMime)))
        Q_EMIT chatDropped(QString::fromUtf8(mime->data(QLatin1String(kChatMime))), target);
    else if (mime->hasFormat(QLatin1String(kFolderMime)))
        Q_EMIT folderDropped(QString::fromUtf8(mime->data(QLatin1String(kFolderMime))), target);
    // The tree itself does not change here: it is rebuilt from the folders the backend lists.
    event->setDropAction(Qt::IgnoreAction);
    event->accept();
}

} // namespace cairn
