#pragma once

#include <QIcon>
#include <QWidget>

class QLabel;

namespace cairn {

// A centred empty-state view for a pane with nothing in it yet: an icon, a title and an honest
// explanation of why it is empty. Never shows made-up content.
class EmptyState : public QWidget
{
    Q_OBJECT
public:
    EmptyState(const QIcon &icon, const QString &title, const QString &text, QWidget *parent = nullptr);

    QString title() const;
    QString text() const;

private:
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_text;
};

} // namespace cairn
