// The conversation view on its own (no database): code blocks get a "Copy code" link and colours
// for their language, and while an answer streams a code block is coloured once its fence closes.
#include "GuiTestSupport.h"

#include "chat/CodeBlocks.h"
#include "gui/chat/ConversationView.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextLayout>
#include <QTextTable>
#include <QtTest>

using namespace cairn;

namespace {

MessageRecord message(const QString &id, const QString &parent, const QString &role, const QString &text)
{
    MessageRecord m;
    m.id = id;
    m.chatId = QStringLiteral("chat");
    m.parentId = parent;
    m.role = role;
    m.content = text;
    m.createdAt = 1'700'000'000'000;
    return m;
}

QTextBlock blockWithText(QTextDocument *doc, const QString &text)
{
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        if (b.text() == text)
            return b;
    }
    return {};
}

// The colour the highlighter gave to the characters [start, start + length) of a block, if any.
QColor colourAt(const QTextBlock &block, int start, int length)
{
    const QList<QTextLayout::FormatRange> ranges = block.layout()->formats();
    for (const QTextLayout::FormatRange &r : ranges) {
        if (r.start <= start && r.start + r.length >= start + length
            && r.format.hasProperty(QTextFormat::ForegroundBrush))
            return r.format.foreground().color();
    }
    return {};
}

const QString kAnswer = QStringLiteral("Here is a function:\n\n"
                                       "```python\n"
                                       "def greet(name):\n"
                                       "    # say hello\n"
                                       "    return \"Hello, \" + name\n"
                                       "```\n\n"
                                       "And a shell line:\n\n"
                                       "~~~~ bash\n"
                                       "echo done ```\n"
                                       "~~~~\n\n"
                                       "```\n"
                                       "plain words if else\n"
                                       "```\n");

} // namespace

class TestConversationView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void codeBlocksAreParsedByCommonMarksRules()
    {
        const QList<CodeBlocks::Block> blocks = CodeBlocks::parse(kAnswer);
        QCOMPARE(blocks.size(), 3);
        QCOMPARE(blocks[0].language, QStringLiteral("python"));
        QCOMPARE(blocks[0].code,
            QStringLiteral("def greet(name):\n    # say hello\n    return \"Hello, \" + name"));
        QVERIFY(blocks[0].closed);
        QCOMPARE(blocks[1].language, QStringLiteral("bash"));
        QCOMPARE(
            blocks[1].code, QStringLiteral("echo done ```")); // a shorter or other fence does not close it
        QCOMPARE(blocks[2].language, QString());
        // An unclosed block runs to the end; indented four spaces is no fence.
        const QList<CodeBlocks::Block> open
            = CodeBlocks::parse(QStringLiteral("a\n``` rust\nfn main() {}\n    ```\n"));
        QCOMPARE(open.size(), 1);
        QVERIFY(!open[0].closed);
        // While streaming, text is finished only at blank lines outside code blocks, by the same rules:
        // a ``` line inside a ~~~ block neither opens nor closes anything.
        const QString nested = QStringLiteral("~~~md\n```py\n\nx\n~~~\n\nend\n");
        QCOMPARE(CodeBlocks::finishedEnd(nested, 0), nested.indexOf(QStringLiteral("end")));
        QCOMPARE(CodeBlocks::finishedEnd(QStringLiteral("a\n\nb still"), 0), 3);
        QCOMPARE(CodeBlocks::finishedEnd(QStringLiteral("```\ncode\n\n"), 0), 0); // open block: nothing final
        QCOMPARE(CodeBlocks::canonicalLanguage(QStringLiteral("C++")), QStringLiteral("cpp"));
        QCOMPARE(CodeBlocks::canonicalLanguage(QStringLiteral("py")), QStringLiteral("python"));
        QCOMPARE(CodeBlocks::canonicalLanguage(QStringLiteral("brainfuck")), QString());
    }

    void codeIsColouredAndCopiedWithItsLink()
    {
        ConversationView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ChatRecord chat;
        chat.id = QStringLiteral("chat");
        chat.currentMessageId = QStringLiteral("a");
        view.setChat(chat,
            {message(QStringLiteral("q"), {}, QStringLiteral("user"), QStringLiteral("Show me code")),
                message(QStringLiteral("a"), QStringLiteral("q"), QStringLiteral("assistant"), kAnswer)});
        QTextDocument *doc = view.document();
        const QTextBlock def = blockWithText(doc, QStringLiteral("def greet(name):"));
        QVERIFY2(def.isValid(), qPrintable(doc->toPlainText()));
        const QColor keyword = colourAt(def, 0, 3);
        QVERIFY(keyword.isValid()); // "def"
        QVERIFY(!colourAt(def, 4, 5).isValid()); // "greet": a name, not coloured
        const QTextBlock comment = blockWithText(doc, QStringLiteral("    # say hello"));
        QVERIFY(colourAt(comment, 4, 11).isValid());
        QVERIFY(colourAt(comment, 4, 11) != keyword);
        const QTextBlock ret = blockWithText(doc, QStringLiteral("    return \"Hello, \" + name"));
        QCOMPARE(colourAt(ret, 4, 6), keyword);
        const QColor string = colourAt(ret, 11, 9);
        QVERIFY(string.isValid() && string != keyword);
        // A block with no language stays plain, keywords or not.
        const QTextBlock plain = blockWithText(doc, QStringLiteral("plain words if else"));
        QVERIFY(plain.isValid());
        QVERIFY(plain.layout()->formats().isEmpty());
        // The fence inside the bash block did not leave a block open: the last block is prose-free
        // code of the plain block, not swallowed text.
        QVERIFY(blockWithText(doc, QStringLiteral("plain words if else"))
                    .blockFormat()
                    .hasProperty(QTextFormat::BlockCodeLanguage));
        QVERIFY(!blockWithText(doc, QStringLiteral("echo done ```"))
                     .next()
                     .text()
                     .startsWith(QStringLiteral("plain")));
        // Prose is never coloured as code.
        QVERIFY(blockWithText(doc, QStringLiteral("Here is a function:")).layout()->formats().isEmpty());

        // Each block has a "Copy code" link; clicking copies exactly the code.
        QVERIFY(doc->toPlainText().contains(QStringLiteral("python \u00b7 Copy code")));
        QCOMPARE(doc->toPlainText().count(QStringLiteral("Copy code")), 3);
        QSignalSpy copied(&view, &ConversationView::copyRequested);
        Q_EMIT view.anchorClicked(QUrl(QStringLiteral("cairn:copycode?id=a&v=1")));
        QCOMPARE(copied.size(), 1);
        QCOMPARE(copied.first().first().toString(), QStringLiteral("echo done ```"));
        QVERIFY(test::saveShot(&view, QStringLiteral("conversation-code")));
    }

    void aStreamedAnswerLaysOutAsItWouldWhole()
    {
        // Paragraphs, a heading, a code block and a list arriving piece by piece end up as the
        // same blocks, of the same kinds, as the finished answer rendered in one go.
        const QString text = QStringLiteral("First paragraph.\n\n## A heading\n\n```python\nx = 1\n```\n\n1. "
                                            "one\n2. two\n\n| a | b |\n|---|---|\n| 1 | 2 "
                                            "|\n\n| c |\n|---|\n| 3 |\n\nLast words.");
        ChatRecord chat;
        chat.id = QStringLiteral("chat");
        const MessageRecord question
            = message(QStringLiteral("q"), {}, QStringLiteral("user"), QStringLiteral("Go"));
        ConversationView streamed;
        streamed.resize(800, 600);
        streamed.show();
        streamed.setChat(chat, {question});
        MessageRecord answer
            = message(QStringLiteral("a"), QStringLiteral("q"), QStringLiteral("assistant"), {});
        answer.status = QStringLiteral("streaming");
        streamed.addMessage(answer);
        for (qsizetype i = 0; i < text.size(); i += 7) {
            streamed.appendDelta(QStringLiteral("a"), text.mid(i, 7), {});
            QTest::qWait(i % 28 == 0 ? 60 : 0);
        }
        QTest::qWait(80);
        answer.content = text;
        answer.status = QStringLiteral("done");
        streamed.finishMessage(answer);

        ConversationView whole;
        chat.currentMessageId = QStringLiteral("a");
        whole.setChat(chat, {question, answer});
        const auto blocks = [](QTextDocument *doc) {
            QStringList out;
            for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
                if (b.text().isEmpty()
                    && !b.blockFormat().hasProperty(QTextFormat::BlockTrailingHorizontalRulerWidth))
                    continue; // empty paragraphs make no difference on screen
                QTextCursor at(b);
                const QTextTable *table = at.currentTable();
                const QString cell = table ? QStringLiteral("|cell=%1,%2")
                                                 .arg(table->cellAt(at).row())
                                                 .arg(table->cellAt(at).column())
                                           : QString();
                out.append(
                    QStringLiteral("%1|code=%2|h=%3|list=%4|hr=%5")
                        .arg(b.text() + cell)
                        .arg(b.blockFormat().hasProperty(QTextFormat::BlockCodeLanguage))
                        .arg(b.blockFormat().headingLevel())
                        .arg(b.textList() != nullptr)
                        .arg(b.blockFormat().hasProperty(QTextFormat::BlockTrailingHorizontalRulerWidth)));
            }
            return out;
        };
        const QStringList got = blocks(streamed.document());
        QCOMPARE(got, blocks(whole.document()));
        QVERIFY(got.contains(QStringLiteral("First paragraph.|code=0|h=0|list=0|hr=0")));
        QVERIFY(got.contains(QStringLiteral("A heading|code=0|h=2|list=0|hr=0")));
        QVERIFY(got.contains(QStringLiteral("x = 1|code=1|h=0|list=0|hr=0")));
        QVERIFY(got.contains(QStringLiteral("one|code=0|h=0|list=1|hr=0")));
        QVERIFY2(got.contains(QStringLiteral("2|cell=1,1|code=0|h=0|list=0|hr=0")),
            qPrintable(got.join(QLatin1Char('\n'))));
        QVERIFY(got.contains(QStringLiteral("3|cell=1,0|code=0|h=0|list=0|hr=0")));
        // Nothing else ended up inside a table.
        int tables = 0;
        const QList<QTextFrame *> frames = streamed.document()->rootFrame()->childFrames();
        for (QTextFrame *f : frames)
            tables += qobject_cast<QTextTable *>(f) != nullptr;
        QCOMPARE(tables, 2);
        QCOMPARE(frames.size(), 2);
    }

    void markdownNeverReadsLocalFiles()
    {
        // An answer (or an imported chat) naming a local file as an image: nothing is read.
        QTemporaryDir dir;
        QImage secret(300, 200, QImage::Format_RGB32);
        secret.fill(Qt::blue);
        const QString path = dir.filePath(QStringLiteral("secret.png"));
        QVERIFY(secret.save(path));
        ConversationView view;
        ChatRecord chat;
        chat.id = QStringLiteral("chat");
        chat.currentMessageId = QStringLiteral("a");
        const QString text
            = QStringLiteral("Look: ![s](%1) and ![t](%2)").arg(path, QUrl::fromLocalFile(path).toString());
        view.setChat(chat,
            {message(QStringLiteral("q"), {}, QStringLiteral("user"), QStringLiteral("?")),
                message(QStringLiteral("a"), QStringLiteral("q"), QStringLiteral("assistant"), text)});
        for (const QUrl &url : {QUrl(path), QUrl::fromLocalFile(path)}) {
            const QImage shown = view.document()->resource(QTextDocument::ImageResource, url).value<QImage>();
            QVERIFY(shown.size() != secret.size());
            QVERIFY(shown.width() <= 1);
        }
    }

    // Below an answer from a chat with knowledge bases: its numbered sources, or why there are none.
    void theSourcesLineSaysWhyThereAreNone()
    {
        ConversationView view;
        ChatRecord chat;
        chat.id = QStringLiteral("chat");
        chat.currentMessageId = QStringLiteral("a");
        MessageRecord answer = message(
            QStringLiteral("a"), QStringLiteral("q"), QStringLiteral("assistant"), QStringLiteral("Fine."));
        const auto shown = [&] {
            view.setChat(chat,
                {message(QStringLiteral("q"), {}, QStringLiteral("user"), QStringLiteral("?")), answer});
            return view.document()->toPlainText();
        };
        QVERIFY(!shown().contains(QStringLiteral("knowledge bases")));

        answer.meta.insert(QStringLiteral("sources_none"), true);
        answer.meta.insert(
            QStringLiteral("sources_note"), QStringLiteral("No embeddings yet: keyword search only."));
        QString text = shown();
        QVERIFY2(
            text.contains(QStringLiteral("Nothing in the attached knowledge bases matched this question.")),
            qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("No embeddings yet: keyword search only.")));

        // An error (from a provider, say) is plain text: no markup, links or headings from it.
        answer.meta.insert(QStringLiteral("sources_error"),
            QStringLiteral("Could not read the <chunks> of *Notes* [here](https://example.com)\n# big"));
        text = shown();
        QVERIFY2(text.contains(QStringLiteral("The knowledge bases could not be searched: Could not read the "
                                              "<chunks> of *Notes* [here](https://example.com) # big")),
            qPrintable(text));
        QVERIFY(!view.document()->toHtml().contains(QStringLiteral("https://example.com\"")));

        answer.meta.remove(QStringLiteral("sources_error"));
        answer.meta.remove(QStringLiteral("sources_none"));
        answer.meta.insert(QStringLiteral("sources"),
            QJsonArray {QJsonObject {{QStringLiteral("n"), 1},
                {QStringLiteral("document"), QStringLiteral("birds.md")}, {QStringLiteral("position"), 0},
                {QStringLiteral("text"), QStringLiteral("Kingfishers.")}}});
        text = shown();
        QVERIFY2(text.contains(QStringLiteral("Sources: [1] birds.md #1")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("No embeddings yet: keyword search only.")));
        QVERIFY(!text.contains(QStringLiteral("Nothing in the attached")));
    }

    void aStreamingCodeBlockIsColouredOnceItsFenceCloses()
    {
        ConversationView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ChatRecord chat;
        chat.id = QStringLiteral("chat");
        view.setChat(
            chat, {message(QStringLiteral("q"), {}, QStringLiteral("user"), QStringLiteral("Code?"))});
        MessageRecord answer
            = message(QStringLiteral("a"), QStringLiteral("q"), QStringLiteral("assistant"), {});
        answer.status = QStringLiteral("streaming");
        view.addMessage(answer);
        view.appendDelta(
            QStringLiteral("a"), QStringLiteral("Sure:\n\n```cpp\nint main() {\n    return 0;\n"), {});
        QTest::qWait(120); // past the 50 ms render interval
        QTextBlock ret = blockWithText(view.document(), QStringLiteral("    return 0;"));
        QVERIFY2(ret.isValid(), qPrintable(view.document()->toPlainText()));
        QVERIFY(ret.layout()->formats().isEmpty()); // being written: plain
        view.appendDelta(QStringLiteral("a"), QStringLiteral("}\n```\n\nDone.\n\n"), {});
        QTRY_VERIFY(view.document()->toPlainText().contains(QStringLiteral("Done.")));
        ret = blockWithText(view.document(), QStringLiteral("    return 0;"));
        QVERIFY(colourAt(ret, 4, 6).isValid()); // the fence closed: coloured
        QVERIFY(view.document()->toPlainText().contains(QStringLiteral("cpp \u00b7 Copy code")));
        answer.content = QStringLiteral("Sure:\n\n```cpp\nint main() {\n    return 0;\n}\n```\n\nDone.\n\n");
        answer.status = QStringLiteral("done");
        view.finishMessage(answer);
        ret = blockWithText(view.document(), QStringLiteral("    return 0;"));
        QVERIFY(colourAt(ret, 4, 6).isValid());
        QCOMPARE(view.document()->toPlainText().count(QStringLiteral("Copy code")), 1);
    }
};

QTEST_MAIN(TestConversationView)
#include "tst_conversationview.moc"
