#pragma once

#include "chat/ChatBackend.h"

#include <QPlainTextEdit>
#include <QWidget>

#include <memory>

class QComboBox;
class QInputDialog;
class QMimeData;
class QLabel;
class QListView;
class QProgressDialog;
class QSettings;
class QPushButton;
class QStackedWidget;
class QMenu;
class QToolButton;

namespace cairn {

class ChatListModel;
class ConversationView;
class Database;
class ChatSettingsDialog;
class EmptyState;
class FolderTree;
class SearchDialog;
class SecretStore;

// The composer: Enter sends and Shift+Enter breaks the line (or the other way round).
class ComposerEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    using QPlainTextEdit::QPlainTextEdit;
    void setEnterSends(bool enterSends) { m_enterSends = enterSends; }
    bool enterSends() const { return m_enterSends; }

Q_SIGNALS:
    void submitted();
    void enterSendsToggled(bool enterSends); // from the context menu
    // Files dropped or pasted (local paths), or an image pasted from the clipboard (PNG bytes).
    void filesAdded(const QStringList &paths);
    void imagePasted(const QByteArray &png);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    bool m_enterSends = true;
};

// The Chat view: the chat list on the left (pinned first, then by date, fetched as it scrolls;
// rename, pin, archive, delete), the conversation on the right with a model picker and the
// composer. All database and network work happens on the chat backend's thread.
class ChatPane : public QWidget
{
    Q_OBJECT
public:
    // Without a database (tests of the window frame): only the empty state.
    explicit ChatPane(QWidget *parent = nullptr);
    ChatPane(std::shared_ptr<Database> db, SecretStore *secrets, QWidget *parent = nullptr);
    ~ChatPane() override;

    EmptyState *emptyState() const { return m_empty; }
    ChatBackend *backend() const { return m_backend.get(); }
    QListView *chatList() const { return m_list; }
    FolderTree *folderTree() const { return m_folders; }
    void newFolder(const QString &name, const QString &parentId = {});
    // The open chat's system prompt and parameters; the dialog is returned open (not modal).
    ChatSettingsDialog *openChatSettings();
    // Tags from a comma-separated list (created on first use).
    void setChatTags(const QString &chatId, const QStringList &tags);
    // Asks whether its chats go to the top level or away with it (confirm false: to the top level).
    void deleteFolder(const QString &folderId, bool confirm = true);
    ChatListModel *chatModel() const { return m_model; }
    ConversationView *conversation() const { return m_view; }
    ComposerEdit *composer() const { return m_composer; }
    QPushButton *sendButton() const { return m_send; }
    QComboBox *modelPicker() const { return m_models; }
    // Files for the next message (checked at once: a refused file shows why and is not added).
    bool addAttachment(const QString &path);
    void addPastedImage(const QByteArray &png);
    QList<AttachmentInput> pendingAttachments() const { return m_attachments; }
    void removeAttachment(int index);
    QWidget *attachmentBar() const { return m_attachBar; }
    QLabel *errorLabel() const { return m_error; }
    // Writes an attached file where the user chose (0600).
    void saveAttachment(const QString &attachmentId, const QString &path);
    // Deletes a message and the replies below it (after asking, unless confirm is false).
    void deleteMessage(const QString &messageId, bool confirm = true);
    // The optional comment on a rating; the dialog is returned open (not modal).
    QInputDialog *commentOnRating(const QString &messageId);
    QString currentChatId() const { return m_chatId; }
    // Where preferences live (Enter or Shift+Enter sends); not owned. Without it they are not kept.
    void setSettings(QSettings *settings);
    static constexpr auto kEnterSendsKey = "chat/enterSends";

    void newChat();
    // Ctrl+K: the search dialog; a hit opens its chat on the branch through the message.
    SearchDialog *openSearch();
    // Import and export with a progress dialog; the work runs on the backend's thread.
    void importFrom(const QString &path);
    // format: json, md or pdf (pdf: one chat); chatId empty: every chat.
    void exportTo(const QString &path, const QString &format, const QString &chatId = {});
    QProgressDialog *transferProgress() const { return m_progress; }
    QLabel *statusLabel() const { return m_status; }
    void openChatAt(const QString &chatId, const QString &messageId);
    void openChat(const QString &chatId);
    void sendComposer();
    void stopAnswer();
    void copyLastAnswer();
    void setArchivedView(bool archived);
    void renameChat(const QString &chatId);
    void togglePin(const QString &chatId);
    void toggleArchive(const QString &chatId);
    void deleteChat(const QString &chatId, bool confirm = true);

private:
    void buildUi();
    void onModels(const QList<cairn::ModelChoice> &models, const cairn::ModelRef &defaultModel);
    void onChatCreated(const cairn::ChatRecord &chat);
    void onChatLoaded(const cairn::ChatRecord &chat, const QList<cairn::MessageRecord> &messages,
        const QStringList &complete);
    void onMessageAdded(const cairn::MessageRecord &message);
    void onAnswerFinished(const cairn::MessageRecord &message);
    void onFailed(const QString &chatId, const QString &message);
    void onModelPicked(int index);
    void updateState();
    void showListMenu(const QPoint &pos);
    void showFolderMenu(const QPoint &pos);
    void onTransferFinished(bool ok, const QString &message);
    void writePdf(const QString &markdown);
    QMenu *buildTransferMenu();
    void refreshAttachmentBar();
    void pickAttachments();

    std::unique_ptr<ChatBackend> m_backend;
    EmptyState *m_empty = nullptr;
    QStackedWidget *m_pages = nullptr;
    QListView *m_list = nullptr;
    FolderTree *m_folders = nullptr;
    ChatListModel *m_model = nullptr;
    QToolButton *m_archivedToggle = nullptr;
    QLabel *m_title = nullptr;
    QComboBox *m_models = nullptr;
    ConversationView *m_view = nullptr;
    ComposerEdit *m_composer = nullptr;
    QPushButton *m_send = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_status = nullptr;
    QProgressDialog *m_progress = nullptr;
    QString m_pdfTarget; // a PDF export waits for its Markdown
    QString m_pdfTitle;
    QString m_chatId;
    QString m_pendingText; // typed before the chat existed
    QList<AttachmentInput> m_pendingFiles; // attached before the chat existed
    QList<AttachmentInput> m_attachments; // for the next message
    QString m_unsentChat; // a message sent but not stored yet, to give back if storing fails
    QString m_unsentText;
    QList<AttachmentInput> m_unsentFiles;
    QWidget *m_attachBar = nullptr;
    QToolButton *m_attach = nullptr;
    QString m_focusMessage; // to scroll to once the chat is loaded
    QStringList m_streaming; // chats with an answer on its way
    QList<ModelChoice> m_choices;
    QSettings *m_settings = nullptr;
};

} // namespace cairn
