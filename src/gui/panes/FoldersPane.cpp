#include "gui/panes/FoldersPane.h"

#include "gui/EmptyState.h"
#include "gui/GuiStyle.h"

#include <QLabel>
#include <QVBoxLayout>

namespace cairn {

FoldersPane::FoldersPane(QWidget *parent)
    : QWidget(parent),
      m_empty(new EmptyState(GuiStyle::icon(QStringLiteral("folders")), tr("No folders yet"),
          tr("Folders for organising conversations and documents arrive in a coming version of Cairn. No "
             "folder has been created yet."),
          this))
{
    setObjectName(QStringLiteral("foldersPane"));
    setAccessibleName(tr("Folders"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 12);
    layout->setSpacing(4);
    layout->addWidget(GuiStyle::heading(tr("Folders"), this, 1.6));
    layout->addWidget(GuiStyle::note(tr("Where you will group conversations and documents."), this));
    layout->addWidget(m_empty, 1);
}

} // namespace cairn
