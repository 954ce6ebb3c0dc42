#pragma once

#include <QDialog>

namespace cairn {

// Name, version, purpose and the versions of the libraries Cairn runs on.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The component versions as shown (one "name version" per line).
    QString componentsText() const;
};

} // namespace cairn
