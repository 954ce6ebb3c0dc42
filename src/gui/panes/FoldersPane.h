#pragma once

#include <QWidget>

#include <optional>

class QLabel;
class QListView;
class QToolButton;

namespace cairn {

class ChatListModel;
class ChatPane;
class EmptyState;
class FolderTree;

// The Folders view: the folder tree at full height (new, rename, delete, drag folders and chats
// around) and the chats of the selected folder; opening one shows it in the Chat view. It works
// through the Chat view's backend, so both views always show the same folders.
class FoldersPane : public QWidget
{
    Q_OBJECT
public:
    // Without a database (tests of the window frame): only the empty state.
    explicit FoldersPane(QWidget *parent = nullptr);
    explicit FoldersPane(ChatPane *chats, QWidget *parent = nullptr);

    EmptyState *emptyState() const { return m_empty; }
    FolderTree *folderTree() const { return m_tree; }
    QListView *chatList() const { return m_list; }
    ChatListModel *chatModel() const { return m_model; }
    QLabel *heading() const { return m_heading; }
    QLabel *summary() const { return m_summary; }

    // The actions of the buttons, without their dialogs.
    void createFolder(const QString &name, const std::optional<QString> &parentId);
    void renameFolder(const QString &folderId, const QString &name);
    void openChat(const QString &chatId);

Q_SIGNALS:
    void openChatRequested(const QString &chatId);

private:
    void onFolderSelected(const std::optional<QString> &folderId);
    void updateSummary();
    void askNewFolder(bool sub);
    void askRename();

    ChatPane *m_chats = nullptr;
    EmptyState *m_empty = nullptr;
    FolderTree *m_tree = nullptr;
    QListView *m_list = nullptr;
    ChatListModel *m_model = nullptr;
    QLabel *m_heading = nullptr;
    QLabel *m_summary = nullptr;
    QToolButton *m_rename = nullptr;
    QToolButton *m_delete = nullptr;
    QToolButton *m_newSub = nullptr;
};

} // namespace cairn
