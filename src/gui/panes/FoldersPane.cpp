#include "gui/panes/FoldersPane.h"

#include "gui/EmptyState.h"
#include "gui/GuiStyle.h"

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
    auto *layout
        = GuiStyle::paneLayout(this, tr("Folders"), tr("Where you will group conversations and documents."));
    layout->addWidget(m_empty, 1);
}

} // namespace cairn
