#include "gui/ConnectionDialog.h"

#include "gui/GuiStyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace cairn {

namespace {
const QString kAzureVersionKey = QStringLiteral("azure_api_version");
const QString kTrustedCertKey = QStringLiteral("trusted_cert_sha256");

QDoubleSpinBox *secondsBox(QWidget *parent, const QString &accessibleName)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setDecimals(1);
    box->setRange(0.1, 24 * 3600);
    box->setSingleStep(1);
    box->setSuffix(ConnectionDialog::tr(" s"));
    box->setAccessibleName(accessibleName);
    box->setAlignment(Qt::AlignRight);
    return box;
}

// An optional price: empty is "not set"; the user's locale and the C locale are both understood.
std::optional<std::optional<double>> parsePrice(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::optional<double>();
    bool ok = false;
    double v = QLocale().toDouble(t, &ok);
    if (!ok)
        v = QLocale::c().toDouble(t, &ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return std::optional<double>(v);
}

QString priceText(const std::optional<double> &price)
{
    return price ? QLocale().toString(*price, 'g', 10) : QString();
}
} // namespace

QList<ConnectionDialog::Preset> ConnectionDialog::presets()
{
    const QString openai = QStringLiteral("openai");
    return {
        {QStringLiteral("OpenAI"), openai, QStringLiteral("https://api.openai.com/v1"), {}},
        {QStringLiteral("Azure OpenAI"), openai,
            QStringLiteral("https://RESOURCE.openai.azure.com/openai/deployments/DEPLOYMENT"),
            QLatin1String(kDefaultAzureApiVersion)},
        {QStringLiteral("OpenRouter"), openai, QStringLiteral("https://openrouter.ai/api/v1"), {}},
        {QStringLiteral("Groq"), openai, QStringLiteral("https://api.groq.com/openai/v1"), {}},
        {QStringLiteral("Mistral"), openai, QStringLiteral("https://api.mistral.ai/v1"), {}},
        {QStringLiteral("DeepSeek"), openai, QStringLiteral("https://api.deepseek.com/v1"), {}},
        {QStringLiteral("Gemini"), openai,
            QStringLiteral("https://generativelanguage.googleapis.com/v1beta/openai"), {}},
        {QStringLiteral("LM Studio"), openai, QStringLiteral("http://127.0.0.1:1234/v1"), {}},
        {QStringLiteral("vLLM"), openai, QStringLiteral("http://127.0.0.1:8000/v1"), {}},
        {QStringLiteral("llama.cpp"), openai, QStringLiteral("http://127.0.0.1:8080/v1"), {}},
        {QStringLiteral("Ollama"), QStringLiteral("ollama"), QStringLiteral("http://127.0.0.1:11434"), {}},
        {QStringLiteral("Anthropic"), QStringLiteral("anthropic"),
            QStringLiteral("https://api.anthropic.com"), {}},
    };
}

QString ConnectionDialog::formatFingerprint(const QByteArray &sha256Hex, int perLine)
{
    const QString hex = QString::fromLatin1(sha256Hex).toUpper();
    QString out;
    for (int i = 0; i < hex.size(); i += 2) {
        if (i > 0)
            out += perLine > 0 && (i / 2) % perLine == 0 ? QStringLiteral(":\n") : QStringLiteral(":");
        out += hex.mid(i, 2);
    }
    return out;
}

ConnectionDialog::ConnectionDialog(QWidget *parent) : QDialog(parent)
{
    build();
    setWindowTitle(tr("Add Connection"));
    m_connectTimeout->setValue(ConnectionDraft().connectTimeoutMs / 1000.0);
    m_firstByteTimeout->setValue(ConnectionDraft().firstByteTimeoutMs / 1000.0);
    m_idleTimeout->setValue(ConnectionDraft().idleTimeoutMs / 1000.0);
    m_removeKey->hide();
    m_apiKey->setPlaceholderText(tr("Not needed by most servers on this computer"));
    updateKindRows();
    showCertificate();
}

ConnectionDialog::ConnectionDialog(
    const ConnectionRecord &record, const QString &keyLocation, QWidget *parent)
    : QDialog(parent), m_id(record.id), m_options(record.options)
{
    build();
    setWindowTitle(tr("Edit Connection"));
    m_name->setText(record.name);
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(record.kind)));
    m_baseUrl->setText(record.baseUrl);
    for (int i = 0; i < m_preset->count(); ++i) {
        const int p = m_preset->itemData(i).toInt();
        if (p >= 0 && presets().at(p).baseUrl == record.baseUrl && presets().at(p).kind == record.kind) {
            m_preset->setCurrentIndex(i);
            break;
        }
    }
    m_azureVersion->setText(record.options.value(kAzureVersionKey).toString());
    QStringList headerLines;
    for (const auto &[name, value] : record.headers)
        headerLines.append(QString::fromUtf8(name) + QStringLiteral(": ") + QString::fromUtf8(value));
    m_headers->setPlainText(headerLines.join(QLatin1Char('\n')));
    m_connectTimeout->setValue(record.connectTimeoutMs / 1000.0);
    m_firstByteTimeout->setValue(record.firstByteTimeoutMs / 1000.0);
    m_idleTimeout->setValue(record.idleTimeoutMs / 1000.0);
    m_priceInput->setText(priceText(record.priceInputPerMTok));
    m_priceOutput->setText(priceText(record.priceOutputPerMTok));
    m_trustedCert = record.options.value(kTrustedCertKey).toString();
    if (keyLocation.isEmpty()) {
        m_apiKey->setPlaceholderText(tr("None stored"));
        m_removeKey->hide();
    } else {
        m_hasStoredKey = true;
        m_apiKey->setPlaceholderText(keyLocation == QLatin1String("keychain")
                ? tr("Stored in the system keychain; leave empty to keep it")
                : tr("Stored in the encrypted database; leave empty to keep it"));
    }
    updateKindRows();
    showCertificate();
}

void ConnectionDialog::build()
{
    setObjectName(QStringLiteral("connectionDialog"));
    setWindowIcon(GuiStyle::icon(QStringLiteral("cairn")));

    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("preset"));
    m_preset->setAccessibleName(tr("Preset"));
    m_preset->addItem(tr("Custom"), -1);
    const QList<Preset> all = presets();
    for (int i = 0; i < all.size(); ++i)
        m_preset->addItem(all[i].name, i);
    m_preset->setToolTip(tr("Fills in the kind of server and its address"));
    connect(m_preset, &QComboBox::activated, this, &ConnectionDialog::applyPreset);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setAccessibleName(tr("Name"));
    m_name->setMaxLength(100);
    m_name->setPlaceholderText(tr("How Cairn shows this connection"));

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kind"));
    m_kind->setAccessibleName(tr("Kind of server"));
    m_kind->addItem(tr("OpenAI-compatible"), QStringLiteral("openai"));
    m_kind->addItem(tr("Ollama"), QStringLiteral("ollama"));
    m_kind->addItem(tr("Anthropic"), QStringLiteral("anthropic"));
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateKindRows);

    m_baseUrl = new QLineEdit(this);
    m_baseUrl->setObjectName(QStringLiteral("baseUrl"));
    m_baseUrl->setAccessibleName(tr("Base URL"));
    m_baseUrl->setPlaceholderText(QStringLiteral("https://api.example.com/v1"));
    m_baseUrl->setMinimumWidth(340);

    m_apiKey = new QLineEdit(this);
    m_apiKey->setObjectName(QStringLiteral("apiKey"));
    m_apiKey->setAccessibleName(tr("API key"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_removeKey = new QCheckBox(tr("&Remove the stored key"), this);
    m_removeKey->setObjectName(QStringLiteral("removeKey"));
    m_removeKey->setAccessibleName(tr("Remove the stored key"));
    connect(m_removeKey, &QCheckBox::toggled, this, [this](bool on) {
        m_apiKey->setEnabled(!on);
        if (on)
            m_apiKey->clear();
    });
    auto *keyColumn = new QVBoxLayout;
    keyColumn->setContentsMargins(0, 0, 0, 0);
    keyColumn->setSpacing(4);
    keyColumn->addWidget(m_apiKey);
    keyColumn->addWidget(m_removeKey, 0, Qt::AlignLeft);

    m_azureVersion = new QLineEdit(this);
    m_azureVersion->setObjectName(QStringLiteral("azureApiVersion"));
    m_azureVersion->setAccessibleName(tr("Azure API version"));
    m_azureVersion->setPlaceholderText(
        tr("Only for Azure OpenAI, e.g. %1").arg(QLatin1String(kDefaultAzureApiVersion)));

    auto *serverBox = new QGroupBox(tr("Server"), this);
    m_form = new QFormLayout(serverBox);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setVerticalSpacing(8);
    m_form->addRow(tr("&Preset:"), m_preset);
    m_form->addRow(tr("&Name:"), m_name);
    m_form->addRow(tr("&Kind:"), m_kind);
    m_form->addRow(tr("&Base URL:"), m_baseUrl);
    auto *keyLabel = new QLabel(tr("API &key:"), serverBox);
    keyLabel->setBuddy(m_apiKey);
    m_form->addRow(keyLabel, keyColumn);
    m_form->addRow(tr("Azure API &version:"), m_azureVersion);

    m_headers = new QPlainTextEdit(this);
    m_headers->setObjectName(QStringLiteral("headers"));
    m_headers->setAccessibleName(tr("Extra headers"));
    m_headers->setPlaceholderText(tr("Name: value (one per line)"));
    m_headers->setTabChangesFocus(true);
    m_headers->setFixedHeight(m_headers->fontMetrics().lineSpacing() * 3 + 14);

    m_connectTimeout = secondsBox(this, tr("Connect timeout"));
    m_connectTimeout->setObjectName(QStringLiteral("connectTimeout"));
    m_firstByteTimeout = secondsBox(this, tr("First byte timeout"));
    m_firstByteTimeout->setObjectName(QStringLiteral("firstByteTimeout"));
    m_idleTimeout = secondsBox(this, tr("Idle timeout"));
    m_idleTimeout->setObjectName(QStringLiteral("idleTimeout"));
    auto *timeouts = new QHBoxLayout;
    timeouts->setSpacing(6);
    timeouts->addWidget(new QLabel(tr("connect"), this));
    timeouts->addWidget(m_connectTimeout);
    timeouts->addSpacing(8);
    timeouts->addWidget(new QLabel(tr("first byte"), this));
    timeouts->addWidget(m_firstByteTimeout);
    timeouts->addSpacing(8);
    timeouts->addWidget(new QLabel(tr("idle"), this));
    timeouts->addWidget(m_idleTimeout);
    timeouts->addStretch(1);

    m_priceInput = new QLineEdit(this);
    m_priceInput->setObjectName(QStringLiteral("priceInput"));
    m_priceInput->setAccessibleName(tr("Price per million input tokens"));
    m_priceOutput = new QLineEdit(this);
    m_priceOutput->setObjectName(QStringLiteral("priceOutput"));
    m_priceOutput->setAccessibleName(tr("Price per million output tokens"));
    for (QLineEdit *e : {m_priceInput, m_priceOutput}) {
        e->setPlaceholderText(tr("not set"));
        e->setMaximumWidth(110);
        e->setAlignment(Qt::AlignRight);
    }
    auto *prices = new QHBoxLayout;
    prices->setSpacing(6);
    prices->addWidget(new QLabel(tr("input"), this));
    prices->addWidget(m_priceInput);
    prices->addSpacing(8);
    prices->addWidget(new QLabel(tr("output"), this));
    prices->addWidget(m_priceOutput);
    QLabel *perMillion = GuiStyle::note(tr("per million tokens"), this);
    perMillion->setWordWrap(false);
    prices->addWidget(perMillion);
    prices->addStretch(1);

    m_certRow = new QWidget(this);
    m_certificate = new QLabel(m_certRow);
    m_certificate->setObjectName(QStringLiteral("trustedCertificate"));
    m_certificate->setAccessibleName(tr("Trusted certificate"));
    m_certificate->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_certificate->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_forgetCert = new QPushButton(tr("&Forget"), m_certRow);
    m_forgetCert->setObjectName(QStringLiteral("forgetCertificate"));
    m_forgetCert->setAccessibleName(tr("Forget the trusted certificate"));
    connect(m_forgetCert, &QPushButton::clicked, this, [this]() {
        m_forgetTrustedCert = true;
        showCertificate();
    });
    auto *certLayout = new QHBoxLayout(m_certRow);
    certLayout->setContentsMargins(0, 0, 0, 0);
    certLayout->addWidget(m_certificate, 1);
    certLayout->addWidget(m_forgetCert, 0, Qt::AlignTop);

    auto *advancedBox = new QGroupBox(tr("Advanced"), this);
    m_advanced = new QFormLayout(advancedBox);
    m_advanced->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_advanced->setVerticalSpacing(8);
    m_advanced->addRow(tr("Extra &headers:"), m_headers);
    m_advanced->addRow(tr("Timeouts:"), timeouts);
    m_advanced->addRow(tr("Prices:"), prices);
    m_advanced->addRow(tr("Trusted certificate:"), m_certRow);

    m_error = GuiStyle::errorLabel(this);
    m_error->setObjectName(QStringLiteral("error"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::requestSave);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    for (QLineEdit *e : {m_name, m_baseUrl, m_apiKey, m_azureVersion, m_priceInput, m_priceOutput})
        connect(e, &QLineEdit::textEdited, this, [this]() { GuiStyle::showError(m_error, {}); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->setSpacing(12);
    layout->addWidget(serverBox);
    layout->addWidget(advancedBox);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(580);
}

void ConnectionDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    GuiStyle::fitHeightLater(this);
}

void ConnectionDialog::applyPreset(int index)
{
    const int p = m_preset->itemData(index).toInt();
    if (p < 0)
        return;
    const Preset preset = presets().at(p);
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(preset.kind)));
    m_baseUrl->setText(preset.baseUrl);
    m_azureVersion->setText(preset.azureApiVersion);
    if (m_name->text().trimmed().isEmpty() || m_name->text() == m_autoName) {
        m_name->setText(preset.name);
        m_autoName = preset.name;
    }
    GuiStyle::showError(m_error, {});
    const int placeholder = preset.baseUrl.indexOf(QLatin1String("RESOURCE"));
    if (placeholder >= 0) {
        m_baseUrl->setFocus();
        m_baseUrl->setSelection(placeholder, 8);
    }
}

void ConnectionDialog::updateKindRows()
{
    const bool openai = m_kind->currentData().toString() == QLatin1String("openai");
    m_form->setRowVisible(m_azureVersion, openai);
}

void ConnectionDialog::showCertificate()
{
    // Only shown for a connection with a trusted certificate.
    m_advanced->setRowVisible(m_certRow, !m_trustedCert.isEmpty());
    if (m_trustedCert.isEmpty())
        return;
    if (m_forgetTrustedCert) {
        m_certificate->setFont(font());
        m_certificate->setText(tr("Forgotten when you save"));
        m_forgetCert->hide();
        return;
    }
    m_certificate->setText(formatFingerprint(m_trustedCert.toLatin1(), 8));
    m_certificate->setToolTip(tr("SHA-256 fingerprint of a certificate you chose to trust"));
    m_forgetCert->show();
}

Result<ConnectionDraft> ConnectionDialog::draft() const
{
    ConnectionDraft d;
    d.name = m_name->text().trimmed();
    d.kind = m_kind->currentData().toString();
    d.baseUrl = m_baseUrl->text().trimmed();
    const QByteArray key = m_apiKey->text().trimmed().toUtf8();
    if (m_hasStoredKey && m_removeKey->isChecked())
        d.apiKey = QByteArray();
    else if (!key.isEmpty())
        d.apiKey = key;
    const QStringList lines = m_headers->toPlainText().split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return Error::make(ErrorCode::InvalidArgument,
                tr("Line %1 of the extra headers is not of the form \u201cName: value\u201d.").arg(i + 1));
        d.headers.append(
            qMakePair(line.left(colon).trimmed().toUtf8(), line.mid(colon + 1).trimmed().toUtf8()));
    }
    d.connectTimeoutMs = qRound(m_connectTimeout->value() * 1000);
    d.firstByteTimeoutMs = qRound(m_firstByteTimeout->value() * 1000);
    d.idleTimeoutMs = qRound(m_idleTimeout->value() * 1000);
    const auto input = parsePrice(m_priceInput->text());
    const auto output = parsePrice(m_priceOutput->text());
    if (!input || !output)
        return Error::make(
            ErrorCode::InvalidArgument, tr("A price must be a number, or empty when not set."));
    d.priceInputPerMTok = *input;
    d.priceOutputPerMTok = *output;
    d.options = m_options;
    const QString azure = m_azureVersion->text().trimmed();
    if (d.kind == QLatin1String("openai") && !azure.isEmpty())
        d.options.insert(kAzureVersionKey, azure);
    else
        d.options.remove(kAzureVersionKey);
    if (m_forgetTrustedCert)
        d.options.remove(kTrustedCertKey);
    return d;
}

void ConnectionDialog::requestSave()
{
    if (m_busy)
        return;
    Result<ConnectionDraft> d = draft();
    if (!d) {
        showError(d.error().message);
        return;
    }
    showError({});
    Q_EMIT saveRequested(d.value());
}

void ConnectionDialog::setBusy(bool busy)
{
    m_busy = busy;
    const QList<QGroupBox *> boxes = findChildren<QGroupBox *>();
    for (QGroupBox *box : boxes)
        box->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!busy);
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

void ConnectionDialog::showError(const QString &text)
{
    GuiStyle::showError(m_error, text);
}

} // namespace cairn
