#include "chat/MessageTree.h"

#include <algorithm>
#include <vector>

namespace cairn {

MessageTree::MessageTree(QList<MessageRecord> messages) : m_messages(std::move(messages))
{
    const auto older
        = [](const MessageRecord &a, const MessageRecord &b) { return a.createdAt < b.createdAt; };
    if (!std::is_sorted(m_messages.cbegin(), m_messages.cend(), older)) // from the database they are
        std::stable_sort(m_messages.begin(), m_messages.end(), older);
    const qsizetype n = m_messages.size();
    m_index.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        m_index.insert(m_messages.at(i).id, i); // at(): no detach from the caller's list
    // Children grouped by parent with a counting sort: slot n holds the roots. A parent that is not
    // in the chat makes the message a root.
    m_parent.resize(n);
    m_childStart.fill(0, n + 2);
    for (qsizetype i = 0; i < n; ++i) {
        const QString &parentId = m_messages.at(i).parentId;
        const qsizetype p = parentId.isEmpty() ? -1 : indexOf(parentId);
        m_parent[i] = p;
        ++m_childStart[(p < 0 ? n : p) + 1];
    }
    for (qsizetype slot = 0; slot <= n; ++slot)
        m_childStart[slot + 1] += m_childStart[slot];
    m_children.resize(n);
    QList<qsizetype> fill(m_childStart.cbegin(), m_childStart.cend() - 1);
    for (qsizetype i = 0; i < n; ++i) { // in time order, so children are oldest first
        const qsizetype slot = m_parent[i] < 0 ? n : m_parent[i];
        m_children[fill[slot]++] = i;
    }
}

qsizetype MessageTree::indexOf(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.constEnd() ? -1 : *it;
}

std::span<const qsizetype> MessageTree::childIndexes(qsizetype parent) const
{
    const qsizetype slot = parent < 0 ? m_messages.size() : parent;
    if (m_childStart.isEmpty())
        return {};
    return {m_children.constData() + m_childStart[slot],
        static_cast<size_t>(m_childStart[slot + 1] - m_childStart[slot])};
}

QStringList MessageTree::idsOf(std::span<const qsizetype> indexes) const
{
    QStringList out;
    out.reserve(static_cast<qsizetype>(indexes.size()));
    for (const qsizetype i : indexes)
        out.append(m_messages.at(i).id);
    return out;
}

void MessageTree::update(const MessageRecord &message)
{
    const auto it = m_index.constFind(message.id);
    if (it != m_index.constEnd() && m_messages[*it].parentId == message.parentId)
        m_messages[*it] = message;
}

const MessageRecord *MessageTree::find(const QString &id) const
{
    const qsizetype i = indexOf(id);
    return i < 0 ? nullptr : &m_messages[i];
}

QStringList MessageTree::children(const QString &parentId) const
{
    if (parentId.isEmpty())
        return idsOf(childIndexes(-1));
    const qsizetype p = indexOf(parentId);
    return p < 0 ? QStringList() : idsOf(childIndexes(p));
}

QList<qsizetype> MessageTree::pathIndexes(qsizetype leaf) const
{
    // Leaf first; a loop in the parent links (a broken import) ends where it comes back.
    QList<qsizetype> path;
    std::vector<bool> seen(static_cast<size_t>(m_messages.size()), false);
    for (qsizetype i = leaf; i >= 0 && !seen[static_cast<size_t>(i)]; i = m_parent[i]) {
        seen[static_cast<size_t>(i)] = true;
        path.append(i);
    }
    return path;
}

QStringList MessageTree::pathTo(const QString &id) const
{
    const QList<qsizetype> path = pathIndexes(indexOf(id));
    QStringList out;
    out.reserve(path.size());
    for (auto it = path.crbegin(); it != path.crend(); ++it) // appended leaf-first
        out.append(m_messages.at(*it).id);
    return out;
}

QList<MessageRecord> MessageTree::branch(const QString &leafId) const
{
    const QList<qsizetype> path = pathIndexes(indexOf(leafId));
    QList<MessageRecord> out;
    out.reserve(path.size());
    for (auto it = path.crbegin(); it != path.crend(); ++it)
        out.append(m_messages.at(*it));
    return out;
}

QString MessageTree::newestLeafBelow(const QString &id) const
{
    qsizetype at = indexOf(id);
    if (at < 0)
        return id;
    std::vector<bool> seen(static_cast<size_t>(m_messages.size()), false);
    seen[static_cast<size_t>(at)] = true;
    for (;;) {
        const std::span<const qsizetype> kids = childIndexes(at);
        if (kids.empty() || seen[static_cast<size_t>(kids.back())])
            break;
        at = kids.back();
        seen[static_cast<size_t>(at)] = true;
    }
    return m_messages.at(at).id;
}

int MessageTree::siblingIndex(const QString &id) const
{
    const qsizetype i = indexOf(id);
    if (i < 0)
        return 0;
    const std::span<const qsizetype> sibs = childIndexes(m_parent[i]);
    return static_cast<int>(std::find(sibs.begin(), sibs.end(), i) - sibs.begin()) + 1;
}

int MessageTree::siblingCount(const QString &id) const
{
    const qsizetype i = indexOf(id);
    return i < 0 ? 0 : static_cast<int>(childIndexes(m_parent[i]).size());
}

QString MessageTree::sibling(const QString &id, int offset) const
{
    const qsizetype i = indexOf(id);
    if (i < 0)
        return {};
    const std::span<const qsizetype> sibs = childIndexes(m_parent[i]);
    const qsizetype at = std::find(sibs.begin(), sibs.end(), i) - sibs.begin();
    const qsizetype to = std::clamp<qsizetype>(at + offset, 0, static_cast<qsizetype>(sibs.size()) - 1);
    return m_messages.at(sibs[static_cast<size_t>(to)]).id;
}

QString MessageTree::resolveCurrent(const QString &currentId) const
{
    if (find(currentId))
        return currentId;
    const std::span<const qsizetype> roots = childIndexes(-1);
    return roots.empty() ? QString() : newestLeafBelow(m_messages.at(roots.back()).id);
}

} // namespace cairn
