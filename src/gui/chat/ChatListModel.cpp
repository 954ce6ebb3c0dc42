#include "gui/chat/ChatListModel.h"

#include <atomic>

#include "chat/ChatBackend.h"
#include "gui/chat/FolderTree.h"

#include <QApplication>
#include <QLocale>
#include <QMimeData>
#include <QPainter>

namespace cairn {

namespace {
constexpr int kPage = 200;

bool before(const ChatRecord &a, const ChatRecord &b)
{
    if (a.pinned != b.pinned)
        return a.pinned;
    if (a.updatedAt != b.updatedAt)
        return a.updatedAt > b.updatedAt;
    return a.id < b.id;
}
} // namespace

ChatListModel::ChatListModel(ChatBackend *backend, QObject *parent)
    : QAbstractListModel(parent), m_backend(backend)
{
    connect(backend, &ChatBackend::chatsListed, this, &ChatListModel::onListed);
    connect(backend, &ChatBackend::chatChanged, this, &ChatListModel::onChanged);
    connect(backend, &ChatBackend::chatCreated, this, &ChatListModel::onChanged);
    connect(backend, &ChatBackend::chatDeleted, this, &ChatListModel::onDeleted);
}

int ChatListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QString ChatListModel::sectionFor(const ChatRecord &chat, const QDateTime &now)
{
    if (chat.pinned)
        return tr("Pinned");
    const QDate day = QDateTime::fromMSecsSinceEpoch(chat.updatedAt).date();
    const qint64 age = day.daysTo(now.date());
    if (age <= 0)
        return tr("Today");
    if (age == 1)
        return tr("Yesterday");
    if (age < 7)
        return tr("Previous 7 days");
    if (age < 30)
        return tr("Previous 30 days");
    return QLocale().toString(day, QStringLiteral("MMMM yyyy"));
}

QVariant ChatListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ChatRecord &c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return c.title.isEmpty() ? tr("New chat") : c.title;
    case Qt::EditRole:
        return c.title;
    case Qt::ToolTipRole:
        return c.tags.isEmpty() ? c.title
                                : QString(c.title + QStringLiteral("\n") + c.tags.join(QStringLiteral(", ")));
    case Qt::AccessibleTextRole:
        return QString(sectionFor(c, QDateTime::currentDateTime()) + QStringLiteral(": ")
            + (c.title.isEmpty() ? tr("New chat") : c.title));
    case IdRole:
        return c.id;
    case SectionRole:
        return sectionFor(c, QDateTime::currentDateTime());
    case PinnedRole:
        return c.pinned;
    case RecordRole:
        return QVariant::fromValue(c);
    default:
        return {};
    }
}

bool ChatListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole)
        return false;
    const QString title = value.toString().simplified();
    if (title.isEmpty())
        return false;
    m_rows[index.row()].title = title;
    Q_EMIT dataChanged(index, index);
    m_backend->patchChat(m_rows.at(index.row()).id, [title](ChatRecord &c) { c.title = title; });
    return true;
}

Qt::ItemFlags ChatListModel::flags(const QModelIndex &index) const
{
    return QAbstractListModel::flags(index) | Qt::ItemIsEditable | Qt::ItemIsDragEnabled;
}

QStringList ChatListModel::mimeTypes() const
{
    return {QLatin1String(FolderTree::kChatMime)};
}

QMimeData *ChatListModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(QLatin1String(FolderTree::kChatMime), indexes.first().data(IdRole).toString().toUtf8());
    return mime;
}

void ChatListModel::setFolder(const std::optional<QString> &folderId)
{
    if (m_filter.folderId == folderId)
        return;
    m_filter.folderId = folderId;
    reload();
}

bool ChatListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_pending && (m_total < 0 || m_rows.size() < m_total);
}

namespace {

// Request ids are unique across every list on a backend (the chat list and the Folders pane's
// share one), so a model never takes another's answer for its own.
int nextRequestId()
{
    static std::atomic<int> counter {0};
    return ++counter;
}

} // namespace

void ChatListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_pending = true;
    m_requestId = nextRequestId();
    m_backend->listChats(m_requestId, m_filter, static_cast<int>(m_rows.size()), kPage);
}

void ChatListModel::setArchived(bool archived)
{
    if (m_filter.archived == archived)
        return;
    m_filter.archived = archived;
    reload();
}

void ChatListModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_total = -1;
    m_pending = false;
    m_requestId = nextRequestId(); // answers to earlier requests are ignored
    endResetModel();
    fetchMore({});
}

int ChatListModel::rowOf(const QString &chatId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == chatId)
            return i;
    }
    return -1;
}

void ChatListModel::onListed(int requestId, const QList<ChatRecord> &chats, qint64 total)
{
    if (requestId != m_requestId)
        return;
    m_pending = false;
    m_total = total;
    QList<ChatRecord> fresh;
    for (const ChatRecord &c : chats) {
        if (rowOf(c.id) < 0) // it may have arrived through a change signal already
            fresh.append(c);
    }
    if (!fresh.isEmpty()) {
        beginInsertRows(
            {}, static_cast<int>(m_rows.size()), static_cast<int>(m_rows.size() + fresh.size() - 1));
        m_rows += fresh;
        endInsertRows();
    }
    Q_EMIT loaded();
}

int ChatListModel::sortedPosition(const ChatRecord &chat) const
{
    return static_cast<int>(std::lower_bound(m_rows.begin(), m_rows.end(), chat, before) - m_rows.begin());
}

void ChatListModel::onChanged(const ChatRecord &chat)
{
    const int row = rowOf(chat.id);
    const bool belongs
        = chat.archived == m_filter.archived && (!m_filter.folderId || chat.folderId == *m_filter.folderId);
    if (row >= 0 && !belongs) {
        onDeleted(chat.id);
        return;
    }
    if (!belongs)
        return;
    if (row >= 0) {
        // Moved, not removed and re-inserted: the selection and the current chat stay put.
        m_rows[row] = chat;
        QList<ChatRecord> others = m_rows;
        others.removeAt(row);
        const int at
            = static_cast<int>(std::lower_bound(others.begin(), others.end(), chat, before) - others.begin());
        if (at != row) {
            beginMoveRows({}, row, row, {}, at > row ? at + 1 : at);
            m_rows.move(row, at);
            endMoveRows();
        }
        Q_EMIT dataChanged(index(at), index(at));
        return;
    }
    // Rows beyond what is loaded arrive with their page; a chat that sorts there waits for it.
    const bool moreToLoad = m_total >= 0 && m_rows.size() < m_total;
    if (m_total >= 0)
        ++m_total;
    const int at = sortedPosition(chat);
    if (at >= m_rows.size() && moreToLoad)
        return;
    beginInsertRows({}, at, at);
    m_rows.insert(at, chat);
    endInsertRows();
}

void ChatListModel::onDeleted(const QString &chatId)
{
    const int row = rowOf(chatId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    if (m_total > 0)
        --m_total;
}

// ---- delegate -------------------------------------------------------------------------------------

bool ChatListDelegate::startsSection(const QModelIndex &index)
{
    if (index.row() == 0)
        return true;
    const QModelIndex previous = index.siblingAtRow(index.row() - 1);
    return previous.data(ChatListModel::SectionRole) != index.data(ChatListModel::SectionRole);
}

int ChatListDelegate::headerHeight(const QStyleOptionViewItem &option) const
{
    return option.fontMetrics.height() + 14;
}

QSize ChatListDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setHeight(s.height() + 8);
    if (startsSection(index))
        s.setHeight(s.height() + headerHeight(option));
    return s;
}

void ChatListDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem item = option;
    if (startsSection(index)) {
        const int h = headerHeight(option);
        QRect header = option.rect;
        header.setHeight(h);
        painter->save();
        QFont f = option.font;
        f.setBold(true);
        f.setPointSizeF(f.pointSizeF() * 0.85);
        painter->setFont(f);
        painter->setPen(option.palette.color(QPalette::PlaceholderText));
        painter->drawText(header.adjusted(8, 6, -8, 0), Qt::AlignLeft | Qt::AlignVCenter,
            index.data(ChatListModel::SectionRole).toString());
        painter->restore();
        item.rect.setTop(option.rect.top() + h);
    }
    QStyledItemDelegate::paint(painter, item, index);
}

void ChatListDelegate::updateEditorGeometry(
    QWidget *editor, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem item = option;
    if (startsSection(index))
        item.rect.setTop(option.rect.top() + headerHeight(option));
    QStyledItemDelegate::updateEditorGeometry(editor, item, index);
}

} // namespace cairn
