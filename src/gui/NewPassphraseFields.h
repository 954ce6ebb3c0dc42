#pragma once

#include <QByteArray>
#include <QWidget>

class QLineEdit;

namespace cairn {

// A new passphrase typed twice. problem() says what is wrong with it (empty: fine).
class NewPassphraseFields : public QWidget
{
    Q_OBJECT
public:
    explicit NewPassphraseFields(QWidget *parent = nullptr);

    QString problem() const;
    QByteArray passphrase() const;
    void clear();

    QLineEdit *passphraseEdit() const { return m_passphrase; }
    QLineEdit *confirmEdit() const { return m_confirm; }

Q_SIGNALS:
    void edited();

private:
    QLineEdit *m_passphrase;
    QLineEdit *m_confirm;
};

} // namespace cairn
