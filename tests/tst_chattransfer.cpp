// Import (our JSON, Open WebUI, ChatGPT) and export (JSON, Markdown) against the real encrypted
// database: every branch, timestamp and model name kept; bad files import nothing; no duplicates.
#include "TestSupport.h"

#include "chat/Attachments.h"
#include "chat/ChatTransfer.h"
#include "chat/MessageTree.h"
#include "storage/ChatRepository.h"
#include "storage/Database.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace cairn;
using namespace cairn::ChatTransfer;

namespace {

QByteArray fixture(const char *name)
{
    const QString path = QFINDTESTDATA(QStringLiteral("data/") + QLatin1String(name));
    return test::readFile(path);
}

const MessageRecord *byContent(const QList<MessageRecord> &all, const QString &prefix)
{
    for (const MessageRecord &m : all) {
        if (m.content.startsWith(prefix))
            return &m;
    }
    return nullptr;
}

} // namespace

class TestChatTransfer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_dbCount = 0;

    std::shared_ptr<Database> freshDb()
    {
        Database::Options o;
        o.path = m_dir.filePath(QStringLiteral("t%1.db").arg(++m_dbCount));
        o.key = DatabaseKey::generateRaw();
        o.create = true;
        auto db = Database::open(o);
        if (!db)
            qFatal("open: %s", qPrintable(db.error().message));
        return db.value();
    }

    static QList<ChatRecord> allChats(ChatRepository &r)
    {
        QList<ChatRecord> out;
        for (bool archived : {false, true}) {
            ChatFilter f;
            f.archived = archived;
            out += r.listChats(f, 0, 1000).value();
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void openWebUiKeepsBranchesTimesAndModels()
    {
        auto db = freshDb();
        ChatRepository r(db->connection());
        const QByteArray file = fixture("openwebui-chats.json");
        QCOMPARE(detect(file), Format::OpenWebUi);
        auto summary = ChatTransfer::import(r, file);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
        QCOMPARE(summary->chats, 2);
        QCOMPARE(summary->messages, 6);
        QCOMPARE(summary->skipped, 0);

        const QList<ChatRecord> chats = allChats(r);
        QCOMPARE(chats.size(), 2);
        const ChatRecord regex = chats.at(0);
        QCOMPARE(regex.title, QStringLiteral("Regex help"));
        QVERIFY(regex.pinned);
        QVERIFY(!regex.archived);
        QCOMPARE(regex.tags, QStringList({QStringLiteral("regex"), QStringLiteral("work")}));
        QCOMPARE(regex.createdAt, qint64(1717000000) * 1000); // seconds
        QCOMPARE(regex.updatedAt, qint64(1717000020) * 1000);
        QCOMPARE(regex.model, QStringLiteral("llama3.1:8b"));
        QCOMPARE(regex.systemPrompt, QStringLiteral("You are a regex expert."));
        QCOMPARE(regex.params.value(QStringLiteral("temperature")).toDouble(), 0.2);
        QCOMPARE(regex.meta.value(QStringLiteral("openwebui_folder_id")).toString(), QStringLiteral("f-42"));

        const QList<MessageRecord> messages = r.messages(regex.id).value();
        QCOMPARE(messages.size(), 4);
        const MessageTree tree(messages);
        const MessageRecord *first = byContent(messages, QStringLiteral("Use `"));
        const MessageRecord *second = byContent(messages, QStringLiteral("A simple"));
        QVERIFY(first && second);
        QCOMPARE(tree.siblingCount(second->id), 2); // the regenerated answer is a sibling
        QCOMPARE(first->model, QStringLiteral("llama3.1:8b"));
        QCOMPARE(second->model, QStringLiteral("qwen2.5:7b"));
        QCOMPARE(first->promptTokens.value_or(-1), 20);
        QCOMPARE(first->completionTokens.value_or(-1), 9);
        QCOMPARE(second->completionTokens.value_or(-1), 12);
        QCOMPARE(first->rating, -1);
        QCOMPARE(first->ratingComment, QStringLiteral("too loose"));
        QCOMPARE(first->createdAt, qint64(1717000005) * 1000);
        // The branch in view is the one the file had in view.
        const QList<MessageRecord> branch = tree.branch(regex.currentMessageId);
        QCOMPARE(branch.size(), 3);
        QCOMPARE(branch.last().content, QStringLiteral("Thanks! 日本語も？"));
        // Its pasted image came inline and is an attachment now; the file that stayed on the server
        // is named in the message's meta.
        QCOMPARE(branch.last().attachments.size(), 1);
        QCOMPARE(branch.last().attachments.first().kind, QStringLiteral("image"));
        QCOMPARE(branch.last().attachments.first().mime, QStringLiteral("image/png"));
        QVERIFY(r.attachmentsOf(branch.last().id)->first().data.startsWith("\x89PNG"));
        QCOMPARE(branch.last().meta.value(QStringLiteral("openwebui_files")).toArray(),
            QJsonArray({QStringLiteral("report.pdf")}));
        QCOMPARE(branch.at(1).id, second->id);

        const ChatRecord old = chats.at(1);
        QVERIFY(old.archived);
        QCOMPARE(old.tags, QStringList({QStringLiteral("legacy")}));
        const QList<MessageRecord> linear = r.messages(old.id).value();
        QCOMPARE(linear.size(), 2);
        QCOMPARE(linear.at(1).parentId, linear.at(0).id);
        QCOMPARE(old.currentMessageId, linear.at(1).id);

        // The same file again: nothing new.
        summary = ChatTransfer::import(r, file);
        QVERIFY(summary.ok());
        QCOMPARE(summary->chats, 0);
        QCOMPARE(summary->skipped, 2);
        QCOMPARE(allChats(r).size(), 2);
        db->closeThreadConnection();
    }

    void chatGptRebuildsTheTreeFromParentLinks()
    {
        auto db = freshDb();
        ChatRepository r(db->connection());
        const QByteArray file = fixture("chatgpt-conversations.json");
        QCOMPARE(detect(file), Format::ChatGpt);
        auto summary = ChatTransfer::import(r, file);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
        QCOMPARE(summary->chats, 1);
        QCOMPARE(summary->messages, 5); // root and hidden system node left out
        const ChatRecord chat = allChats(r).first();
        QCOMPARE(chat.title, QStringLiteral("Trip to Lisbon"));
        QCOMPARE(chat.createdAt, qint64(1710000000500));
        QCOMPARE(chat.updatedAt, qint64(1710000300250));
        const QList<MessageRecord> messages = r.messages(chat.id).value();
        const MessageTree tree(messages);
        const MessageRecord *question = byContent(messages, QStringLiteral("[image]"));
        QVERIFY(question);
        QCOMPARE(question->content, QStringLiteral("[image]\nPlan three days in Lisbon"));
        QVERIFY(question->parentId.isEmpty());
        QCOMPARE(tree.children(question->id).size(), 2);
        // n4 is linked only from its own parent field (n3 lists no children): still n3's child.
        const MessageRecord *tram = byContent(messages, QStringLiteral("Start with"));
        const MessageRecord *eat = byContent(messages, QStringLiteral("And where"));
        QVERIFY(tram && eat);
        QCOMPARE(eat->parentId, tram->id);
        QCOMPARE(eat->createdAt, tram->createdAt + 1); // no create_time: right after its parent
        QCOMPARE(tram->model, QStringLiteral("o1-mini"));
        QCOMPARE(byContent(messages, QStringLiteral("Day 1"))->model, QStringLiteral("gpt-4o"));
        QCOMPARE(byContent(messages, QStringLiteral("Day 1"))->finishReason, QStringLiteral("stop"));
        const QList<MessageRecord> branch = tree.branch(chat.currentMessageId);
        QCOMPARE(branch.size(), 4);
        QCOMPARE(branch.last().content, QStringLiteral("Try Time Out Market."));

        const auto again = ChatTransfer::import(r, file);
        QVERIFY(again.ok());
        QCOMPARE(again->skipped, 1);
        QCOMPARE(allChats(r).size(), 1);
        db->closeThreadConnection();
    }

    void chatGptThoughtsBecomeTheAnswersReasoning()
    {
        // A reasoning model's export: question -> thoughts -> "Thought for 4 seconds" -> answer.
        const QByteArray json
            = R"([{"title":"Primes","conversation_id":"conv-thoughts","create_time":1710000000.0,
            "current_node":"n4","mapping":{
            "n0":{"id":"n0","message":null,"parent":null,"children":["n1"]},
            "n1":{"id":"n1","parent":"n0","children":["n2"],"message":{"id":"n1","author":{"role":"user"},
                "create_time":1710000001.0,"content":{"content_type":"text","parts":["Is 91 prime?"]}}},
            "n2":{"id":"n2","parent":"n1","children":["n3"],"message":{"id":"n2","author":{"role":"assistant"},
                "create_time":1710000002.0,"metadata":{"model_slug":"o3"},"content":{"content_type":"thoughts",
                "thoughts":[{"summary":"Factor","content":"91 = 7 * 13."}]}}},
            "n3":{"id":"n3","parent":"n2","children":["n4"],"message":{"id":"n3","author":{"role":"assistant"},
                "create_time":1710000003.0,"content":{"content_type":"reasoning_recap","content":"Thought for 4 seconds"}}},
            "n4":{"id":"n4","parent":"n3","children":[],"message":{"id":"n4","author":{"role":"assistant"},
                "create_time":1710000004.0,"metadata":{"model_slug":"o3"},"content":{"content_type":"text",
                "parts":["No: 91 is 7 times 13."]}}}}}])";
        auto db = freshDb();
        ChatRepository r(db->connection());
        auto summary = ChatTransfer::import(r, json);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
        QCOMPARE(summary->messages, 2); // the question and the answer; the thoughts are its reasoning
        const ChatRecord chat = allChats(r).first();
        const QList<MessageRecord> messages = r.messages(chat.id).value();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[1].content, QStringLiteral("No: 91 is 7 times 13."));
        QCOMPARE(messages[1].reasoning, QStringLiteral("91 = 7 * 13."));
        QCOMPARE(messages[1].parentId, messages[0].id);
        QCOMPARE(messages[1].model, QStringLiteral("o3"));
        QCOMPARE(chat.currentMessageId, messages[1].id);
        db->closeThreadConnection();
    }

    void badFilesImportNothing_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("expected");
        const QByteArray good
            = R"({"id":"ok1","title":"fine","chat":{"history":{"messages":{"a":{"id":"a","role":"user","content":"hi","timestamp":1}},"currentId":"a"}}})";
        QTest::newRow("not json") << QByteArray("{\"chats\": [") << QStringLiteral("not valid JSON");
        QTest::newRow("unknown shape")
            << QByteArray(R"({"hello": "world"})") << QStringLiteral("does not recognise");
        QTest::newRow("empty array") << QByteArray("[]") << QStringLiteral("does not recognise");
        QTest::newRow("loop") << QByteArray("[" + good
            + R"(,{"id":"bad","title":"Loop","chat":{"history":{"messages":{"a":{"id":"a","parentId":"b","role":"user","content":"x"},"b":{"id":"b","parentId":"a","role":"assistant","content":"y"}}}}}])")
                              << QStringLiteral("loop");
        QTest::newRow("unknown role") << QByteArray("[" + good
            + R"(,{"id":"bad2","title":"Roles","chat":{"history":{"messages":{"a":{"id":"a","role":"wizard","content":"x"}}}}}])")
                                      << QStringLiteral("unknown role");
        QTest::newRow("no history") << QByteArray("[" + good + R"(,{"id":"bad3","chat":{"title":"x"}}])")
                                    << QStringLiteral("neither a message history");
        QTest::newRow("item not a chat") << QByteArray("[" + good + ", 42]") << QStringLiteral("Item 2");
        QTest::newRow("chatgpt without mapping")
            << QByteArray(R"([{"title":"a","mapping":{}},{"title":"b"}])")
            << QStringLiteral("no \u201cmapping\u201d");
        QTest::newRow("newer cairn") << QByteArray(R"({"format":"cairn-chats","version":99,"chats":[]})")
                                     << QStringLiteral("version 99");
        QTest::newRow("duplicate ids") << QByteArray(
            R"({"format":"cairn-chats","version":1,"chats":[{"id":"c","messages":[{"id":"m","role":"user"},{"id":"m","role":"user"}]}]})")
                                       << QStringLiteral("appears twice");
    }

    void badFilesImportNothing()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, expected);
        auto db = freshDb();
        ChatRepository r(db->connection());
        auto summary = ChatTransfer::import(r, file);
        QVERIFY(!summary.ok());
        QCOMPARE(summary.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(summary.error().message.contains(expected), qPrintable(summary.error().message));
        QCOMPARE(allChats(r).size(), 0); // the good chat before the bad one is not there either
        db->closeThreadConnection();
    }

    void failureWhileWritingRollsBackEverything()
    {
        // Parses fine, fails in the database: the second chat reuses a message id of the first.
        const QByteArray file = R"({"format":"cairn-chats","version":1,"chats":[
            {"id":"c1","title":"one","created_at":1,"messages":[{"id":"m1","role":"user","content":"a","created_at":1}]},
            {"id":"c2","title":"two","created_at":2,"messages":[{"id":"m1","role":"user","content":"b","created_at":2}]}]})";
        auto db = freshDb();
        ChatRepository r(db->connection());
        QVERIFY(ChatTransfer::parse(file).ok());
        auto summary = ChatTransfer::import(r, file);
        QVERIFY(!summary.ok());
        QVERIFY2(
            summary.error().message.contains(QStringLiteral("UNIQUE")), qPrintable(summary.error().message));
        QCOMPARE(allChats(r).size(), 0);
        QCOMPARE(r.chat(QStringLiteral("c1")).error().code, ErrorCode::NotFound);
        // Our own timestamps are milliseconds as they are, however small.
        const QByteArray small
            = R"({"format":"cairn-chats","version":1,"chats":[{"id":"c3","created_at":5000,"messages":[]}]})";
        QVERIFY(ChatTransfer::import(r, small).ok());
        QCOMPARE(r.chat(QStringLiteral("c3"))->createdAt, qint64(5000));
        // Open WebUI rows without created_at fall back to chat.timestamp, which is in milliseconds.
        const QByteArray owui
            = R"([{"id":"w1","title":"ms","chat":{"timestamp":1717000000123,"history":{"messages":{}}}}])";
        QVERIFY(ChatTransfer::import(r, owui).ok());
        ChatFilter f;
        const auto chats = r.listChats(f, 0, 10).value();
        const auto w1 = std::find_if(
            chats.begin(), chats.end(), [](const ChatRecord &c) { return c.title == QStringLiteral("ms"); });
        QVERIFY(w1 != chats.end());
        QCOMPARE(w1->createdAt, qint64(1717000000123));
        db->closeThreadConnection();
    }

    void cancelledImportLeavesNothing()
    {
        auto db = freshDb();
        ChatRepository r(db->connection());
        auto summary = ChatTransfer::import(
            r, fixture("openwebui-chats.json"), [](int done, int) { return done < 1; });
        QVERIFY(!summary.ok());
        QCOMPARE(summary.error().code, ErrorCode::Cancelled);
        QCOMPARE(allChats(r).size(), 0);
        db->closeThreadConnection();
    }

    void ownJsonRoundTripIsLossless()
    {
        auto source = freshDb();
        ChatRepository a(source->connection());
        QVERIFY(ChatTransfer::import(a, fixture("openwebui-chats.json")).ok());
        QVERIFY(ChatTransfer::import(a, fixture("chatgpt-conversations.json")).ok());
        // Extras that only Cairn has: a folder path, reasoning, status, latency, cost.
        auto folder = a.createFolder(QStringLiteral("Travel"), {});
        auto sub = a.createFolder(QStringLiteral("2024"), folder->id);
        QList<ChatRecord> chats = allChats(a);
        const ChatRecord lisbon = *std::find_if(chats.begin(), chats.end(),
            [](const ChatRecord &c) { return c.title == QStringLiteral("Trip to Lisbon"); });
        QVERIFY(a.moveChat(lisbon.id, sub->id).ok());
        MessageRecord extra = a.messages(lisbon.id)->last();
        MessageRecord reply;
        reply.chatId = lisbon.id;
        reply.parentId = extra.id;
        reply.role = QStringLiteral("assistant");
        reply.content = QStringLiteral("Partial");
        reply.reasoning = QStringLiteral("Thinking about food");
        reply.status = QStringLiteral("stopped");
        reply.latencyMs = 1234;
        reply.firstTokenMs = 210;
        reply.cost = 0.0042;
        reply.createdAt = 1710000060000;
        const auto replied = a.addMessage(reply);
        QVERIFY(replied.ok());
        // A question with attached files (their bytes travel in the chat's "files").
        MessageRecord withFiles;
        withFiles.chatId = lisbon.id;
        withFiles.parentId = replied->id;
        withFiles.role = QStringLiteral("user");
        withFiles.content = QStringLiteral("And these?");
        withFiles.createdAt = 1710000070000;
        const auto note = Attachments::load({QStringLiteral("menu.txt"), {}, "Bacalhau, pastel de nata"});
        const auto photo = Attachments::load({QStringLiteral("tram.png"), {},
            QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAh"
                                   "KmMIQAAAABJRU5ErkJggg==")});
        QVERIFY(note.ok() && photo.ok());
        QVERIFY(a.addMessageWithAttachments(withFiles, {note.value(), photo.value()}).ok());

        const auto exported = collect(a, {});
        QVERIFY(exported.ok());
        QCOMPARE(exported->size(), 3);
        const QByteArray json = toJson(exported.value());
        QCOMPARE(detect(json), Format::Cairn);
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);

        auto target = freshDb();
        ChatRepository b(target->connection());
        auto summary = ChatTransfer::import(b, json);
        QVERIFY2(summary.ok(), qPrintable(summary.ok() ? QString() : summary.error().message));
        QCOMPARE(summary->chats, 3);
        const auto again = collect(b, {});
        QVERIFY(again.ok());
        // Everything but the export time is identical.
        QJsonObject first = root;
        QJsonObject second = QJsonDocument::fromJson(toJson(again.value())).object();
        first.remove(QStringLiteral("exported_at"));
        second.remove(QStringLiteral("exported_at"));
        QCOMPARE(second, first);
        // Streaming the export a chat at a time writes the same chats, in JSON and in Markdown.
        {
            QBuffer streamed;
            QVERIFY(streamed.open(QIODevice::WriteOnly));
            QList<int> seen;
            const auto count = ChatTransfer::write(a, streamed, ExportFormat::Json, {}, [&](int done, int) {
                seen.append(done);
                return true;
            });
            QVERIFY2(count.ok(), qPrintable(count.ok() ? QString() : count.error().message));
            QCOMPARE(count.value(), 3);
            QCOMPARE(seen, QList<int>({0, 1, 2, 3}));
            QJsonParseError error {};
            QJsonObject third = QJsonDocument::fromJson(streamed.data(), &error).object();
            QCOMPARE(error.error, QJsonParseError::NoError);
            third.remove(QStringLiteral("exported_at"));
            QCOMPARE(third, first);
            QBuffer md;
            QVERIFY(md.open(QIODevice::WriteOnly));
            QVERIFY(ChatTransfer::write(a, md, ExportFormat::Markdown).ok());
            QCOMPARE(md.data(), toMarkdown(exported.value()));
            // A device that cannot be written to gives an error, and cancelling stops.
            QBuffer readOnly;
            QVERIFY(readOnly.open(QIODevice::ReadOnly));
            QVERIFY(!ChatTransfer::write(a, readOnly, ExportFormat::Json).ok());
            QBuffer cancelled;
            QVERIFY(cancelled.open(QIODevice::WriteOnly));
            const auto stopped = ChatTransfer::write(
                a, cancelled, ExportFormat::Json, {}, [](int done, int) { return done < 1; });
            QVERIFY(!stopped.ok());
            QCOMPARE(stopped.error().code, ErrorCode::Cancelled);
        }
        // And the database it came from takes it back without duplicates (same ids).
        const auto back = ChatTransfer::import(a, json);
        QVERIFY(back.ok());
        QCOMPARE(back->skipped, 3);
        const QList<MessageRecord> imported = b.messages(lisbon.id).value();
        const MessageRecord *asked = byContent(imported, QStringLiteral("And these?"));
        QVERIFY(asked);
        QCOMPARE(asked->attachments.size(), 2);
        QCOMPARE(b.attachmentsOf(asked->id)->at(0).data, QByteArray("Bacalhau, pastel de nata"));
        QCOMPARE(b.attachmentsOf(asked->id)->at(1).ref.mime, QStringLiteral("image/png"));

        // A file whose bytes do not match their checksum imports nothing.
        QByteArray tampered = json;
        const QByteArray noteB64 = QByteArray("Bacalhau, pastel de nata").toBase64();
        QVERIFY(tampered.contains(noteB64));
        tampered.replace(noteB64, QByteArray("Bacalhau, pastel de bolo").toBase64());
        auto empty = freshDb();
        ChatRepository c(empty->connection());
        const auto refused = ChatTransfer::import(c, tampered);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("checksum")),
            qPrintable(refused.error().message));
        QCOMPARE(allChats(c).size(), 0);
        // Files on an answer, files over the size limit, or paths for names: refused or cleaned.
        const auto withFile = [](const QString &role, const QString &name, const QByteArray &data) {
            const QString sha
                = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
            return QStringLiteral(R"({"format":"cairn-chats","version":1,"chats":[{"id":"hostile","title":"H",
                "messages":[{"id":"m1","role":"%1","content":"x","created_at":1710000000000,
                "attachments":[{"sha256":"%2","name":"%3","kind":"image"}]}],"files":{"%2":"%4"}}]})")
                .arg(role, sha, name, QString::fromLatin1(data.toBase64()))
                .toUtf8();
        };
        QVERIFY(!ChatTransfer::import(c, withFile(QStringLiteral("assistant"), QStringLiteral("a.txt"), "hi"))
                     .ok());
        const auto tooBig = ChatTransfer::import(c,
            withFile(QStringLiteral("user"), QStringLiteral("big.txt"),
                QByteArray(Attachments::kMaxTextBytes + 1, 'a')));
        QVERIFY(!tooBig.ok());
        QVERIFY2(
            tooBig.error().message.contains(QStringLiteral("big.txt")), qPrintable(tooBig.error().message));
        QCOMPARE(allChats(c).size(), 0);
        // A path is cut to its file name, and the kind is what the bytes are (text), not what the file said.
        QVERIFY(ChatTransfer::import(
            c, withFile(QStringLiteral("user"), QStringLiteral("../../.bashrc"), "alias x=y\n"))
                    .ok());
        const ChatRecord hostile = allChats(c).first();
        const MessageRecord carried = c.messages(hostile.id)->first();
        QCOMPARE(carried.attachments.size(), 1);
        QCOMPARE(carried.attachments.first().name, QStringLiteral(".bashrc"));
        QCOMPARE(carried.attachments.first().kind, QStringLiteral("text"));
        empty->closeThreadConnection();
        source->closeThreadConnection();
        target->closeThreadConnection();
    }

    void markdownShowsTheBranchInView()
    {
        auto db = freshDb();
        ChatRepository r(db->connection());
        QVERIFY(ChatTransfer::import(r, fixture("chatgpt-conversations.json")).ok());
        const auto chats = collect(r, allChats(r).first().id);
        QVERIFY(chats.ok());
        const QString md = QString::fromUtf8(toMarkdown(chats.value()));
        QVERIFY(md.startsWith(QStringLiteral("# Trip to Lisbon\n")));
        QVERIFY(md.contains(QStringLiteral("Start with the tram 28")));
        QVERIFY(md.contains(QStringLiteral("Try Time Out Market.")));
        QVERIFY(!md.contains(QStringLiteral("Day 1: Alfama"))); // the other branch
        QVERIFY(md.contains(QStringLiteral("## o1-mini")));
        QCOMPARE(collect(r, QStringLiteral("missing")).error().code, ErrorCode::NotFound);
        db->closeThreadConnection();
    }
};

QTEST_GUILESS_MAIN(TestChatTransfer)
#include "tst_chattransfer.moc"
