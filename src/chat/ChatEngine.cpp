#include "chat/ChatEngine.h"

#include "knowledge/KnowledgeService.h"

#include "chat/MessageTree.h"
#include "llm/LlmClient.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

#include <spdlog/spdlog.h>

namespace cairn {

namespace {

llm::ChatParams paramsFrom(const QJsonObject &p)
{
    llm::ChatParams out;
    if (p.value(QStringLiteral("temperature")).isDouble())
        out.temperature = p.value(QStringLiteral("temperature")).toDouble();
    if (p.value(QStringLiteral("top_p")).isDouble())
        out.topP = p.value(QStringLiteral("top_p")).toDouble();
    if (p.value(QStringLiteral("max_tokens")).isDouble())
        out.maxTokens = p.value(QStringLiteral("max_tokens")).toInt();
    if (p.value(QStringLiteral("seed")).isDouble())
        out.seed = static_cast<qint64>(p.value(QStringLiteral("seed")).toDouble());
    for (const QJsonValue &s : p.value(QStringLiteral("stop")).toArray())
        out.stop.append(s.toString());
    out.extra = p.value(QStringLiteral("extra")).toObject();
    return out;
}

} // namespace

QString fallbackTitle(const QString &userText)
{
    const QStringList words = userText.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QString title = words.mid(0, 6).join(QLatin1Char(' '));
    if (title.size() > 60)
        title = title.left(59).trimmed() + QChar(0x2026);
    else if (words.size() > 6)
        title += QChar(0x2026);
    return title;
}

ChatEngine::ChatEngine(std::shared_ptr<Database> db, SecretStore *secrets, QObject *parent)
    : QObject(parent), m_db(std::move(db)), m_secrets(secrets), m_client(new llm::LlmClient(this))
{
    qRegisterMetaType<cairn::ChatRecord>();
    qRegisterMetaType<cairn::MessageRecord>();
}

ChatEngine::~ChatEngine()
{
    stopAll();
}

ChatRepository ChatEngine::repo()
{
    Result<QSqlDatabase> c = m_db->threadConnection();
    return ChatRepository(c ? c.value() : QSqlDatabase());
}

ConnectionService &ChatEngine::connections()
{
    if (!m_connections)
        m_connections = std::make_unique<ConnectionService>(m_db, m_secrets);
    return *m_connections;
}

void ChatEngine::createChat(const QString &connectionId, const QString &model, const QString &folderId)
{
    ChatRecord c;
    c.connectionId = connectionId;
    c.model = model;
    c.folderId = folderId;
    ChatRepository r = repo();
    Result<ChatRecord> created = r.createChat(c);
    if (!created) {
        Q_EMIT failed({}, created.error().message);
        return;
    }
    Q_EMIT chatCreated(created.value());
}

void ChatEngine::send(
    const QString &chatId, const QString &text, const QString &parentId, const QList<AttachmentInput> &files)
{
    if (files.size() > Attachments::kMaxPerMessage) {
        Q_EMIT failed(chatId,
            QCoreApplication::translate("cairn::ChatEngine", "A message can carry up to %1 files.")
                .arg(Attachments::kMaxPerMessage));
        return;
    }
    QList<AttachmentData> loaded;
    for (const AttachmentInput &f : files) {
        Result<AttachmentData> one = Attachments::load(f);
        if (!one) {
            Q_EMIT failed(chatId, one.error().message);
            return;
        }
        loaded.append(one.value());
    }
    sendUnder(chatId, text, parentId.isEmpty() ? std::nullopt : std::optional<QString>(parentId), loaded);
}

void ChatEngine::sendUnder(const QString &chatId, const QString &text, const std::optional<QString> &parentId,
    const QList<AttachmentData> &files)
{
    if (m_runs.contains(chatId)) {
        Q_EMIT failed(chatId,
            QCoreApplication::translate(
                "cairn::ChatEngine", "Wait for the answer, or stop it, before sending again."));
        return;
    }
    if (text.trimmed().isEmpty() && files.isEmpty())
        return;
    ChatRepository r = repo();
    Result<ChatRecord> chat = r.chat(chatId);
    if (!chat) {
        Q_EMIT failed(chatId, chat.error().message);
        return;
    }
    QString parent = parentId.value_or(QString());
    if (!parentId) {
        Result<QList<MessageRecord>> all = r.messages(chatId);
        if (!all) {
            Q_EMIT failed(chatId, all.error().message);
            return;
        }
        parent = MessageTree(all.value()).resolveCurrent(chat->currentMessageId);
    }
    MessageRecord user;
    user.chatId = chatId;
    user.parentId = parent;
    user.role = QStringLiteral("user");
    user.content = text;
    Result<MessageRecord> added = r.addMessageWithAttachments(user, files);
    if (!added) {
        Q_EMIT failed(chatId, added.error().message);
        return;
    }
    Q_EMIT messageAdded(added.value());
    answer(chat.value(), added.value());
}

void ChatEngine::regenerate(const QString &chatId, const QString &answerId)
{
    if (m_runs.contains(chatId))
        return;
    ChatRepository r = repo();
    Result<MessageRecord> old = r.message(answerId);
    Result<ChatRecord> chat = r.chat(chatId);
    if (!old || !chat || old->chatId != chatId || old->parentId.isEmpty()) {
        Q_EMIT failed(
            chatId, QCoreApplication::translate("cairn::ChatEngine", "There is no answer to regenerate."));
        return;
    }
    Result<MessageRecord> question = r.message(old->parentId);
    if (!question) {
        Q_EMIT failed(chatId, question.error().message);
        return;
    }
    answer(chat.value(), question.value());
}

void ChatEngine::editAndSend(const QString &chatId, const QString &userMessageId, const QString &text)
{
    ChatRepository r = repo();
    Result<MessageRecord> original = r.message(userMessageId);
    if (!original || original->chatId != chatId || original->role != QStringLiteral("user")) {
        Q_EMIT failed(chatId,
            QCoreApplication::translate("cairn::ChatEngine", "Only your own messages can be edited."));
        return;
    }
    // The edit is a sibling: the original and its answers stay one "‹ ›" away. It keeps the
    // original's files (stored already: only the references are copied).
    QList<AttachmentData> files;
    for (const AttachmentRef &ref : original->attachments)
        files.append({ref, QByteArray()});
    sendUnder(chatId, text, original->parentId, files);
}

void ChatEngine::answer(const ChatRecord &chatIn, const MessageRecord &userMessage)
{
    ChatRecord chat = chatIn;
    ConnectionService &conns = connections();
    if (chat.connectionId.isEmpty() || chat.model.isEmpty()) {
        Result<ModelRef> def = conns.defaultModel(ModelRole::Chat);
        if (def && def->isValid()) {
            chat.connectionId = def->connectionId;
            chat.model = def->model;
        }
    }
    ChatRepository r = repo();
    MessageRecord reply;
    reply.chatId = chat.id;
    reply.parentId = userMessage.id;
    reply.role = QStringLiteral("assistant");
    reply.connectionId = chat.connectionId;
    reply.model = chat.model;
    reply.status = QStringLiteral("streaming");

    const auto failWith = [&](const QString &message) {
        reply.status = QStringLiteral("error");
        reply.error = message;
        Result<MessageRecord> stored = r.addMessage(reply);
        if (stored) {
            Q_EMIT messageAdded(stored.value());
            Q_EMIT answerFinished(stored.value());
        }
        Q_EMIT failed(chat.id, message);
    };
    if (chat.connectionId.isEmpty() || chat.model.isEmpty()) {
        failWith(QCoreApplication::translate("cairn::ChatEngine",
            "Choose a model for this chat (or a default chat model in Admin → Connections)."));
        return;
    }
    Result<ConnectionRecord> connection = conns.find(chat.connectionId);
    if (!connection) {
        failWith(QCoreApplication::translate("cairn::ChatEngine", "The chat's connection no longer exists."));
        return;
    }
    Result<llm::ProviderConfig> config = conns.providerConfig(connection.value());
    if (!config) {
        failWith(config.error().message);
        return;
    }

    // The context is the branch from the root to the user's message.
    Result<QList<MessageRecord>> all = r.messages(chat.id);
    if (!all) {
        failWith(all.error().message);
        return;
    }
    const MessageTree tree(all.value());
    llm::ChatRequest request;
    request.model = chat.model;
    request.params = paramsFrom(chat.params);
    if (!chat.systemPrompt.trimmed().isEmpty())
        request.messages.append({llm::ChatMessage::Role::System, chat.systemPrompt, {}});
    int userTurns = 0;
    for (const MessageRecord &m : tree.branch(userMessage.id)) {
        if (m.role == QStringLiteral("system"))
            request.messages.append({llm::ChatMessage::Role::System, m.content, {}});
        else if (m.role == QStringLiteral("user")) {
            llm::ChatMessage message {llm::ChatMessage::Role::User, m.content, {}};
            if (!m.attachments.isEmpty()) {
                // Text files go into the message as context; images as images, for vision models.
                Result<QList<AttachmentData>> files = r.attachmentsOf(m.id);
                if (!files) {
                    failWith(files.error().message);
                    return;
                }
                message.content = Attachments::withTextFiles(m.content, files.value());
                for (const AttachmentData &f : files.value()) {
                    if (f.ref.kind == QStringLiteral("image"))
                        message.images.append({f.ref.mime.toLatin1(), f.data});
                }
            }
            request.messages.append(message);
            ++userTurns;
        } else if (m.role == QStringLiteral("assistant") && !m.content.isEmpty())
            request.messages.append({llm::ChatMessage::Role::Assistant, m.content, {}});
    }

    // A model whose server says what it can do, and vision is not among it: images of earlier turns
    // are left out (their text still goes), and an image in this question is an error that says so.
    if (Result<QList<CachedModel>> cached = conns.models(chat.connectionId); cached) {
        for (const CachedModel &m : cached.value()) {
            if (m.modelId != chat.model || m.capabilities.isEmpty()
                || m.capabilities.contains(QStringLiteral("vision")))
                continue;
            if (!request.messages.isEmpty() && !request.messages.constLast().images.isEmpty()) {
                failWith(QCoreApplication::translate("cairn::ChatEngine",
                    "%1 does not read images (its server lists what it can do, and vision is not among it). "
                    "Pick a model that does, or edit the message without the image.")
                             .arg(chat.model));
                return;
            }
            for (llm::ChatMessage &message : request.messages)
                message.images.clear();
        }
    }

    // Knowledge bases attached to the chat: sources for this question go with it, numbered, and the
    // answer keeps them as its citations. (Retrieval failing is said in the answer's meta; the
    // question still goes.)
    QList<CitationRecord> citations;
    if (!m_knowledge)
        m_knowledge = std::make_unique<knowledge::KnowledgeService>(m_db, m_secrets);
    auto knowledgeRepo = m_knowledge->repo();
    const Result<QStringList> bases
        = knowledgeRepo ? knowledgeRepo->chatBases(chat.id) : Result<QStringList>(knowledgeRepo.error());
    if (!bases) {
        // Whether the chat draws on knowledge bases is unknown: the answer says so.
        reply.meta.insert(QStringLiteral("sources_error"), bases.error().message);
    } else if (!bases->isEmpty() && !request.messages.isEmpty()) {
        knowledge::RetrievalOptions options;
        options.source = QStringLiteral("chat");
        auto found = m_knowledge->retrieve(bases.value(), userMessage.content, options);
        if (found && !found->chunks.isEmpty()) {
            llm::ChatMessage &question = request.messages.last();
            question.content = knowledge::withSources(question.content, found->chunks);
            citations = knowledge::citationsFor(found->chunks);
            // What the answer shows (and opens) for each source: the chunk as it was sent.
            QJsonArray sources;
            for (qsizetype i = 0; i < citations.size(); ++i) {
                const CitationRecord &c = citations.at(i);
                sources.append(QJsonObject {{QStringLiteral("n"), c.number},
                    {QStringLiteral("document"), c.documentName}, {QStringLiteral("base"), c.baseName},
                    {QStringLiteral("chunk"), c.chunkSeq}, {QStringLiteral("position"), c.chunkPosition},
                    {QStringLiteral("score"), c.score},
                    {QStringLiteral("text"), found->chunks.at(i).content}});
            }
            reply.meta.insert(QStringLiteral("sources"), sources);
        } else if (found) {
            // Shown under the answer: the bases were searched and nothing matched.
            reply.meta.insert(QStringLiteral("sources_none"), true);
        } else {
            reply.meta.insert(QStringLiteral("sources_error"), found.error().message);
        }
        if (found && !found->note.isEmpty())
            reply.meta.insert(QStringLiteral("sources_note"), found->note);
    }

    Result<MessageRecord> stored = r.addMessage(reply);
    if (!stored) {
        Q_EMIT failed(chat.id, stored.error().message);
        return;
    }
    if (!citations.isEmpty())
        if (auto kr = m_knowledge->repo(); kr)
            if (auto saved = kr->addCitations(stored->id, citations); !saved)
                spdlog::warn("chat: could not store citations: {}", saved.error().message.toStdString());
    Q_EMIT messageAdded(stored.value());

    Run run;
    run.answer = stored.value();
    run.priceIn = connection->priceInputPerMTok;
    run.priceOut = connection->priceOutputPerMTok;
    run.titleWanted = chatIn.title.isEmpty() && userTurns == 1;
    run.firstUserText = userMessage.content;
    if (run.firstUserText.trimmed().isEmpty() && !userMessage.attachments.isEmpty())
        run.firstUserText = userMessage.attachments.constFirst().name; // only files were sent
    run.sinceSave.start();
    if (run.titleWanted) // something to show at once; the task model may improve on it
        setTitle(chat.id, fallbackTitle(run.firstUserText));
    llm::ChatStream *stream = m_client->chat(config.value(), request);
    run.stream = stream;
    const QString chatId = chat.id;
    m_runs.insert(chatId, run);
    connect(stream, &llm::ChatStream::delta, this, [this, chatId](const llm::ChatDelta &d) {
        onDelta(chatId, d.content, d.reasoning, d.promptTokens, d.completionTokens, d.finishReason);
    });
    connect(stream, &llm::ChatStream::finished, this, [this, chatId] { onFinished(chatId); });
}

void ChatEngine::onDelta(const QString &chatId, const QString &content, const QString &reasoning,
    const std::optional<qint64> &prompt, const std::optional<qint64> &completion, const QString &finish)
{
    auto it = m_runs.find(chatId);
    if (it == m_runs.end())
        return;
    Run &run = it.value();
    run.answer.content += content;
    run.answer.reasoning += reasoning;
    if (prompt)
        run.answer.promptTokens = prompt;
    if (completion)
        run.answer.completionTokens = completion;
    if (!finish.isEmpty())
        run.answer.finishReason = finish;
    if (!content.isEmpty() || !reasoning.isEmpty())
        Q_EMIT answerDelta(chatId, run.answer.id, content, reasoning);
    if (run.sinceSave.elapsed() >= m_saveIntervalMs)
        save(run);
}

void ChatEngine::save(Run &run)
{
    ChatRepository r = repo();
    if (Result<void> saved = r.updateMessage(run.answer); !saved)
        spdlog::warn("chat: could not save a streaming answer: {}", saved.error().message.toStdString());
    run.sinceSave.restart();
}

void ChatEngine::onFinished(const QString &chatId)
{
    auto it = m_runs.find(chatId);
    if (it == m_runs.end())
        return;
    Run run = it.value();
    m_runs.erase(it);
    if (!run.stream)
        return;
    const llm::ChatResult &result = run.stream->result();
    MessageRecord &a = run.answer;
    a.content = result.content;
    a.reasoning = result.reasoning;
    if (!result.finishReason.isEmpty())
        a.finishReason = result.finishReason;
    if (result.promptTokens)
        a.promptTokens = result.promptTokens;
    if (result.completionTokens)
        a.completionTokens = result.completionTokens;
    if (result.firstTokenMs >= 0)
        a.firstTokenMs = result.firstTokenMs;
    a.latencyMs = result.totalMs;
    if (!result.toolCalls.isEmpty()) {
        QJsonArray calls;
        for (const llm::ToolCall &t : result.toolCalls)
            calls.append(QJsonObject {{QStringLiteral("id"), t.id}, {QStringLiteral("name"), t.name},
                {QStringLiteral("arguments"), t.arguments}});
        a.meta.insert(QStringLiteral("tool_calls"), calls);
    }
    switch (result.status) {
    case llm::ChatResult::Status::Done:
        a.status = QStringLiteral("done");
        break;
    case llm::ChatResult::Status::Stopped:
        a.status = QStringLiteral("stopped");
        break;
    case llm::ChatResult::Status::Error:
        a.status = QStringLiteral("error");
        a.error = result.error.message;
        break;
    }
    if ((run.priceIn || run.priceOut) && (a.promptTokens || a.completionTokens))
        a.cost = (static_cast<double>(a.promptTokens.value_or(0)) * run.priceIn.value_or(0)
                     + static_cast<double>(a.completionTokens.value_or(0)) * run.priceOut.value_or(0))
            / 1e6;
    save(run);
    run.stream->deleteLater();
    Q_EMIT answerFinished(a);
    if (a.status == QStringLiteral("error"))
        Q_EMIT failed(chatId, a.error);
    if (run.titleWanted && a.status == QStringLiteral("done")) {
        Result<ChatRecord> chat = repo().chat(chatId);
        if (chat)
            makeTitle(chat.value(), run.firstUserText, a.content);
    }
}

void ChatEngine::stop(const QString &chatId)
{
    auto it = m_runs.find(chatId);
    if (it != m_runs.end() && it->stream)
        it->stream->stop(); // finished() follows: the partial answer is kept as "stopped"
}

void ChatEngine::stopAll()
{
    const QStringList chats = m_runs.keys();
    for (const QString &c : chats)
        stop(c);
}

void ChatEngine::makeTitle(const ChatRecord &chat, const QString &userText, const QString &answerText)
{
    ConnectionService &conns = connections();
    ModelRef task;
    if (Result<ModelRef> def = conns.defaultModel(ModelRole::Task); def && def->isValid())
        task = def.value();
    else
        task = ModelRef {chat.connectionId, chat.model};
    if (!task.isValid())
        return;
    Result<llm::ProviderConfig> config = conns.providerConfig(task.connectionId);
    if (!config)
        return;
    config->quiet = true;
    config->maxRetries = 0;
    llm::ChatRequest request;
    request.model = task.model;
    request.stream = false;
    request.params.maxTokens = 40;
    request.params.temperature = 0.2;
    request.messages
        = {{llm::ChatMessage::Role::System,
               QStringLiteral("You write short, specific titles for conversations. Reply with the title "
                              "only: at most six words, no quotes, no trailing punctuation."),
               {}},
            {llm::ChatMessage::Role::User,
                QStringLiteral("User: %1\n\nAssistant: %2\n\nTitle:")
                    .arg(userText.left(1500), answerText.left(1500)),
                {}}};
    llm::ChatStream *stream = m_client->chat(config.value(), request);
    const QString chatId = chat.id;
    connect(stream, &llm::ChatStream::finished, this, [this, stream, chatId] {
        stream->deleteLater();
        const llm::ChatResult &r = stream->result();
        if (r.status != llm::ChatResult::Status::Done)
            return; // the fallback title stays
        QString title = r.content;
        // Thinking models may wrap their reasoning in <think> tags.
        static const QRegularExpression think(
            QStringLiteral("<think>.*?</think>"), QRegularExpression::DotMatchesEverythingOption);
        title.remove(think);
        title = title.trimmed().section(QLatin1Char('\n'), 0, 0).trimmed();
        static const QRegularExpression wrap(QStringLiteral("^[\"'“”«»*#\\s]+|[\"'“”«».!*\\s]+$"));
        title.remove(wrap);
        if (title.startsWith(QStringLiteral("Title:"), Qt::CaseInsensitive))
            title = title.mid(6).trimmed();
        if (title.isEmpty())
            return;
        if (title.size() > 80)
            title = title.left(79).trimmed() + QChar(0x2026);
        setTitle(chatId, title);
    });
}

void ChatEngine::setTitle(const QString &chatId, const QString &title)
{
    ChatRepository r = repo();
    Result<ChatRecord> chat = r.chat(chatId);
    if (!chat)
        return;
    chat->title = title;
    if (r.updateChat(chat.value(), false))
        Q_EMIT titleChanged(chatId, title);
}

} // namespace cairn
