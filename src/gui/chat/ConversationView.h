#pragma once

#include "chat/MessageTree.h"
#include "storage/ChatRepository.h"

#include <QHash>
#include <QImage>
#include <QSet>
#include <QTextBrowser>
#include <QTimer>

namespace cairn {

class CodeHighlighter;

// One conversation: the branch in view, rendered from Markdown (headings, lists, tables, links,
// quotes, code), with who spoke, the model, the time, tokens, latency and cost. Long conversations
// show their latest messages first and load earlier ones on request. A streaming answer re-renders
// only its own part, at most every 50 ms.
class ConversationView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit ConversationView(QWidget *parent = nullptr);

    // messages: every message of the chat; complete: those whose text is there (empty: all).
    void setChat(
        const ChatRecord &chat, const QList<MessageRecord> &messages, const QStringList &complete = {});
    // Texts that arrived for messages of the outline.
    // Scrolls to a message of the branch in view (widening the rendered window if need be).
    void scrollToMessage(const QString &messageId);
    void mergeMessages(const QString &chatId, const QList<MessageRecord> &messages);
    void clear();
    QString chatId() const { return m_chat.id; }
    QString currentMessageId() const { return m_current; }
    const MessageTree &tree() const { return m_tree; }
    // The rendered branch, oldest first.
    QList<MessageRecord> branch() const { return m_tree.branch(m_current); }

    void addMessage(const MessageRecord &message);
    void appendDelta(const QString &messageId, const QString &content, const QString &reasoning);
    void finishMessage(const MessageRecord &message);
    void showSibling(const QString &messageId, int offset);
    QString lastAnswerText() const;

    static constexpr int kWindow = 20; // messages rendered at first (more on request)

Q_SIGNALS:
    // A numbered source of an answer was clicked: its document, chunk position and text.
    void sourceRequested(int number, const QString &document, int position, const QString &text);
    void currentMessageChanged(const QString &chatId, const QString &messageId);
    // The branch in view reaches messages whose text has not been read yet.
    void needMessages(const QString &chatId, const QStringList &ids);
    void regenerateRequested(const QString &answerId);
    void editRequested(const QString &userMessageId, const QString &text);
    void copyRequested(const QString &text);
    void deleteRequested(const QString &messageId); // the message and everything below it
    void rateRequested(const QString &messageId, int rating);
    void commentRequested(const QString &messageId); // a comment on the rating
    void attachmentRequested(const cairn::AttachmentRef &attachment); // to save it
    void attachmentImageWanted(const QString &attachmentId); // its bytes, for a thumbnail

public Q_SLOTS:
    void setAttachmentImage(const cairn::AttachmentData &attachment);
    void setRatingComment(const QString &messageId, const QString &comment);

protected:
    QVariant loadResource(int type, const QUrl &name) override;

private:
    void render();
    void renderStreaming();
    QString sourcesMarkdown(const MessageRecord &m) const;
    QString markdownFor(const MessageRecord &m) const;
    // The message's Markdown from `from` to `to`, made safe, with a "Copy code" link above each code
    // block that starts there.
    QString decorated(const MessageRecord &m, qsizetype from, qsizetype to) const;
    void onAnchor(const QUrl &url);

    ChatRecord m_chat;
    QList<MessageRecord> m_messages;
    MessageTree m_tree;
    QSet<QString> m_loaded; // messages whose text is here
    QSet<QString> m_requested;
    QString m_current;
    int m_window = kWindow;
    QString m_streamingId;
    int m_headerStart = -1; // where the streaming message's header begins in the document
    int m_streamStart = -1; // where the streaming message's text begins in the document
    int m_tailStart = -1; // where its unfinished last block begins
    qsizetype m_streamCommitted = 0; // characters of its text rendered as finished blocks
    QTimer m_streamTimer;
    CodeHighlighter *m_highlighter;
    QHash<QString, QImage> m_thumbnails; // by attachment id
    QSet<QString> m_thumbnailsWanted;
};

} // namespace cairn
