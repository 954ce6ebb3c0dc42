#include "chat/MessageTree.h"

#include <QSet>

#include <algorithm>

namespace cairn {

MessageTree::MessageTree(QList<MessageRecord> messages) : m_messages(std::move(messages))
{
    const auto older
        = [](const MessageRecord &a, const MessageRecord &b) { return a.createdAt < b.createdAt; };
    if (!std::is_sorted(m_messages.cbegin(), m_messages.cend(), older)) // from the database they are
        std::stable_sort(m_messages.begin(), m_messages.end(), older);
    m_index.reserve(m_messages.size());
    for (qsizetype i = 0; i < m_messages.size(); ++i)
        m_index.insert(m_messages.at(i).id, i); // at(): no detach from the caller's list
    for (const MessageRecord &m : std::as_const(m_messages)) {
        // A parent that is not in the chat makes the message a root.
        const QString parent = m_index.contains(m.parentId) ? m.parentId : QString();
        m_children[parent].append(m.id);
    }
}

void MessageTree::update(const MessageRecord &message)
{
    const auto it = m_index.constFind(message.id);
    if (it != m_index.constEnd() && m_messages[*it].parentId == message.parentId)
        m_messages[*it] = message;
}

const MessageRecord *MessageTree::find(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.constEnd() ? nullptr : &m_messages[*it];
}

QStringList MessageTree::children(const QString &parentId) const
{
    return m_children.value(parentId);
}

QStringList MessageTree::pathTo(const QString &id) const
{
    QStringList path;
    QSet<QString> seen;
    const MessageRecord *m = find(id);
    while (m && !seen.contains(m->id)) {
        seen.insert(m->id);
        path.append(m->id);
        m = find(m->parentId);
    }
    std::reverse(path.begin(), path.end()); // appended leaf-first: prepending would be quadratic
    return path;
}

QList<MessageRecord> MessageTree::branch(const QString &leafId) const
{
    QList<MessageRecord> out;
    const QStringList path = pathTo(leafId);
    out.reserve(path.size());
    for (const QString &id : path)
        out.append(*find(id));
    return out;
}

QString MessageTree::newestLeafBelow(const QString &id) const
{
    QString at = id;
    QSet<QString> seen;
    while (!seen.contains(at)) {
        seen.insert(at);
        const QStringList kids = m_children.value(at);
        if (kids.isEmpty())
            break;
        at = kids.last();
    }
    return at;
}

int MessageTree::siblingIndex(const QString &id) const
{
    const MessageRecord *m = find(id);
    if (!m)
        return 0;
    const QStringList sibs = m_children.value(m_index.contains(m->parentId) ? m->parentId : QString());
    return static_cast<int>(sibs.indexOf(id)) + 1;
}

int MessageTree::siblingCount(const QString &id) const
{
    const MessageRecord *m = find(id);
    if (!m)
        return 0;
    return static_cast<int>(m_children.value(m_index.contains(m->parentId) ? m->parentId : QString()).size());
}

QString MessageTree::sibling(const QString &id, int offset) const
{
    const MessageRecord *m = find(id);
    if (!m)
        return {};
    const QStringList sibs = m_children.value(m_index.contains(m->parentId) ? m->parentId : QString());
    const qsizetype at = std::clamp<qsizetype>(sibs.indexOf(id) + offset, 0, sibs.size() - 1);
    return sibs.value(at);
}

QString MessageTree::resolveCurrent(const QString &currentId) const
{
    if (find(currentId))
        return currentId;
    const QStringList roots = m_children.value(QString());
    return roots.isEmpty() ? QString() : newestLeafBelow(roots.last());
}

} // namespace cairn
