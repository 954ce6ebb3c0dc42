#include "chat/ChatBackend.h"

#include "storage/KnowledgeRepository.h"

#include "chat/ChatEngine.h"
#include "chat/ChatTransfer.h"
#include "chat/MessageTree.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSaveFile>
#include <QThread>
#include <QTimer>

#include <spdlog/spdlog.h>

namespace cairn {

ChatBackend::ChatBackend(std::shared_ptr<Database> db, SecretStore *secrets, QObject *parent)
    : QObject(parent), m_thread(new QThread(this)), m_worker(new ChatWorker(std::move(db), secrets))
{
    qRegisterMetaType<cairn::ChatFilter>();
    qRegisterMetaType<cairn::ChatRecord>();
    qRegisterMetaType<cairn::MessageRecord>();
    qRegisterMetaType<QList<cairn::ChatRecord>>();
    qRegisterMetaType<QList<cairn::MessageRecord>>();
    qRegisterMetaType<QList<cairn::ModelChoice>>();
    qRegisterMetaType<cairn::ModelRef>();
    qRegisterMetaType<cairn::SearchQuery>();
    qRegisterMetaType<QList<cairn::SearchHit>>();
    qRegisterMetaType<QList<cairn::FolderRecord>>();
    qRegisterMetaType<cairn::AttachmentData>();
    m_thread->setObjectName(QStringLiteral("cairn-chat"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ChatWorker::chatsListed, this, &ChatBackend::chatsListed);
    connect(m_worker, &ChatWorker::chatLoaded, this, &ChatBackend::chatLoaded);
    connect(m_worker, &ChatWorker::messagesLoaded, this, &ChatBackend::messagesLoaded);
    connect(m_worker, &ChatWorker::chatChanged, this, &ChatBackend::chatChanged);
    connect(m_worker, &ChatWorker::chatDeleted, this, &ChatBackend::chatDeleted);
    connect(m_worker, &ChatWorker::modelsListed, this, &ChatBackend::modelsListed);
    connect(m_worker, &ChatWorker::searched, this, &ChatBackend::searched);
    connect(m_worker, &ChatWorker::transferProgress, this, &ChatBackend::transferProgress);
    connect(m_worker, &ChatWorker::foldersListed, this, &ChatBackend::foldersListed);
    connect(m_worker, &ChatWorker::transferFinished, this, &ChatBackend::transferFinished);
    connect(m_worker, &ChatWorker::filtersDataListed, this, &ChatBackend::filtersDataListed);
    connect(m_worker, &ChatWorker::chatKnowledgeListed, this, &ChatBackend::chatKnowledgeListed);
    connect(m_worker, &ChatWorker::chatCreated, this, &ChatBackend::chatCreated);
    connect(m_worker, &ChatWorker::messageAdded, this, &ChatBackend::messageAdded);
    connect(m_worker, &ChatWorker::answerDelta, this, &ChatBackend::answerDelta);
    connect(m_worker, &ChatWorker::answerFinished, this, &ChatBackend::answerFinished);
    connect(m_worker, &ChatWorker::failed, this, &ChatBackend::failed);
    connect(m_worker, &ChatWorker::attachmentLoaded, this, &ChatBackend::attachmentLoaded);
    connect(m_worker, &ChatWorker::attachmentSaved, this, &ChatBackend::attachmentSaved);
    connect(m_worker, &ChatWorker::markdownRendered, this, &ChatBackend::markdownRendered);
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, &ChatWorker::start, Qt::QueuedConnection);
}

ChatBackend::~ChatBackend()
{
    // Stop what streams (the partial answers are saved) and close the worker's database
    // connection on its own thread before it ends.
    QMetaObject::invokeMethod(m_worker, &ChatWorker::shutdown, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void ChatBackend::listChats(int requestId, const ChatFilter &filter, int offset, int limit)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, requestId, filter, offset, limit] {
            w->listChats(requestId, filter, offset, limit);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::loadChat(const QString &chatId, int window)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chatId, window] {
            w->loadChat(chatId, window);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::loadChatAt(const QString &chatId, const QString &messageId, int window)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chatId, messageId, window] {
            w->loadChat(chatId, window, messageId);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::loadMessages(const QString &chatId, const QStringList &ids)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chatId, ids] {
            w->loadMessages(chatId, ids);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::updateChat(const ChatRecord &chat)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chat] {
            w->updateChat(chat);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::patchChat(const QString &chatId, const std::function<void(ChatRecord &)> &patch)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chatId, patch] {
            w->patchChat(chatId, patch);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::deleteChat(const QString &chatId)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chatId] {
            w->deleteChat(chatId);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::setCurrentMessage(const QString &chatId, const QString &messageId)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chatId, messageId] {
            w->setCurrentMessage(chatId, messageId);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::deleteMessage(const QString &chatId, const QString &messageId)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chatId, messageId] {
            w->deleteMessage(chatId, messageId);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::rateMessage(
    const QString &chatId, const QString &messageId, int rating, const QString &comment)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chatId, messageId, rating, comment] {
            w->rateMessage(chatId, messageId, rating, comment);
        },
        Qt::QueuedConnection);
}

void ChatBackend::listModels()
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker] {
            w->listModels();
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::search(int requestId, const SearchQuery &query)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, requestId, query] {
            w->search(requestId, query);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::listFiltersData()
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker] {
            w->listFiltersData();
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::listChatKnowledge(const QString &chatId)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chatId] {
            w->listChatKnowledge(chatId);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::setChatKnowledge(const QString &chatId, const QStringList &baseIds)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chatId, baseIds] {
            w->setChatKnowledge(chatId, baseIds);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::importFile(const QString &path)
{
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, path, cancel = m_cancel] {
            w->importFile(path, cancel);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::exportFile(const QString &path, const QString &format, const QString &chatId)
{
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, path, format, chatId, cancel = m_cancel] {
            w->exportFile(path, format, chatId, cancel);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::renderMarkdown(const QString &chatId)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chatId] {
            w->renderMarkdown(chatId);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::cancelTransfer()
{
    if (m_cancel)
        m_cancel->store(true); // read by the worker between chats
}

void ChatBackend::listFolders()
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker] {
            w->listFolders();
            w->touched();
        },
        Qt::QueuedConnection);
}

namespace {
void folderChange(
    ChatWorker *w, std::function<Result<void>(ChatRepository &)> change, const QString &moved = {})
{
    QMetaObject::invokeMethod(
        w,
        [w, change = std::move(change), moved] {
            w->folderChange(change, moved);
            w->touched();
        },
        Qt::QueuedConnection);
}
} // namespace

void ChatBackend::createFolder(const QString &name, const QString &parentId)
{
    folderChange(m_worker, [name, parentId](ChatRepository &r) -> Result<void> {
        Result<FolderRecord> made = r.createFolder(name, parentId);
        if (!made)
            return made.error();
        return {};
    });
}

void ChatBackend::renameFolder(const QString &folderId, const QString &name)
{
    folderChange(m_worker, [folderId, name](ChatRepository &r) { return r.renameFolder(folderId, name); });
}

void ChatBackend::moveFolder(const QString &folderId, const QString &newParentId)
{
    folderChange(
        m_worker, [folderId, newParentId](ChatRepository &r) { return r.moveFolder(folderId, newParentId); });
}

void ChatBackend::setFolderExpanded(const QString &folderId, bool expanded)
{
    folderChange(m_worker,
        [folderId, expanded](ChatRepository &r) { return r.setFolderExpanded(folderId, expanded); });
}

void ChatBackend::deleteFolder(const QString &folderId, bool deleteChats)
{
    folderChange(m_worker,
        [folderId, deleteChats](ChatRepository &r) { return r.deleteFolder(folderId, deleteChats); });
}

void ChatBackend::moveChat(const QString &chatId, const QString &folderId)
{
    folderChange(
        m_worker, [chatId, folderId](ChatRepository &r) { return r.moveChat(chatId, folderId); }, chatId);
}

void ChatBackend::createChat(const QString &connectionId, const QString &model)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, connectionId, model] {
            w->createChat(connectionId, model);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::send(const QString &chatId, const QString &text, const QList<AttachmentInput> &files)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chatId, text, files] {
            w->send(chatId, text, files);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::loadAttachment(const QString &attachmentId)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, attachmentId] {
            w->loadAttachment(attachmentId);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::saveAttachment(const QString &attachmentId, const QString &path)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, attachmentId, path] {
            w->saveAttachment(attachmentId, path);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::regenerate(const QString &chatId, const QString &answerId)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chatId, answerId] {
            w->regenerate(chatId, answerId);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::editAndSend(const QString &chatId, const QString &userMessageId, const QString &text)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chatId, userMessageId, text] {
            w->editAndSend(chatId, userMessageId, text);
            w->touched();
        },
        Qt::QueuedConnection);
}

void ChatBackend::stop(const QString &chatId)
{
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, chatId] {
            w->stop(chatId);
            w->touched();
        },
        Qt::QueuedConnection);
}

// ---- worker ---------------------------------------------------------------------------------------

ChatWorker::ChatWorker(std::shared_ptr<Database> db, SecretStore *secrets)
    : m_db(std::move(db)), m_secrets(secrets), m_idle(new QTimer(this))
{ }

ChatWorker::~ChatWorker() = default;

ChatRepository ChatWorker::repo()
{
    Result<QSqlDatabase> c = m_db->threadConnection();
    return ChatRepository(c ? c.value() : QSqlDatabase());
}

void ChatWorker::touched()
{
    m_idle->start();
}

void ChatWorker::releaseIfIdle()
{
    // An idle worker holds no database connection: a re-key needs to be the only one.
    if (m_engine && m_engine->busy()) {
        m_idle->start();
        return;
    }
    m_db->closeThreadConnection();
}

void ChatWorker::start()
{
    m_idle->setSingleShot(true);
    m_idle->setInterval(kIdleMs);
    connect(m_idle, &QTimer::timeout, this, &ChatWorker::releaseIfIdle);
    m_engine = new ChatEngine(m_db, m_secrets, this);
    connect(m_engine, &ChatEngine::chatCreated, this, &ChatWorker::chatCreated);
    connect(m_engine, &ChatEngine::messageAdded, this, [this](const MessageRecord &m) {
        Q_EMIT messageAdded(m);
        announce(m.chatId);
    });
    connect(m_engine, &ChatEngine::answerDelta, this, &ChatWorker::answerDelta);
    connect(m_engine, &ChatEngine::answerFinished, this, &ChatWorker::answerFinished);
    connect(m_engine, &ChatEngine::titleChanged, this,
        [this](const QString &chatId, const QString &) { announce(chatId); });
    connect(m_engine, &ChatEngine::failed, this, &ChatWorker::failed);
    // Answers that were streaming when Cairn last stopped show as interrupted, with what arrived.
    ChatRepository r = repo();
    Result<int> interrupted = r.markInterrupted();
    if (interrupted && interrupted.value() > 0)
        spdlog::info("chat: {} answer(s) were interrupted when Cairn last stopped", interrupted.value());
    touched();
    connect(m_engine, &ChatEngine::answerFinished, this, &ChatWorker::touched);
}

void ChatWorker::shutdown()
{
    m_idle->stop();
    if (m_engine)
        m_engine->stopAll(); // finishing saves each partial answer as "stopped"
    delete m_engine;
    m_engine = nullptr;
    m_db->closeThreadConnection();
}

void ChatWorker::announce(const QString &chatId)
{
    ChatRepository r = repo();
    Result<ChatRecord> chat = r.chat(chatId);
    if (chat)
        Q_EMIT chatChanged(chat.value());
}

void ChatWorker::listChats(int requestId, const ChatFilter &filter, int offset, int limit)
{
    ChatRepository r = repo();
    Result<qint64> total = r.countChats(filter);
    Result<QList<ChatRecord>> page = r.listChats(filter, offset, limit);
    if (!total || !page) {
        Q_EMIT failed({}, (!total ? total.error() : page.error()).message);
        return;
    }
    Q_EMIT chatsListed(requestId, page.value(), total.value());
}

void ChatWorker::loadChat(const QString &chatId, int window, const QString &focusMessageId)
{
    ChatRepository r = repo();
    Result<ChatRecord> chat = r.chat(chatId);
    Result<QList<MessageRecord>> outline = r.messageOutline(chatId);
    if (!chat || !outline) {
        Q_EMIT failed(chatId, (!chat ? chat.error() : outline.error()).message);
        return;
    }
    // Only what will be on screen is read in full: the last `window` messages of the branch.
    const MessageTree tree(outline.value());
    if (!focusMessageId.isEmpty() && tree.find(focusMessageId)) {
        // The branch through the message, down to its newest answer; remembered as the one in view.
        chat->currentMessageId = tree.newestLeafBelow(focusMessageId);
        (void)r.setCurrentMessage(chatId, chat->currentMessageId);
    }
    const QStringList path = tree.pathTo(tree.resolveCurrent(chat->currentMessageId));
    if (!focusMessageId.isEmpty()) // the window reaches back to the message
        window = std::max<int>(window, static_cast<int>(path.size() - path.indexOf(focusMessageId)));
    const QStringList wanted = path.mid(std::max<qsizetype>(0, path.size() - window));
    Result<QList<MessageRecord>> full = r.messagesByIds(chatId, wanted);
    if (!full) {
        Q_EMIT failed(chatId, full.error().message);
        return;
    }
    QList<MessageRecord> messages = outline.value();
    QHash<QString, qsizetype> at;
    for (qsizetype i = 0; i < messages.size(); ++i)
        at.insert(messages[i].id, i);
    QStringList complete;
    for (const MessageRecord &m : full.value()) {
        messages[at.value(m.id)] = m;
        complete.append(m.id);
    }
    Q_EMIT chatLoaded(chat.value(), messages, complete);
}

void ChatWorker::loadMessages(const QString &chatId, const QStringList &ids)
{
    ChatRepository r = repo();
    Result<QList<MessageRecord>> full = r.messagesByIds(chatId, ids);
    if (!full) {
        Q_EMIT failed(chatId, full.error().message);
        return;
    }
    Q_EMIT messagesLoaded(chatId, full.value());
}

void ChatWorker::updateChat(const ChatRecord &chat)
{
    ChatRepository r = repo();
    Result<void> saved = r.updateChat(chat, false);
    if (!saved) {
        Q_EMIT failed(chat.id, saved.error().message);
        return;
    }
    if (Result<void> tagged = r.setTags(chat.id, chat.tags); !tagged)
        Q_EMIT failed(chat.id, tagged.error().message);
    announce(chat.id);
}

void ChatWorker::patchChat(const QString &chatId, const std::function<void(ChatRecord &)> &patch)
{
    ChatRepository r = repo();
    Result<ChatRecord> chat = r.chat(chatId);
    if (!chat) {
        Q_EMIT failed(chatId, chat.error().message);
        return;
    }
    patch(chat.value());
    updateChat(chat.value());
}

void ChatWorker::deleteChat(const QString &chatId)
{
    if (m_engine)
        m_engine->stop(chatId);
    ChatRepository r = repo();
    if (Result<void> gone = r.deleteChat(chatId); !gone) {
        Q_EMIT failed(chatId, gone.error().message);
        return;
    }
    Q_EMIT chatDeleted(chatId);
}

void ChatWorker::setCurrentMessage(const QString &chatId, const QString &messageId)
{
    ChatRepository r = repo();
    if (Result<void> set = r.setCurrentMessage(chatId, messageId); !set)
        Q_EMIT failed(chatId, set.error().message);
}

void ChatWorker::deleteMessage(const QString &chatId, const QString &messageId)
{
    ChatRepository r = repo();
    if (Result<void> gone = r.deleteMessageSubtree(messageId); !gone) {
        Q_EMIT failed(chatId, gone.error().message);
        return;
    }
    loadChat(chatId, 100);
}

void ChatWorker::rateMessage(
    const QString &chatId, const QString &messageId, int rating, const QString &comment)
{
    ChatRepository r = repo();
    if (Result<void> rated = r.rateMessage(messageId, rating, comment); !rated)
        Q_EMIT failed(chatId, rated.error().message);
}

void ChatWorker::listModels()
{
    ConnectionService service(m_db, m_secrets);
    QList<ModelChoice> out;
    Result<QList<ConnectionRecord>> connections = service.list();
    if (connections) {
        for (const ConnectionRecord &c : connections.value()) {
            if (!c.enabled)
                continue;
            Result<QList<CachedModel>> models = service.models(c.id);
            if (!models)
                continue;
            for (const CachedModel &m : models.value()) {
                if (m.enabled)
                    out.append(ModelChoice {c.id, c.name, m.modelId});
            }
        }
    }
    Result<ModelRef> def = service.defaultModel(ModelRole::Chat);
    Q_EMIT modelsListed(out, def ? def.value() : ModelRef {});
}

void ChatWorker::search(int requestId, const SearchQuery &query)
{
    ChatRepository r = repo();
    Result<QList<SearchHit>> hits = r.search(query);
    if (!hits) {
        Q_EMIT failed({}, hits.error().message);
        return;
    }
    Q_EMIT searched(requestId, hits.value());
}

void ChatWorker::listChatKnowledge(const QString &chatId)
{
    Result<QSqlDatabase> c = m_db->threadConnection();
    if (!c) {
        Q_EMIT failed(chatId, c.error().message);
        return;
    }
    KnowledgeRepository k(c.value());
    auto bases = k.bases();
    auto attached = k.chatBases(chatId);
    if (!bases || !attached) {
        Q_EMIT failed(chatId, (bases ? attached.error() : bases.error()).message);
        return;
    }
    QStringList ids;
    QStringList names;
    for (const KnowledgeBaseRecord &b : bases.value()) {
        ids.append(b.id);
        names.append(b.name);
    }
    Q_EMIT chatKnowledgeListed(chatId, ids, names, attached.value());
}

void ChatWorker::setChatKnowledge(const QString &chatId, const QStringList &baseIds)
{
    Result<QSqlDatabase> c = m_db->threadConnection();
    Result<void> done
        = c ? KnowledgeRepository(c.value()).setChatBases(chatId, baseIds) : Result<void>(c.error());
    if (!done)
        Q_EMIT failed(chatId, done.error().message);
    else
        listChatKnowledge(chatId);
}

void ChatWorker::listFiltersData()
{
    ChatRepository r = repo();
    Result<QList<FolderRecord>> folders = r.folders();
    Result<QStringList> tags = r.allTags();
    Q_EMIT filtersDataListed(
        folders ? folders.value() : QList<FolderRecord> {}, tags ? tags.value() : QStringList {});
}

void ChatWorker::importFile(const QString &path, const std::shared_ptr<std::atomic<bool>> &cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Q_EMIT transferFinished(false,
            QCoreApplication::translate("cairn::ChatBackend", "Cannot read %1: %2")
                .arg(path, file.errorString()));
        return;
    }
    const QByteArray data = file.readAll();
    ChatRepository r = repo();
    QElapsedTimer lastReport;
    lastReport.start();
    auto summary = ChatTransfer::import(r, data, [&](int done, int total) {
        if (lastReport.elapsed() >= 50 || done == total) {
            Q_EMIT transferProgress(done, total);
            lastReport.restart();
        }
        return !cancel->load();
    });
    if (!summary) {
        Q_EMIT transferFinished(false, summary.error().message);
        return;
    }
    Q_EMIT transferFinished(true,
        QCoreApplication::translate(
            "cairn::ChatBackend", "Imported %1 chats with %2 messages from %3 (%4 were already here).")
            .arg(summary->chats)
            .arg(summary->messages)
            .arg(ChatTransfer::formatName(summary->format))
            .arg(summary->skipped));
}

void ChatWorker::renderMarkdown(const QString &chatId)
{
    ChatRepository r = repo();
    auto chats = ChatTransfer::collect(r, chatId);
    if (!chats) {
        Q_EMIT transferFinished(false, chats.error().message);
        return;
    }
    Q_EMIT markdownRendered(chatId, QString::fromUtf8(ChatTransfer::toMarkdown(chats.value())));
}

void ChatWorker::exportFile(const QString &path, const QString &format, const QString &chatId,
    const std::shared_ptr<std::atomic<bool>> &cancel)
{
    ChatRepository r = repo();
    QElapsedTimer lastReport;
    lastReport.start();
    // Written whole or not at all, a chat at a time, and readable by the owner only: exports hold
    // private text.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        Q_EMIT transferFinished(false,
            QCoreApplication::translate("cairn::ChatBackend", "Cannot write %1: %2")
                .arg(path, file.errorString()));
        return;
    }
    Result<int> written = ChatTransfer::write(r, file,
        format == QStringLiteral("md") ? ChatTransfer::ExportFormat::Markdown
                                       : ChatTransfer::ExportFormat::Json,
        chatId, [&](int done, int total) {
            if (lastReport.elapsed() >= 50 || done == total) {
                Q_EMIT transferProgress(done, total);
                lastReport.restart();
            }
            return !cancel->load();
        });
    if (!written || !file.commit()) {
        file.cancelWriting();
        Q_EMIT transferFinished(false,
            !written ? written.error().message
                     : QCoreApplication::translate("cairn::ChatBackend", "Cannot write %1: %2")
                           .arg(path, file.errorString()));
        return;
    }
    const int count = written.value();
    Q_EMIT transferFinished(true,
        QCoreApplication::translate("cairn::ChatBackend", "Exported %n chat(s) to %1.", nullptr, count)
            .arg(path));
}

void ChatWorker::folderChange(
    const std::function<Result<void>(ChatRepository &)> &change, const QString &movedChatId)
{
    ChatRepository r = repo();
    if (Result<void> done = change(r); !done)
        Q_EMIT failed({}, done.error().message);
    listFolders();
    if (!movedChatId.isEmpty())
        announce(movedChatId);
}

void ChatWorker::listFolders()
{
    ChatRepository r = repo();
    Result<QList<FolderRecord>> folders = r.folders();
    if (!folders) {
        Q_EMIT failed({}, folders.error().message);
        return;
    }
    Q_EMIT foldersListed(folders.value());
}

void ChatWorker::createChat(const QString &connectionId, const QString &model)
{
    if (m_engine)
        m_engine->createChat(connectionId, model);
}

void ChatWorker::send(const QString &chatId, const QString &text, const QList<AttachmentInput> &files)
{
    if (m_engine)
        m_engine->send(chatId, text, {}, files);
}

void ChatWorker::loadAttachment(const QString &attachmentId)
{
    ChatRepository r = repo();
    Result<AttachmentData> a = r.attachment(attachmentId);
    if (!a) {
        Q_EMIT failed({}, a.error().message);
        return;
    }
    Q_EMIT attachmentLoaded(a.value());
}

void ChatWorker::saveAttachment(const QString &attachmentId, const QString &path)
{
    ChatRepository r = repo();
    Result<AttachmentData> a = r.attachment(attachmentId);
    if (!a) {
        Q_EMIT attachmentSaved(false, a.error().message);
        return;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(a->data) != a->data.size() || !file.commit()) {
        Q_EMIT attachmentSaved(false,
            QCoreApplication::translate("cairn::ChatBackend", "Cannot write %1: %2")
                .arg(path, file.errorString()));
        return;
    }
    Q_EMIT attachmentSaved(true,
        QCoreApplication::translate("cairn::ChatBackend", "Saved %1.").arg(QDir::toNativeSeparators(path)));
}

void ChatWorker::regenerate(const QString &chatId, const QString &answerId)
{
    if (m_engine)
        m_engine->regenerate(chatId, answerId);
}

void ChatWorker::editAndSend(const QString &chatId, const QString &userMessageId, const QString &text)
{
    if (m_engine)
        m_engine->editAndSend(chatId, userMessageId, text);
}

void ChatWorker::stop(const QString &chatId)
{
    if (m_engine)
        m_engine->stop(chatId);
}

} // namespace cairn
