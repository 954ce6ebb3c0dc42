#include "gui/NewPassphraseFields.h"

#include "storage/DatabaseKey.h"

#include <QFormLayout>
#include <QLineEdit>

namespace cairn {

NewPassphraseFields::NewPassphraseFields(QWidget *parent)
    : QWidget(parent), m_passphrase(new QLineEdit(this)), m_confirm(new QLineEdit(this))
{
    for (QLineEdit *edit : {m_passphrase, m_confirm}) {
        edit->setEchoMode(QLineEdit::Password);
        edit->setClearButtonEnabled(false);
        edit->setMinimumWidth(260);
        connect(edit, &QLineEdit::textEdited, this, &NewPassphraseFields::edited);
    }
    m_passphrase->setObjectName(QStringLiteral("newPassphrase"));
    m_confirm->setObjectName(QStringLiteral("confirmPassphrase"));
    m_passphrase->setAccessibleName(tr("New passphrase"));
    m_confirm->setAccessibleName(tr("Confirm passphrase"));

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Passphrase:"), m_passphrase);
    form->addRow(tr("C&onfirm:"), m_confirm);
}

QString NewPassphraseFields::problem() const
{
    if (m_passphrase->text().isEmpty())
        return tr("Enter a passphrase.");
    if (!DatabaseKey::isLongEnough(m_passphrase->text().toUtf8()))
        return tr("Use at least %1 characters.").arg(DatabaseKey::kMinPassphraseLength);
    if (m_passphrase->text() != m_confirm->text())
        return tr("The passphrases do not match.");
    return {};
}

QByteArray NewPassphraseFields::passphrase() const
{
    return m_passphrase->text().toUtf8();
}

void NewPassphraseFields::clear()
{
    m_passphrase->clear();
    m_confirm->clear();
}

} // namespace cairn
