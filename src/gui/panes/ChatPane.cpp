#include "gui/panes/ChatPane.h"

#include "gui/EmptyState.h"
#include "gui/GuiStyle.h"

#include <QVBoxLayout>

namespace cairn {

ChatPane::ChatPane(QWidget *parent)
    : QWidget(parent),
      m_empty(new EmptyState(GuiStyle::icon(QStringLiteral("chat")), tr("No conversations yet"),
          tr("Chatting with language models arrives in a coming version of Cairn. No conversation has been "
             "created yet, and nothing has been sent anywhere."),
          this))
{
    setObjectName(QStringLiteral("chatPane"));
    setAccessibleName(tr("Chat"));
    auto *layout = GuiStyle::paneLayout(this, tr("Chat"),
        tr("Where you will talk with language models, locally or through a provider you choose."));
    layout->addWidget(m_empty, 1);
}

} // namespace cairn
