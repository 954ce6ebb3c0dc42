#include "gui/chat/ConversationView.h"

#include <QJsonArray>
#include <QJsonObject>

#include "chat/Attachments.h"
#include "chat/CodeBlocks.h"
#include "gui/chat/CodeHighlighter.h"

#include <QBuffer>
#include <QDesktopServices>
#include <QFutureWatcher>
#include <QImageReader>
#include <QLocale>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

namespace cairn {

namespace {

QString anchor(const QString &action, const QString &id, int value = 0)
{
    return QStringLiteral("cairn:%1?id=%2&v=%3").arg(action, id).arg(value);
}

// Keeps "<" and "&" from becoming HTML in the rendered Markdown.
QString safe(QString text)
{
    text.replace(QLatin1Char('<'), QStringLiteral("&lt;"));
    return text;
}

// What closes a code block left open at the end of a text (nothing if none is).
QString closingFence(const QString &text)
{
    if (!text.contains(QLatin1Char('`')) && !text.contains(QLatin1Char('~')))
        return {};
    const QList<CodeBlocks::Block> blocks = CodeBlocks::parse(text);
    if (blocks.isEmpty() || blocks.constLast().closed)
        return {};
    return QStringLiteral("\n") + blocks.constLast().fence;
}

// Inserts Markdown as blocks of their own at the cursor, which must be at the start of an empty
// block (left as a plain paragraph): a fragment's first block would otherwise merge into that block
// and lose its kind (code, heading, list item), so a throwaway first paragraph takes that place and
// is removed again. The cursor ends after the inserted text.
void insertBlocks(QTextCursor &c, const QString &markdown)
{
    if (markdown.trimmed().isEmpty())
        return;
    const int at = c.position();
    c.setBlockFormat(QTextBlockFormat());
    c.setBlockCharFormat(QTextCharFormat());
    c.insertMarkdown(QStringLiteral("\u200b\n\n") + markdown);
    const int end = c.position();
    QTextDocument *doc = c.document();
    if (doc->characterAt(at) != QChar(0x200b))
        return;
    QTextCursor dummy(doc);
    dummy.setPosition(at);
    // The stand-in paragraph and the end of its block go, so the next block takes its place, unless a
    // table (a frame) starts there: then only its character goes, leaving an empty
    // paragraph before the table.
    const bool paragraphFollows = doc->characterAt(at + 1) == QChar::ParagraphSeparator
        && QTextCursor(doc->findBlock(at + 2)).currentFrame() == dummy.currentFrame();
    dummy.setPosition(paragraphFollows ? at + 2 : at + 1, QTextCursor::KeepAnchor);
    dummy.removeSelectedText();
    c.setPosition(end - (paragraphFollows ? 2 : 1));
}

// Moves the cursor to the end and opens an empty block there if the last one has text.
void openBlockAtEnd(QTextCursor &c)
{
    c.movePosition(QTextCursor::End);
    if (c.block().length() > 1)
        c.insertBlock(QTextBlockFormat(), QTextCharFormat());
}

} // namespace

ConversationView::ConversationView(QWidget *parent)
    : QTextBrowser(parent), m_highlighter(new CodeHighlighter(document()))
{
    m_highlighter->setDark(palette().color(QPalette::Base).lightness() < 128);
    setObjectName(QStringLiteral("conversation"));
    setAccessibleName(tr("Conversation"));
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(16);
    connect(this, &QTextBrowser::anchorClicked, this, &ConversationView::onAnchor);
    m_streamTimer.setSingleShot(true);
    m_streamTimer.setInterval(50);
    connect(&m_streamTimer, &QTimer::timeout, this, &ConversationView::renderStreaming);
}

void ConversationView::mergeMessages(const QString &chatId, const QList<MessageRecord> &messages)
{
    if (chatId != m_chat.id)
        return;
    for (const MessageRecord &full : messages) {
        for (MessageRecord &m : m_messages) {
            if (m.id == full.id)
                m = full;
        }
        m_loaded.insert(full.id);
        m_requested.remove(full.id);
    }
    m_tree = MessageTree(m_messages);
    render();
}

void ConversationView::clear()
{
    m_chat = {};
    m_messages.clear();
    m_tree = MessageTree();
    m_current.clear();
    m_streamingId.clear();
    QTextBrowser::clear();
}

void ConversationView::setChat(
    const ChatRecord &chat, const QList<MessageRecord> &messages, const QStringList &complete)
{
    m_chat = chat;
    m_messages = messages;
    m_loaded.clear();
    m_requested.clear();
    if (complete.isEmpty()) {
        for (const MessageRecord &m : messages)
            m_loaded.insert(m.id);
    } else {
        for (const QString &id : complete)
            m_loaded.insert(id);
    }
    m_tree = MessageTree(m_messages);
    m_current = m_tree.resolveCurrent(chat.currentMessageId);
    m_window = kWindow;
    m_streamingId.clear();
    for (const MessageRecord &m : messages) {
        if (m.status == QStringLiteral("streaming"))
            m_streamingId = m.id;
    }
    render();
}

QString ConversationView::markdownFor(const MessageRecord &m) const
{
    const QLocale locale;
    QStringList facts;
    QString who;
    if (m.role == QStringLiteral("user"))
        who = tr("You");
    else if (m.role == QStringLiteral("assistant"))
        who = m.model.isEmpty() ? tr("Assistant") : m.model;
    else
        who = m.role;
    facts.append(QStringLiteral("**%1**").arg(safe(who)));
    facts.append(locale.toString(QDateTime::fromMSecsSinceEpoch(m.createdAt), QLocale::ShortFormat));
    if (m.promptTokens || m.completionTokens)
        facts.append(
            tr("%1 → %2 tokens").arg(m.promptTokens.value_or(0)).arg(m.completionTokens.value_or(0)));
    if (m.latencyMs)
        facts.append(tr("%1 s").arg(locale.toString(static_cast<double>(*m.latencyMs) / 1000.0, 'f', 1)));
    if (m.cost)
        facts.append(QStringLiteral("$") + locale.toString(*m.cost, 'f', *m.cost < 0.01 ? 5 : 3));
    QStringList actions;
    const int count = m_tree.siblingCount(m.id);
    if (count > 1)
        actions.append(QStringLiteral("[‹](%1) %2/%3 [›](%4)")
                           .arg(anchor(QStringLiteral("sibling"), m.id, -1))
                           .arg(m_tree.siblingIndex(m.id))
                           .arg(count)
                           .arg(anchor(QStringLiteral("sibling"), m.id, 1)));
    if (m.id != m_streamingId) {
        actions.append(QStringLiteral("[%1](%2)").arg(tr("Copy"), anchor(QStringLiteral("copy"), m.id)));
        if (m.role == QStringLiteral("assistant") && m.rating != 0)
            actions.append(
                QStringLiteral("[%1](%2)")
                    .arg(m.ratingComment.isEmpty() ? tr("Comment\u2026") : tr("Edit comment\u2026"),
                        anchor(QStringLiteral("comment"), m.id)));
        if (m.role == QStringLiteral("assistant")) {
            actions.append(
                QStringLiteral("[%1](%2)").arg(tr("Regenerate"), anchor(QStringLiteral("regenerate"), m.id)));
            actions.append(
                QStringLiteral("[%1](%2)")
                    .arg(m.rating > 0 ? tr("Liked") : tr("Good"), anchor(QStringLiteral("rate"), m.id, 1)));
            actions.append(QStringLiteral("[%1](%2)")
                               .arg(m.rating < 0 ? tr("Disliked") : tr("Bad"),
                                   anchor(QStringLiteral("rate"), m.id, -1)));
        } else if (m.role == QStringLiteral("user")) {
            actions.append(QStringLiteral("[%1](%2)").arg(tr("Edit"), anchor(QStringLiteral("edit"), m.id)));
        }
        actions.append(QStringLiteral("[%1](%2)").arg(tr("Delete"), anchor(QStringLiteral("delete"), m.id)));
    }
    QString md = facts.join(QStringLiteral(" · "));
    if (!actions.isEmpty())
        md += QStringLiteral(" · ") + actions.join(QStringLiteral(" · "));
    md += QStringLiteral("\n\n");
    if (m.rating != 0 && !m.ratingComment.isEmpty())
        md += QStringLiteral("> *%1* %2\n\n").arg(tr("Your comment:"), safe(m.ratingComment));
    if (!m.reasoning.isEmpty()) {
        QString thinking = m.reasoning.trimmed();
        thinking.replace(QLatin1Char('\n'), QStringLiteral("\n> "));
        md += QStringLiteral("> *%1* ").arg(tr("Thinking:")) + safe(thinking) + QStringLiteral("\n\n");
    }
    md += decorated(m, 0, m.content.size());
    md += closingFence(m.content); // a code block still being written is closed for display
    md += QStringLiteral("\n\n");
    // Attached files: a link to save each, and a thumbnail of each image.
    for (int i = 0; i < m.attachments.size(); ++i) {
        const AttachmentRef &a = m.attachments[i];
        QString name = safe(a.name);
        name.replace(QLatin1Char('['), QStringLiteral("\\["))
            .replace(QLatin1Char(']'), QStringLiteral("\\]"));
        md += QStringLiteral("*%1* [%2](%3) \u00b7 %4\n\n")
                  .arg(a.kind == QStringLiteral("image") ? tr("Image:") : tr("File:"), name,
                      anchor(QStringLiteral("attachment"), m.id, i), Attachments::sizeText(a.size));
        if (a.kind == QStringLiteral("image"))
            md += QStringLiteral("![%1](cairn-attachment:%2)\n\n").arg(name, a.id);
    }
    // The knowledge the answer drew on (below the answer; while it streams, once it is done).
    if (m.id != m_streamingId)
        md += sourcesMarkdown(m);
    if (m.status == QStringLiteral("stopped"))
        md += QStringLiteral("*%1*\n\n").arg(tr("Stopped."));
    else if (m.status == QStringLiteral("interrupted"))
        md += QStringLiteral("*%1*\n\n")
                  .arg(tr("Interrupted: Cairn stopped while this answer arrived; this is what had arrived."));
    else if (m.status == QStringLiteral("error"))
        md += QStringLiteral("> **%1** %2\n\n").arg(tr("Error:"), safe(m.error));
    return md;
}

QString ConversationView::decorated(const MessageRecord &m, qsizetype from, qsizetype to) const
{
    QString out;
    qsizetype at = from;
    for (const CodeBlocks::Opening &o : CodeBlocks::openings(m.content, 0, to, 0)) {
        if (o.lineStart < from)
            continue;
        out += safe(m.content.mid(at, o.lineStart - at));
        QString line = QStringLiteral("[%1](%2)")
                           .arg(tr("Copy code"), anchor(QStringLiteral("copycode"), m.id, o.index));
        if (!o.language.isEmpty())
            line = QStringLiteral("*%1* \u00b7 ").arg(safe(o.language).toHtmlEscaped()) + line;
        out += QStringLiteral("\n") + line + QStringLiteral("\n");
        at = o.lineStart;
    }
    out += safe(m.content.mid(at, to - at));
    return out;
}

QString ConversationView::sourcesMarkdown(const MessageRecord &m) const
{
    // Numbered as the answer cites them; each opens its chunk. Names and messages are shown as plain text:
    // every punctuation mark is escaped, so a name or an error cannot end the link or start markup.
    const auto plain = [](const QString &text) {
        QString out;
        for (const QChar c : text.simplified()) {
            if (c == u'<')
                out += QStringLiteral("&lt;");
            else if (c.unicode() < 128 && (c.isPunct() || c.isSymbol()))
                out += u'\\' + QString(c);
            else
                out += c;
        }
        return out;
    };
    QString md;
    const QJsonArray sources = m.meta.value(QStringLiteral("sources")).toArray();
    // Why there are none: the bases could not be searched, or nothing in them matched; and how
    // the search went when it changed mode (a hybrid search without vectors, say).
    const QString note = m.meta.value(QStringLiteral("sources_note")).toString();
    const QString noteLine = note.isEmpty() ? QString() : QStringLiteral("*%1*\n\n").arg(plain(note));
    const QString error = m.meta.value(QStringLiteral("sources_error")).toString();
    if (!error.isEmpty())
        return QStringLiteral("*%1* %2\n\n")
            .arg(tr("The knowledge bases could not be searched:"), plain(error));
    if (sources.isEmpty()) {
        if (m.meta.value(QStringLiteral("sources_none")).toBool())
            md = QStringLiteral("*%1*\n\n")
                     .arg(tr("Nothing in the attached knowledge bases matched this question."));
        return md.isEmpty() ? md : md + noteLine;
    }
    QStringList links;
    for (const QJsonValue &v : sources) {
        const QJsonObject o = v.toObject();
        const QString name = plain(o.value(QStringLiteral("document")).toString());
        const int n = o.value(QStringLiteral("n")).toInt();
        links.append(QStringLiteral("[\\[%1\\] %2 #%3](%4)")
                         .arg(QString::number(n), name,
                             QString::number(o.value(QStringLiteral("position")).toInt() + 1),
                             anchor(QStringLiteral("source"), m.id, n)));
    }
    md += QStringLiteral("*%1* ").arg(tr("Sources:")) + links.join(QStringLiteral(" \u00b7 "))
        + QStringLiteral("\n\n");
    return md + noteLine;
}

void ConversationView::render()
{
    const QList<MessageRecord> branch = m_tree.branch(m_current);
    QString md;
    qsizetype from = 0;
    if (branch.size() > m_window) {
        from = branch.size() - m_window;
        md += QStringLiteral("[%1](%2)\n\n---\n\n")
                  .arg(tr("Show %1 earlier messages").arg(from), anchor(QStringLiteral("more"), {}));
    }
    QString streamingPart;
    QStringList missing;
    for (qsizetype i = from; i < branch.size(); ++i) {
        const MessageRecord &m = branch.at(i);
        if (!m_loaded.contains(m.id)) {
            if (!m_requested.contains(m.id)) {
                missing.append(m.id);
                m_requested.insert(m.id);
            }
            md += QStringLiteral("*%1*\n\n---\n\n").arg(tr("Loading\u2026"));
            continue;
        }
        if (m.id == m_streamingId && i == branch.size() - 1) {
            MessageRecord header = m; // who and when; the text follows block by block
            header.content.clear();
            header.reasoning.clear();
            streamingPart = markdownFor(header);
            if (md.endsWith(QStringLiteral("---\n\n"))) { // the rule goes with the part that is replaced
                md.chop(5);
                streamingPart.prepend(QStringLiteral("---\n\n"));
            }
            break;
        }
        md += markdownFor(m) + QStringLiteral("---\n\n");
    }
    if (streamingPart.isEmpty() && md.endsWith(QStringLiteral("---\n\n")))
        md.chop(5); // rules go between messages
    m_highlighter->colourUntil(-1);
    setMarkdown(md);
    m_streamStart = -1;
    if (!streamingPart.isEmpty()) {
        QTextCursor c(document());
        openBlockAtEnd(c);
        m_headerStart = c.position();
        insertBlocks(c, streamingPart);
        openBlockAtEnd(c);
        m_streamStart = c.position();
        m_tailStart = m_streamStart;
        m_streamCommitted = 0;
        m_highlighter->colourUntil(m_tailStart); // what is being written stays plain
        renderStreaming();
    }
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    if (!missing.isEmpty())
        Q_EMIT needMessages(m_chat.id, missing);
}

namespace { } // namespace

void ConversationView::renderStreaming()
{
    if (m_streamingId.isEmpty() || m_streamStart < 0) {
        render();
        return;
    }
    const MessageRecord *m = m_tree.find(m_streamingId);
    if (!m)
        return;
    QScrollBar *bar = verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 4;
    // Only the block being written is re-rendered: finished blocks (up to the last blank line
    // outside a code fence) are added once, so a long answer costs the same per update as a short
    // one, and a code block is laid out (and coloured, where that applies) once its fence closes.
    QTextCursor c(document());
    c.beginEditBlock();
    c.setPosition(m_tailStart);
    c.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    c.removeSelectedText();
    const QString &content = m->content;
    const qsizetype finished = CodeBlocks::finishedEnd(content, m_streamCommitted);
    if (finished > m_streamCommitted) {
        insertBlocks(c, decorated(*m, m_streamCommitted, finished));
        m_streamCommitted = finished;
        openBlockAtEnd(c);
        m_tailStart = c.position();
        m_highlighter->colourUntil(m_tailStart); // a block whose fence closed is coloured once
    }
    QString tail = content.mid(m_streamCommitted);
    if (content.isEmpty() && !m->reasoning.isEmpty()) {
        // While the model thinks: the latest of its thinking, the whole of it once it answered.
        QString thinking = m->reasoning.right(400).simplified();
        tail = QStringLiteral("> *%1* \u2026%2").arg(tr("Thinking:"), safe(thinking));
    } else {
        tail = safe(tail) + closingFence(tail); // a code block still being written, closed for display
    }
    if (!tail.isEmpty())
        insertBlocks(c, tail);
    c.endEditBlock();
    if (atBottom)
        bar->setValue(bar->maximum());
}

void ConversationView::addMessage(const MessageRecord &message)
{
    if (message.chatId != m_chat.id)
        return;
    m_messages.append(message);
    m_loaded.insert(message.id);
    m_tree = MessageTree(m_messages);
    m_current = message.id;
    if (message.status == QStringLiteral("streaming"))
        m_streamingId = message.id;
    render();
}

void ConversationView::appendDelta(const QString &messageId, const QString &content, const QString &reasoning)
{
    // The newest message is at the end: search from there, and update the tree in place (a tree of
    // thousands of messages is not rebuilt for every token).
    for (auto it = m_messages.rbegin(); it != m_messages.rend(); ++it) {
        if (it->id == messageId) {
            it->content += content;
            it->reasoning += reasoning;
            m_tree.update(*it);
            break;
        }
    }
    if (messageId != m_streamingId)
        return;
    if (!m_streamTimer.isActive())
        m_streamTimer.start();
}

void ConversationView::finishMessage(const MessageRecord &message)
{
    if (message.chatId != m_chat.id)
        return;
    for (MessageRecord &m : m_messages) {
        if (m.id == message.id)
            m = message;
    }
    m_loaded.insert(message.id);
    m_streamTimer.stop();
    const bool wasStreamed = m_streamingId == message.id && m_streamStart >= 0 && m_headerStart >= 0;
    if (!wasStreamed || message.content.isEmpty()) {
        m_tree = MessageTree(m_messages);
        if (m_streamingId == message.id)
            m_streamingId.clear();
        render();
        return;
    }
    // The answer is on screen already: finish its last block, add its status, and replace its
    // header (now with tokens, timing and actions) instead of laying out the whole conversation
    // again, which for a long answer would stall the window.
    m_tree.update(message);
    renderStreaming();
    m_streamingId.clear();
    m_highlighter->colourUntil(-1);
    QTextCursor c(document());
    c.movePosition(QTextCursor::End);
    QString status;
    if (message.status == QStringLiteral("stopped"))
        status = QStringLiteral("*%1*").arg(tr("Stopped."));
    else if (message.status == QStringLiteral("error"))
        status = QStringLiteral("> **%1** %2").arg(tr("Error:"), safe(message.error));
    if (!status.isEmpty()) {
        openBlockAtEnd(c);
        insertBlocks(c, status);
    }
    const QString sources = sourcesMarkdown(message);
    if (!sources.isEmpty()) {
        openBlockAtEnd(c);
        insertBlocks(c, sources);
    }
    MessageRecord header = message;
    header.content.clear();
    for (const char *key : {"sources", "sources_none", "sources_error", "sources_note"})
        header.meta.remove(QLatin1String(key)); // shown below the answer
    header.status = QStringLiteral("done");
    // The header's blocks, not the break before the answer's first block.
    c.setPosition(m_headerStart);
    c.setPosition(m_streamStart - 1, QTextCursor::KeepAnchor);
    c.beginEditBlock();
    c.removeSelectedText();
    insertBlocks(c, QStringLiteral("---\n\n") + markdownFor(header));
    c.endEditBlock();
    m_streamStart = -1;
    m_headerStart = -1;
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

void ConversationView::showSibling(const QString &messageId, int offset)
{
    const QString sibling = m_tree.sibling(messageId, offset);
    if (sibling.isEmpty() || sibling == messageId)
        return;
    m_current = m_tree.newestLeafBelow(sibling);
    render();
    Q_EMIT currentMessageChanged(m_chat.id, m_current);
}

void ConversationView::scrollToMessage(const QString &messageId)
{
    const QStringList path = m_tree.pathTo(m_current);
    const qsizetype at = path.indexOf(messageId);
    const MessageRecord *m = m_tree.find(messageId);
    if (at < 0 || !m)
        return;
    if (path.size() - at > m_window) {
        m_window = static_cast<int>(path.size() - at);
        render();
    }
    // The message's first line of text, found in the rendered document.
    const QString probe = m->content.section(QLatin1Char('\n'), 0, 0).simplified().left(60);
    QTextCursor found = probe.isEmpty() ? QTextCursor() : document()->find(probe);
    if (!found.isNull()) {
        setTextCursor(found);
        ensureCursorVisible();
    }
}

QString ConversationView::lastAnswerText() const
{
    const QList<MessageRecord> b = branch();
    for (auto it = b.crbegin(); it != b.crend(); ++it) {
        if (it->role == QStringLiteral("assistant"))
            return it->content;
    }
    return {};
}

void ConversationView::onAnchor(const QUrl &url)
{
    if (url.scheme() != QStringLiteral("cairn")) {
        // Links in answers open outside, never inside the app.
        if (url.scheme() == QStringLiteral("https") || url.scheme() == QStringLiteral("http"))
            QDesktopServices::openUrl(url);
        return;
    }
    const QUrlQuery q(url);
    const QString id = q.queryItemValue(QStringLiteral("id"));
    const int v = q.queryItemValue(QStringLiteral("v")).toInt();
    const QString action = url.path();
    const MessageRecord *m = m_tree.find(id);
    if (action == QStringLiteral("more")) {
        m_window += kWindow;
        render();
        verticalScrollBar()->setValue(0);
    } else if (action == QStringLiteral("sibling")) {
        showSibling(id, v);
    } else if (action == QStringLiteral("copy") && m) {
        Q_EMIT copyRequested(m->content);
    } else if (action == QStringLiteral("regenerate") && m) {
        Q_EMIT regenerateRequested(id);
    } else if (action == QStringLiteral("edit") && m) {
        Q_EMIT editRequested(id, m->content);
    } else if (action == QStringLiteral("delete") && m) {
        Q_EMIT deleteRequested(id);
    } else if (action == QStringLiteral("copycode") && m) {
        const QList<CodeBlocks::Block> blocks = CodeBlocks::parse(m->content);
        if (v >= 0 && v < blocks.size())
            Q_EMIT copyRequested(blocks.at(v).code);
    } else if (action == QStringLiteral("source") && m) {
        for (const QJsonValue &source : m->meta.value(QStringLiteral("sources")).toArray()) {
            const QJsonObject o = source.toObject();
            if (o.value(QStringLiteral("n")).toInt() == v)
                Q_EMIT sourceRequested(v, o.value(QStringLiteral("document")).toString(),
                    o.value(QStringLiteral("position")).toInt(), o.value(QStringLiteral("text")).toString());
        }
    } else if (action == QStringLiteral("comment") && m) {
        Q_EMIT commentRequested(id);
    } else if (action == QStringLiteral("attachment") && m && v >= 0 && v < m->attachments.size()) {
        Q_EMIT attachmentRequested(m->attachments.at(v));
    } else if (action == QStringLiteral("rate") && m) {
        const int rating = m->rating == v ? 0 : v;
        for (MessageRecord &r : m_messages) {
            if (r.id == id) {
                r.rating = rating;
                if (rating == 0)
                    r.ratingComment.clear();
            }
        }
        m_tree = MessageTree(m_messages);
        render();
        Q_EMIT rateRequested(id, rating);
    }
}

void ConversationView::setRatingComment(const QString &messageId, const QString &comment)
{
    for (MessageRecord &r : m_messages) {
        if (r.id == messageId)
            r.ratingComment = comment;
    }
    m_tree = MessageTree(m_messages);
    render();
}

QVariant ConversationView::loadResource(int type, const QUrl &name)
{
    // Nothing is ever read from a path or the network: Markdown from a model or an imported file
    // may name any file (a device, a pipe, a share). Unknown names get an empty 1x1 image, which
    // also keeps QTextDocument from trying files itself.
    static const QImage blank = [] {
        QImage image(1, 1, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        return image;
    }();
    if (type != QTextDocument::ImageResource)
        return QString();
    if (name.scheme() != QStringLiteral("cairn-attachment"))
        return blank;
    const QString id = name.path();
    const auto it = m_thumbnails.constFind(id);
    if (it != m_thumbnails.constEnd())
        return *it;
    if (!m_thumbnailsWanted.contains(id)) {
        m_thumbnailsWanted.insert(id);
        Q_EMIT attachmentImageWanted(id);
    }
    return blank;
}

void ConversationView::setAttachmentImage(const AttachmentData &attachment)
{
    if (!m_thumbnailsWanted.contains(attachment.ref.id) || m_thumbnails.contains(attachment.ref.id))
        return;
    // Decoding a large photo takes a while: it is read at thumbnail size on a pool thread.
    const QString id = attachment.ref.id;
    const QByteArray bytes = attachment.data;
    auto *watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, id] {
        const QImage image = watcher->result();
        watcher->deleteLater();
        if (image.isNull())
            return;
        m_thumbnails.insert(id, image);
        document()->addResource(
            QTextDocument::ImageResource, QUrl(QStringLiteral("cairn-attachment:") + id), image);
        document()->markContentsDirty(0, document()->characterCount()); // the image takes its place
    });
    watcher->setFuture(QtConcurrent::run([bytes]() {
        QBuffer buffer;
        buffer.setData(bytes);
        QImageReader reader(&buffer);
        constexpr int kMax = 240; // a thumbnail; the file itself is a click away
        const QSize size = reader.size();
        if (size.isValid() && (size.width() > kMax || size.height() > kMax))
            reader.setScaledSize(size.scaled(kMax, kMax, Qt::KeepAspectRatio));
        return reader.read();
    }));
}

} // namespace cairn
