#pragma once

#include "storage/ChatRepository.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QStyledItemDelegate>

namespace cairn {

class ChatBackend;

// The sidebar's chats: pinned first, then by last activity, fetched a page at a time from the
// backend's thread as the list scrolls (so 100k chats cost what is on screen). Kept current by the
// backend's change signals.
class ChatListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1, SectionRole, PinnedRole, RecordRole };

    ChatListModel(ChatBackend *backend, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override; // rename
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setArchived(bool archived); // the Archived view
    void setFolder(const std::optional<QString> &folderId); // unset: every folder
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool archived() const { return m_filter.archived; }
    void reload();
    int rowOf(const QString &chatId) const;
    ChatRecord record(int row) const { return m_rows.value(row); }
    qint64 total() const { return m_total; }

    // "Pinned", "Today", "Yesterday", "Previous 7 days", "Previous 30 days", or the month.
    static QString sectionFor(const ChatRecord &chat, const QDateTime &now);

Q_SIGNALS:
    void loaded(); // a page arrived

private:
    void onListed(int requestId, const QList<cairn::ChatRecord> &chats, qint64 total);
    void onChanged(const cairn::ChatRecord &chat);
    void onDeleted(const QString &chatId);
    int sortedPosition(const ChatRecord &chat) const;

    ChatBackend *m_backend;
    QList<ChatRecord> m_rows;
    ChatFilter m_filter;
    qint64 m_total = -1; // unknown until the first page
    int m_requestId = 0;
    bool m_pending = false;
};

// Paints a section heading above the first chat of each section.
class ChatListDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void paint(
        QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void updateEditorGeometry(
        QWidget *editor, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    static bool startsSection(const QModelIndex &index);
    int headerHeight(const QStyleOptionViewItem &option) const;
};

} // namespace cairn
