#include "gui/ChangePassphraseDialog.h"

#include "gui/GuiStyle.h"
#include "gui/NewPassphraseFields.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace cairn {

ChangePassphraseDialog::ChangePassphraseDialog(KeyMode currentMode, QWidget *parent)
    : QDialog(parent), m_fields(new NewPassphraseFields(this)), m_error(GuiStyle::errorLabel(this))
{
    const bool fromKeychain = currentMode == KeyMode::Keychain;
    setWindowTitle(fromKeychain ? tr("Protect with a Passphrase") : tr("Change Passphrase"));
    setObjectName(QStringLiteral("changePassphraseDialog"));

    auto *intro = new QLabel(fromKeychain
            ? tr("The database will be re-encrypted with a key derived from this passphrase, "
                 "and its key will be removed from the system keychain. You will enter the "
                 "passphrase each time Cairn starts.")
            : tr("The database will be re-encrypted with a key derived from the new "
                 "passphrase. The old passphrase will no longer open it."),
        this);
    intro->setWordWrap(true);
    auto *warning = GuiStyle::note(tr("If you forget the passphrase, your data cannot be recovered."), this);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)
        ->setText(fromKeychain ? tr("&Use Passphrase") : tr("&Change Passphrase"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ChangePassphraseDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ChangePassphraseDialog::reject);
    connect(m_fields, &NewPassphraseFields::edited, this, [this]() { GuiStyle::showError(m_error, {}); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 20, 20, 16);
    layout->setSpacing(10);
    layout->addWidget(intro);
    layout->addWidget(warning);
    layout->addWidget(m_fields);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(440);
}

QByteArray ChangePassphraseDialog::passphrase() const
{
    return m_fields->passphrase();
}

void ChangePassphraseDialog::accept()
{
    if (const QString problem = m_fields->problem(); !problem.isEmpty()) {
        GuiStyle::showError(m_error, problem);
        return;
    }
    QDialog::accept();
}

void ChangePassphraseDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    GuiStyle::fitHeightLater(this);
}

} // namespace cairn
