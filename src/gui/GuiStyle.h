#pragma once

#include <QString>

class QFont;
class QIcon;
class QLabel;
class QVBoxLayout;
class QWidget;

namespace cairn {

// Small shared look-and-feel helpers so dialogs and panes stay consistent.
struct GuiStyle {
    // A resource icon from :/cairn/icons (e.g. "chat", "cairn").
    static QIcon icon(const QString &name);
    // A heading label: larger, bold.
    static QLabel *heading(const QString &text, QWidget *parent = nullptr, qreal scale = 1.5);
    // Secondary text: word-wrapped and de-emphasised.
    static QLabel *note(const QString &text, QWidget *parent = nullptr);
    // An error label: hidden until it has text, red, word-wrapped, announced to screen readers.
    static QLabel *errorLabel(QWidget *parent = nullptr);
    static void showError(QLabel *label, const QString &text);
    // The layout every pane starts with: margins, a title and a one-line description.
    static QVBoxLayout *paneLayout(QWidget *pane, const QString &title, const QString &description);
    static QFont scaledFont(const QFont &base, qreal scale, bool bold);
    // Grows a visible window so word-wrapped labels get the height they need at its current width
    // (Qt sizes top-level windows without height-for-width). Runs once the pending layout settles.
    static void fitHeightLater(QWidget *window);
};

} // namespace cairn
