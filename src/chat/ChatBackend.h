#pragma once

#include "chat/Attachments.h"
#include "services/ConnectionService.h"
#include "storage/ChatRepository.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace cairn {

class ChatEngine;
class Database;
class SecretStore;

// A model the user can pick for a chat.
struct ModelChoice {
    QString connectionId;
    QString connectionName;
    QString model;
};

class ChatWorker;

// Everything the chat pane needs from the database and the model servers, done on a worker thread
// of its own (the GUI thread never touches the database or the network's blocking parts). Calls
// return at once; results arrive as signals on the caller's thread. Requests that page carry an id
// the answer repeats.
class ChatBackend : public QObject
{
    Q_OBJECT
public:
    ChatBackend(std::shared_ptr<Database> db, SecretStore *secrets, QObject *parent = nullptr);
    ~ChatBackend() override; // stops streams, closes the worker's connection, joins the thread

    void listChats(int requestId, const ChatFilter &filter, int offset, int limit);
    // The chat with every message's place in the tree; the text only of the last `window` messages
    // of the branch in view (loadMessages fetches more).
    void loadChat(const QString &chatId, int window = 100);
    // Opens the chat on the branch through messageId (it becomes visible), as a search result does.
    void loadChatAt(const QString &chatId, const QString &messageId, int window = 100);
    void loadMessages(const QString &chatId, const QStringList &ids);
    void updateChat(const ChatRecord &chat); // title, pinned, archived, folder, model …
    // Changes some fields of a chat: the patch is applied on the worker to the chat as stored, so a
    // stale copy on the GUI side never overwrites what another change wrote meanwhile.
    void patchChat(const QString &chatId, const std::function<void(ChatRecord &)> &patch);
    void deleteChat(const QString &chatId);
    void setCurrentMessage(const QString &chatId, const QString &messageId);
    void deleteMessage(const QString &chatId, const QString &messageId);
    void rateMessage(const QString &chatId, const QString &messageId, int rating, const QString &comment);
    void listModels();
    void search(int requestId, const SearchQuery &query);
    void listFiltersData(); // folders and tags, for the search filters
    // The knowledge bases a chat draws on: every base (ids and names, in step) and the attached ones.
    void listChatKnowledge(const QString &chatId);
    void setChatKnowledge(const QString &chatId, const QStringList &baseIds);
    // Import or export a file on the worker thread with progress; cancelTransfer() stops it (an
    // import then leaves nothing behind, an export writes no file).
    void importFile(const QString &path);
    void exportFile(const QString &path, const QString &format, const QString &chatId = {});
    // The chat's Markdown in memory (markdownRendered, or transferFinished with the error): what a
    // PDF is laid out from, with no plaintext file in between.
    void renderMarkdown(const QString &chatId);
    void cancelTransfer();

    // Folders (names unique per parent, no cycles); each change is followed by foldersListed.
    void listFolders();
    void createFolder(const QString &name, const QString &parentId);
    void renameFolder(const QString &folderId, const QString &name);
    void moveFolder(const QString &folderId, const QString &newParentId);
    void setFolderExpanded(const QString &folderId, bool expanded);
    // Its chats go to the root, or are deleted with it (deleteChats).
    void deleteFolder(const QString &folderId, bool deleteChats);
    void moveChat(const QString &chatId, const QString &folderId);

    void createChat(const QString &connectionId, const QString &model);
    // Files are read on the worker; one that cannot be attached fails the send (nothing is stored).
    void send(const QString &chatId, const QString &text, const QList<AttachmentInput> &files = {});
    void regenerate(const QString &chatId, const QString &answerId);
    void editAndSend(const QString &chatId, const QString &userMessageId, const QString &text);
    void stop(const QString &chatId);
    // An attached file's bytes (attachmentLoaded), or written to a file of the user's (0600;
    // attachmentSaved).
    void loadAttachment(const QString &attachmentId);
    void saveAttachment(const QString &attachmentId, const QString &path);

Q_SIGNALS:
    void chatsListed(int requestId, const QList<cairn::ChatRecord> &chats, qint64 total);
    void attachmentLoaded(const cairn::AttachmentData &attachment);
    void attachmentSaved(bool ok, const QString &message);
    void markdownRendered(const QString &chatId, const QString &markdown);
    // messages: the outline of all, with full text for those listed in `complete`.
    void chatLoaded(const cairn::ChatRecord &chat, const QList<cairn::MessageRecord> &messages,
        const QStringList &complete);
    void messagesLoaded(const QString &chatId, const QList<cairn::MessageRecord> &messages);
    void chatChanged(const cairn::ChatRecord &chat); // after an update, a new title, a new message
    void chatDeleted(const QString &chatId);
    void modelsListed(const QList<cairn::ModelChoice> &models, const cairn::ModelRef &defaultModel);
    void searched(int requestId, const QList<cairn::SearchHit> &hits);
    void filtersDataListed(const QList<cairn::FolderRecord> &folders, const QStringList &tags);
    void chatKnowledgeListed(
        const QString &chatId, const QStringList &ids, const QStringList &names, const QStringList &attached);
    void foldersListed(const QList<cairn::FolderRecord> &folders);
    void transferProgress(int done, int total);
    // ok false: message says why; true: message summarises what was done.
    void transferFinished(bool ok, const QString &message);
    void chatCreated(const cairn::ChatRecord &chat);
    void messageAdded(const cairn::MessageRecord &message);
    void answerDelta(
        const QString &chatId, const QString &messageId, const QString &content, const QString &reasoning);
    void answerFinished(const cairn::MessageRecord &message);
    void failed(const QString &chatId, const QString &message);

private:
    QThread *m_thread;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    ChatWorker *m_worker;
};

// The worker side (lives on ChatBackend's thread). Public for the queued calls only.
class ChatWorker : public QObject
{
    Q_OBJECT
public:
    ChatWorker(std::shared_ptr<Database> db, SecretStore *secrets);
    ~ChatWorker() override;

    static constexpr int kIdleMs = 1500; // the database connection is closed after this much idleness

public Q_SLOTS:
    void start();
    void shutdown();
    void touched();
    void listChats(int requestId, const cairn::ChatFilter &filter, int offset, int limit);
    void loadChat(const QString &chatId, int window, const QString &focusMessageId = {});
    void loadMessages(const QString &chatId, const QStringList &ids);
    void updateChat(const cairn::ChatRecord &chat);
    void patchChat(const QString &chatId, const std::function<void(cairn::ChatRecord &)> &patch);
    void deleteChat(const QString &chatId);
    void setCurrentMessage(const QString &chatId, const QString &messageId);
    void deleteMessage(const QString &chatId, const QString &messageId);
    void rateMessage(const QString &chatId, const QString &messageId, int rating, const QString &comment);
    void listModels();
    void search(int requestId, const cairn::SearchQuery &query);
    void listFiltersData();
    void listChatKnowledge(const QString &chatId);
    void setChatKnowledge(const QString &chatId, const QStringList &baseIds);
    void importFile(const QString &path, const std::shared_ptr<std::atomic<bool>> &cancel);
    void exportFile(const QString &path, const QString &format, const QString &chatId,
        const std::shared_ptr<std::atomic<bool>> &cancel);
    void renderMarkdown(const QString &chatId);
    // Runs a folder change, reports its error, lists the folders again and announces a moved chat.
    void folderChange(const std::function<cairn::Result<void>(cairn::ChatRepository &)> &change,
        const QString &movedChatId = {});
    void listFolders();
    void createChat(const QString &connectionId, const QString &model);
    void send(const QString &chatId, const QString &text, const QList<cairn::AttachmentInput> &files);
    void regenerate(const QString &chatId, const QString &answerId);
    void editAndSend(const QString &chatId, const QString &userMessageId, const QString &text);
    void stop(const QString &chatId);
    void loadAttachment(const QString &attachmentId);
    void saveAttachment(const QString &attachmentId, const QString &path);

Q_SIGNALS:
    void chatsListed(int requestId, const QList<cairn::ChatRecord> &chats, qint64 total);
    void attachmentLoaded(const cairn::AttachmentData &attachment);
    void attachmentSaved(bool ok, const QString &message);
    void markdownRendered(const QString &chatId, const QString &markdown);
    void chatLoaded(const cairn::ChatRecord &chat, const QList<cairn::MessageRecord> &messages,
        const QStringList &complete);
    void messagesLoaded(const QString &chatId, const QList<cairn::MessageRecord> &messages);
    void chatChanged(const cairn::ChatRecord &chat);
    void chatDeleted(const QString &chatId);
    void modelsListed(const QList<cairn::ModelChoice> &models, const cairn::ModelRef &defaultModel);
    void searched(int requestId, const QList<cairn::SearchHit> &hits);
    void filtersDataListed(const QList<cairn::FolderRecord> &folders, const QStringList &tags);
    void chatKnowledgeListed(
        const QString &chatId, const QStringList &ids, const QStringList &names, const QStringList &attached);
    void foldersListed(const QList<cairn::FolderRecord> &folders);
    void transferProgress(int done, int total);
    void transferFinished(bool ok, const QString &message);
    void chatCreated(const cairn::ChatRecord &chat);
    void messageAdded(const cairn::MessageRecord &message);
    void answerDelta(
        const QString &chatId, const QString &messageId, const QString &content, const QString &reasoning);
    void answerFinished(const cairn::MessageRecord &message);
    void failed(const QString &chatId, const QString &message);

private:
    ChatRepository repo();
    void announce(const QString &chatId);
    void releaseIfIdle();

    std::shared_ptr<Database> m_db;
    SecretStore *m_secrets;
    ChatEngine *m_engine = nullptr;
    QTimer *m_idle; // a child, so it moves to the worker's thread with it
};

} // namespace cairn

Q_DECLARE_METATYPE(cairn::ChatFilter)
Q_DECLARE_METATYPE(cairn::ModelChoice)
Q_DECLARE_METATYPE(cairn::ModelRef)
Q_DECLARE_METATYPE(cairn::SearchQuery)
Q_DECLARE_METATYPE(cairn::SearchHit)
Q_DECLARE_METATYPE(cairn::FolderRecord)
