#pragma once

#include <QWidget>

namespace cairn {

class EmptyState;

// The Knowledge view. Its feature arrives in a later version; until then it shows an honest empty
// state.
class KnowledgePane : public QWidget
{
    Q_OBJECT
public:
    explicit KnowledgePane(QWidget *parent = nullptr);

    EmptyState *emptyState() const { return m_empty; }

private:
    EmptyState *m_empty;
};

} // namespace cairn
