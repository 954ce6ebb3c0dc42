#include "gui/FirstRunDialog.h"

#include "gui/Async.h"
#include "gui/GuiStyle.h"
#include "gui/NewPassphraseFields.h"
#include "secrets/SecretStore.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace cairn {

namespace {
QWidget *indented(QWidget *child, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *l = new QVBoxLayout(box);
    l->setContentsMargins(26, 0, 0, 0);
    l->addWidget(child);
    return box;
}
} // namespace

FirstRunDialog::FirstRunDialog(const QString &databasePath, SecretStore *secrets, QWidget *parent)
    : QDialog(parent),
      m_secrets(secrets),
      m_keychain(new QRadioButton(tr("Keep the key in the system &keychain (recommended)"), this)),
      m_keychainHint(GuiStyle::note(tr("Cairn creates a random 256-bit key and stores it in your system's "
                                       "keychain. You don't have to type anything when Cairn starts."),
          this)),
      m_passphrase(new QRadioButton(tr("Protect with a &passphrase"), this)),
      m_fields(new NewPassphraseFields(this)),
      m_keychainStatus(new QLabel(this)),
      m_error(GuiStyle::errorLabel(this)),
      m_busyLabel(new QLabel(tr("Creating the database…"), this)),
      m_progress(new QProgressBar(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Welcome to Cairn"));
    setWindowIcon(GuiStyle::icon(QStringLiteral("cairn")));
    setObjectName(QStringLiteral("firstRunDialog"));

    auto *group = new QButtonGroup(this);
    group->addButton(m_keychain);
    group->addButton(m_passphrase);
    m_keychain->setObjectName(QStringLiteral("keychainOption"));
    m_passphrase->setObjectName(QStringLiteral("passphraseOption"));
    m_keychain->setAccessibleName(tr("Keep the key in the system keychain"));
    m_passphrase->setAccessibleName(tr("Protect with a passphrase"));
    m_keychain->setEnabled(false); // until the probe answers
    m_passphrase->setChecked(true);
    connect(m_keychain, &QRadioButton::toggled, this, &FirstRunDialog::updateState);
    connect(m_fields, &NewPassphraseFields::edited, this, [this]() { GuiStyle::showError(m_error, {}); });

    m_keychainStatus->setWordWrap(true);
    m_keychainStatus->setObjectName(QStringLiteral("keychainStatus"));
    m_keychainStatus->setAccessibleName(tr("Keychain status"));
    m_keychainStatus->setText(tr("Checking the system keychain…"));

    auto *icon = new QLabel(this);
    icon->setPixmap(GuiStyle::icon(QStringLiteral("cairn")).pixmap(QSize(64, 64), devicePixelRatioF()));

    auto *intro = new QLabel(tr("Cairn keeps your conversations, folders and knowledge in one encrypted "
                                "database on this computer. Choose how its key is protected; you can "
                                "change this later under Admin."),
        this);
    intro->setWordWrap(true);
    auto *passHint
        = GuiStyle::note(tr("The key is derived from a passphrase you enter each time Cairn starts. "
                            "If you forget it, your data cannot be recovered."),
            this);
    auto *path = GuiStyle::note(tr("Database: %1").arg(databasePath), this);
    path->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_progress->setAccessibleName(tr("Creating the database"));
    m_progress->hide();
    m_busyLabel->hide();

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Create Database"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("&Quit"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &FirstRunDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &FirstRunDialog::reject);

    auto *header = new QHBoxLayout;
    header->setSpacing(16);
    header->addWidget(icon, 0, Qt::AlignTop);
    auto *headerText = new QVBoxLayout;
    headerText->addWidget(GuiStyle::heading(tr("Welcome to Cairn"), this, 1.4));
    headerText->addWidget(intro);
    header->addLayout(headerText, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 20, 20, 16);
    layout->setSpacing(8);
    layout->addLayout(header);
    layout->addSpacing(8);
    layout->addWidget(m_keychain);
    layout->addWidget(indented(m_keychainHint, this));
    layout->addWidget(indented(m_keychainStatus, this));
    layout->addSpacing(6);
    layout->addWidget(m_passphrase);
    layout->addWidget(indented(passHint, this));
    layout->addWidget(indented(m_fields, this));
    layout->addWidget(m_error);
    layout->addSpacing(4);
    layout->addWidget(path);
    layout->addStretch(1);
    auto *busy = new QHBoxLayout;
    busy->addWidget(m_busyLabel);
    busy->addWidget(m_progress, 1);
    layout->addLayout(busy);
    layout->addWidget(m_buttons);
    setMinimumWidth(540);

    updateState();
    probeKeychain();
}

void FirstRunDialog::probeKeychain()
{
    if (!m_secrets) {
        setKeychainUnavailable(tr("no secret store"));
        return;
    }
    runInBackground(
        this, [secrets = m_secrets]() { return secrets->probeSync(); },
        [this](const Result<bool> &probe) {
            if (probe && probe.value()) {
                m_probed = true;
                m_keychainAvailable = true;
                m_keychainStatus->clear();
                m_keychainStatus->hide();
                if (!m_busy)
                    m_keychain->setEnabled(true);
                // Recommend the keychain unless the user already started on a passphrase.
                if (m_fields->passphraseEdit()->text().isEmpty() && !m_busy)
                    m_keychain->setChecked(true);
                updateState();
            } else {
                setKeychainUnavailable(probe ? tr("it did not answer") : probe.error().message);
            }
        });
}

void FirstRunDialog::setKeychainUnavailable(const QString &reason)
{
    m_probed = true;
    m_keychainAvailable = false;
    m_keychain->setEnabled(false);
    m_passphrase->setChecked(true);
    m_keychainStatus->setText(tr("No keychain is available on this system, so the key cannot be kept there. "
                                 "Please use a passphrase; Cairn never writes the key to a plaintext file.")
        + QLatin1Char('\n') + tr("Details: %1").arg(reason));
    QPalette warning = m_keychainStatus->palette();
    warning.setColor(QPalette::WindowText, QColor(0x8a, 0x4b, 0x00));
    m_keychainStatus->setPalette(warning);
    m_keychainStatus->show();
    updateState();
    GuiStyle::fitHeightLater(this);
}

void FirstRunDialog::updateState()
{
    const bool passphrase = m_passphrase->isChecked();
    if (!passphrase)
        m_buttons->button(QDialogButtonBox::Ok)->setFocus();
    m_fields->setEnabled(passphrase && !m_busy);
    m_keychainHint->setEnabled(m_keychainAvailable);
    // A passphrase never needs the keychain, so it does not wait for the probe.
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_busy && (m_probed || passphrase));
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!m_busy);
    if (passphrase && !m_busy && !m_fields->isAncestorOf(focusWidget()))
        m_fields->passphraseEdit()->setFocus();
}

void FirstRunDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_keychain->setEnabled(!busy && m_keychainAvailable);
    m_passphrase->setEnabled(!busy);
    m_progress->setVisible(busy);
    m_busyLabel->setVisible(busy);
    if (busy)
        GuiStyle::showError(m_error, {});
    updateState();
}

void FirstRunDialog::showError(const QString &message)
{
    GuiStyle::showError(m_error, message);
}

void FirstRunDialog::accept()
{
    if (m_busy)
        return;
    if (m_keychain->isChecked()) {
        if (!m_keychainAvailable)
            return;
        Q_EMIT createRequested(KeyMode::Keychain, {});
        return;
    }
    if (const QString problem = m_fields->problem(); !problem.isEmpty()) {
        showError(problem);
        return;
    }
    QByteArray passphrase = m_fields->passphrase();
    Q_EMIT createRequested(KeyMode::Passphrase, passphrase);
    passphrase.fill('\0');
}

void FirstRunDialog::reject()
{
    if (m_busy)
        return;
    QDialog::reject();
}

void FirstRunDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    GuiStyle::fitHeightLater(this);
}

} // namespace cairn
