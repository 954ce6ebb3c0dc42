#pragma once

#include "storage/ChatRepository.h"

#include <QDialog>
#include <QTimer>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;

namespace cairn {

class ChatBackend;

// Ctrl+K: full-text search over every chat as you type (on the backend's thread), with filters
// for folder, tag, model, time and archive; Enter or a double click opens the hit in its chat.
class SearchDialog : public QDialog
{
    Q_OBJECT
public:
    SearchDialog(ChatBackend *backend, QWidget *parent = nullptr);

    QLineEdit *queryEdit() const { return m_query; }
    QListWidget *results() const { return m_results; }
    QComboBox *tagFilter() const { return m_tag; }
    QComboBox *archivedFilter() const { return m_archived; }
    QLineEdit *modelFilter() const { return m_model; }
    SearchQuery currentQuery() const;

Q_SIGNALS:
    void openRequested(const QString &chatId, const QString &messageId);

private:
    void schedule();
    void runSearch();
    void onResults(int requestId, const QList<cairn::SearchHit> &hits);
    void openCurrent();
    bool eventFilter(QObject *watched, QEvent *event) override;

    ChatBackend *m_backend;
    QLineEdit *m_query;
    QComboBox *m_folder;
    QComboBox *m_tag;
    QLineEdit *m_model;
    QCheckBox *m_useDates;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_archived;
    QListWidget *m_results;
    QLabel *m_status;
    QTimer m_debounce;
    int m_requestId = 0;
};

} // namespace cairn
