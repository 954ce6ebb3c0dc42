#pragma once

#include "storage/ChatRepository.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <span>

namespace cairn {

// A chat's messages as the tree they form: regenerating adds a sibling answer, editing a user
// message adds a sibling branch. The branch in view is the path from a root to the chat's current
// message; the context sent to a model is that path.
class MessageTree
{
public:
    MessageTree() = default;
    explicit MessageTree(QList<MessageRecord> messages);

    qsizetype size() const { return m_messages.size(); }
    // Replaces a message's record (same id and parent), e.g. as an answer streams in.
    void update(const MessageRecord &message);
    const MessageRecord *find(const QString &id) const;
    // Children of a message (or the roots, for an empty id), oldest first.
    QStringList children(const QString &parentId) const;
    // From the root down to id; empty if id is unknown.
    QStringList pathTo(const QString &id) const;
    QList<MessageRecord> branch(const QString &leafId) const;
    // The newest leaf below id (id itself when it has no children): where a switch to a sibling
    // branch lands.
    QString newestLeafBelow(const QString &id) const;
    // "‹ 2/3 ›": the 1-based position among its siblings and their number.
    int siblingIndex(const QString &id) const;
    int siblingCount(const QString &id) const;
    // The sibling `offset` steps away (clamped to the ends), or empty.
    QString sibling(const QString &id, int offset) const;
    // A usable current message: the given one if it exists, else the newest leaf of the newest root.
    QString resolveCurrent(const QString &currentId) const;

private:
    // Children of the message at index (or of the roots, for -1), oldest first, as indexes.
    std::span<const qsizetype> childIndexes(qsizetype parent) const;
    qsizetype indexOf(const QString &id) const;
    QList<qsizetype> pathIndexes(qsizetype leaf) const;
    QStringList idsOf(std::span<const qsizetype> indexes) const;

    QList<MessageRecord> m_messages;
    QHash<QString, qsizetype> m_index;
    // The tree as flat arrays (a long chat is thousands of messages; no container per message):
    // m_parent[i] is the index of i's parent (-1: a root); the children of i are
    // m_children[m_childStart[i] .. m_childStart[i + 1]), the roots' are at slot size().
    QList<qsizetype> m_parent;
    QList<qsizetype> m_childStart;
    QList<qsizetype> m_children;
};

} // namespace cairn
