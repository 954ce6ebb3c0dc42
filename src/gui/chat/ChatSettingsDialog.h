#pragma once

#include "storage/ChatRepository.h"

#include <QDialog>

class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;

namespace cairn {

// A chat's own system prompt and sampling parameters (each optional: unset means the model's
// default). They are sent with every request of that chat.
class ChatSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ChatSettingsDialog(const ChatRecord &chat, QWidget *parent = nullptr);

    // The chat with the dialog's values applied.
    ChatRecord result() const;

    QPlainTextEdit *systemPromptEdit() const { return m_prompt; }
    QCheckBox *temperatureCheck() const { return m_useTemperature; }
    QDoubleSpinBox *temperatureBox() const { return m_temperature; }
    QCheckBox *maxTokensCheck() const { return m_useMaxTokens; }
    QSpinBox *maxTokensBox() const { return m_maxTokens; }
    QLineEdit *stopEdit() const { return m_stop; }

    // The knowledge bases to choose from and those attached (filled once the backend answers).
    void setKnowledge(const QStringList &ids, const QStringList &names, const QStringList &attached);
    bool knowledgeLoaded() const { return m_knowledgeLoaded; }
    QStringList selectedKnowledge() const;
    QListWidget *knowledgeList() const { return m_knowledge; }

private:
    ChatRecord m_chat;
    QPlainTextEdit *m_prompt;
    QCheckBox *m_useTemperature;
    QDoubleSpinBox *m_temperature;
    QCheckBox *m_useTopP;
    QDoubleSpinBox *m_topP;
    QCheckBox *m_useMaxTokens;
    QSpinBox *m_maxTokens;
    QCheckBox *m_useSeed;
    QSpinBox *m_seed;
    QLineEdit *m_stop;
    QListWidget *m_knowledge;
    bool m_knowledgeLoaded = false;
};

} // namespace cairn
