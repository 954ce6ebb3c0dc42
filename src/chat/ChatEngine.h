#pragma once

#include "chat/Attachments.h"
#include "services/ConnectionService.h"
#include "storage/ChatRepository.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

namespace cairn::knowledge {
class KnowledgeService;
} // namespace cairn::knowledge

namespace cairn {

class Database;

namespace llm {
class ChatStream;
class LlmClient;
} // namespace llm

// Holds conversations with models: adds the user's message, streams the answer from the chat's
// model and writes it to the database as it arrives (at most about a second is lost if the process
// dies; a restart marks such answers "interrupted"), regenerates answers and branches edits as
// siblings, stops, and titles new chats through the task model.
//
// It blocks on the database and the keychain, so it lives on a worker thread: the GUI calls its
// slots through queued connections and listens to its signals. Every slot can also be called
// directly on the engine's own thread (tests, the CLI).
class ChatEngine : public QObject
{
    Q_OBJECT
public:
    ChatEngine(std::shared_ptr<Database> db, SecretStore *secrets, QObject *parent = nullptr);
    ~ChatEngine() override;

    // How often a streaming answer is written (ms); the issue allows about one second of loss.
    void setSaveIntervalMs(int ms) { m_saveIntervalMs = ms; }
    bool isStreaming(const QString &chatId) const { return m_runs.contains(chatId); }
    bool busy() const { return !m_runs.isEmpty(); }

public Q_SLOTS:
    // A new chat on a model (connection id + model); emits chatCreated.
    void createChat(const QString &connectionId, const QString &model, const QString &folderId = {});
    // The user's message after parentId (empty: after the chat's current message), then the answer.
    // Files are read and checked first: if one cannot be attached, nothing is sent.
    void send(const QString &chatId, const QString &text, const QString &parentId = {},
        const QList<cairn::AttachmentInput> &files = {});
    // Another answer to the same question, as a sibling of answerId.
    void regenerate(const QString &chatId, const QString &answerId);
    // An edited copy of a user message as its sibling, then an answer to it.
    void editAndSend(const QString &chatId, const QString &userMessageId, const QString &text);
    void stop(const QString &chatId);
    void stopAll();

Q_SIGNALS:
    void chatCreated(const cairn::ChatRecord &chat);
    void messageAdded(const cairn::MessageRecord &message);
    // Text of a streaming answer as it arrives (only the new piece).
    void answerDelta(
        const QString &chatId, const QString &messageId, const QString &content, const QString &reasoning);
    void answerFinished(const cairn::MessageRecord &message);
    void titleChanged(const QString &chatId, const QString &title);
    void failed(const QString &chatId, const QString &message);

private:
    struct Run {
        QPointer<llm::ChatStream> stream;
        MessageRecord answer;
        QElapsedTimer sinceSave;
        std::optional<double> priceIn, priceOut;
        bool titleWanted = false;
        QString firstUserText;
    };

    ChatRepository repo();
    ConnectionService &connections();
    // parentId unset: after the chat's current message; empty: a new root.
    void sendUnder(const QString &chatId, const QString &text, const std::optional<QString> &parentId,
        const QList<AttachmentData> &files);
    // Sends the branch ending at userMessage and streams the answer as its child.
    void answer(const ChatRecord &chat, const MessageRecord &userMessage);
    void onDelta(const QString &chatId, const QString &content, const QString &reasoning,
        const std::optional<qint64> &prompt, const std::optional<qint64> &completion, const QString &finish);
    void onFinished(const QString &chatId);
    void save(Run &run);
    void makeTitle(const ChatRecord &chat, const QString &userText, const QString &answerText);
    void setTitle(const QString &chatId, const QString &title);

    std::shared_ptr<Database> m_db;
    SecretStore *m_secrets;
    std::unique_ptr<ConnectionService> m_connections;
    std::unique_ptr<knowledge::KnowledgeService> m_knowledge; // made on first use
    llm::LlmClient *m_client;
    QHash<QString, Run> m_runs; // by chat id
    int m_saveIntervalMs = 1000;
};

// The fallback title: the first words of the user's message.
QString fallbackTitle(const QString &userText);

} // namespace cairn
