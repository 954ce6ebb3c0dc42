#include "gui/chat/ChatSettingsDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace cairn {

namespace {

QWidget *optionalRow(QCheckBox *check, QWidget *value, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(check);
    layout->addWidget(value, 1);
    value->setEnabled(check->isChecked());
    QObject::connect(check, &QCheckBox::toggled, value, &QWidget::setEnabled);
    return row;
}

} // namespace

ChatSettingsDialog::ChatSettingsDialog(const ChatRecord &chat, QWidget *parent)
    : QDialog(parent),
      m_chat(chat),
      m_prompt(new QPlainTextEdit(this)),
      m_useTemperature(new QCheckBox(tr("Set"), this)),
      m_temperature(new QDoubleSpinBox(this)),
      m_useTopP(new QCheckBox(tr("Set"), this)),
      m_topP(new QDoubleSpinBox(this)),
      m_useMaxTokens(new QCheckBox(tr("Set"), this)),
      m_maxTokens(new QSpinBox(this)),
      m_useSeed(new QCheckBox(tr("Set"), this)),
      m_seed(new QSpinBox(this)),
      m_stop(new QLineEdit(this))
{
    setObjectName(QStringLiteral("chatSettings"));
    setWindowTitle(tr("Chat settings"));
    const QJsonObject p = chat.params;
    m_prompt->setObjectName(QStringLiteral("systemPrompt"));
    m_prompt->setAccessibleName(tr("System prompt"));
    m_prompt->setPlaceholderText(tr("Instructions the model gets before the conversation (optional)"));
    m_prompt->setPlainText(chat.systemPrompt);
    m_temperature->setRange(0.0, 2.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setAccessibleName(tr("Temperature"));
    m_useTemperature->setAccessibleName(tr("Set the temperature"));
    m_useTemperature->setChecked(p.value(QStringLiteral("temperature")).isDouble());
    m_temperature->setValue(p.value(QStringLiteral("temperature")).toDouble(0.7));
    m_topP->setRange(0.0, 1.0);
    m_topP->setSingleStep(0.05);
    m_topP->setAccessibleName(tr("Top p"));
    m_useTopP->setAccessibleName(tr("Set top p"));
    m_useTopP->setChecked(p.value(QStringLiteral("top_p")).isDouble());
    m_topP->setValue(p.value(QStringLiteral("top_p")).toDouble(1.0));
    m_maxTokens->setRange(1, 1000000);
    m_maxTokens->setAccessibleName(tr("Maximum answer length in tokens"));
    m_useMaxTokens->setAccessibleName(tr("Limit the answer length"));
    m_useMaxTokens->setChecked(p.value(QStringLiteral("max_tokens")).isDouble());
    m_maxTokens->setValue(p.value(QStringLiteral("max_tokens")).toInt(1024));
    m_seed->setRange(0, 2147483647);
    m_seed->setAccessibleName(tr("Seed"));
    m_useSeed->setAccessibleName(tr("Set a seed"));
    m_useSeed->setChecked(p.value(QStringLiteral("seed")).isDouble());
    m_seed->setValue(p.value(QStringLiteral("seed")).toInt(0));
    m_stop->setAccessibleName(tr("Stop sequences"));
    m_stop->setPlaceholderText(tr("Comma-separated, e.g. END, ###"));
    QStringList stops;
    for (const QJsonValue &v : p.value(QStringLiteral("stop")).toArray())
        stops.append(v.toString());
    m_stop->setText(stops.join(QStringLiteral(", ")));

    auto *form = new QFormLayout;
    form->addRow(tr("System prompt"), m_prompt);
    form->addRow(tr("Temperature"), optionalRow(m_useTemperature, m_temperature, this));
    form->addRow(tr("Top p"), optionalRow(m_useTopP, m_topP, this));
    form->addRow(tr("Maximum tokens"), optionalRow(m_useMaxTokens, m_maxTokens, this));
    form->addRow(tr("Seed"), optionalRow(m_useSeed, m_seed, this));
    form->addRow(tr("Stop sequences"), m_stop);
    m_knowledge = new QListWidget(this);
    m_knowledge->setObjectName(QStringLiteral("chatKnowledge"));
    m_knowledge->setMaximumHeight(110);
    m_knowledge->addItem(tr("Loading\u2026"));
    m_knowledge->setToolTip(
        tr("Each question is searched in the ticked knowledge bases; the answer cites what it used."));
    form->addRow(tr("Knowledge bases"), m_knowledge);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    resize(560, 420);
}

ChatRecord ChatSettingsDialog::result() const
{
    ChatRecord c = m_chat;
    c.systemPrompt = m_prompt->toPlainText().trimmed();
    QJsonObject p = c.params; // keeps "extra" and anything else set elsewhere
    const auto set = [&p](const char *key, bool on, const QJsonValue &value) {
        if (on)
            p.insert(QLatin1String(key), value);
        else
            p.remove(QLatin1String(key));
    };
    set("temperature", m_useTemperature->isChecked(), m_temperature->value());
    set("top_p", m_useTopP->isChecked(), m_topP->value());
    set("max_tokens", m_useMaxTokens->isChecked(), m_maxTokens->value());
    set("seed", m_useSeed->isChecked(), m_seed->value());
    QJsonArray stops;
    for (const QString &s : m_stop->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!s.trimmed().isEmpty())
            stops.append(s.trimmed());
    }
    set("stop", !stops.isEmpty(), stops);
    c.params = p;
    return c;
}

void ChatSettingsDialog::setKnowledge(
    const QStringList &ids, const QStringList &names, const QStringList &attached)
{
    m_knowledge->clear();
    m_knowledgeLoaded = true;
    for (qsizetype i = 0; i < ids.size() && i < names.size(); ++i) {
        auto *item = new QListWidgetItem(names.at(i), m_knowledge);
        item->setData(Qt::UserRole, ids.at(i));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(attached.contains(ids.at(i)) ? Qt::Checked : Qt::Unchecked);
    }
    if (ids.isEmpty()) {
        auto *item = new QListWidgetItem(tr("None yet: create one in the Knowledge pane."), m_knowledge);
        item->setFlags(Qt::NoItemFlags);
    }
}

QStringList ChatSettingsDialog::selectedKnowledge() const
{
    QStringList ids;
    for (int i = 0; i < m_knowledge->count(); ++i) {
        const QListWidgetItem *item = m_knowledge->item(i);
        if (item->checkState() == Qt::Checked)
            ids.append(item->data(Qt::UserRole).toString());
    }
    return ids;
}

} // namespace cairn
