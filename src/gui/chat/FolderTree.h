#pragma once

#include "storage/ChatRepository.h"

#include <QTreeWidget>

namespace cairn {

// The folders above the chat list: "All chats" and the nested folders, their expand state kept in
// the database. Chats dragged from the list and folders dragged within the tree are dropped here;
// the change itself is asked for (the backend checks names and cycles) and the tree is rebuilt
// from what it lists back.
class FolderTree : public QTreeWidget
{
    Q_OBJECT
public:
    static constexpr auto kChatMime = "application/x-cairn-chat-id";
    static constexpr int kIdRole = Qt::UserRole + 1;

    explicit FolderTree(QWidget *parent = nullptr);

    void setFolders(const QList<FolderRecord> &folders);
    // The selected folder's id; unset for "All chats".
    std::optional<QString> selectedFolder() const;
    QTreeWidgetItem *itemFor(const QString &folderId) const;
    const QList<FolderRecord> &folders() const { return m_folders; }

Q_SIGNALS:
    void folderSelected(const std::optional<QString> &folderId);
    void chatDropped(const QString &chatId, const QString &folderId);
    void folderDropped(const QString &folderId, const QString &newParentId);
    void expandedChanged(const QString &folderId, bool expanded);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override;
    QStringList mimeTypes() const override;

private:
    QString targetFolder(const QPoint &pos, bool *valid) const;

    QList<FolderRecord> m_folders;
    bool m_rebuilding = false;
};

} // namespace cairn
