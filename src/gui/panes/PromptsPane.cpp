#include "gui/panes/PromptsPane.h"

#include "gui/EmptyState.h"
#include "gui/GuiStyle.h"

#include <QVBoxLayout>

namespace cairn {

PromptsPane::PromptsPane(QWidget *parent)
    : QWidget(parent),
      m_empty(new EmptyState(GuiStyle::icon(QStringLiteral("prompts")), tr("No prompts yet"),
          tr("A library of reusable prompts arrives in a coming version of Cairn. No prompt has been saved "
             "yet."),
          this))
{
    setObjectName(QStringLiteral("promptsPane"));
    setAccessibleName(tr("Prompts"));
    auto *layout = GuiStyle::paneLayout(
        this, tr("Prompts"), tr("Where you will keep prompts you use again and again."));
    layout->addWidget(m_empty, 1);
}

} // namespace cairn
