#include "gui/PassphraseDialog.h"

#include "gui/GuiStyle.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace cairn {

PassphraseDialog::PassphraseDialog(const QString &databasePath, QWidget *parent)
    : QDialog(parent),
      m_note(GuiStyle::note(QString(), this)),
      m_edit(new QLineEdit(this)),
      m_error(GuiStyle::errorLabel(this)),
      m_busyLabel(new QLabel(tr("Unlocking…"), this)),
      m_progress(new QProgressBar(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Unlock Cairn"));
    setWindowIcon(GuiStyle::icon(QStringLiteral("cairn")));
    setObjectName(QStringLiteral("passphraseDialog"));

    auto *icon = new QLabel(this);
    icon->setPixmap(GuiStyle::icon(QStringLiteral("cairn")).pixmap(QSize(56, 56), devicePixelRatioF()));
    icon->setAlignment(Qt::AlignTop);

    m_note->hide();
    m_edit->setEchoMode(QLineEdit::Password);
    m_edit->setObjectName(QStringLiteral("passphrase"));
    m_edit->setAccessibleName(tr("Passphrase"));
    m_edit->setAccessibleDescription(tr("The passphrase that protects your Cairn database"));
    m_edit->setMinimumWidth(300);
    connect(m_edit, &QLineEdit::textEdited, this, [this]() { GuiStyle::showError(m_error, {}); });

    auto *path = GuiStyle::note(databasePath, this);
    path->setTextInteractionFlags(Qt::TextSelectableByMouse);
    path->setAccessibleName(tr("Database file"));

    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_progress->setAccessibleName(tr("Unlocking"));
    m_progress->hide();
    m_busyLabel->hide();

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Unlock"));
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Unlock"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Quit"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Quit Cairn"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &PassphraseDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &PassphraseDialog::reject);

    auto *text = new QVBoxLayout;
    text->setSpacing(8);
    text->addWidget(GuiStyle::heading(tr("Unlock your database"), this, 1.25));
    auto *intro
        = new QLabel(tr("Your Cairn database is protected by a passphrase. Enter it to continue."), this);
    intro->setWordWrap(true);
    text->addWidget(intro);
    text->addWidget(m_note);
    text->addSpacing(4);
    auto *label = new QLabel(tr("&Passphrase:"), this);
    label->setBuddy(m_edit);
    text->addWidget(label);
    text->addWidget(m_edit);
    text->addWidget(m_error);
    text->addWidget(path);

    auto *top = new QHBoxLayout;
    top->setSpacing(16);
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(text, 1);

    auto *busy = new QHBoxLayout;
    busy->addWidget(m_busyLabel);
    busy->addWidget(m_progress, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 20, 20, 16);
    layout->setSpacing(12);
    layout->addLayout(top);
    layout->addStretch(1);
    layout->addLayout(busy);
    layout->addWidget(m_buttons);
    setMinimumWidth(460);
    m_edit->setFocus();
}

void PassphraseDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_edit->setEnabled(!busy);
    m_buttons->setEnabled(!busy);
    m_progress->setVisible(busy);
    m_busyLabel->setVisible(busy);
    if (busy)
        GuiStyle::showError(m_error, {});
    else
        m_edit->setFocus();
}

void PassphraseDialog::showError(const QString &message)
{
    GuiStyle::showError(m_error, message);
    m_edit->selectAll();
}

void PassphraseDialog::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void PassphraseDialog::accept()
{
    if (m_busy)
        return;
    if (m_edit->text().isEmpty()) {
        showError(tr("Enter the passphrase."));
        return;
    }
    QByteArray passphrase = m_edit->text().toUtf8();
    Q_EMIT unlockRequested(passphrase);
    passphrase.fill('\0');
}

void PassphraseDialog::reject()
{
    if (m_busy)
        return; // the unlock cannot be interrupted; wait for it
    QDialog::reject();
}

void PassphraseDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    GuiStyle::fitHeightLater(this);
}

} // namespace cairn
