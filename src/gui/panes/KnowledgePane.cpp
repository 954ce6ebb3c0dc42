#include "gui/panes/KnowledgePane.h"

#include "gui/EmptyState.h"
#include "gui/GuiStyle.h"

#include <QVBoxLayout>

namespace cairn {

KnowledgePane::KnowledgePane(QWidget *parent)
    : QWidget(parent),
      m_empty(new EmptyState(GuiStyle::icon(QStringLiteral("knowledge")), tr("No knowledge sources yet"),
          tr("Adding your own documents for Cairn to search offline arrives in a coming version. Nothing has "
             "been imported yet."),
          this))
{
    setObjectName(QStringLiteral("knowledgePane"));
    setAccessibleName(tr("Knowledge"));
    auto *layout = GuiStyle::paneLayout(this, tr("Knowledge"),
        tr("Where you will keep documents that conversations can draw on, "
           "stored encrypted on this computer."));
    layout->addWidget(m_empty, 1);
}

} // namespace cairn
