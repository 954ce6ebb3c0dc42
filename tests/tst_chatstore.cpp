// Chats, message trees, tags, folders and full-text search in the real encrypted database.
#include "TestSupport.h"

#include "chat/MessageTree.h"
#include "storage/ChatRepository.h"
#include "storage/Database.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace cairn;

namespace {

MessageRecord msg(const QString &chatId, const QString &parent, const QString &role, const QString &text,
    qint64 at, const QString &model = {})
{
    MessageRecord m;
    m.chatId = chatId;
    m.parentId = parent;
    m.role = role;
    m.content = text;
    m.createdAt = at;
    m.model = model;
    return m;
}

QString plain(QString snippet)
{
    return snippet.remove(SearchSnippet::kOpen).remove(SearchSnippet::kClose);
}

} // namespace

class TestChatStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;

    ChatRepository repo() { return ChatRepository(m_db->connection()); }

    ChatRecord newChat(const QString &title, qint64 at = 1'700'000'000'000)
    {
        ChatRecord c;
        c.title = title;
        c.createdAt = at;
        auto r = repo();
        auto created = r.createChat(c);
        if (!created)
            qFatal("createChat: %s", qPrintable(created.error().message));
        return created.value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        Database::Options o;
        o.path = m_dir.filePath(QStringLiteral("chats.db"));
        o.key = DatabaseKey::generateRaw();
        o.create = true;
        auto db = Database::open(o);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
        m_db = db.value();
    }

    void cleanupTestCase()
    {
        m_db->closeThreadConnection();
        m_db.reset();
    }

    void treeOfRegenerationsAndEdits()
    {
        ChatRecord c = newChat(QStringLiteral("Tree"));
        auto r = repo();
        const auto u1 = r.addMessage(msg(c.id, {}, QStringLiteral("user"), QStringLiteral("Q1"), 1000));
        const auto a1
            = r.addMessage(msg(c.id, u1->id, QStringLiteral("assistant"), QStringLiteral("A1"), 2000));
        const auto a1b
            = r.addMessage(msg(c.id, u1->id, QStringLiteral("assistant"), QStringLiteral("A1 again"), 3000));
        const auto u2 = r.addMessage(msg(c.id, a1b->id, QStringLiteral("user"), QStringLiteral("Q2"), 4000));
        const auto u2b
            = r.addMessage(msg(c.id, a1b->id, QStringLiteral("user"), QStringLiteral("Q2 edited"), 5000));
        const auto a2
            = r.addMessage(msg(c.id, u2b->id, QStringLiteral("assistant"), QStringLiteral("A2"), 6000));
        QVERIFY(a2.ok());
        QCOMPARE(r.chat(c.id)->currentMessageId, a2->id); // the newest message is in view
        QCOMPARE(r.chat(c.id)->updatedAt, qint64(1'700'000'000'000)); // older than the chat: kept

        MessageTree tree(r.messages(c.id).value());
        QCOMPARE(tree.size(), 6);
        QCOMPARE(tree.pathTo(a2->id), QStringList({u1->id, a1b->id, u2b->id, a2->id}));
        QCOMPARE(tree.siblingIndex(a1b->id), 2);
        QCOMPARE(tree.siblingCount(a1b->id), 2);
        QCOMPARE(tree.sibling(a1b->id, -1), a1->id);
        QCOMPARE(tree.sibling(a1b->id, +5), a1b->id); // clamped
        QCOMPARE(tree.sibling(u2b->id, -1), u2->id);
        QCOMPARE(tree.newestLeafBelow(u1->id), a2->id);
        QCOMPARE(tree.newestLeafBelow(u2->id), u2->id);
        QCOMPARE(tree.resolveCurrent(QStringLiteral("gone")), a2->id);
        const QList<MessageRecord> context = tree.branch(a2->id);
        QCOMPARE(context.size(), 4);
        QCOMPARE(context.at(1).content, QStringLiteral("A1 again"));

        // Switching branches is remembered.
        QVERIFY(r.setCurrentMessage(c.id, u2->id).ok());
        QCOMPARE(r.chat(c.id)->currentMessageId, u2->id);
        auto other = newChat(QStringLiteral("Other"));
        QCOMPARE(r.setCurrentMessage(other.id, u2->id).error().code, ErrorCode::NotFound);

        // Deleting a message deletes its subtree; the view moves to the parent.
        QVERIFY(r.setCurrentMessage(c.id, a2->id).ok());
        QVERIFY(r.deleteMessageSubtree(a1b->id).ok());
        QCOMPARE(r.messageCount(c.id).value(), 2);
        QCOMPARE(r.chat(c.id)->currentMessageId, u1->id);

        // Ratings and the stream bookkeeping.
        QVERIFY(r.rateMessage(a1->id, -1, QStringLiteral("wrong")).ok());
        QCOMPARE(r.message(a1->id)->rating, -1);
        QCOMPARE(r.message(a1->id)->ratingComment, QStringLiteral("wrong"));
        MessageRecord streaming
            = msg(c.id, a1->id, QStringLiteral("assistant"), QStringLiteral("part"), 7000);
        streaming.status = QStringLiteral("streaming");
        auto s = r.addMessage(streaming);
        s->content += QStringLiteral("ial answer");
        s->promptTokens = 12;
        QVERIFY(r.updateMessage(s.value()).ok());
        QCOMPARE(r.markInterrupted().value(), 1);
        const auto after = r.message(s->id);
        QCOMPARE(after->status, QStringLiteral("interrupted"));
        QCOMPARE(after->content, QStringLiteral("partial answer"));
        QCOMPARE(after->promptTokens.value_or(0), 12);
        QVERIFY(!after->completionTokens);

        QVERIFY(r.deleteChat(c.id).ok());
        QCOMPARE(r.messageCount(c.id).value(), 0);
        QVERIFY(r.deleteChat(other.id).ok());
    }

    void treeSurvivesBrokenLinksAndAnyOrder()
    {
        // No database: messages as a broken import might leave them, out of time order.
        const auto msg = [](const char *id, const char *parent, qint64 t) {
            MessageRecord m;
            m.id = QString::fromLatin1(id);
            m.parentId = QString::fromLatin1(parent);
            m.role = QStringLiteral("user");
            m.createdAt = t;
            return m;
        };
        const MessageTree tree({msg("c", "a", 3), msg("a", "", 1), msg("b", "a", 2),
            msg("orphan", "elsewhere", 4), msg("x", "y", 5), msg("y", "x", 6), msg("d", "b", 7)});
        QCOMPARE(tree.children(QString()), QStringList({QStringLiteral("a"), QStringLiteral("orphan")}));
        QCOMPARE(tree.children(QStringLiteral("a")), QStringList({QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(tree.siblingIndex(QStringLiteral("c")), 2);
        QCOMPARE(tree.siblingCount(QStringLiteral("c")), 2);
        QCOMPARE(tree.sibling(QStringLiteral("c"), -5), QStringLiteral("b"));
        QCOMPARE(tree.sibling(QStringLiteral("b"), 1), QStringLiteral("c"));
        QCOMPARE(tree.pathTo(QStringLiteral("d")),
            QStringList({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("d")}));
        QCOMPARE(tree.newestLeafBelow(QStringLiteral("a")), QStringLiteral("c"));
        QCOMPARE(tree.resolveCurrent(QStringLiteral("gone")), QStringLiteral("orphan"));
        // A loop ends where it comes back, instead of hanging.
        QCOMPARE(tree.pathTo(QStringLiteral("x")), QStringList({QStringLiteral("y"), QStringLiteral("x")}));
        QCOMPARE(tree.newestLeafBelow(QStringLiteral("x")), QStringLiteral("y"));
        QCOMPARE(tree.branch(QStringLiteral("d")).constLast().id, QStringLiteral("d"));
        QCOMPARE(MessageTree().pathTo(QStringLiteral("a")), QStringList());
        QCOMPARE(MessageTree().resolveCurrent({}), QString());
    }

    void listPinnedFirstThenNewestWithTagsAndArchive()
    {
        auto r = repo();
        QList<ChatRecord> made;
        for (int i = 0; i < 30; ++i)
            made.append(newChat(QStringLiteral("List %1").arg(i), 1'600'000'000'000 + i * 1000));
        made[3].pinned = true;
        QVERIFY(r.updateChat(made[3], false).ok());
        made[5].archived = true;
        QVERIFY(r.updateChat(made[5], false).ok());
        QVERIFY(
            r.setTags(made[7].id, {QStringLiteral("work"), QStringLiteral(" Work "), QStringLiteral("home")})
                .ok());
        QVERIFY(r.setTags(made[8].id, {QStringLiteral("WORK")}).ok());

        ChatFilter active;
        QCOMPARE(r.countChats(active).value(), 29);
        const auto first = r.listChats(active, 0, 10).value();
        QCOMPARE(first.size(), 10);
        QCOMPARE(first.at(0).title, QStringLiteral("List 3")); // pinned
        QCOMPARE(first.at(1).title, QStringLiteral("List 29")); // then the newest
        const auto rest = r.listChats(active, 10, 100).value();
        QCOMPARE(rest.size(), 19);
        QCOMPARE(rest.last().title, QStringLiteral("List 0"));
        ChatFilter archived;
        archived.archived = true;
        QCOMPARE(r.listChats(archived, 0, 10)->first().title, QStringLiteral("List 5"));
        ChatFilter tagged;
        tagged.tag = QStringLiteral("work");
        const auto work = r.listChats(tagged, 0, 10).value();
        QCOMPARE(work.size(), 2);
        QCOMPARE(work.at(0).tags,
            QStringList({QStringLiteral("work")})); // chat 8, the newer; the tag's first spelling
        QCOMPARE(work.at(1).tags,
            QStringList({QStringLiteral("home"), QStringLiteral("work")})); // " Work " is the same tag
        QCOMPARE(r.allTags().value(), QStringList({QStringLiteral("home"), QStringLiteral("work")}));
        for (const ChatRecord &c : made)
            QVERIFY(r.deleteChat(c.id).ok());
    }

    void foldersNestUniquelyWithoutCycles()
    {
        auto r = repo();
        auto a = r.createFolder(QStringLiteral("Projects"), {});
        QVERIFY(a.ok());
        QCOMPARE(r.createFolder(QStringLiteral("projects"), {}).error().code, ErrorCode::AlreadyExists);
        auto b = r.createFolder(QStringLiteral("Cairn"), a->id);
        auto c = r.createFolder(QStringLiteral("Design"), b->id);
        QVERIFY(b.ok() && c.ok());
        QVERIFY(r.createFolder(QStringLiteral("Cairn"), {}).ok()); // same name, other parent
        QCOMPARE(r.createFolder(QStringLiteral("   "), {}).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(
            r.moveFolder(a->id, c->id).error().code, ErrorCode::InvalidArgument); // into its own grandchild
        QCOMPARE(r.moveFolder(a->id, a->id).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(
            r.moveFolder(b->id, {}).error().code, ErrorCode::AlreadyExists); // "Cairn" at the root exists
        QVERIFY(r.renameFolder(b->id, QStringLiteral("Cairn app")).ok());
        QVERIFY(r.moveFolder(b->id, {}).ok());
        QVERIFY(r.setFolderExpanded(b->id, true).ok());

        ChatRecord inC = newChat(QStringLiteral("in design"));
        ChatRecord inB = newChat(QStringLiteral("in cairn app"));
        QVERIFY(r.moveChat(inC.id, c->id).ok());
        QVERIFY(r.moveChat(inB.id, b->id).ok());
        ChatFilter inFolder;
        inFolder.folderId = c->id;
        QCOMPARE(r.countChats(inFolder).value(), 1);

        // Deleting a folder: chats to the root, or deleted with it; subfolders go.
        QVERIFY(r.deleteFolder(b->id, false).ok());
        QVERIFY(r.chat(inC.id)->folderId.isEmpty());
        QVERIFY(r.chat(inB.id)->folderId.isEmpty());
        bool expandedSeen = false;
        const QList<FolderRecord> remaining = r.folders().value();
        for (const FolderRecord &f : remaining) {
            QVERIFY(f.id != c->id);
            expandedSeen |= f.expanded;
        }
        QVERIFY(!expandedSeen);
        auto d = r.createFolder(QStringLiteral("Trash"), {});
        QVERIFY(r.moveChat(inB.id, d->id).ok());
        QVERIFY(r.deleteFolder(d->id, true).ok());
        QCOMPARE(r.chat(inB.id).error().code, ErrorCode::NotFound);
        QVERIFY(r.deleteChat(inC.id).ok());
    }

    void searchRanksAndHighlights()
    {
        auto r = repo();
        ChatRecord rust = newChat(QStringLiteral("Rust borrow checker"));
        ChatRecord cooking = newChat(QStringLiteral("Dinner ideas"));
        ChatRecord tokyo = newChat(QStringLiteral("旅行の計画"));
        QVERIFY(r.setTags(cooking.id, {QStringLiteral("home")}).ok());
        auto q1 = r.addMessage(msg(rust.id, {}, QStringLiteral("user"),
            QStringLiteral("Why does the borrow checker reject my code? It says \"cannot borrow\" (E0502)."),
            1000, QStringLiteral("gpt-4o")));
        QVERIFY(
            r.addMessage(msg(rust.id, q1->id, QStringLiteral("assistant"),
                             QStringLiteral(
                                 "Because you hold an immutable borrow while mutating. Borrow, then mutate."),
                             2000, QStringLiteral("gpt-4o")))
                .ok());
        QVERIFY(r
                    .addMessage(msg(cooking.id, {}, QStringLiteral("user"),
                        QStringLiteral("Crème brûlée for four, with café au lait? Use 50% cream (not 100%)."),
                        3000, QStringLiteral("llama3")))
                    .ok());
        QVERIFY(r.addMessage(msg(tokyo.id, {}, QStringLiteral("user"),
                                 QStringLiteral("東京で美味しいラーメン屋を教えてください。"), 4000,
                                 QStringLiteral("qwen")))
                    .ok());

        SearchQuery q;
        q.text = QStringLiteral("borrow");
        auto hits = r.search(q).value();
        QVERIFY(hits.size() >= 3);
        QCOMPARE(hits.first().messageId, QString()); // the title first
        QCOMPARE(hits.first().chatId, rust.id);
        QCOMPARE(hits.at(1).chatTitle, QStringLiteral("Rust borrow checker"));
        QVERIFY2(hits.at(1).snippet.contains(
                     SearchSnippet::kOpen + QStringLiteral("borrow") + SearchSnippet::kClose)
                || hits.at(1).snippet.contains(
                    SearchSnippet::kOpen + QStringLiteral("Borrow") + SearchSnippet::kClose),
            qPrintable(hits.at(1).snippet));

        // Input that would be FTS5 syntax is searched for literally, never an error.
        for (const QString &text : {QStringLiteral("\"cannot borrow\""), QStringLiteral("borrow AND NOT x"),
                 QStringLiteral("(E0502"), QStringLiteral("E0502)"), QStringLiteral("borrow*"),
                 QStringLiteral("col:umn"), QStringLiteral("\"unbalanced"), QStringLiteral("NEAR(a b)"),
                 QStringLiteral("50%"), QStringLiteral("^start"), QStringLiteral("-minus +plus"),
                 QStringLiteral("'; DROP TABLE chats; --"), QStringLiteral("\\"), QStringLiteral("_")}) {
            q.text = text;
            auto res = r.search(q);
            QVERIFY2(res.ok(),
                qPrintable(text + QStringLiteral(": ") + (res.ok() ? QString() : res.error().message)));
        }
        q.text = QStringLiteral("\"cannot borrow\"");
        QCOMPARE(r.search(q)->size(), 1);
        q.text = QStringLiteral("borrow*"); // not a prefix query: the asterisk is text
        QCOMPARE(r.search(q)->size(), 0);
        q.text = QStringLiteral("NEAR(borrow mutate)");
        QCOMPARE(r.search(q)->size(), 0);
        q.text = QStringLiteral("borrow OR dinner"); // not an OR: all three words must occur
        QCOMPARE(r.search(q)->size(), 0);
        q.text = QStringLiteral("(E0502");
        QCOMPARE(r.search(q)->size(), 1);
        q.text = QStringLiteral("50%");
        QCOMPARE(r.search(q)->value(0).chatId, cooking.id);
        q.text = QStringLiteral("100%)");
        QCOMPARE(r.search(q)->size(), 1);
        q.text = QStringLiteral("5_"); // LIKE wildcards are literal
        QCOMPARE(r.search(q)->size(), 0);

        // Case and diacritics fold; CJK is found by substring, also with two characters.
        q.text = QStringLiteral("CREME BRULEE");
        QCOMPARE(r.search(q)->value(0).chatId, cooking.id);
        q.text = QStringLiteral("ラーメン");
        hits = r.search(q).value();
        QCOMPARE(hits.size(), 1);
        QCOMPARE(plain(hits.first().snippet), QStringLiteral("東京で美味しいラーメン屋を教えてください。"));
        q.text = QStringLiteral("東京");
        QCOMPARE(r.search(q)->value(0).chatId, tokyo.id);
        q.text = QStringLiteral("計画");
        QCOMPARE(r.search(q)->value(0).chatId, tokyo.id); // title

        // Filters.
        q.text = QStringLiteral("borrow");
        q.model = QStringLiteral("llama3");
        QCOMPARE(r.search(q)->size(), 0);
        q.model = QStringLiteral("gpt-4o");
        QCOMPARE(r.search(q)->size(), 2); // messages only when a model is asked for
        q.model.clear();
        q.fromMs = 1500;
        QCOMPARE(r.search(q)->size(), 1);
        q.fromMs = 0;
        q.text = QStringLiteral("cream");
        q.tag = QStringLiteral("HOME");
        QCOMPARE(r.search(q)->size(), 1);
        q.tag = QStringLiteral("work");
        QCOMPARE(r.search(q)->size(), 0);
        q.tag.clear();
        cooking = r.chat(cooking.id).value();
        cooking.archived = true;
        QVERIFY(r.updateChat(cooking).ok());
        q.archived = false;
        QCOMPARE(r.search(q)->size(), 0);
        q.archived = true;
        QCOMPARE(r.search(q)->size(), 1);

        // Edits and deletions reach the index.
        q = SearchQuery();
        q.text = QStringLiteral("ramen");
        QCOMPARE(r.search(q)->size(), 0);
        auto tokyoMessage = r.messages(tokyo.id)->first();
        tokyoMessage.content = QStringLiteral("Where is good ramen in Tokyo?");
        QVERIFY(r.updateMessage(tokyoMessage).ok());
        QCOMPARE(r.search(q)->size(), 1);
        rust.title = QStringLiteral("Lifetimes");
        QVERIFY(r.updateChat(rust).ok());
        q.text = QStringLiteral("rust");
        QCOMPARE(r.search(q)->size(), 0); // only the old title had it
        QVERIFY(r.deleteChat(tokyo.id).ok());
        q.text = QStringLiteral("ramen");
        QCOMPARE(r.search(q)->size(), 0);
        QSqlQuery count(m_db->connection());
        QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM messages_fts")) && count.next());
        QCOMPARE(count.value(0).toInt(), 3); // the deleted chat's message left the index
        count.finish();
        QVERIFY(r.deleteChat(rust.id).ok() && r.deleteChat(cooking.id).ok());
    }

    void longConversationsCanBeDeleted()
    {
        // 1500 messages in one chain: more than SQLite's 1000 levels of cascading deletes.
        auto r = repo();
        const ChatRecord c = newChat(QStringLiteral("Long"));
        QString parent;
        QString middle;
        QVERIFY(r.inTransaction([&]() -> Result<void> {
                     for (int i = 0; i < 1500; ++i) {
                         auto m = r.addMessage(
                             msg(c.id, parent, i % 2 ? QStringLiteral("assistant") : QStringLiteral("user"),
                                 QStringLiteral("message %1").arg(i), 1000 + i));
                         if (!m)
                             return m.error();
                         parent = m->id;
                         if (i == 200)
                             middle = m->id;
                     }
                     return {};
                 }).ok());
        QCOMPARE(r.messageCount(c.id).value(), 1500);
        auto cut = r.deleteMessageSubtree(middle);
        QVERIFY2(cut.ok(), qPrintable(cut.ok() ? QString() : cut.error().message));
        QCOMPARE(r.messageCount(c.id).value(), 200);
        QCOMPARE(MessageTree(r.messages(c.id).value()).pathTo(r.chat(c.id)->currentMessageId).size(), 200);
        auto gone = r.deleteChat(c.id);
        QVERIFY2(gone.ok(), qPrintable(gone.ok() ? QString() : gone.error().message));
        QCOMPARE(r.messageCount(c.id).value(), 0);
        SearchQuery q;
        q.text = QStringLiteral("message 1");
        QCOMPARE(r.search(q)->size(), 0);
        // A parent in another chat is refused.
        const ChatRecord a = newChat(QStringLiteral("A"));
        const ChatRecord b = newChat(QStringLiteral("B"));
        auto inA = r.addMessage(msg(a.id, {}, QStringLiteral("user"), QStringLiteral("x"), 1));
        QCOMPARE(r.addMessage(msg(b.id, inA->id, QStringLiteral("assistant"), QStringLiteral("y"), 2))
                     .error()
                     .code,
            ErrorCode::InvalidArgument);
        QVERIFY(r.deleteChat(a.id).ok() && r.deleteChat(b.id).ok());
    }

    void streamingAnswersAreIndexedOnceTheyEnd()
    {
        auto r = repo();
        const ChatRecord c = newChat(QStringLiteral("Indexing"));
        MessageRecord m = msg(c.id, {}, QStringLiteral("assistant"), QStringLiteral("partial zebra"), 1);
        m.status = QStringLiteral("streaming");
        m = r.addMessage(m).value();
        m.content = QStringLiteral("partial zebra giraffe");
        QVERIFY(r.updateMessage(m).ok()); // a periodic save while streaming
        SearchQuery q;
        q.text = QStringLiteral("giraffe");
        QCOMPARE(r.search(q)->size(), 0); // not re-indexed at every save
        m.status = QStringLiteral("done");
        QVERIFY(r.updateMessage(m).ok()); // the last save, same text
        QCOMPARE(r.search(q)->size(), 1);
        // One that was streaming when the process died is indexed when it is marked interrupted.
        MessageRecord other = msg(c.id, {}, QStringLiteral("assistant"), QStringLiteral("okapi"), 2);
        other.status = QStringLiteral("streaming");
        other = r.addMessage(other).value();
        other.content = QStringLiteral("okapi narwhal");
        QVERIFY(r.updateMessage(other).ok());
        q.text = QStringLiteral("narwhal");
        QCOMPARE(r.search(q)->size(), 0);
        QCOMPARE(r.markInterrupted().value(), 1);
        QCOMPARE(r.search(q)->size(), 1);
        QVERIFY(r.deleteChat(c.id).ok());
    }

    void snippetsAreOneLineWindows()
    {
        const QString text = QString(500, QLatin1Char('a')) + QStringLiteral(" needle\n\nin   a haystack ")
            + QString(500, QLatin1Char('b'));
        const QString s = SearchSnippet::make(text, {QStringLiteral("NEEDLE"), QStringLiteral("hay")}, 120);
        QVERIFY(s.startsWith(QChar(0x2026)));
        QVERIFY(s.endsWith(QChar(0x2026)));
        QVERIFY(s.contains(SearchSnippet::kOpen + QStringLiteral("needle") + SearchSnippet::kClose
            + QStringLiteral(" in a ") + SearchSnippet::kOpen + QStringLiteral("hay") + SearchSnippet::kClose
            + QStringLiteral("stack")));
        QVERIFY(!s.contains(QLatin1Char('\n')));
        QCOMPARE(SearchSnippet::terms(QStringLiteral("  \"two words\" one \"open")),
            QStringList({QStringLiteral("two words"), QStringLiteral("one"), QStringLiteral("open")}));
        // Accents and case fold as in the index: "creme brulee" marks "Crème brûlée", precomposed or
        // with combining accents, and the rest of the text is untouched.
        const QString dessert = QStringLiteral("Try the Cr\u00e8me br\u00fbl\u00e9e or CRE\u0300ME caramel.");
        const QString marked
            = SearchSnippet::make(dessert, {QStringLiteral("creme"), QStringLiteral("brulee")});
        QCOMPARE(marked,
            QStringLiteral("Try the ") + SearchSnippet::kOpen + QStringLiteral("Cr\u00e8me")
                + SearchSnippet::kClose + QStringLiteral(" ") + SearchSnippet::kOpen
                + QStringLiteral("br\u00fbl\u00e9e") + SearchSnippet::kClose + QStringLiteral(" or ")
                + SearchSnippet::kOpen + QStringLiteral("CRE\u0300ME") + SearchSnippet::kClose
                + QStringLiteral(" caramel."));
        // Emoji are not cut in half.
        const QString emoji
            = QString(100, QLatin1Char('x')) + QStringLiteral("🏔️") + QStringLiteral(" peak");
        const QString cut = SearchSnippet::make(emoji, {QStringLiteral("peak")}, 10);
        for (qsizetype i = 0; i < cut.size(); ++i) {
            if (cut.at(i).isHighSurrogate())
                QVERIFY(i + 1 < cut.size() && cut.at(i + 1).isLowSurrogate());
            if (cut.at(i).isLowSurrogate())
                QVERIFY(i > 0 && cut.at(i - 1).isHighSurrogate());
        }
    }

    // Last: it adds chats the tests above would count.
    void nestedWritesAreSavepoints()
    {
        ChatRepository r(m_db->connection());
        const auto exists = [&](const QString &title) {
            ChatFilter f;
            const QList<ChatRecord> all = r.listChats(f, 0, 1000).value();
            return std::any_of(all.begin(), all.end(), [&](const ChatRecord &c) { return c.title == title; });
        };
        const auto chat = [](const char *title) {
            ChatRecord c;
            c.title = QString::fromLatin1(title);
            return c;
        };
        // A failed inner write is undone; the outer one still commits what it did.
        Result<void> outer = r.inTransaction([&]() -> Result<void> {
            if (!r.createChat(chat("outer kept")))
                return Error::make(ErrorCode::Generic, QStringLiteral("create"));
            Result<void> inner = r.inTransaction([&]() -> Result<void> {
                (void)r.createChat(chat("inner undone"));
                return Error::make(ErrorCode::Generic, QStringLiteral("inner fails"));
            });
            if (inner.ok())
                return Error::make(ErrorCode::Generic, QStringLiteral("inner should fail"));
            return r.inTransaction([&]() -> Result<void> {
                return r.createChat(chat("inner kept")).ok()
                    ? Result<void>()
                    : Error::make(ErrorCode::Generic, QStringLiteral("x"));
            });
        });
        QVERIFY(outer.ok());
        QVERIFY(exists(QStringLiteral("outer kept")));
        QVERIFY(exists(QStringLiteral("inner kept")));
        QVERIFY(!exists(QStringLiteral("inner undone")));
        // A failed outer write undoes the inner ones that succeeded.
        Result<void> failed = r.inTransaction([&]() -> Result<void> {
            (void)r.inTransaction([&]() -> Result<void> {
                return r.createChat(chat("inner of failed")).ok()
                    ? Result<void>()
                    : Error::make(ErrorCode::Generic, QStringLiteral("x"));
            });
            return Error::make(ErrorCode::Generic, QStringLiteral("outer fails"));
        });
        QVERIFY(!failed.ok());
        QVERIFY(!exists(QStringLiteral("inner of failed")));
        // And the connection is back to normal: a plain write commits.
        QVERIFY(r.createChat(chat("after")).ok());
        QVERIFY(exists(QStringLiteral("after")));
    }
};

QTEST_GUILESS_MAIN(TestChatStore)
#include "tst_chatstore.moc"
