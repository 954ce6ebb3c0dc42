#include "gui/EmptyState.h"

#include "gui/GuiStyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace cairn {

EmptyState::EmptyState(const QIcon &icon, const QString &title, const QString &text, QWidget *parent)
    : QWidget(parent),
      m_icon(new QLabel(this)),
      m_title(GuiStyle::heading(title, this, 1.35)),
      m_text(GuiStyle::note(text, this))
{
    m_icon->setPixmap(icon.pixmap(QSize(72, 72), devicePixelRatioF()));
    m_icon->setAlignment(Qt::AlignCenter);
    m_icon->setAccessibleName(title);
    m_title->setAlignment(Qt::AlignCenter);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *column = new QWidget(this);
    column->setMaximumWidth(520);
    auto *inner = new QVBoxLayout(column);
    inner->setContentsMargins(0, 0, 0, 0);
    inner->setSpacing(12);
    inner->addWidget(m_icon);
    inner->addSpacing(4);
    inner->addWidget(m_title);
    inner->addWidget(m_text);

    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 4);
    row->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->addStretch(2);
    layout->addLayout(row);
    layout->addStretch(3);
}

QString EmptyState::title() const
{
    return m_title->text();
}

QString EmptyState::text() const
{
    return m_text->text();
}

} // namespace cairn
