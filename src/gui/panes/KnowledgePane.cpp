#include "gui/panes/KnowledgePane.h"

#include "gui/EmptyState.h"
#include "gui/GuiStyle.h"

#include <QLabel>
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
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 12);
    layout->setSpacing(4);
    layout->addWidget(GuiStyle::heading(tr("Knowledge"), this, 1.6));
    layout->addWidget(GuiStyle::note(tr("Where you will keep documents that conversations can draw on, "
                                        "stored encrypted on this computer."),
        this));
    layout->addWidget(m_empty, 1);
}

} // namespace cairn
