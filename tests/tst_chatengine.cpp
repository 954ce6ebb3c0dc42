// Conversations end to end below the GUI: the chat engine against our loopback model server, the
// real encrypted database and the real keychain. Streaming answers are saved as they arrive.
#include "LlmTestServer.h"
#include "TestSupport.h"

#include "chat/ChatEngine.h"
#include "chat/MessageTree.h"
#include "secrets/KeychainSecretStore.h"
#include "services/ConnectionService.h"
#include "storage/ChatRepository.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
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
};

QTEST_GUILESS_MAIN(TestChatEngine)
#include "tst_chatengine.moc"
