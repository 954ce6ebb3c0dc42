#include "gui/GuiStyle.h"

#include <QApplication>
#include <QFont>
#include <QIcon>
#include <QLabel>
#include <QLayout>
#include <QPalette>
#include <QTimer>
#include <QVBoxLayout>

namespace cairn {

QIcon GuiStyle::icon(const QString &name)
{
    return QIcon(QStringLiteral(":/cairn/icons/") + name + QStringLiteral(".svg"));
}

QFont GuiStyle::scaledFont(const QFont &base, qreal scale, bool bold)
{
    QFont f = base;
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * scale);
    else if (f.pixelSize() > 0)
        f.setPixelSize(qRound(f.pixelSize() * scale));
    f.setBold(bold);
    return f;
}

QLabel *GuiStyle::heading(const QString &text, QWidget *parent, qreal scale)
{
    auto *label = new QLabel(text, parent);
    label->setFont(scaledFont(label->font(), scale, true));
    label->setWordWrap(true);
    return label;
}

QLabel *GuiStyle::note(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
    label->setPalette(p);
    return label;
}

QLabel *GuiStyle::errorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, QColor(0xb0, 0x25, 0x1e));
    label->setPalette(p);
    label->setAccessibleName(QApplication::translate("GuiStyle", "Error"));
    label->hide();
    return label;
}

void GuiStyle::fitHeightLater(QWidget *window)
{
    QTimer::singleShot(0, window, [window]() {
        QLayout *layout = window->layout();
        if (!layout || !window->isVisible())
            return;
        layout->activate();
        const int needed = layout->hasHeightForWidth() ? layout->totalHeightForWidth(window->width())
                                                       : layout->totalMinimumSize().height();
        if (needed > window->height())
            window->resize(window->width(), needed);
    });
}

void GuiStyle::showError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
    label->setAccessibleDescription(text);
    if (!text.isEmpty())
        fitHeightLater(label->window());
}

QVBoxLayout *GuiStyle::paneLayout(QWidget *pane, const QString &title, const QString &description)
{
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(24, 20, 24, 12);
    layout->setSpacing(4);
    layout->addWidget(heading(title, pane, 1.6));
    layout->addWidget(note(description, pane));
    return layout;
}

} // namespace cairn
