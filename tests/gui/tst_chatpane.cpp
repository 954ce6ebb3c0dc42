// The Chat pane with real widgets (offscreen) against our loopback model server and a real
// encrypted database: typing, sending, streaming, stopping, regenerating, switching branches,
// pinning, archiving, deleting, and everything still there after a restart.
#include "GuiTestSupport.h"
#include "LlmTestServer.h"

#include "chat/ChatBackend.h"
#include "gui/EmptyState.h"
#include "gui/chat/ChatListModel.h"
#include "gui/chat/ChatSettingsDialog.h"
#include "gui/chat/ConversationView.h"
#include "gui/chat/FolderTree.h"
#include "gui/chat/SearchDialog.h"
#include "gui/panes/ChatPane.h"
#include "gui/panes/FoldersPane.h"
#include "knowledge/KnowledgeService.h"
#include "secrets/MemorySecretStore.h"
#include "services/ConnectionService.h"
#include "storage/ChatRepository.h"
#include "storage/KnowledgeRepository.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QImage>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextTable>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace cairn;
using cairn::test::LlmTestServer;

namespace {
bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}
QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace
using cairn::test::ServerConfig;

class TestChatPane : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    MemorySecretStore m_store;
    std::unique_ptr<LlmTestServer> m_server;
    std::shared_ptr<Database> m_db;
    QString m_connectionId;

    // Reads the database from this (test) thread and lets the connection go again.
    template<typename Repository = ChatRepository, typename F> auto withRepo(F f)
    {
        auto result = [&] {
            Repository r(m_db->connection());
            return f(r);
        }();
        m_db->closeThreadConnection();
        return result;
    }

    // Shows the pane, waits for its models and starts a chat that the list shows.
    static void showWithNewChat(ChatPane &pane)
    {
        pane.resize(1000, 700);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_VERIFY(pane.modelPicker()->isEnabled() && pane.modelPicker()->count() > 0);
        pane.newChat();
        QTRY_VERIFY(!pane.currentChatId().isEmpty() && pane.chatModel()->rowOf(pane.currentChatId()) >= 0);
    }

    static void type(ChatPane &pane, const QString &text)
    {
        pane.composer()->setFocus();
        QTest::keyClicks(pane.composer(), text);
        QTest::keyClick(pane.composer(), Qt::Key_Return);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<LlmTestServer>();
        QVERIFY(m_server->isListening());
        m_db = test::createDatabase(m_dir.path(), &m_store, KeyMode::Keychain);
        QVERIFY(m_db);
        ConnectionService service(m_db, &m_store);
        ConnectionDraft d;
        d.name = QStringLiteral("Test server");
        d.kind = QStringLiteral("openai");
        d.baseUrl = m_server->openAiBaseUrl().toString();
        auto added = service.add(d);
        QVERIFY(added.ok());
        m_connectionId = added->id;
        llm::ModelInfo chatModel;
        chatModel.id = QStringLiteral("test-chat");
        QVERIFY(service.saveModels(m_connectionId, {chatModel}).ok());
        QVERIFY(service.setDefaultModel(ModelRole::Chat, {m_connectionId, QStringLiteral("test-chat")}).ok());
        m_db->closeThreadConnection();
    }

    void conversationEndToEnd()
    {
        ServerConfig sc;
        m_server->setConfig(sc); // echo
        auto pane = std::make_unique<ChatPane>(m_db, &m_store);
        pane->resize(1000, 700);
        pane->show();
        QVERIFY(QTest::qWaitForWindowExposed(pane.get()));
        QTRY_VERIFY(pane->modelPicker()->isEnabled());
        QCOMPARE(pane->modelPicker()->currentText(), QStringLiteral("test-chat \u2014 Test server"));
        QVERIFY(pane->emptyState()->isVisible()); // no chats yet
        QVERIFY(test::saveShot(pane.get(), QStringLiteral("chat-empty")));

        // Typing and Enter: a chat is made, the question sent, the answer streamed and shown.
        type(*pane, QStringLiteral("Hello there"));
        QVERIFY(pane->composer()->toPlainText().isEmpty());
        QTRY_COMPARE(pane->chatModel()->rowCount(), 1);
        QTRY_VERIFY(pane->conversation()->toPlainText().contains(QStringLiteral("Echo: Hello there")));
        QTRY_COMPARE(pane->sendButton()->text(), QStringLiteral("Send"));
        QVERIFY(pane->conversation()->toPlainText().contains(QStringLiteral("You")));
        QVERIFY(pane->conversation()->toPlainText().contains(QStringLiteral("test-chat")));
        QVERIFY(pane->conversation()->toPlainText().contains(QStringLiteral("tokens")));
        const QString chatId = pane->currentChatId();
        QVERIFY(!chatId.isEmpty());
        // The title: first words at once, then the task model's.
        QTRY_VERIFY(pane->chatModel()->index(0).data().toString().startsWith(
            QStringLiteral("Echo: User: Hello there")));

        // Shift+Enter breaks the line; Markdown is rendered (a table and code).
        pane->composer()->setFocus();
        QTest::keyClicks(pane->composer(), QStringLiteral("| a | b |"));
        QTest::keyClick(pane->composer(), Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(pane->composer(), QStringLiteral("|---|---|"));
        QTest::keyClick(pane->composer(), Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(pane->composer(), QStringLiteral("| 1 | 2 |"));
        QCOMPARE(pane->composer()->toPlainText(), QStringLiteral("| a | b |\n|---|---|\n| 1 | 2 |"));
        QTest::keyClick(pane->composer(), Qt::Key_Return);
        QTRY_COMPARE(withRepo([&](ChatRepository &r) { return r.messageCount(chatId).value(); }), qint64(4));
        QTextDocument *doc = pane->conversation()->document();
        const auto tables = [doc] {
            int n = 0;
            for (QTextBlock b = doc->begin(); b.isValid(); b = b.next())
                n += QTextCursor(b).currentTable() != nullptr
                    && QTextCursor(b).currentTable()->cellAt(QTextCursor(b)).row() == 0
                    && QTextCursor(b).currentTable()->cellAt(QTextCursor(b)).column() == 0;
            return n;
        };
        QTRY_VERIFY2(tables() == 2, qPrintable(doc->toMarkdown())); // the question and the echoed answer
        QTRY_COMPARE(pane->sendButton()->text(), QStringLiteral("Send"));
        QVERIFY(test::saveShot(pane.get(), QStringLiteral("chat-conversation")));

        // Regenerate (the link under the answer) adds a sibling; ‹ › moves between them.
        const QList<MessageRecord> branch = pane->conversation()->branch();
        QCOMPARE(branch.size(), 4);
        const QString lastAnswer = branch.last().id;
        Q_EMIT pane->conversation()->anchorClicked(
            QUrl(QStringLiteral("cairn:regenerate?id=%1&v=0").arg(lastAnswer)));
        QTRY_COMPARE(withRepo([&](ChatRepository &r) { return r.messageCount(chatId).value(); }), qint64(5));
        QTRY_VERIFY(pane->conversation()->toPlainText().contains(QStringLiteral("2/2")));
        const QString newAnswer = pane->conversation()->currentMessageId();
        QVERIFY(newAnswer != lastAnswer);
        Q_EMIT pane->conversation()->anchorClicked(
            QUrl(QStringLiteral("cairn:sibling?id=%1&v=-1").arg(newAnswer)));
        QCOMPARE(pane->conversation()->currentMessageId(), lastAnswer);
        QVERIFY(pane->conversation()->toPlainText().contains(QStringLiteral("1/2")));
        // The branch in view is remembered.
        QTRY_COMPARE(
            withRepo([&](ChatRepository &r) { return r.chat(chatId)->currentMessageId; }), lastAnswer);

        // Ctrl+Shift+C copies the last answer.
        QApplication::clipboard()->clear();
        pane->composer()->setFocus();
        QTest::keyClick(pane->composer(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(QApplication::clipboard()->text().startsWith(QStringLiteral("Echo: | a | b |")));
    }

    void streamingStopsWithEscapeAndKeepsThePartialAnswer()
    {
        ServerConfig sc;
        QStringList words;
        for (int i = 0; i < 60; ++i)
            words.append(QStringLiteral("w%1").arg(i));
        sc.reply = words.join(QLatin1Char(' '));
        sc.tokensPerSecond = 20;
        m_server->setConfig(sc);
        ChatPane pane(m_db, &m_store);
        pane.resize(1000, 700);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_VERIFY(pane.modelPicker()->isEnabled());
        QTRY_COMPARE(pane.chatModel()->rowCount(), 1); // the first test's chat
        pane.composer()->setFocus();
        QTest::keyClick(pane.composer(), Qt::Key_N, Qt::ControlModifier); // a new chat
        QTRY_COMPARE(pane.chatModel()->rowCount(), 2);
        const QString chatId = pane.chatModel()->index(0).data(ChatListModel::IdRole).toString();
        QTRY_COMPARE(pane.currentChatId(), chatId);
        type(pane, QStringLiteral("Count"));
        QTRY_VERIFY2(pane.conversation()->toPlainText().contains(QStringLiteral("w5")),
            qPrintable(pane.conversation()->toPlainText()));
        QVERIFY2(pane.sendButton()->text() == QStringLiteral("Stop"),
            qPrintable(pane.conversation()->toPlainText()));
        QVERIFY(test::saveShot(&pane, QStringLiteral("chat-streaming")));
        QTest::keyClick(pane.composer(), Qt::Key_Escape);
        QTRY_COMPARE(pane.sendButton()->text(), QStringLiteral("Send"));
        QVERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("Stopped.")));
        QVERIFY(!pane.conversation()->toPlainText().contains(QStringLiteral("w59")));
        const auto stored = withRepo([&](ChatRepository &r) { return r.messages(chatId).value(); });
        QCOMPARE(stored.size(), 2);
        QCOMPARE(stored.last().status, QStringLiteral("stopped"));
        QVERIFY(stored.last().content.startsWith(QStringLiteral("w0 w1 w2 w3 w4 w5")));
    }

    void listPinsArchivesDeletesAndSurvivesARestart()
    {
        m_server->setConfig({});
        {
            ChatPane pane(m_db, &m_store);
            pane.show();
            QVERIFY(QTest::qWaitForWindowExposed(&pane));
            QTRY_COMPARE(pane.chatModel()->rowCount(), 2);
            ChatListModel *model = pane.chatModel();
            QCOMPARE(model->index(0).data(ChatListModel::SectionRole).toString(), QStringLiteral("Today"));
            const QString older = model->index(1).data(ChatListModel::IdRole).toString();
            pane.togglePin(older);
            QTRY_COMPARE(model->index(0).data(ChatListModel::IdRole).toString(), older);
            QCOMPARE(model->index(0).data(ChatListModel::SectionRole).toString(), QStringLiteral("Pinned"));
            // Inline rename through the model (what the list's editor does).
            QVERIFY(model->setData(model->index(0), QStringLiteral("  Renamed   chat "), Qt::EditRole));
            QTRY_COMPARE(withRepo([&](ChatRepository &r) { return r.chat(older)->title; }),
                QStringLiteral("Renamed chat"));
            const QString other = model->index(1).data(ChatListModel::IdRole).toString();
            pane.toggleArchive(other);
            QTRY_COMPARE(model->rowCount(), 1);
            pane.setArchivedView(true);
            QTRY_COMPARE(model->rowCount(), 1);
            QCOMPARE(model->index(0).data(ChatListModel::IdRole).toString(), other);
            pane.deleteChat(other, false);
            QTRY_COMPARE(model->rowCount(), 0);
            QCOMPARE(
                withRepo([&](ChatRepository &r) { return r.chat(other).error().code; }), ErrorCode::NotFound);
            pane.setArchivedView(false);
            QTRY_COMPARE(model->rowCount(), 1);
        }
        // A new pane (as after a restart) lists the chat and opens it with its messages.
        ChatPane again(m_db, &m_store);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QTRY_COMPARE(again.chatModel()->rowCount(), 1);
        QCOMPARE(again.chatModel()->index(0).data().toString(), QStringLiteral("Renamed chat"));
        again.chatList()->setCurrentIndex(again.chatModel()->index(0));
        QTRY_VERIFY(again.conversation()->toPlainText().contains(QStringLiteral("Echo: Hello there")));
        QTRY_COMPARE(m_db->openConnectionCount(), 0); // the backend lets its connection go when idle
    }

    void longChatsOpenWithTheirLatestMessagesAndLoadTheRest()
    {
        // 250 messages: the latest 20 come with the chat, the rest when asked for.
        const QString chatId = withRepo([&](ChatRepository &r) {
            ChatRecord c;
            c.title = QStringLiteral("Long one");
            const QString id = r.createChat(c)->id;
            QString parent;
            (void)r.inTransaction([&]() -> Result<void> {
                for (int i = 0; i < 250; ++i) {
                    MessageRecord m;
                    m.chatId = id;
                    m.parentId = parent;
                    m.role = i % 2 ? QStringLiteral("assistant") : QStringLiteral("user");
                    m.content = QStringLiteral("message number %1").arg(i);
                    m.createdAt = 1000 + i;
                    parent = r.addMessage(m)->id;
                }
                return {};
            });
            return id;
        });
        ChatPane pane(m_db, &m_store);
        pane.resize(1000, 700);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_VERIFY(pane.chatModel()->rowOf(chatId) >= 0);
        pane.chatList()->setCurrentIndex(pane.chatModel()->index(pane.chatModel()->rowOf(chatId)));
        QTRY_VERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("message number 249")));
        const QString text = pane.conversation()->toPlainText();
        QVERIFY(text.contains(QStringLiteral("message number 230")));
        QVERIFY(!text.contains(QStringLiteral("message number 229\n")));
        QVERIFY(text.contains(QStringLiteral("Show 230 earlier messages")));
        Q_EMIT pane.conversation()->anchorClicked(QUrl(QStringLiteral("cairn:more?id=&v=0")));
        QTRY_VERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("message number 210\n")));
        QTRY_VERIFY(!pane.conversation()->toPlainText().contains(QStringLiteral("Loading")));
        QVERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("Show 210 earlier messages")));
        QVERIFY(test::saveShot(&pane, QStringLiteral("chat-long")));

        // Ctrl+K, type, Enter: the chat opens on the hit, far outside the first window.
        pane.composer()->setFocus();
        QTest::keyClick(pane.composer(), Qt::Key_K, Qt::ControlModifier);
        SearchDialog *search = pane.findChild<SearchDialog *>();
        QVERIFY(search);
        QTRY_VERIFY(search->isVisible());
        QTest::keyClicks(search->queryEdit(), QStringLiteral("\"number 30\""));
        QTRY_COMPARE(search->results()->count(), 1);
        QVERIFY(search->results()->item(0)->text().startsWith(QStringLiteral("Long one")));
        QVERIFY(test::saveShot(search, QStringLiteral("chat-search")));
        search->archivedFilter()->setCurrentIndex(2); // archived only
        QTRY_COMPARE(search->results()->count(), 0);
        search->archivedFilter()->setCurrentIndex(0);
        QTRY_COMPARE(search->results()->count(), 1);
        search->modelFilter()->setText(QStringLiteral("nope"));
        QTRY_COMPARE(search->results()->count(), 0);
        search->modelFilter()->clear();
        QTRY_COMPARE(search->results()->count(), 1);
        QTest::keyClick(search->queryEdit(), Qt::Key_Return);
        QTRY_VERIFY(!search->isVisible());
        QTRY_VERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("message number 30\n")));
        QVERIFY(
            pane.conversation()->textCursor().block().text().contains(QStringLiteral("message number 30")));
        // Odd input is searched for literally.
        pane.openSearch();
        search = pane.findChild<SearchDialog *>();
        QTRY_VERIFY(search && search->isVisible());
        QTest::keyClicks(search->queryEdit(), QStringLiteral("(\"unbalanced OR* NEAR("));
        QTest::qWait(400);
        QCOMPARE(search->results()->count(), 0);
        search->close();
    }

    void importAndExportWithProgress()
    {
        ChatPane pane(m_db, &m_store);
        pane.resize(1000, 700);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_VERIFY(pane.chatModel()->rowCount() > 0);
        const int before = pane.chatModel()->rowCount();
        // A broken file: a clear error, nothing imported.
        const QString broken = m_dir.filePath(QStringLiteral("broken.json"));
        QVERIFY(writeFile(broken, "[{\"id\":\"x\",\"chat\":{\"title\":\"no history\"}}]"));
        pane.importFrom(broken);
        QTRY_VERIFY(pane.transferProgress() == nullptr);
        const QList<QLabel *> labels = pane.findChildren<QLabel *>();
        bool shown = false;
        for (QLabel *l : labels)
            shown |= l->isVisible() && l->text().contains(QStringLiteral("neither a message history"));
        QVERIFY(shown);
        // Open WebUI export: imported on the backend thread, the list reloads.
        pane.importFrom(QFINDTESTDATA("../data/openwebui-chats.json"));
        QTRY_VERIFY(pane.statusLabel()->text().contains(
            QStringLiteral("Imported 2 chats with 6 messages from Open WebUI")));
        QTRY_COMPARE(pane.chatModel()->rowCount(), before + 1); // one of them is archived
        int regex = -1;
        for (int i = 0; i < pane.chatModel()->rowCount(); ++i) {
            if (pane.chatModel()->index(i).data().toString() == QStringLiteral("Regex help"))
                regex = i;
        }
        QVERIFY(regex >= 0 && regex <= 1); // pinned, so among the first rows
        // Export everything as JSON, and the open chat as PDF.
        const QString json = m_dir.filePath(QStringLiteral("all.json"));
        pane.exportTo(json, QStringLiteral("json"));
        QTRY_VERIFY(pane.statusLabel()->text().contains(QStringLiteral("Exported")));
        const QJsonObject exported = QJsonDocument::fromJson(readFile(json)).object();
        QCOMPARE(exported.value(QStringLiteral("format")).toString(), QStringLiteral("cairn-chats"));
        QCOMPARE(exported.value(QStringLiteral("chats")).toArray().size(), withRepo([&](ChatRepository &r) {
            ChatFilter active, archived;
            archived.archived = true;
            return r.countChats(active).value() + r.countChats(archived).value();
        }));
        pane.chatList()->setCurrentIndex(pane.chatModel()->index(regex));
        QTRY_VERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("e-mail")));
        const QString pdf = m_dir.filePath(QStringLiteral("regex.pdf"));
        pane.exportTo(pdf, QStringLiteral("pdf"), pane.currentChatId());
        QTRY_VERIFY(pane.statusLabel()->text().contains(QStringLiteral("regex.pdf")));
        QVERIFY(readFile(pdf).startsWith("%PDF"));
        QCOMPARE(QFile::permissions(pdf) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
            QFileDevice::Permissions());
    }

    void foldersFilterMoveAndDelete()
    {
        ChatPane pane(m_db, &m_store);
        pane.resize(1000, 700);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_VERIFY(pane.chatModel()->rowCount() > 1);
        const int all = pane.chatModel()->rowCount();
        FolderTree *tree = pane.folderTree();
        QTRY_COMPARE(tree->topLevelItemCount(), 1); // "All chats"
        pane.newFolder(QStringLiteral("Work"));
        QTRY_COMPARE(tree->topLevelItemCount(), 2);
        const QString work = tree->topLevelItem(1)->data(0, FolderTree::kIdRole).toString();
        pane.newFolder(QStringLiteral("Reports"), work);
        QTRY_COMPARE(tree->itemFor(work)->childCount(), 1);
        const QString reports = tree->itemFor(work)->child(0)->data(0, FolderTree::kIdRole).toString();
        pane.newFolder(QStringLiteral("work")); // names are unique per parent, whatever the case
        // Expanding is remembered.
        tree->itemFor(work)->setExpanded(true);
        QTRY_VERIFY(withRepo([&](ChatRepository &r) {
            const QList<FolderRecord> folders = r.folders().value();
            for (const FolderRecord &f : folders)
                if (f.id == work)
                    return f.expanded;
            return false;
        }));
        QCOMPARE(withRepo([&](ChatRepository &r) { return r.folders()->size(); }), qsizetype(2));
        // A chat dropped on a folder moves there; the folder shows only its chats.
        const QString chatId = pane.chatModel()->index(0).data(ChatListModel::IdRole).toString();
        Q_EMIT tree->chatDropped(chatId, reports);
        QTRY_COMPARE(withRepo([&](ChatRepository &r) { return r.chat(chatId)->folderId; }), reports);
        tree->setCurrentItem(tree->itemFor(reports));
        QTRY_COMPARE(pane.chatModel()->rowCount(), 1);
        QCOMPARE(pane.chatModel()->index(0).data(ChatListModel::IdRole).toString(), chatId);
        tree->setCurrentItem(tree->topLevelItem(0));
        QTRY_COMPARE(pane.chatModel()->rowCount(), all);
        // No cycles: a folder dropped into its own subfolder stays where it is.
        Q_EMIT tree->folderDropped(work, reports);
        QTest::qWait(200);
        QCOMPARE(withRepo([&](ChatRepository &r) {
            const QList<FolderRecord> folders = r.folders().value();
            for (const FolderRecord &f : folders)
                if (f.id == work)
                    return f.parentId;
            return QStringLiteral("?");
        }),
            QString());
        QVERIFY(test::saveShot(&pane, QStringLiteral("chat-folders")));
        // Deleting the folder (keeping the chats) brings its chat back to the top level.
        pane.deleteFolder(work, false);
        QTRY_COMPARE(tree->topLevelItemCount(), 1);
        QTRY_VERIFY(withRepo([&](ChatRepository &r) { return r.chat(chatId)->folderId; }).isEmpty());
        QTRY_COMPARE(pane.chatModel()->rowCount(), all);
    }

    void foldersPaneOrganisesAndOpensChats()
    {
        ChatPane chats(m_db, &m_store);
        FoldersPane pane(&chats);
        QSignalSpy opened(&pane, &FoldersPane::openChatRequested);
        pane.resize(1000, 700);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_VERIFY(pane.chatModel()->rowCount() > 1);
        QTRY_VERIFY(pane.summary()->text().contains(QStringLiteral("in all")));
        FolderTree *tree = pane.folderTree();
        QCOMPARE(tree->topLevelItemCount(), 1); // "All chats"
        QVERIFY(!pane.findChild<QToolButton *>(QStringLiteral("renameFolder"))->isEnabled());

        pane.createFolder(QStringLiteral("Projects"), std::nullopt);
        QTRY_COMPARE(tree->topLevelItemCount(), 2);
        const QString projects = tree->topLevelItem(1)->data(0, FolderTree::kIdRole).toString();
        QTRY_COMPARE(chats.folderTree()->topLevelItemCount(), 2); // the Chat view's tree follows
        tree->setCurrentItem(tree->itemFor(projects));
        QCOMPARE(pane.heading()->text(), QStringLiteral("Projects"));
        QTRY_COMPARE(pane.chatModel()->rowCount(), 0);
        QTRY_VERIFY(pane.summary()->text().contains(QStringLiteral("No chats here yet")));
        QVERIFY(pane.findChild<QToolButton *>(QStringLiteral("renameFolder"))->isEnabled());
        pane.createFolder(QStringLiteral("Cairn"), projects);
        QTRY_COMPARE(tree->itemFor(projects)->childCount(), 1);

        // A chat dropped on the folder shows in it; opening it asks for the Chat view.
        const QString chatId = chats.chatModel()->index(0).data(ChatListModel::IdRole).toString();
        Q_EMIT tree->chatDropped(chatId, projects);
        tree->setCurrentItem(tree->itemFor(projects));
        QTRY_COMPARE(pane.chatModel()->rowCount(), 1);
        QTRY_VERIFY(pane.summary()->text().contains(QStringLiteral("1 chat")));
        pane.chatList()->setCurrentIndex(pane.chatModel()->index(0));
        pane.chatList()->setFocus();
        QTest::keyClick(pane.chatList(), Qt::Key_Return);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().toString(), chatId);
        QTRY_COMPARE(chats.currentChatId(), chatId);

        pane.renameFolder(projects, QStringLiteral("Side projects"));
        QTRY_COMPARE(tree->itemFor(projects)->text(0), QStringLiteral("Side projects"));
        QCOMPARE(pane.heading()->text(), QStringLiteral("Side projects"));
        QVERIFY(test::saveShot(&pane, QStringLiteral("folders-pane")));
        chats.deleteFolder(projects, false);
        QTRY_COMPARE(tree->topLevelItemCount(), 1);
        QTRY_VERIFY(withRepo([&](ChatRepository &r) { return r.chat(chatId)->folderId; }).isEmpty());
    }

    void chatSettingsAndTagsReachTheModelAndTheList()
    {
        m_server->setConfig({});
        m_server->clearRequests();
        ChatPane pane(m_db, &m_store);
        showWithNewChat(pane);
        if (QTest::currentTestFailed())
            return;
        const QString chatId = pane.currentChatId();
        ChatSettingsDialog *dialog = pane.openChatSettings();
        QVERIFY(dialog);
        dialog->systemPromptEdit()->setPlainText(QStringLiteral("Answer in one word."));
        dialog->temperatureCheck()->setChecked(true);
        dialog->temperatureBox()->setValue(0.3);
        dialog->stopEdit()->setText(QStringLiteral("END, ###"));
        QVERIFY(test::saveShot(dialog, QStringLiteral("chat-settings")));
        dialog->accept();
        QTRY_COMPARE(withRepo([&](ChatRepository &r) { return r.chat(chatId)->systemPrompt; }),
            QStringLiteral("Answer in one word."));
        pane.setChatTags(chatId, {QStringLiteral("work"), QStringLiteral(" travel ")});
        QTRY_COMPARE(withRepo([&](ChatRepository &r) { return r.chat(chatId)->tags; }),
            QStringList({QStringLiteral("travel"), QStringLiteral("work")}));
        type(pane, QStringLiteral("Capital of France?"));
        QTRY_VERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("Echo: Capital of France?")));
        const QJsonObject body = QJsonDocument::fromJson(m_server->requests().first().body).object();
        const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
        QCOMPARE(
            messages.first().toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
        QCOMPARE(messages.first().toObject().value(QStringLiteral("content")).toString(),
            QStringLiteral("Answer in one word."));
        QCOMPARE(body.value(QStringLiteral("temperature")).toDouble(), 0.3);
        QCOMPARE(body.value(QStringLiteral("stop")).toArray().size(), 2);
        QTRY_VERIFY(pane.chatModel()
                        ->index(pane.chatModel()->rowOf(chatId))
                        .data(Qt::ToolTipRole)
                        .toString()
                        .contains(QStringLiteral("travel, work")));
    }

    void knowledgeBasesAttachedInSettingsAreCitedInAnswers()
    {
        // A base made below the GUI; the chat's settings attach it; the answer lists its source,
        // which opens the chunk.
        QTemporaryDir files;
        const QString path = QDir(files.path()).filePath(QStringLiteral("tides.txt"));
        QVERIFY(writeFile(path, "Spring tides come twice a month, at new and full moon."));
        QString baseId;
        {
            knowledge::KnowledgeService k(m_db, &m_store);
            auto base = k.createBase(QStringLiteral("Sea notes"), QString(), {});
            QVERIFY(base.ok());
            baseId = base->id;
            QVERIFY(k.addPaths(baseId, {path}).ok());
        }
        m_db->closeThreadConnection();
        m_server->setConfig({}); // echo
        ChatPane pane(m_db, &m_store);
        showWithNewChat(pane);
        if (QTest::currentTestFailed())
            return;
        ChatSettingsDialog *dialog = pane.openChatSettings();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->knowledgeLoaded());
        QListWidget *list = dialog->knowledgeList();
        QListWidgetItem *item = nullptr;
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->text() == QStringLiteral("Sea notes"))
                item = list->item(i);
        QVERIFY(item);
        QCOMPARE(item->checkState(), Qt::Unchecked);
        item->setCheckState(Qt::Checked);
        QVERIFY(test::saveShot(dialog, QStringLiteral("chat-settings-knowledge")));
        dialog->accept();
        QTRY_COMPARE(withRepo<KnowledgeRepository>(
                         [&](KnowledgeRepository &r) { return r.chatBases(pane.currentChatId()).value(); }),
            QStringList {baseId});

        type(pane, QStringLiteral("When do spring tides come?"));
        QTRY_VERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("Sources: [1] tides.txt #1")));
        QVERIFY(test::saveShot(&pane, QStringLiteral("chat-sources")));
        // The source opens its chunk.
        QSignalSpy opened(pane.conversation(), &ConversationView::sourceRequested);
        const QString html = pane.conversation()->toHtml();
        const qsizetype at = html.indexOf(QStringLiteral("cairn:source?"));
        QVERIFY(at > 0);
        const QString href
            = html.mid(at, html.indexOf(u'"', at) - at).replace(QStringLiteral("&amp;"), QStringLiteral("&"));
        Q_EMIT pane.conversation()->anchorClicked(QUrl(href));
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().at(1).toString(), QStringLiteral("tides.txt"));
        QVERIFY(opened.first().at(3).toString().contains(QStringLiteral("new and full moon")));
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = pane.findChild<QMessageBox *>(QStringLiteral("sourceView"))) != nullptr);
        QVERIFY(box->text().contains(QStringLiteral("new and full moon")));
        box->close();
        withRepo<KnowledgeRepository>([&](KnowledgeRepository &r) { return r.deleteBase(baseId).ok(); });
    }

    void enterAndShiftEnterCanBeSwapped()
    {
        m_server->setConfig({});
        QSettings settings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        {
            ChatPane pane(m_db, &m_store);
            pane.setSettings(&settings);
            pane.show();
            QVERIFY(QTest::qWaitForWindowExposed(&pane));
            QTRY_VERIFY(pane.modelPicker()->isEnabled() && pane.modelPicker()->count() > 0);
            QVERIFY(pane.composer()->enterSends());
            Q_EMIT pane.composer()->enterSendsToggled(false); // what the composer's context menu does
            QVERIFY(!pane.composer()->enterSends());
            QCOMPARE(settings.value(QLatin1String(ChatPane::kEnterSendsKey)).toBool(), false);
            QVERIFY(pane.composer()->placeholderText().contains(QStringLiteral("Shift+Enter sends")));
            pane.composer()->setFocus();
            QTest::keyClicks(pane.composer(), QStringLiteral("line one"));
            QTest::keyClick(pane.composer(), Qt::Key_Return); // now a line break
            QTest::keyClicks(pane.composer(), QStringLiteral("line two"));
            QCOMPARE(pane.composer()->toPlainText(), QStringLiteral("line one\nline two"));
            QTest::keyClick(pane.composer(), Qt::Key_Return, Qt::ShiftModifier); // now it sends
            QTRY_VERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("Echo: line one")));
        }
        ChatPane again(m_db, &m_store);
        again.setSettings(&settings);
        QVERIFY(!again.composer()->enterSends()); // remembered
        settings.setValue(QLatin1String(ChatPane::kEnterSendsKey), true);
    }

    void attachmentsByDropAndPasteReachTheModelAndCanBeSaved()
    {
        m_server->setConfig({}); // echo
        m_server->clearRequests();
        const QString notes = m_dir.filePath(QStringLiteral("notes.txt"));
        QVERIFY(writeFile(notes, "The launch code is 4711.\n"));
        const QString binary = m_dir.filePath(QStringLiteral("tool.bin"));
        QVERIFY(writeFile(binary,
            QByteArray("\x7f"
                       "ELF\x02\x01\x01\0\0\0",
                10)));
        ChatPane pane(m_db, &m_store);
        pane.resize(1000, 700);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_VERIFY(pane.modelPicker()->isEnabled() && pane.modelPicker()->count() > 0);
        pane.newChat();
        QTRY_VERIFY(!pane.currentChatId().isEmpty());

        // A file dropped on the composer becomes an attachment (not its path as text).
        QMimeData dropped;
        dropped.setUrls({QUrl::fromLocalFile(notes)});
        QWidget *viewport = pane.composer()->viewport();
        const QPoint at = viewport->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &dropped, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &enter);
        QDropEvent drop(at, Qt::CopyAction, &dropped, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &drop);
        QCOMPARE(pane.pendingAttachments().size(), 1);
        QVERIFY(pane.composer()->toPlainText().isEmpty());
        QVERIFY(pane.attachmentBar()->isVisible());
        // A binary file is refused with the reason, and nothing is added.
        QVERIFY(!pane.addAttachment(binary));
        QVERIFY(pane.errorLabel()->text().contains(QStringLiteral("neither a text file nor an image")));
        QCOMPARE(pane.pendingAttachments().size(), 1);
        // An image pasted from the clipboard (Ctrl+V).
        QImage red(64, 48, QImage::Format_RGB32);
        red.fill(Qt::red);
        QApplication::clipboard()->setImage(red);
        pane.composer()->setFocus();
        QTest::keyClick(pane.composer(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(pane.pendingAttachments().size(), 2);
        QVERIFY(pane.pendingAttachments().at(1).name.endsWith(QStringLiteral(".png")));
        // A chip removes its file; paste again.
        auto *chip = pane.attachmentBar()->findChild<QToolButton *>(QStringLiteral("attachment1"));
        QVERIFY(chip);
        QTest::mouseClick(chip, Qt::LeftButton);
        QCOMPARE(pane.pendingAttachments().size(), 1);
        QTest::keyClick(pane.composer(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(pane.pendingAttachments().size(), 2);
        QVERIFY(test::saveShot(&pane, QStringLiteral("chat-attachments-pending")));

        type(pane, QStringLiteral("What is in these?"));
        QVERIFY(pane.pendingAttachments().isEmpty());
        QVERIFY(!pane.attachmentBar()->isVisible());
        QTRY_VERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("Echo: What is in these?")));
        QTRY_COMPARE(pane.sendButton()->text(), QStringLiteral("Send"));
        // The model got the text file inlined and the image as an image.
        QJsonObject user;
        for (const auto &req : m_server->requests()) {
            for (const QJsonValue &m :
                QJsonDocument::fromJson(req.body).object().value(QStringLiteral("messages")).toArray()) {
                if (m.toObject().value(QStringLiteral("content")).isArray())
                    user = m.toObject();
            }
        }
        const QJsonArray parts = user.value(QStringLiteral("content")).toArray();
        QCOMPARE(parts.size(), 2);
        QVERIFY(parts.at(0)
                    .toObject()
                    .value(QStringLiteral("text"))
                    .toString()
                    .contains(QStringLiteral("<file name=\"notes.txt\">\nThe launch code is 4711.")));
        QVERIFY(parts.at(1)
                    .toObject()
                    .value(QStringLiteral("image_url"))
                    .toObject()
                    .value(QStringLiteral("url"))
                    .toString()
                    .startsWith(QStringLiteral("data:image/png;base64,")));

        // The question shows its files; the image as a thumbnail.
        const QString view = pane.conversation()->toPlainText();
        QVERIFY2(view.contains(QStringLiteral("notes.txt")), qPrintable(view));
        const QList<MessageRecord> branch = pane.conversation()->branch();
        QCOMPARE(branch.size(), 2);
        QCOMPARE(branch.first().attachments.size(), 2);
        const AttachmentRef image = branch.first().attachments.at(1);
        QCOMPARE(image.kind, QStringLiteral("image"));
        QTRY_VERIFY(
            pane.conversation()
                ->document()
                ->resource(QTextDocument::ImageResource, QUrl(QStringLiteral("cairn-attachment:") + image.id))
                .value<QImage>()
                .size()
            == QSize(64, 48));
        QVERIFY(test::saveShot(&pane, QStringLiteral("chat-attachments-sent")));

        // A file that is gone by the time the message goes: the error says so, and what was typed
        // and attached comes back to the composer.
        const QString vanishing = m_dir.filePath(QStringLiteral("vanishing.txt"));
        QVERIFY(writeFile(vanishing, "soon gone"));
        QVERIFY(pane.addAttachment(vanishing));
        QVERIFY(QFile::remove(vanishing));
        type(pane, QStringLiteral("Read this"));
        QTRY_VERIFY(pane.errorLabel()->text().contains(QStringLiteral("vanishing.txt")));
        QTRY_COMPARE(pane.composer()->toPlainText(), QStringLiteral("Read this"));
        QCOMPARE(pane.pendingAttachments().size(), 1);
        pane.removeAttachment(0);
        pane.composer()->clear();

        // Clicking a file's link saves it where the user chooses (owner-only).
        const QString saved = m_dir.filePath(QStringLiteral("saved-notes.txt"));
        pane.saveAttachment(branch.first().attachments.at(0).id, saved);
        QTRY_VERIFY(QFile::exists(saved));
        QCOMPARE(readFile(saved), QByteArray("The launch code is 4711.\n"));
        QCOMPARE(QFile::permissions(saved) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
            QFileDevice::Permissions());
    }

    void ratingWithACommentAndDeletingAMessage()
    {
        m_server->setConfig({});
        ChatPane pane(m_db, &m_store);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_VERIFY(pane.modelPicker()->isEnabled() && pane.modelPicker()->count() > 0);
        pane.newChat();
        QTRY_VERIFY(!pane.currentChatId().isEmpty());
        const QString chatId = pane.currentChatId();
        type(pane, QStringLiteral("first question"));
        QTRY_VERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("Echo: first question")));
        QTRY_COMPARE(pane.sendButton()->text(), QStringLiteral("Send"));
        type(pane, QStringLiteral("second question"));
        QTRY_VERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("Echo: second question")));
        QTRY_COMPARE(pane.sendButton()->text(), QStringLiteral("Send"));
        QList<MessageRecord> branch = pane.conversation()->branch();
        QCOMPARE(branch.size(), 4);

        // Thumbs down on the first answer, then a comment on it.
        const QString answer = branch.at(1).id;
        Q_EMIT pane.conversation()->anchorClicked(QUrl(QStringLiteral("cairn:rate?id=%1&v=-1").arg(answer)));
        QVERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("Disliked")));
        QVERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("Comment\u2026")));
        QTRY_COMPARE(withRepo([&](ChatRepository &r) { return r.message(answer)->rating; }), -1);
        QInputDialog *dialog = pane.commentOnRating(answer);
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->windowTitle(), QStringLiteral("What went wrong?"));
        dialog->setTextValue(QStringLiteral("  Too terse  "));
        dialog->accept();
        QTRY_COMPARE(withRepo([&](ChatRepository &r) { return r.message(answer)->ratingComment; }),
            QStringLiteral("Too terse"));
        QVERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("Your comment: Too terse")));
        // Un-rating drops the comment too.
        Q_EMIT pane.conversation()->anchorClicked(QUrl(QStringLiteral("cairn:rate?id=%1&v=-1").arg(answer)));
        QTRY_COMPARE(withRepo([&](ChatRepository &r) { return r.message(answer)->rating; }), 0);
        QCOMPARE(withRepo([&](ChatRepository &r) { return r.message(answer)->ratingComment; }), QString());
        QVERIFY(!pane.conversation()->toPlainText().contains(QStringLiteral("Too terse")));

        // Deleting the second question takes its answer with it; the view moves up to the first answer.
        pane.deleteMessage(branch.at(2).id, false);
        QTRY_COMPARE(withRepo([&](ChatRepository &r) { return r.messageCount(chatId).value(); }), qint64(2));
        QTRY_VERIFY(!pane.conversation()->toPlainText().contains(QStringLiteral("second question")));
        QVERIFY(pane.conversation()->toPlainText().contains(QStringLiteral("Echo: first question")));
        QCOMPARE(pane.conversation()->currentMessageId(), answer);
    }

    void cleanupTestCase() { m_db.reset(); }
};

QTEST_MAIN(TestChatPane)
#include "tst_chatpane.moc"
