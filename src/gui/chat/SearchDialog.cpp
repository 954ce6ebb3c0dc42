#include "gui/chat/SearchDialog.h"

#include "chat/ChatBackend.h"

#include <QAbstractTextDocumentLayout>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTextDocument>
#include <QVBoxLayout>

namespace cairn {

namespace {
constexpr int kHitRole = Qt::UserRole + 1;
constexpr int kHtmlRole = Qt::UserRole + 2;

// Paints a result as rich text: the chat and where, then the snippet with its matches in bold.
class HitDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString html = index.data(kHtmlRole).toString();
        opt.text.clear();
        opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
        QTextDocument doc;
        doc.setDefaultFont(opt.font);
        doc.setHtml(html);
        doc.setTextWidth(opt.rect.width() - 8);
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.palette.setColor(QPalette::Text,
            opt.state & QStyle::State_Selected ? opt.palette.color(QPalette::HighlightedText)
                                               : opt.palette.color(QPalette::Text));
        painter->save();
        painter->translate(opt.rect.topLeft() + QPoint(4, 2));
        doc.documentLayout()->draw(painter, ctx);
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QTextDocument doc;
        doc.setDefaultFont(option.font);
        doc.setHtml(index.data(kHtmlRole).toString());
        doc.setTextWidth(std::max(200, option.rect.width() - 8));
        return {static_cast<int>(doc.idealWidth()), static_cast<int>(doc.size().height()) + 4};
    }
};
} // namespace

SearchDialog::SearchDialog(ChatBackend *backend, QWidget *parent)
    : QDialog(parent),
      m_backend(backend),
      m_query(new QLineEdit(this)),
      m_folder(new QComboBox(this)),
      m_tag(new QComboBox(this)),
      m_model(new QLineEdit(this)),
      m_useDates(new QCheckBox(tr("Between"), this)),
      m_from(new QDateEdit(QDate::currentDate().addMonths(-1), this)),
      m_to(new QDateEdit(QDate::currentDate(), this)),
      m_archived(new QComboBox(this)),
      m_results(new QListWidget(this)),
      m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("searchDialog"));
    setWindowTitle(tr("Search chats"));
    resize(720, 520);
    m_query->setObjectName(QStringLiteral("searchQuery"));
    m_query->setAccessibleName(tr("Search for"));
    m_query->setPlaceholderText(tr("Words or \u201c"
                                   "a phrase\u201d in any language"));
    m_query->setClearButtonEnabled(true);
    m_query->installEventFilter(this);
    m_folder->setAccessibleName(tr("Folder"));
    m_folder->addItem(tr("All folders"));
    m_tag->setObjectName(QStringLiteral("searchTag"));
    m_tag->setAccessibleName(tr("Tag"));
    m_tag->addItem(tr("Any tag"));
    m_model->setObjectName(QStringLiteral("searchModel"));
    m_model->setAccessibleName(tr("Model"));
    m_model->setPlaceholderText(tr("Any model"));
    m_archived->setObjectName(QStringLiteral("searchArchived"));
    m_archived->setAccessibleName(tr("Archived chats"));
    m_archived->addItems({tr("Active and archived"), tr("Active only"), tr("Archived only")});
    m_useDates->setAccessibleName(tr("Only messages between two dates"));
    m_from->setCalendarPopup(true);
    m_to->setCalendarPopup(true);
    m_from->setEnabled(false);
    m_to->setEnabled(false);
    connect(m_useDates, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useDates, &QCheckBox::toggled, m_to, &QWidget::setEnabled);

    m_results->setObjectName(QStringLiteral("searchResults"));
    m_results->setAccessibleName(tr("Search results"));
    m_results->setWordWrap(true);
    m_results->setUniformItemSizes(false);
    m_results->setAlternatingRowColors(true);
    m_results->setItemDelegate(new HitDelegate(m_results));
    connect(m_results, &QListWidget::itemActivated, this, &SearchDialog::openCurrent);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_folder);
    filters->addWidget(m_tag);
    filters->addWidget(m_model);
    filters->addWidget(m_archived);
    auto *dates = new QHBoxLayout;
    dates->addWidget(m_useDates);
    dates->addWidget(m_from);
    dates->addWidget(new QLabel(tr("and"), this));
    dates->addWidget(m_to);
    dates->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_query);
    layout->addLayout(filters);
    layout->addLayout(dates);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_status);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &SearchDialog::runSearch);
    connect(m_query, &QLineEdit::textChanged, this, &SearchDialog::schedule);
    connect(m_model, &QLineEdit::textChanged, this, &SearchDialog::schedule);
    for (QComboBox *box : {m_folder, m_tag, m_archived})
        connect(box, &QComboBox::currentIndexChanged, this, &SearchDialog::schedule);
    connect(m_useDates, &QCheckBox::toggled, this, &SearchDialog::schedule);
    connect(m_from, &QDateEdit::dateChanged, this, &SearchDialog::schedule);
    connect(m_to, &QDateEdit::dateChanged, this, &SearchDialog::schedule);
    connect(backend, &ChatBackend::searched, this, &SearchDialog::onResults);
    connect(backend, &ChatBackend::filtersDataListed, this,
        [this](const QList<FolderRecord> &folders, const QStringList &tags) {
            for (const FolderRecord &f : folders)
                m_folder->addItem(f.name, f.id);
            for (const QString &t : tags)
                m_tag->addItem(t, t);
        });
    backend->listFiltersData();
}

SearchQuery SearchDialog::currentQuery() const
{
    SearchQuery q;
    q.text = m_query->text();
    if (m_folder->currentIndex() > 0)
        q.folderId = m_folder->currentData().toString();
    if (m_tag->currentIndex() > 0)
        q.tag = m_tag->currentData().toString();
    q.model = m_model->text().trimmed();
    if (m_useDates->isChecked()) {
        q.fromMs = m_from->date().startOfDay().toMSecsSinceEpoch();
        q.toMs = m_to->date().addDays(1).startOfDay().toMSecsSinceEpoch();
    }
    if (m_archived->currentIndex() == 1)
        q.archived = false;
    else if (m_archived->currentIndex() == 2)
        q.archived = true;
    q.limit = 100;
    return q;
}

void SearchDialog::schedule()
{
    m_debounce.start();
}

void SearchDialog::runSearch()
{
    const SearchQuery q = currentQuery();
    if (q.text.trimmed().isEmpty()) {
        ++m_requestId;
        m_results->clear();
        m_status->clear();
        return;
    }
    m_status->setText(tr("Searching\u2026"));
    m_backend->search(++m_requestId, q);
}

void SearchDialog::onResults(int requestId, const QList<SearchHit> &hits)
{
    if (requestId != m_requestId)
        return; // an answer to an older query
    m_results->clear();
    const QLocale locale;
    for (const SearchHit &h : hits) {
        QString snippet = h.snippet.toHtmlEscaped();
        snippet.replace(SearchSnippet::kOpen, QStringLiteral("<b>"))
            .replace(SearchSnippet::kClose, QStringLiteral("</b>"));
        const QString where = h.messageId.isEmpty()
            ? tr("title")
            : (h.role == QStringLiteral("user") ? tr("you") : tr("answer"));
        auto *item = new QListWidgetItem(m_results);
        item->setData(kHitRole, QStringList {h.chatId, h.messageId});
        // Plain text for the list (and screen readers); the snippet's matches are in the tooltip too.
        QString plain = h.snippet;
        plain.remove(SearchSnippet::kOpen).remove(SearchSnippet::kClose);
        item->setText(
            QStringLiteral("%1 \u2014 %2, %3\n%4")
                .arg(h.chatTitle.isEmpty() ? tr("New chat") : h.chatTitle, where,
                    locale.toString(QDateTime::fromMSecsSinceEpoch(h.createdAt).date(), QLocale::ShortFormat),
                    plain));
        item->setData(kHtmlRole,
            QStringLiteral("<b>%1</b> <span style='color:gray'>\u2014 %2, %3</span><br>%4")
                .arg((h.chatTitle.isEmpty() ? tr("New chat") : h.chatTitle).toHtmlEscaped(),
                    where.toHtmlEscaped(),
                    locale.toString(QDateTime::fromMSecsSinceEpoch(h.createdAt).date(), QLocale::ShortFormat),
                    snippet));
    }
    m_status->setText(
        hits.isEmpty() ? tr("No matches.") : tr("%n match(es).", nullptr, static_cast<int>(hits.size())));
    if (m_results->count() > 0)
        m_results->setCurrentRow(0);
}

void SearchDialog::openCurrent()
{
    QListWidgetItem *item = m_results->currentItem();
    if (!item)
        return;
    const QStringList ids = item->data(kHitRole).toStringList();
    Q_EMIT openRequested(ids.value(0), ids.value(1));
    accept();
}

bool SearchDialog::eventFilter(QObject *watched, QEvent *event)
{
    // Up and Down move through the results while typing; Enter opens the selected one.
    if (watched == m_query && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) {
            const int row = m_results->currentRow() + (key->key() == Qt::Key_Down ? 1 : -1);
            if (row >= 0 && row < m_results->count())
                m_results->setCurrentRow(row);
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (m_debounce.isActive()) { // results for what was typed first
                m_debounce.stop();
                runSearch();
                return true;
            }
            openCurrent();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace cairn
