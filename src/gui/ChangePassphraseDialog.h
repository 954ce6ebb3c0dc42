#pragma once

#include "storage/StoreConfig.h"

#include <QByteArray>
#include <QDialog>

class QLabel;

namespace cairn {

class NewPassphraseFields;

// Asks for a new passphrase (typed twice) before the database is re-keyed.
class ChangePassphraseDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ChangePassphraseDialog(KeyMode currentMode, QWidget *parent = nullptr);

    QByteArray passphrase() const;
    NewPassphraseFields *fields() const { return m_fields; }

protected:
    void showEvent(QShowEvent *event) override;

public Q_SLOTS:
    void accept() override;

private:
    NewPassphraseFields *m_fields;
    QLabel *m_error;
};

} // namespace cairn
