// Conversations end to end below the GUI: the chat engine against our loopback model server, the
// real encrypted database and the real keychain. Streaming answers are saved as they arrive.
#include "LlmTestServer.h"
#include "TestSupport.h"

#include "chat/ChatEngine.h"
#include "chat/MessageTree.h"
#include "knowledge/KnowledgeService.h"
#include "secrets/KeychainSecretStore.h"
#include "services/ConnectionService.h"
#include "storage/ChatRepository.h"
#include "storage/Database.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace cairn;
using cairn::test::Fault;
using cairn::test::FaultSpec;
using cairn::test::LlmTestServer;
using cairn::test::ServerConfig;

namespace {

// The messages a request sent, as "role: content" lines.
QStringList sentMessages(const cairn::test::RecordedRequest &req)
{
    QStringList out;
    const QJsonArray messages
        = QJsonDocument::fromJson(req.body).object().value(QStringLiteral("messages")).toArray();
    for (const QJsonValue &v : messages)
        out.append(v.toObject().value(QStringLiteral("role")).toString() + QStringLiteral(": ")
            + v.toObject().value(QStringLiteral("content")).toString());
    return out;
}

} // namespace

class TestChatEngine : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<LlmTestServer> m_server;
    std::unique_ptr<KeychainSecretStore> m_keychain;
    std::shared_ptr<Database> m_db;
    std::unique_ptr<ChatEngine> m_engine;
    QString m_connectionId;
    const QByteArray m_key = "sk-engine-" + QUuid::createUuid().toByteArray(QUuid::Id128);

    ChatRepository repo() { return ChatRepository(m_db->connection()); }

    ChatRecord newChat()
    {
        QSignalSpy created(m_engine.get(), &ChatEngine::chatCreated);
        QSignalSpy failed(m_engine.get(), &ChatEngine::failed);
        m_engine->createChat(m_connectionId, QStringLiteral("test-chat"));
        if (created.size() != 1)
            qFatal(
                "no chat created: %s", failed.isEmpty() ? "?" : qPrintable(failed.first().at(1).toString()));
        return created.first().first().value<ChatRecord>();
    }

    MessageRecord waitForAnswer(QSignalSpy &finished, int timeoutMs = 15000)
    {
        if (finished.isEmpty() && !finished.wait(timeoutMs))
            qFatal("no answer finished in time");
        return finished.takeFirst().first().value<MessageRecord>();
    }

    void setServer(ServerConfig sc)
    {
        sc.requiredKey = m_key;
        m_server->clearFaults();
        m_server->clearRequests();
        m_server->setConfig(sc);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<LlmTestServer>();
        QVERIFY(m_server->isListening());
        m_keychain = std::make_unique<KeychainSecretStore>(
            QStringLiteral("CairnTest-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        QVERIFY2(m_keychain->probeSync().ok(), "no Secret Service: run through scripts/with-test-keyring.sh");
        Database::Options o;
        o.path = m_dir.filePath(QStringLiteral("engine.db"));
        o.key = DatabaseKey::generateRaw();
        o.create = true;
        auto db = Database::open(o);
        QVERIFY(db.ok());
        m_db = db.value();
        ConnectionService service(m_db, m_keychain.get());
        ConnectionDraft d;
        d.name = QStringLiteral("Test server");
        d.kind = QStringLiteral("openai");
        d.baseUrl = m_server->openAiBaseUrl().toString();
        d.apiKey = m_key;
        d.priceInputPerMTok = 1.0;
        d.priceOutputPerMTok = 2.0;
        auto added = service.add(d);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message));
        m_connectionId = added->id;
        m_engine = std::make_unique<ChatEngine>(m_db, m_keychain.get());
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        m_db->closeThreadConnection();
    }

    void sendStreamsSavesAndTitles()
    {
        ServerConfig sc;
        sc.reply = QStringLiteral("Weather in Paris today.");
        setServer(sc);
        ChatRecord chat = newChat();
        QSignalSpy finished(m_engine.get(), &ChatEngine::answerFinished);
        QSignalSpy titles(m_engine.get(), &ChatEngine::titleChanged);
        QString streamed;
        QObject scope; // the connection ends with this function
        connect(m_engine.get(), &ChatEngine::answerDelta, &scope,
            [&](const QString &, const QString &, const QString &content, const QString &) {
                streamed += content;
            });
        m_engine->send(chat.id, QStringLiteral("What is the weather like in Paris this afternoon, please?"));
        const MessageRecord answer = waitForAnswer(finished);
        QCOMPARE(answer.status, QStringLiteral("done"));
        QCOMPARE(answer.content, QStringLiteral("Weather in Paris today."));
        QCOMPARE(streamed, answer.content);
        QCOMPARE(answer.promptTokens.value_or(-1), 11);
        QCOMPARE(answer.completionTokens.value_or(-1), 4);
        QVERIFY(answer.latencyMs.value_or(-1) >= 0);
        QVERIFY(answer.firstTokenMs.value_or(-1) >= 0);
        QCOMPARE(answer.cost.value_or(-1), (11 * 1.0 + 4 * 2.0) / 1e6);
        QCOMPARE(answer.model, QStringLiteral("test-chat"));

        auto r = repo();
        const MessageRecord stored = r.message(answer.id).value();
        QCOMPARE(stored.content, answer.content);
        QCOMPARE(stored.status, QStringLiteral("done"));
        QCOMPARE(r.chat(chat.id)->currentMessageId, answer.id);
        const auto first = m_server->requests().first();
        QCOMPARE(first.header("authorization"), "Bearer " + m_key);
        QCOMPARE(sentMessages(first),
            QStringList({QStringLiteral("user: What is the weather like in Paris this afternoon, please?")}));

        // The first words at once, then the task model's title (a second, non-streamed request).
        QTRY_COMPARE_WITH_TIMEOUT(titles.size(), 2, 10000);
        QCOMPARE(titles.at(0).at(1).toString(), QStringLiteral("What is the weather like in…"));
        QCOMPARE(titles.at(1).at(1).toString(), QStringLiteral("Weather in Paris today"));
        QCOMPARE(r.chat(chat.id)->title, QStringLiteral("Weather in Paris today"));
        QCOMPARE(m_server->requestCount(), 2);
        QCOMPARE(QJsonDocument::fromJson(m_server->requests().at(1).body)
                     .object()
                     .value(QStringLiteral("stream"))
                     .toBool(),
            false);
    }

    void regenerateAndEditBranchTheTree()
    {
        ServerConfig sc;
        setServer(sc); // echo: "Echo: <last user text>"
        ChatRecord chat = newChat();
        QSignalSpy finished(m_engine.get(), &ChatEngine::answerFinished);
        m_engine->send(chat.id, QStringLiteral("Q1"));
        const MessageRecord a1 = waitForAnswer(finished);
        QCOMPARE(a1.content, QStringLiteral("Echo: Q1"));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 2, 5000); // the title request
        m_server->clearRequests();

        m_engine->regenerate(chat.id, a1.id);
        const MessageRecord a1b = waitForAnswer(finished);
        QCOMPARE(a1b.parentId, a1.parentId); // a sibling
        QCOMPARE(sentMessages(m_server->requests().last()), QStringList({QStringLiteral("user: Q1")}));

        m_engine->send(chat.id, QStringLiteral("Q2"));
        const MessageRecord a2 = waitForAnswer(finished);
        QCOMPARE(sentMessages(m_server->requests().last()),
            QStringList({QStringLiteral("user: Q1"), QStringLiteral("assistant: Echo: Q1"),
                QStringLiteral("user: Q2")}));

        const QString q2 = a2.parentId;
        m_engine->editAndSend(chat.id, q2, QStringLiteral("Q2 edited"));
        const MessageRecord a2b = waitForAnswer(finished);
        QCOMPARE(a2b.content, QStringLiteral("Echo: Q2 edited"));
        QCOMPARE(sentMessages(m_server->requests().last()),
            QStringList({QStringLiteral("user: Q1"), QStringLiteral("assistant: Echo: Q1"),
                QStringLiteral("user: Q2 edited")}));

        auto r = repo();
        const MessageTree tree(r.messages(chat.id).value());
        QCOMPARE(tree.size(), 7);
        QCOMPARE(tree.siblingCount(a1b.id), 2);
        QCOMPARE(tree.siblingCount(a2b.parentId), 2); // Q2 and its edit
        QCOMPARE(tree.pathTo(r.chat(chat.id)->currentMessageId).size(), 4);
        // Editing the very first message makes a second root.
        m_engine->editAndSend(chat.id, a1.parentId, QStringLiteral("Q1 edited"));
        const MessageRecord root2 = waitForAnswer(finished);
        QCOMPARE(sentMessages(m_server->requests().last()), QStringList({QStringLiteral("user: Q1 edited")}));
        const MessageTree after(r.messages(chat.id).value());
        QCOMPARE(after.children(QString()).size(), 2);
        QCOMPARE(after.siblingIndex(root2.parentId), 2);
    }

    void attachmentsGoToTheModelNotIntoTheText()
    {
        ServerConfig sc;
        setServer(sc); // echo
        // A 1x1 PNG and a text file on disk.
        const QByteArray png = QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQV"
                                                      "R42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        const QString notes = m_dir.filePath(QStringLiteral("notes.txt"));
        {
            QFile f(notes);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral("The launch code is 4711.\nCr\u00e8me br\u00fbl\u00e9e.\n").toUtf8());
        }
        ChatRecord chat = newChat();
        QSignalSpy finished(m_engine.get(), &ChatEngine::answerFinished);
        QSignalSpy failed(m_engine.get(), &ChatEngine::failed);
        m_engine->send(chat.id, QStringLiteral("Summarise these"), {},
            {AttachmentInput {{}, notes, {}}, AttachmentInput {QStringLiteral("pasted.png"), {}, png}});
        const MessageRecord answer = waitForAnswer(finished);
        QVERIFY2(
            failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.first().at(1).toString()));
        QCOMPARE(answer.status, QStringLiteral("done"));

        // On the wire: the text file inlined with its name, the image as an image part.
        const auto checkRequest = [&](const cairn::test::RecordedRequest &req) {
            const QJsonArray messages
                = QJsonDocument::fromJson(req.body).object().value(QStringLiteral("messages")).toArray();
            QJsonArray parts;
            for (const QJsonValue &m : messages) {
                if (m.toObject().value(QStringLiteral("role")) == QStringLiteral("user"))
                    parts = m.toObject().value(QStringLiteral("content")).toArray();
            }
            QCOMPARE(parts.size(), 2);
            const QString text = parts.at(0).toObject().value(QStringLiteral("text")).toString();
            QVERIFY2(
                text.startsWith(QStringLiteral("Summarise these\n\n<file name=\"notes.txt\">\nThe launch "
                                               "code is 4711.\nCr\u00e8me br\u00fbl\u00e9e.")),
                qPrintable(text));
            QVERIFY(text.endsWith(QStringLiteral("</file>")));
            QCOMPARE(parts.at(1)
                         .toObject()
                         .value(QStringLiteral("image_url"))
                         .toObject()
                         .value(QStringLiteral("url")),
                QJsonValue(QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64())));
        };
        checkRequest(m_server->requests().constFirst());

        // Stored: the typed text only, with references to the files (bytes stored once, apart).
        auto r = repo();
        const MessageRecord user = r.message(answer.parentId).value();
        QCOMPARE(user.content, QStringLiteral("Summarise these"));
        QCOMPARE(user.attachments.size(), 2);
        QCOMPARE(user.attachments[0].name, QStringLiteral("notes.txt"));
        QCOMPARE(user.attachments[0].kind, QStringLiteral("text"));
        QCOMPARE(user.attachments[1].kind, QStringLiteral("image"));
        QCOMPARE(user.attachments[1].mime, QStringLiteral("image/png"));
        QCOMPARE(user.attachments[1].size, png.size());
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(
            QStringLiteral("SELECT count(*) FROM messages WHERE role = 'user' AND (content LIKE '%4711%' "
                           "OR content LIKE '%iVBOR%')")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);

        // Regenerating sends the files again; an edit keeps them.
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 2, 5000); // the title request
        m_server->clearRequests();
        m_engine->regenerate(chat.id, answer.id);
        waitForAnswer(finished);
        checkRequest(m_server->requests().constFirst());
        m_engine->editAndSend(chat.id, user.id, QStringLiteral("Summarise these"));
        if (finished.isEmpty() && !finished.wait(10000))
            QFAIL(
                qPrintable(failed.isEmpty() ? QStringLiteral("no answer") : failed.last().at(1).toString()));
        const MessageRecord edited = finished.takeFirst().first().value<MessageRecord>();
        QCOMPARE(r.message(edited.parentId)->attachments.size(), 2);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM attachments")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 2); // shared, not copied

        // A file that cannot be attached fails the send, and nothing is stored.
        const qint64 before = r.messageCount(chat.id).value();
        const QString binary = m_dir.filePath(QStringLiteral("program.bin"));
        {
            QFile f(binary);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray("\x7f"
                               "ELF\x02\x01\x01\0\0\0\0\0",
                12));
        }
        failed.clear();
        m_engine->send(chat.id, QStringLiteral("and this"), {}, {AttachmentInput {{}, binary, {}}});
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().at(1).toString().contains(QStringLiteral("neither a text file nor an image")),
            qPrintable(failed.first().at(1).toString()));
        const QString big = m_dir.filePath(QStringLiteral("big.txt"));
        {
            QFile f(big);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(Attachments::kMaxTextBytes + 1, 'a'));
        }
        m_engine->send(chat.id, QStringLiteral("and this"), {}, {AttachmentInput {{}, big, {}}});
        QCOMPARE(failed.size(), 2);
        QVERIFY(failed.last().at(1).toString().contains(QStringLiteral("knowledge base")));
        m_engine->send(chat.id, QStringLiteral("and this"), {},
            {AttachmentInput {{}, m_dir.filePath(QStringLiteral("missing.txt")), {}}});
        QCOMPARE(failed.size(), 3);
        QVERIFY(failed.last().at(1).toString().contains(QStringLiteral("missing.txt")));
        QCOMPARE(r.messageCount(chat.id).value(), before);

        // A model whose server lists its capabilities without vision: an image is refused with the
        // reason, and nothing reaches the server.
        {
            ConnectionService service(m_db, m_keychain.get());
            llm::ModelInfo textOnly;
            textOnly.id = QStringLiteral("text-only");
            textOnly.capabilities = {QStringLiteral("completion")};
            llm::ModelInfo seeing;
            seeing.id = QStringLiteral("test-chat");
            seeing.capabilities = {QStringLiteral("completion"), QStringLiteral("vision")};
            QVERIFY(service.saveModels(m_connectionId, {textOnly, seeing}).ok());
        }
        ServerConfig withTextOnly;
        withTextOnly.models.append(QStringLiteral("text-only"));
        setServer(withTextOnly);
        QSignalSpy created(m_engine.get(), &ChatEngine::chatCreated);
        m_engine->createChat(m_connectionId, QStringLiteral("text-only"));
        QCOMPARE(created.size(), 1);
        const ChatRecord blind = created.first().first().value<ChatRecord>();
        m_server->clearRequests();
        failed.clear();
        m_engine->send(blind.id, QStringLiteral("What is this?"), {},
            {AttachmentInput {QStringLiteral("pasted.png"), {}, png}});
        const MessageRecord refused = waitForAnswer(finished);
        QCOMPARE(refused.status, QStringLiteral("error"));
        QVERIFY2(refused.error.contains(QStringLiteral("does not read images")), qPrintable(refused.error));
        QCOMPARE(m_server->requestCount(), 0);
        // A later question in that branch goes without the earlier image (its text still goes).
        m_engine->send(blind.id, QStringLiteral("Then just tell me a joke"));
        const MessageRecord joke = waitForAnswer(finished);
        QVERIFY2(joke.status == QStringLiteral("done"), qPrintable(joke.error));
        QVERIFY(m_server->requestCount() >= 1);
        const QByteArray sent = m_server->requests().constFirst().body;
        QVERIFY(!sent.contains("image_url"));
        QVERIFY(sent.contains("What is this?"));

        // Deleting the chat drops the files no message refers to any more.
        QVERIFY(r.deleteChat(chat.id).ok());
        QVERIFY(r.deleteChat(blind.id).ok());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM attachments")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void partialAnswerIsSavedWhileStreamingAndKeptOnStop()
    {
        ServerConfig sc;
        QStringList words;
        for (int i = 0; i < 40; ++i)
            words.append(QStringLiteral("w%1").arg(i));
        sc.reply = words.join(QLatin1Char(' '));
        sc.tokensPerSecond = 10; // four seconds
        setServer(sc);
        ChatRecord chat = newChat();
        QSignalSpy finished(m_engine.get(), &ChatEngine::answerFinished);
        QSignalSpy added(m_engine.get(), &ChatEngine::messageAdded);
        m_engine->send(chat.id, QStringLiteral("Count slowly"));
        QTRY_COMPARE(added.size(), 2);
        const QString answerId = added.at(1).first().value<MessageRecord>().id;
        QVERIFY(m_engine->isStreaming(chat.id));
        // After about two seconds the database holds what had arrived a second earlier at most.
        QTest::qWait(2200);
        auto r = repo();
        const auto midwayResult = r.message(answerId);
        QVERIFY2(midwayResult.ok(),
            qPrintable(answerId + QStringLiteral(": ")
                + (midwayResult.ok() ? QString() : midwayResult.error().message)));
        const MessageRecord midway = midwayResult.value();
        QCOMPARE(midway.status, QStringLiteral("streaming"));
        QVERIFY2(midway.content.split(QLatin1Char(' '), Qt::SkipEmptyParts).size() >= 8,
            qPrintable(midway.content));
        QVERIFY(sc.reply.startsWith(midway.content));
        m_engine->stop(chat.id);
        const MessageRecord stopped = waitForAnswer(finished, 3000);
        QCOMPARE(stopped.status, QStringLiteral("stopped"));
        QVERIFY(stopped.content.size() >= midway.content.size());
        QVERIFY(stopped.content.size() < sc.reply.size());
        QCOMPARE(r.message(answerId)->status, QStringLiteral("stopped"));
        QCOMPARE(r.message(answerId)->content, stopped.content);
        QVERIFY(!m_engine->isStreaming(chat.id));
    }

    void brokenStreamKeepsWhatArrived()
    {
        ServerConfig sc;
        sc.reply = QStringLiteral("one two three four five six");
        setServer(sc);
        ChatRecord chat = newChat();
        m_server->queueFault(FaultSpec {Fault::DropMidStream, 0, 2, -1, {}, 0});
        QSignalSpy finished(m_engine.get(), &ChatEngine::answerFinished);
        QSignalSpy failed(m_engine.get(), &ChatEngine::failed);
        m_engine->send(chat.id, QStringLiteral("go"));
        const MessageRecord broken = waitForAnswer(finished);
        QCOMPARE(broken.status, QStringLiteral("error"));
        QCOMPARE(broken.content, QStringLiteral("one two "));
        // QtNetwork reports a dropped chunked stream either as a closed connection or as a clean
        // end; both say the answer is incomplete.
        QVERIFY2(broken.error.contains(QStringLiteral("closed the connection mid-answer"))
                || broken.error.contains(QStringLiteral("ended before the answer was complete")),
            qPrintable(broken.error));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(repo().message(broken.id)->content, QStringLiteral("one two "));
        // The user's message stays; regenerating is possible.
        m_engine->regenerate(chat.id, broken.id);
        QCOMPARE(waitForAnswer(finished).content, sc.reply);
    }

    void withoutAModelTheAnswerExplains()
    {
        QSignalSpy created(m_engine.get(), &ChatEngine::chatCreated);
        m_engine->createChat({}, {});
        const ChatRecord chat = created.first().first().value<ChatRecord>();
        QSignalSpy finished(m_engine.get(), &ChatEngine::answerFinished);
        m_engine->send(chat.id, QStringLiteral("hello?"));
        const MessageRecord answer = waitForAnswer(finished, 1000);
        QCOMPARE(answer.status, QStringLiteral("error"));
        QVERIFY2(answer.error.contains(QStringLiteral("Choose a model")), qPrintable(answer.error));
        // With a default chat model it works.
        ConnectionService service(m_db, m_keychain.get());
        QVERIFY(service.setDefaultModel(ModelRole::Chat, {m_connectionId, QStringLiteral("test-chat")}).ok());
        setServer({});
        m_engine->send(chat.id, QStringLiteral("hello again"));
        QCOMPARE(waitForAnswer(finished).content, QStringLiteral("Echo: hello again"));
    }

    void answersCiteTheChatsKnowledgeBases()
    {
        // A base with one fact; the chat draws on it; the question goes with the source, numbered,
        // and the answer keeps its citation. The echo server answers with what it was sent.
        knowledge::KnowledgeService knowledge(m_db, m_keychain.get());
        auto base = knowledge.createBase(QStringLiteral("Field guide"), QString(), {});
        QVERIFY(base.ok());
        QTemporaryDir files;
        const QString path = QDir(files.path()).filePath(QStringLiteral("birds.md"));
        QVERIFY(cairn::test::writeFile(path, "The kingfisher nests in riverbank burrows."));
        QVERIFY(knowledge.addPaths(base->id, {path}).ok());
        ServerConfig sc;
        setServer(sc);
        ChatRecord chat = newChat();
        QVERIFY(knowledge.repo()->setChatBases(chat.id, {base->id}).ok());
        QSignalSpy finished(m_engine.get(), &ChatEngine::answerFinished);
        QSignalSpy titles(m_engine.get(), &ChatEngine::titleChanged);
        m_engine->send(chat.id, QStringLiteral("Where does the kingfisher nest?"));
        const MessageRecord answer = waitForAnswer(finished);
        QCOMPARE(answer.status, QStringLiteral("done"));
        // What the model got: the question with its numbered source and the instruction to cite.
        const QStringList sent = sentMessages(m_server->requests().last());
        QVERIFY2(sent.constLast().contains(QStringLiteral("<source id=\"1\" document=\"birds.md\">")),
            qPrintable(sent.constLast()));
        QVERIFY(sent.constLast().contains(QStringLiteral("riverbank burrows")));
        QVERIFY(sent.constLast().contains(QStringLiteral("[1]")));
        QVERIFY(sent.constLast().contains(QStringLiteral("Where does the kingfisher nest?")));
        // What is kept: the question as typed, the answer's citations (table and what it shows).
        const MessageRecord question = repo().message(answer.parentId).value();
        QCOMPARE(question.content, QStringLiteral("Where does the kingfisher nest?"));
        auto citations = knowledge.repo()->citations(answer.id);
        QVERIFY(citations.ok());
        QCOMPARE(citations->size(), 1);
        QCOMPARE(citations->first().number, 1);
        QCOMPARE(citations->first().documentName, QStringLiteral("birds.md"));
        QCOMPARE(citations->first().baseName, QStringLiteral("Field guide"));
        QVERIFY(citations->first().snippet.contains(QStringLiteral("kingfisher")));
        QVERIFY(citations->first().chunkSeq > 0);
        const QJsonArray shown = repo().message(answer.id)->meta.value(QStringLiteral("sources")).toArray();
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first().toObject().value(QStringLiteral("text")).toString(),
            QStringLiteral("The kingfisher nests in riverbank burrows."));
        // The retrieval was logged as the chat's.
        QCOMPARE(knowledge.repo()->queries(base->id, 1)->first().source, QStringLiteral("chat"));
        // A question the base knows nothing of goes alone, and cites nothing.
        m_engine->send(chat.id, QStringLiteral("zzz qqq"));
        const MessageRecord plain = waitForAnswer(finished);
        QVERIFY(!sentMessages(m_server->requests().last()).constLast().contains(QStringLiteral("<source")));
        QVERIFY(knowledge.repo()->citations(plain.id)->isEmpty());
        // ... and the answer says the bases were searched and nothing matched.
        QVERIFY(repo().message(plain.id)->meta.value(QStringLiteral("sources_none")).toBool());
        QVERIFY(!repo().message(answer.id)->meta.contains(QStringLiteral("sources_none")));
        // The chat's title comes from the task model afterwards: let it arrive before the next test.
        QTRY_VERIFY(titles.size() >= 2);
        QVERIFY(knowledge.deleteBase(base->id).ok());
        m_db->closeThreadConnection();
    }
};

QTEST_GUILESS_MAIN(TestChatEngine)
#include "tst_chatengine.moc"
